// Cooperative chat routing: who is offered a waiting chat and when it opens to the consortium,
// capacity, atomic claims, transfers, the team view and the patron's place and wait. The rules
// run on SQLite and PostgreSQL with a clock the tests move; the events run on a demo relay with
// the real socket.io-client.
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import type { QueueItem } from '@atrium/sdk';
import type { DeskLibrarian } from '../src/domain/staff/librarian.js';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { chatCapacity, chatWait } from '../src/cli/chat-routing-command.js';
import { DEMO_LIBRARIAN_PASSWORD, demoLibrarianEmail } from '../src/demo/librarians.js';
import { ChatError } from '../src/domain/chat/chat-error.js';
import { ChatService } from '../src/domain/chat/chat-service.js';
import type { Relay } from '../src/index.js';
import { ChatStore } from '../src/storage/chat-store.js';
import type { Storage } from '../src/storage/index.js';
import { MEMBERS } from './helpers/catalog-fixtures.js';
import { testDatabases } from './helpers/databases.js';
import { startDemoRelay } from './helpers/demo-relay.js';

const T0 = Date.parse('2026-03-02T09:00:00.000Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000);

function refusedWith(code: string) {
  return (error: unknown) => error instanceof ChatError && error.code === code;
}

for (const database of await testDatabases()) {
  describe(`chat routing rules on ${database.name}`, { skip: database.skip }, () => {
    let storage: Storage;
    let chat: ChatService;
    let clock = at(0);
    let sessions = 0;

    async function librarian(id: string, member: string, status?: 'available' | 'busy' | 'away'): Promise<DeskLibrarian> {
      const who: DeskLibrarian = { id, member, email: `${id}@${member}.example.org`, name: `Librarian ${id}` };
      await storage.staff.addLibrarian({ id, member, email: who.email, name: who.name, passwordHash: 'x', createdAt: clock.toISOString() });
      if (status) await chat.setPresence(who, status);
      return who;
    }

    /** A patron of `member` starts a chat at `seconds` past T0. */
    async function waitingChat(member: string, seconds: number, firstWords?: string) {
      clock = at(seconds);
      const session = `session-${++sessions}`;
      const { conversation } = await chat.start(session, member, undefined);
      if (firstWords) await chat.send(conversation.id, { role: 'patron', session }, 'first', firstWords);
      return { id: conversation.id, session, patron: { role: 'patron', session } as const };
    }

    const ids = (items: QueueItem[]) => items.map((item) => item.conversationId);

    beforeEach(async () => {
      storage = await database.open();
      await storage.catalog.upsertMembers(MEMBERS);
      clock = at(0);
      chat = new ChatService(new ChatStore(storage.db), () => clock);
    });
    afterEach(() => storage?.close());

    it("shows a librarian their member's queue first, then chats opened to the consortium, oldest first", async () => {
      await librarian('rosa', 'riverside-library', 'available');
      await librarian('hal', 'harbour-museum', 'available');
      const a = await waitingChat('riverside-library', 0, `  Do you have   large-print editions of ${'the Tang poets '.repeat(12)}`);
      const b = await waitingChat('harbour-museum', 1);
      const c = await waitingChat('riverside-library', 2);
      // Nobody of eastern-university is on duty: its chat opens to everyone at once.
      const d = await waitingChat('eastern-university', 3);

      clock = at(5);
      assert.deepEqual(ids(await chat.queueFor('riverside-library')), [a.id, c.id, d.id]);
      assert.deepEqual(ids(await chat.queueFor('harbour-museum')), [b.id, d.id]);
      const [first] = await chat.queueFor('riverside-library');
      assert.equal(first?.scope, 'member');
      assert.equal(first?.queueMember, 'riverside-library');
      assert.equal(first?.overflowAt, at(30).toISOString(), 'the default wait is 30 s');
      assert.equal(first?.waitingSince, at(0).toISOString());
      assert.equal(first?.preview?.startsWith('Do you have large-print editions of the Tang poets'), true, first?.preview);
      assert.equal(Array.from(first?.preview ?? '').length, 140);
      assert.ok(first?.preview?.endsWith('…'));
      const eastern = (await chat.queueFor('harbour-museum')).find((item) => item.conversationId === d.id);
      assert.equal(eastern?.scope, 'consortium');
      assert.equal(eastern?.overflowAt, undefined);

      // Past 30 s a chat opens to the consortium; c (queued at 2 s) is still riverside's own.
      clock = at(31);
      assert.deepEqual(ids(await chat.queueFor('riverside-library')), [a.id, c.id, b.id, d.id]);
      assert.deepEqual(ids(await chat.queueFor('harbour-museum')), [b.id, a.id, d.id]);
      clock = at(32);
      assert.deepEqual(ids(await chat.queueFor('harbour-museum')), [b.id, a.id, c.id, d.id]);
    });

    it("keeps a chat to its member for the member's own wait, and refuses others with not_offered until then", async () => {
      await librarian('rosa', 'riverside-library', 'available');
      const hal = await librarian('hal', 'harbour-museum', 'available');
      await chat.setWaitSeconds('riverside-library', 90);
      const a = await waitingChat('riverside-library', 0);
      clock = at(89);
      await assert.rejects(chat.accept(a.id, hal), refusedWith('not_offered'));
      assert.deepEqual(ids(await chat.queueFor('harbour-museum')), []);
      assert.equal((await chat.resume(a.id, a.patron, 0)).conversation.status, 'waiting', 'the refusal changed nothing');
      clock = at(90);
      const accepted = await chat.accept(a.id, hal);
      assert.deepEqual(accepted.conversation.librarian, { name: hal.name, member: 'harbour-museum' });
      assert.equal(accepted.conversation.queueMember, 'riverside-library');
    });

    it('opens a chat to the consortium at once when nobody of its member could take it', async () => {
      const rosa = await librarian('rosa', 'riverside-library', 'busy');
      const hal = await librarian('hal', 'harbour-museum', 'available');
      const a = await waitingChat('riverside-library', 0);
      const scopeOf = async () => (await chat.snapshot()).patronPosition(a.id)?.scope;
      assert.equal(await scopeOf(), 'consortium', 'busy is not available');

      await chat.setPresence(rosa, 'available');
      assert.equal(await scopeOf(), 'member', 'back to its own member while one of them is free');

      // Rosa at capacity counts as nobody free.
      await chat.setCapacity(rosa.id, 1);
      const other = await waitingChat('riverside-library', 1);
      await chat.accept(other.id, rosa);
      assert.equal(await scopeOf(), 'consortium');
      assert.deepEqual(ids(await chat.queueFor('harbour-museum')), [a.id]);
      assert.equal((await chat.accept(a.id, hal)).conversation.status, 'active');
    });

    it('lets exactly one of ten librarians accepting at once claim a chat', async () => {
      const desks: DeskLibrarian[] = [];
      for (let i = 0; i < 10; i++) desks.push(await librarian(`desk-${i}`, MEMBERS[i % MEMBERS.length]!.id, 'available'));
      for (let round = 0; round < 3; round++) {
        // Opened to everyone: every desk here is free, but its wait has passed.
        const { id } = await waitingChat('riverside-library', round * 100);
        clock = at(round * 100 + 31);
        const outcomes = await Promise.allSettled(desks.map((desk) => chat.accept(id, desk)));
        const won = outcomes.flatMap((o, i) => (o.status === 'fulfilled' ? [desks[i]!] : []));
        assert.equal(won.length, 1, `round ${round}`);
        for (const outcome of outcomes)
          if (outcome.status === 'rejected') assert.ok(refusedWith('already_taken')(outcome.reason), String(outcome.reason));
        const stored = await chat.participant(id, { role: 'librarian', librarian: won[0]! });
        assert.equal(stored.librarian?.name, won[0]!.name);
      }
    });

    it("refuses at_capacity past a librarian's capacity, even for chats accepted at once", async () => {
      const rosa = await librarian('rosa', 'riverside-library', 'available');
      await chat.setCapacity(rosa.id, 2);
      const chats = [];
      for (let i = 0; i < 5; i++) chats.push(await waitingChat('riverside-library', i));
      const outcomes = await Promise.allSettled(chats.map(({ id }) => chat.accept(id, rosa)));
      assert.equal(outcomes.filter((o) => o.status === 'fulfilled').length, 2);
      for (const outcome of outcomes)
        if (outcome.status === 'rejected') assert.ok(refusedWith('at_capacity')(outcome.reason), String(outcome.reason));
      assert.deepEqual(
        (await chat.presence()).map((p) => [p.id, p.load, p.capacity]),
        [['rosa', 2, 2]],
      );

      const held = chats.filter((_, i) => outcomes[i]?.status === 'fulfilled');
      const waiting = chats.filter((_, i) => outcomes[i]?.status === 'rejected');
      assert.equal((await chat.resume(waiting[0]!.id, waiting[0]!.patron, 0)).conversation.status, 'waiting');
      await chat.end(held[0]!.id, { role: 'librarian', librarian: rosa });
      assert.equal((await chat.accept(waiting[0]!.id, rosa)).conversation.status, 'active');
    });

    it('transfers to a colleague who has room, keeping every message, and refuses the old librarian afterwards', async () => {
      const rosa = await librarian('rosa', 'riverside-library', 'available');
      const hal = await librarian('hal', 'harbour-museum', 'available');
      const away = await librarian('ed', 'eastern-university', 'away');
      const a = await waitingChat('riverside-library', 0, 'Who painted this?');
      await chat.accept(a.id, rosa);
      const asRosa = { role: 'librarian', librarian: rosa } as const;
      await chat.send(a.id, asRosa, 'r1', 'Let me ask the museum.');

      await assert.rejects(chat.transfer(a.id, rosa, { librarianId: away.id }, undefined), refusedWith('librarian_unavailable'));
      await assert.rejects(chat.transfer(a.id, rosa, { librarianId: 'nobody' }, undefined), refusedWith('librarian_unavailable'));
      await assert.rejects(chat.transfer(a.id, rosa, { librarianId: rosa.id }, undefined), refusedWith('invalid_target'));
      await assert.rejects(chat.transfer(a.id, hal, { librarianId: rosa.id }, undefined), refusedWith('not_assigned'));
      await chat.setCapacity(hal.id, 1);
      const busyWith = await waitingChat('harbour-museum', 1);
      await chat.accept(busyWith.id, hal);
      await assert.rejects(chat.transfer(a.id, rosa, { librarianId: hal.id }, undefined), refusedWith('librarian_unavailable'));
      await chat.end(busyWith.id, busyWith.patron);

      const moved = await chat.transfer(a.id, rosa, { librarianId: hal.id }, '  Asks about a painting.  ');
      assert.equal(moved.kind, 'librarian');
      assert.deepEqual(moved.conversation.librarian, { name: hal.name, member: 'harbour-museum' });
      assert.equal(moved.note, 'Asks about a painting.');
      await assert.rejects(chat.send(a.id, asRosa, 'r2', 'still here?'), refusedWith('not_assigned'));
      const history = await chat.resume(a.id, { role: 'librarian', librarian: hal }, 0);
      assert.deepEqual(
        history.messages.map((m) => [m.seq, m.text]),
        [
          [1, 'Who painted this?'],
          [2, 'Let me ask the museum.'],
        ],
      );
      assert.equal(history.conversation.status, 'active');
    });

    it("transfers into another member's queue, which then offers it first to that member with the note", async () => {
      const rosa = await librarian('rosa', 'riverside-library', 'available');
      const ed = await librarian('ed', 'eastern-university', 'available');
      const a = await waitingChat('riverside-library', 0, '靜夜思 in translation?');
      await chat.accept(a.id, rosa);
      clock = at(10);
      await assert.rejects(chat.transfer(a.id, rosa, { member: 'atlantis' }, undefined), refusedWith('unknown_member'));
      const moved = await chat.transfer(a.id, rosa, { member: 'eastern-university' }, 'Tang poetry question');
      assert.equal(moved.kind, 'member');
      assert.equal(moved.conversation.status, 'waiting');
      assert.equal(moved.conversation.queueMember, 'eastern-university');
      assert.equal(moved.conversation.librarian, undefined);
      await assert.rejects(chat.send(a.id, { role: 'librarian', librarian: rosa }, 'r1', 'hello?'), refusedWith('not_assigned'));

      assert.deepEqual(ids(await chat.queueFor('riverside-library')), [], 'kept for eastern-university for its wait');
      const [item] = await chat.queueFor('eastern-university');
      assert.equal(item?.conversationId, a.id);
      assert.equal(item?.member, 'riverside-library');
      assert.equal(item?.queueMember, 'eastern-university');
      assert.equal(item?.waitingSince, at(10).toISOString(), 'its overflow clock starts again');
      assert.deepEqual(item?.transfer, { from: { name: rosa.name, member: 'riverside-library' }, note: 'Tang poetry question' });
      const taken = await chat.accept(a.id, ed);
      assert.deepEqual(
        taken.messages.map((m) => m.text),
        ['靜夜思 in translation?'],
      );
    });

    it('tells a waiting patron their place, who could answer and a wait estimated from recent waits', async () => {
      const rosa = await librarian('rosa', 'riverside-library', 'available');
      const rob = await librarian('rob', 'riverside-library', 'available');
      await librarian('hal', 'harbour-museum', 'available');
      const first = await waitingChat('riverside-library', 0);
      assert.equal((await chat.snapshot()).patronPosition(first.id)?.estimatedWaitSeconds, undefined, 'nothing to go on yet');
      // Recent waits of 10 s, 20 s and 60 s: the median is 20 s.
      const waits = [10, 20, 60];
      for (const [i, wait] of waits.entries()) {
        const { id } = i === 0 ? first : await waitingChat('riverside-library', i * 100);
        clock = at((i === 0 ? 0 : i * 100) + wait);
        await chat.accept(id, i % 2 === 0 ? rosa : rob);
        await chat.end(id, { role: 'librarian', librarian: i % 2 === 0 ? rosa : rob });
      }

      const one = await waitingChat('riverside-library', 1000);
      const two = await waitingChat('riverside-library', 1001);
      const harbour = await waitingChat('harbour-museum', 1002);
      const snapshot = await chat.snapshot();
      assert.deepEqual(snapshot.patronPosition(one.id), {
        conversationId: one.id,
        position: 1,
        estimatedWaitSeconds: 10,
        librariansAvailable: 2,
        scope: 'member',
      });
      assert.equal(snapshot.patronPosition(two.id)?.position, 2);
      assert.equal(snapshot.patronPosition(two.id)?.estimatedWaitSeconds, 20);
      assert.equal(snapshot.patronPosition(harbour.id)?.position, 1, "first in its own member's queue");

      // Overflowed: the best place it holds with any member who has a librarian free.
      clock = at(1032);
      const later = await chat.snapshot();
      assert.deepEqual(
        [later.patronPosition(two.id)?.position, later.patronPosition(two.id)?.scope, later.patronPosition(two.id)?.librariansAvailable],
        [2, 'consortium', 3],
      );
      assert.equal(later.patronPosition(one.id)?.estimatedWaitSeconds, 7, '20 s × 1 / 3 librarians, rounded');
    });

    it('shows and sets the routing settings from the command line, refusing bad values without a change', async () => {
      const rosa = await librarian('rosa', 'riverside-library', 'available');
      const output = { out: [] as string[], err: [] as string[] };
      const sink = { stdout: { write: (t: string) => output.out.push(t) }, stderr: { write: (t: string) => output.err.push(t) } };
      assert.equal(await chatWait(storage, {}, sink), 0);
      assert.match(output.out.join(''), /riverside-library\t30 s/);
      assert.equal(await chatWait(storage, { member: 'riverside-library', seconds: '-5' }, sink), 2);
      assert.equal(await chatWait(storage, { member: 'atlantis', seconds: '10' }, sink), 1);
      assert.equal(await chatWait(storage, { seconds: '10' }, sink), 2);
      assert.match(output.err.join(''), /--seconds: must be a whole number[\s\S]*no member "atlantis"[\s\S]*--member: is required/);
      assert.equal(await chatWait(storage, { member: 'riverside-library', seconds: '45' }, sink), 0);
      const a = await waitingChat('riverside-library', 0);
      assert.equal((await chat.snapshot()).queueFor('riverside-library')[0]?.overflowAt, at(45).toISOString());
      assert.equal(a.id, (await chat.queueFor('riverside-library'))[0]?.conversationId);

      assert.equal(await chatCapacity(storage, { email: rosa.email, chats: '0' }, sink), 2);
      assert.equal(await chatCapacity(storage, { email: 'nobody@example.org', chats: '2' }, sink), 1);
      assert.deepEqual(
        (await chat.presence()).map((p) => p.capacity),
        [3],
        'unchanged by the refusals',
      );
      assert.equal(await chatCapacity(storage, { email: rosa.email, chats: '1' }, sink), 0);
      assert.deepEqual(
        (await chat.presence()).map((p) => p.capacity),
        [1],
      );
      output.out.length = 0;
      assert.equal(await chatCapacity(storage, {}, sink), 0);
      assert.equal(output.out.join(''), `${rosa.email}\triverside-library\t1 at once\n`);
    });
  });
}

type AnyAck = { ok: boolean; error?: { code: string; message: string; details?: { path: string; message: string }[] }; [key: string]: any };

describe('chat routing over Socket.IO', () => {
  let url = '';
  let relay: Relay;
  let close: () => Promise<void>;
  const sockets: Socket[] = [];
  const chats: { socket: Socket; conversationId: string }[] = [];

  before(async () => {
    ({ url, relay, close } = await startDemoRelay());
  });
  after(async () => {
    for (const socket of sockets) socket.disconnect();
    await close();
  });
  afterEach(async () => {
    // Each test starts with nothing waiting and nobody on duty.
    for (const { socket, conversationId } of chats.splice(0)) await call(socket, 'chat:end', { conversationId });
    for (const socket of sockets.splice(0)) socket.disconnect();
    const deadline = Date.now() + 5000;
    while ((await relay.chat.presence()).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  });

  function open(namespace: '/patron' | '/librarian', auth: object): Socket {
    const socket = connectSocket(`${url}${namespace}`, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(socket);
    return socket;
  }

  function connected(socket: Socket): Promise<Socket> {
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', reject);
    });
  }

  function next<T = any>(socket: Socket, event: string, where: (payload: T) => boolean = () => true, ms = 5000): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching ${event} within ${ms} ms`)), ms);
      const listener = (payload: T) => {
        if (!where(payload)) return;
        clearTimeout(timer);
        socket.off(event, listener);
        resolve(payload);
      };
      socket.on(event, listener);
    });
  }

  function call(socket: Socket, event: string, payload?: unknown): Promise<AnyAck> {
    return socket.timeout(5000).emitWithAck(event, payload);
  }

  async function patron(member = 'riverside-library') {
    const socket = open('/patron', { member });
    await connected(socket);
    const started = await call(socket, 'chat:start', {});
    assert.equal(started.ok, true, JSON.stringify(started));
    const chat = { socket, conversationId: started.conversation.id as string };
    chats.push(chat);
    return chat;
  }

  let logins = 0;
  async function librarian(member: string, status?: 'available' | 'busy') {
    // Signed in through the domain with an address of its own, so the login throttle never counts these.
    const { token, librarian: who } = await relay.staffAuth.login(demoLibrarianEmail(member), DEMO_LIBRARIAN_PASSWORD, `test-${++logins}`);
    const socket = open('/librarian', { token });
    const firstQueue = next<{ items: QueueItem[] }>(socket, 'queue:update');
    const firstPresence = next<{ librarians: any[] }>(socket, 'presence:update');
    await connected(socket);
    await Promise.all([firstQueue, firstPresence]);
    if (status) assert.equal((await call(socket, 'presence:set', { status })).ok, true);
    return { socket, who, firstPresence: await firstPresence };
  }

  it('pushes presence with load and capacity to every librarian, leaving out those away', async () => {
    const rosa = await librarian('riverside-library', 'available');
    const heard = next<{ librarians: any[] }>(rosa.socket, 'presence:update', (u) =>
      u.librarians.some((l) => l.member === 'harbour-museum'),
    );
    const hal = await librarian('harbour-museum', 'available');
    const team = await heard;
    assert.deepEqual(
      team.librarians.map((l) => [l.member, l.status, l.load, l.capacity]),
      [
        ['harbour-museum', 'available', 0, 3],
        ['riverside-library', 'available', 0, 3],
      ],
    );
    assert.equal(team.librarians.find((l) => l.member === 'harbour-museum')?.id, hal.who.id);
    assert.equal(team.librarians.find((l) => l.member === 'harbour-museum')?.name, hal.who.name);

    const { conversationId } = await patron();
    const loaded = next<{ librarians: any[] }>(hal.socket, 'presence:update', (u) => u.librarians.some((l) => l.load === 1));
    assert.equal((await call(rosa.socket, 'chat:accept', { conversationId })).ok, true);
    assert.equal((await loaded).librarians.find((l) => l.id === rosa.who.id)?.load, 1);

    const gone = next<{ librarians: any[] }>(hal.socket, 'presence:update', (u) => !u.librarians.some((l) => l.id === rosa.who.id));
    rosa.socket.disconnect();
    assert.deepEqual(
      (await gone).librarians.map((l) => l.id),
      [hal.who.id],
      'away once the last console closes',
    );
  });

  it('pushes the queue when a chat overflows by time, to the consortium and to the patron', async () => {
    await relay.chat.setWaitSeconds('harbour-museum', 1);
    try {
      await librarian('harbour-museum', 'available');
      const rosa = await librarian('riverside-library', 'available');
      const opened = next<{ items: QueueItem[] }>(
        rosa.socket,
        'queue:update',
        (u) => u.items.some((i) => i.member === 'harbour-museum'),
        3000,
      );
      const p = await patron('harbour-museum');
      const refused = await call(rosa.socket, 'chat:accept', { conversationId: p.conversationId });
      assert.equal(refused.error?.code, 'not_offered');
      const told = next(p.socket, 'queue:update', (u: any) => u.scope === 'consortium', 3000);
      const item = (await opened).items.find((i) => i.conversationId === p.conversationId);
      assert.equal(item?.scope, 'consortium');
      assert.equal(item?.queueMember, 'harbour-museum');
      assert.equal((await told).librariansAvailable, 2);
      assert.equal((await call(rosa.socket, 'chat:accept', { conversationId: p.conversationId })).ok, true);
    } finally {
      await relay.chat.setWaitSeconds('harbour-museum', 30);
    }
  });

  it('refuses a librarian at capacity with at_capacity', async () => {
    const ed = await librarian('eastern-university', 'available');
    await relay.chat.setCapacity(ed.who.id, 1);
    try {
      const one = await patron('eastern-university');
      const two = await patron('eastern-university');
      assert.equal((await call(ed.socket, 'chat:accept', { conversationId: one.conversationId })).ok, true);
      const refused = await call(ed.socket, 'chat:accept', { conversationId: two.conversationId });
      assert.equal(refused.error?.code, 'at_capacity');
      await call(ed.socket, 'chat:end', { conversationId: one.conversationId });
    } finally {
      await relay.chat.setCapacity(ed.who.id, 3);
    }
  });

  it('transfers to a named colleague: the patron and the colleague are told, messages stay, the sender is out', async () => {
    const rosa = await librarian('riverside-library', 'available');
    const hal = await librarian('harbour-museum', 'available');
    const p = await patron();
    await call(p.socket, 'chat:message', { conversationId: p.conversationId, clientId: 'p1', text: 'Is the Turner on show?' });
    assert.equal((await call(rosa.socket, 'chat:accept', { conversationId: p.conversationId })).ok, true);
    await call(rosa.socket, 'chat:message', { conversationId: p.conversationId, clientId: 'r1', text: 'Passing you to the museum.' });

    const patronTold = next(p.socket, 'chat:assigned', (a: any) => a.transferred === true);
    const halTold = next(hal.socket, 'chat:assigned');
    const moved = await call(rosa.socket, 'chat:transfer', {
      conversationId: p.conversationId,
      to: { librarianId: hal.who.id },
      note: 'Turner question',
    });
    assert.equal(moved.ok, true, JSON.stringify(moved));
    assert.deepEqual(moved.conversation.librarian, { name: hal.who.name, member: 'harbour-museum' });
    assert.deepEqual(await patronTold, {
      conversationId: p.conversationId,
      librarian: { name: hal.who.name, member: 'harbour-museum' },
      transferred: true,
    });
    assert.deepEqual((await halTold).transfer, { from: { name: rosa.who.name, member: 'riverside-library' }, note: 'Turner question' });

    const history = await call(hal.socket, 'chat:resume', { conversationId: p.conversationId, afterSeq: 0 });
    assert.deepEqual(
      history.messages.map((m: any) => m.text),
      ['Is the Turner on show?', 'Passing you to the museum.'],
    );
    const toHal = next(hal.socket, 'chat:message', (m: any) => m.clientId === 'p2');
    await call(p.socket, 'chat:message', { conversationId: p.conversationId, clientId: 'p2', text: 'Thanks!' });
    assert.equal((await toHal).seq, 3, 'the colleague hears the patron live');
    const refused = await call(rosa.socket, 'chat:message', { conversationId: p.conversationId, clientId: 'r2', text: 'still me?' });
    assert.equal(refused.error?.code, 'not_assigned');
  });

  it("transfers into another member's queue: the patron is told, that member's librarians see it with the note", async () => {
    const rosa = await librarian('riverside-library', 'available');
    const ed = await librarian('eastern-university', 'available');
    const p = await patron();
    await call(p.socket, 'chat:message', { conversationId: p.conversationId, clientId: 'p1', text: 'A Tang poem, please' });
    await call(rosa.socket, 'chat:accept', { conversationId: p.conversationId });
    const patronTold = next(p.socket, 'chat:transferred');
    const edSees = next<{ items: QueueItem[] }>(ed.socket, 'queue:update', (u) =>
      u.items.some((i) => i.conversationId === p.conversationId),
    );
    const moved = await call(rosa.socket, 'chat:transfer', {
      conversationId: p.conversationId,
      to: { member: 'eastern-university' },
      note: 'Poetry',
    });
    assert.equal(moved.ok, true, JSON.stringify(moved));
    assert.equal(moved.conversation.status, 'waiting');
    assert.deepEqual(await patronTold, { conversationId: p.conversationId, queueMember: 'eastern-university' });
    const item = (await edSees).items.find((i) => i.conversationId === p.conversationId);
    assert.deepEqual(
      [item?.queueMember, item?.scope, item?.preview, item?.transfer?.note],
      ['eastern-university', 'member', 'A Tang poem, please', 'Poetry'],
    );

    const assigned = next(p.socket, 'chat:assigned');
    const taken = await call(ed.socket, 'chat:accept', { conversationId: p.conversationId });
    assert.equal(taken.ok, true);
    assert.deepEqual(
      taken.messages.map((m: any) => m.text),
      ['A Tang poem, please'],
    );
    assert.equal((await assigned).librarian.member, 'eastern-university');
    assert.equal(
      (await call(rosa.socket, 'chat:message', { conversationId: p.conversationId, clientId: 'r1', text: 'hi' })).error?.code,
      'not_assigned',
    );
  });

  it('answers a bad chat:transfer with invalid_payload naming the field, and changes nothing', async () => {
    const rosa = await librarian('riverside-library', 'available');
    const p = await patron();
    await call(rosa.socket, 'chat:accept', { conversationId: p.conversationId });
    const cases: [unknown, string][] = [
      [{ to: { member: 'eastern-university' } }, 'conversationId'],
      [{ conversationId: p.conversationId }, 'to'],
      [{ conversationId: p.conversationId, to: { member: 'eastern-university' }, note: 'x'.repeat(1001) }, 'note'],
      [{ conversationId: p.conversationId, to: { librarianId: '' } }, 'to'],
    ];
    for (const [payload, field] of cases) {
      const answer = await call(rosa.socket, 'chat:transfer', payload);
      assert.equal(answer.ok, false);
      assert.equal(answer.error?.code, 'invalid_payload');
      assert.match(answer.error?.message ?? '', new RegExp(`\\b${field}\\b`), answer.error?.message);
    }
    const state = await call(rosa.socket, 'chat:resume', { conversationId: p.conversationId, afterSeq: 0 });
    assert.equal(state.conversation.status, 'active');
    assert.equal(state.conversation.librarian.member, 'riverside-library');
    assert.equal(state.conversation.queueMember, 'riverside-library');
  });
});
