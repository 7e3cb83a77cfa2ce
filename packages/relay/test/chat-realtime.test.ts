// Live consultation as the widget and the console meet it: a demo relay on port 0, the real
// socket.io-client on /patron and /librarian, demo librarians signed in over HTTP.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { DEMO_LIBRARIAN_PASSWORD, demoLibrarianEmail } from '../src/demo/librarians.js';
import type { Relay } from '../src/index.js';
import { startDemoRelay } from './helpers/demo-relay.js';

type AnyAck = { ok: boolean; error?: { code: string; message: string; details?: { path: string; message: string }[] }; [key: string]: any };

describe('live consultation over Socket.IO', () => {
  let url = '';
  let relay: Relay;
  let close: () => Promise<void>;
  const sockets: Socket[] = [];

  before(async () => {
    ({ url, relay, close } = await startDemoRelay());
  });
  after(async () => {
    for (const socket of sockets) socket.disconnect();
    await close();
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

  function next<T = any>(socket: Socket, event: string, where: (payload: T) => boolean = () => true): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${event} within 5 s`)), 5000);
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
    return payload === undefined ? socket.timeout(5000).emitWithAck(event) : socket.timeout(5000).emitWithAck(event, payload);
  }

  async function patron(member = 'riverside-library', session?: string) {
    const socket = open('/patron', { member, ...(session ? { session } : {}) });
    const issued = next<{ id: string; token: string }>(socket, 'session');
    await connected(socket);
    return { socket, session: await issued };
  }

  async function librarian(member = 'riverside-library') {
    const response = await fetch(`${url}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: demoLibrarianEmail(member), password: DEMO_LIBRARIAN_PASSWORD }),
    });
    assert.equal(response.status, 200);
    const { token, librarian: who } = (await response.json()) as { token: string; librarian: { id: string; name: string } };
    // These tests are about delivery, not capacity (chat-routing.test.ts covers it): room for every chat they accept.
    await relay.chat.setCapacity(who.id, 100);
    const socket = open('/librarian', { token });
    const queue = next<{ items: any[] }>(socket, 'queue:update');
    await connected(socket);
    return { socket, token, who, firstQueue: await queue };
  }

  async function startedChat(context?: object) {
    const p = await patron();
    const started = await call(p.socket, 'chat:start', context ? { context } : {});
    assert.equal(started.ok, true, JSON.stringify(started));
    return { ...p, conversationId: started.conversation.id as string, started };
  }

  it('puts a patron in the queue, lets a librarian accept, and carries messages both ways in seq order', async () => {
    const desk = await librarian();
    const queued = next<{ items: any[] }>(desk.socket, 'queue:update', (u) => u.items.length > 0);
    const patronSide = await patron();
    const place = next<{ conversationId: string; position: number }>(patronSide.socket, 'queue:update');
    const started = await call(patronSide.socket, 'chat:start', {
      context: { pageUrl: 'https://riverside.example.org/catalogue', recordId: 'riverside-library:1' },
    });
    const p = { ...patronSide, started, conversationId: started.conversation.id as string };
    assert.equal(p.started.conversation.status, 'waiting');
    const placed = await place;
    assert.deepEqual([placed.conversationId, placed.position], [p.conversationId, 1], 'the first patron waiting is next in line');
    assert.equal(p.started.session.token, p.session.token);
    const item = (await queued).items.find((i) => i.conversationId === p.conversationId);
    assert.equal(item.member, 'riverside-library');
    assert.deepEqual(item.context, { pageUrl: 'https://riverside.example.org/catalogue', recordId: 'riverside-library:1' });
    assert.ok(Date.parse(item.waitingSince) <= Date.now());

    const first = await call(p.socket, 'chat:message', {
      conversationId: p.conversationId,
      clientId: 'p-1',
      text: 'Do you have large-print editions?',
    });
    assert.equal(first.ok, true);
    assert.equal(first.message.seq, 1);

    const assigned = next(p.socket, 'chat:assigned');
    const accepted = await call(desk.socket, 'chat:accept', { conversationId: p.conversationId });
    assert.equal(accepted.ok, true, JSON.stringify(accepted));
    assert.equal(accepted.conversation.status, 'active');
    assert.deepEqual(
      accepted.messages.map((m: any) => m.text),
      ['Do you have large-print editions?'],
    );
    assert.equal((await assigned).librarian.name, desk.who.name);

    const toPatron = next(p.socket, 'chat:message', (m) => m.from.role === 'librarian');
    const reply = await call(desk.socket, 'chat:message', {
      conversationId: p.conversationId,
      clientId: 'l-1',
      text: 'Yes, at the central branch.',
    });
    assert.equal(reply.message.seq, 2);
    assert.deepEqual(reply.message.from, { role: 'librarian', name: desk.who.name, member: 'riverside-library' });
    assert.equal((await toPatron).seq, 2);

    const toDesk = next(desk.socket, 'chat:message', (m) => m.seq === 3);
    const again = await call(p.socket, 'chat:message', { conversationId: p.conversationId, clientId: 'p-2', text: 'Thank you!' });
    assert.equal(again.message.seq, 3);
    assert.equal((await toDesk).text, 'Thank you!');

    const typing = next(desk.socket, 'chat:typing');
    assert.equal((await call(p.socket, 'chat:typing', { conversationId: p.conversationId, typing: true })).ok, true);
    assert.deepEqual(await typing, { conversationId: p.conversationId, role: 'patron', typing: true });

    const read = next(p.socket, 'chat:read');
    assert.deepEqual(await call(desk.socket, 'chat:read', { conversationId: p.conversationId, seq: 3 }), { ok: true, seq: 3 });
    assert.deepEqual(await read, { conversationId: p.conversationId, role: 'librarian', seq: 3 });
  });

  it('lets exactly one of two librarians accepting at once take the conversation', async () => {
    const one = await librarian('riverside-library');
    const two = await librarian('harbour-museum');
    const { conversationId } = await startedChat();
    const answers = await Promise.all([
      call(one.socket, 'chat:accept', { conversationId }),
      call(two.socket, 'chat:accept', { conversationId }),
    ]);
    assert.equal(answers.filter((a) => a.ok).length, 1);
    const loser = answers.find((a) => !a.ok);
    assert.equal(loser?.error?.code, 'already_taken');
    const loserSocket = answers[0]?.ok ? two.socket : one.socket;
    const refused = await call(loserSocket, 'chat:message', { conversationId, clientId: 'x', text: 'hello' });
    assert.equal(refused.error?.code, 'not_assigned');
  });

  it('stores a resent clientId once and answers with the stored message', async () => {
    const { socket, conversationId } = await startedChat();
    const first = await call(socket, 'chat:message', { conversationId, clientId: 'retry-me', text: 'hello' });
    const second = await call(socket, 'chat:message', { conversationId, clientId: 'retry-me', text: 'hello' });
    assert.deepEqual(second, first);
    const resumed = await call(socket, 'chat:resume', { conversationId, afterSeq: 0 });
    assert.equal(resumed.messages.length, 1);
  });

  it('continues the same conversation in another tab and delivers exactly what was missed while offline', async () => {
    const desk = await librarian();
    const p = await startedChat();
    assert.equal((await call(desk.socket, 'chat:accept', { conversationId: p.conversationId })).ok, true);
    await call(p.socket, 'chat:message', { conversationId: p.conversationId, clientId: 'p-1', text: 'one' });
    const seen = await call(desk.socket, 'chat:message', { conversationId: p.conversationId, clientId: 'l-1', text: 'two' });
    p.socket.disconnect();

    for (const text of ['three', 'four', 'five']) {
      await call(desk.socket, 'chat:message', { conversationId: p.conversationId, clientId: `l-${text}`, text });
    }
    const back = await patron('riverside-library', p.session.token);
    assert.equal(back.session.id, p.session.id, 'the token continues the same session');
    const restarted = await call(back.socket, 'chat:start', {});
    assert.equal(restarted.conversation.id, p.conversationId, 'chat:start continues the open conversation');
    const resumed = await call(back.socket, 'chat:resume', { conversationId: p.conversationId, afterSeq: seen.message.seq });
    assert.deepEqual(
      resumed.messages.map((m: any) => [m.seq, m.text]),
      [
        [3, 'three'],
        [4, 'four'],
        [5, 'five'],
      ],
    );
    assert.equal(resumed.conversation.lastSeq, 5);

    // The new socket is in the conversation's room again: live messages reach it.
    const live = next(back.socket, 'chat:message');
    await call(desk.socket, 'chat:message', { conversationId: p.conversationId, clientId: 'l-six', text: 'six' });
    assert.equal((await live).seq, 6);

    const stranger = await patron();
    const refused = await call(stranger.socket, 'chat:resume', { conversationId: p.conversationId, afterSeq: 0 });
    assert.equal(refused.error?.code, 'not_found', 'another session cannot read the conversation');
    const forged = await patron('riverside-library', 'not-a-token');
    assert.notEqual(forged.session.id, p.session.id);
  });

  it('answers a bad payload for every event with invalid_payload naming the field, and changes nothing', async () => {
    const desk = await librarian();
    const { socket, conversationId } = await startedChat();
    const cases: [Socket, string, unknown, string][] = [
      [socket, 'chat:start', { context: { pageUrl: 42 } }, 'context.pageUrl'],
      [socket, 'chat:message', { conversationId, clientId: 'c', text: '   ' }, 'text'],
      [socket, 'chat:message', { conversationId, text: 'hi' }, 'clientId'],
      [socket, 'chat:typing', { conversationId, typing: 'yes' }, 'typing'],
      [socket, 'chat:read', { conversationId, seq: -1 }, 'seq'],
      [socket, 'chat:end', {}, 'conversationId'],
      [socket, 'chat:resume', { conversationId, afterSeq: 1.5 }, 'afterSeq'],
      [desk.socket, 'chat:accept', { conversationId: 7 }, 'conversationId'],
      [desk.socket, 'presence:set', { status: 'asleep' }, 'status'],
      [desk.socket, 'chat:message', 'not an object', 'payload'],
    ];
    for (const [who, event, payload, field] of cases) {
      const answer = await call(who, event, payload);
      assert.equal(answer.ok, false, event);
      assert.equal(answer.error?.code, 'invalid_payload', event);
      assert.match(answer.error?.message ?? '', new RegExp(`\\b${field.replace('.', '\\.')}\\b`), `${event}: ${answer.error?.message}`);
      assert.ok(
        answer.error?.details?.some((d) => d.path === field),
        `${event}: ${JSON.stringify(answer.error?.details)}`,
      );
    }
    // Without an ack callback the event is ignored: nothing stored, the socket stays.
    socket.emit('chat:message', { conversationId, clientId: 'no-ack', text: 'lost?' });
    const state = await call(socket, 'chat:resume', { conversationId, afterSeq: 0 });
    assert.equal(state.ok, true);
    assert.equal(state.messages.length, 0);
    assert.equal(state.conversation.status, 'waiting');
    assert.ok(socket.connected);
  });

  it('refuses the librarian namespace without a valid token and the patron one for an unknown member', async () => {
    for (const auth of [{}, { token: 'forged.token.here' }]) {
      const error = await connected(open('/librarian', auth)).then(
        () => assert.fail('connected without a valid token'),
        (e: Error) => e,
      );
      assert.equal(error.message, 'unauthorized');
    }
    const unknown = await connected(open('/patron', { member: 'atlantis-library' })).then(
      () => assert.fail('connected for an unknown member'),
      (e: Error) => e,
    );
    assert.match(unknown.message, /no member "atlantis-library"/);
    const missing = await connected(open('/patron', {})).then(
      () => assert.fail('connected without a member'),
      (e: Error) => e,
    );
    assert.match(missing.message, /member/);
  });

  it('stops messages once either side ends the chat', async () => {
    const desk = await librarian();
    const { socket, conversationId } = await startedChat();
    await call(desk.socket, 'chat:accept', { conversationId });
    const deskHears = next(desk.socket, 'chat:end');
    const ended = await call(socket, 'chat:end', { conversationId });
    assert.equal(ended.conversation.status, 'ended');
    assert.equal((await deskHears).endedBy, 'patron');
    for (const who of [socket, desk.socket]) {
      const refused = await call(who, 'chat:message', { conversationId, clientId: 'late', text: 'anyone?' });
      assert.equal(refused.error?.code, 'conversation_ended');
    }
    const fresh = await call(socket, 'chat:start', {});
    assert.notEqual(fresh.conversation.id, conversationId, 'a new chat starts after the last one ended');
  });

  it('stores presence and marks a librarian away when their last socket leaves', async () => {
    const desk = await librarian('eastern-university');
    assert.deepEqual(await call(desk.socket, 'presence:set', { status: 'available' }), { ok: true, status: 'available' });
    assert.equal(await relay.chat.presenceOf(desk.who.id), 'available');
    desk.socket.disconnect();
    const deadline = Date.now() + 5000;
    while ((await relay.chat.presenceOf(desk.who.id)) !== 'away' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.equal(await relay.chat.presenceOf(desk.who.id), 'away');
  });
});
