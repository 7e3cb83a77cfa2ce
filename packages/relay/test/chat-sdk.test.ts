// The SDK's live consultation against a demo relay: a patron chat and a librarian desk as a
// developer's app uses them, including a dropped connection that socket.io-client restores.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Socket } from 'socket.io';
import { ChatRefusedError, createClient, type AtriumClient, type ChatMessage, type ChatTokenStorage } from '@atrium/sdk';
import { DEMO_LIBRARIAN_PASSWORD, demoLibrarianEmail } from '../src/demo/librarians.js';
import type { Relay } from '../src/index.js';
import { startDemoRelay } from './helpers/demo-relay.js';

function memoryStorage(): ChatTokenStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return { items, getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value) };
}

async function until(check: () => boolean | Promise<boolean>, what: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('live consultation through the SDK', () => {
  let relay: Relay;
  let close: () => Promise<void>;
  let client: AtriumClient;
  const closers: (() => void)[] = [];

  before(async () => {
    let url: string;
    // Every test here is one address starting chats and sending more a minute than any patron
    // would; the limits have their own tests (chat-safety), and a refusal here would read as a delay.
    ({ url, relay, close } = await startDemoRelay({
      chatRateLimits: { start: { perAddress: { limit: 10_000 } }, message: { perAddress: { limit: 10_000 } } },
    }));
    client = createClient({ baseUrl: url, member: 'riverside-library' });
  });
  after(async () => {
    for (const closeOne of closers) closeOne();
    await close();
  });

  async function desk(member = 'riverside-library') {
    const { token, librarian } = await client.auth.login({ email: demoLibrarianEmail(member), password: DEMO_LIBRARIAN_PASSWORD });
    // These tests leave chats open; capacity is chat-routing.test.ts's subject, not theirs.
    await relay.chat.setCapacity(librarian.id, 100);
    const opened = await client.console.connect({ token });
    closers.push(() => opened.close());
    return opened;
  }

  async function chat(storage = memoryStorage()) {
    const opened = await client.chat.connect({ storage, context: { pageUrl: 'https://riverside.example.org/' } });
    closers.push(() => opened.close());
    return opened;
  }

  it('connects a patron and a librarian and carries messages both ways', async () => {
    const librarian = await desk();
    const queued = new Promise<void>((resolve) => librarian.on('queue', (items) => items.length > 0 && resolve()));
    const session = await chat();
    await queued;
    assert.ok(librarian.queue.some((item) => item.conversationId === session.id));
    assert.equal(session.state.status, 'waiting');

    const patronHeard: ChatMessage[] = [];
    session.on('message', (message) => patronHeard.push(message));
    const assigned = new Promise((resolve) => session.on('assigned', resolve));
    const question = await session.send('Is the reading room open on Sunday?');
    assert.equal(question.seq, 1);

    await librarian.setPresence('available');
    const conversation = await librarian.accept(session.id);
    assert.deepEqual(
      conversation.history.map((m) => m.text),
      ['Is the reading room open on Sunday?'],
    );
    assert.equal(((await assigned) as { member: string }).member, 'riverside-library');

    const librarianHeard: ChatMessage[] = [];
    conversation.on('message', (message) => librarianHeard.push(message));
    const answer = await conversation.send('Yes, from noon.');
    assert.equal(answer.seq, 2);
    const thanks = await session.send('Thanks!');
    assert.equal(thanks.seq, 3);
    await until(() => librarianHeard.length === 2 && patronHeard.length === 3, 'both sides to hear every message');
    assert.deepEqual(
      patronHeard.map((m) => m.seq),
      [1, 2, 3],
    );
    assert.deepEqual(
      librarianHeard.map((m) => m.seq),
      [2, 3],
    );
  });

  it('continues the conversation in another tab with the kept token, history included', async () => {
    const storage = memoryStorage();
    const first = await chat(storage);
    await first.send('first tab');
    assert.ok(storage.items.get('atrium:chat-session:riverside-library'), 'the session token is kept');
    const second = await chat(storage);
    assert.equal(second.id, first.id);
    assert.equal(second.session.id, first.session.id);
    assert.deepEqual(
      second.history.map((m) => m.text),
      ['first tab'],
    );
    const other = await chat(memoryStorage());
    assert.notEqual(other.id, first.id, 'a different visitor gets a conversation of their own');
  });

  it('knows a waiting patron’s place in line as soon as a reloaded page has connected', async () => {
    const storage = memoryStorage();
    const first = await chat(storage);
    await until(() => first.queuePosition !== undefined, 'the first page to learn its place in line');
    const reloaded = await chat(storage);
    assert.equal(reloaded.id, first.id);
    assert.equal(reloaded.state.status, 'waiting');
    assert.deepEqual(reloaded.queuePosition, first.queuePosition);
    assert.equal(reloaded.queuePosition?.conversationId, first.id);
    // Nothing left waiting for the tests after this one.
    await reloaded.end();
    first.close();
    reloaded.close();
  });

  it('forgets the place in line once a librarian answers, and after a transfer until the new line reports one', async () => {
    const librarian = await desk();
    const session = await chat();
    await until(() => session.queuePosition !== undefined, 'a place in line');
    const stale = session.queuePosition;
    const assigned = new Promise((resolve) => session.on('assigned', resolve));
    await librarian.setPresence('available');
    const conversation = await librarian.accept(session.id);
    await assigned;
    assert.equal(session.queuePosition, undefined);
    // What the page would render when told of the transfer, before the new line reports.
    const transferred = new Promise((resolve) => session.on('transferred', () => resolve(session.queuePosition)));
    const positions: unknown[] = [];
    session.on('queue', (queue) => positions.push(queue));
    await conversation.transfer({ member: 'eastern-university' });
    assert.equal(await transferred, undefined, 'no place in line at the transfer');
    // Waiting again, in eastern-university's line: only a place that line reported.
    assert.equal(session.state.status, 'waiting');
    assert.notEqual(session.queuePosition, stale, 'not the place in the first line');
    assert.equal(session.queuePosition, positions.at(-1));
    await session.end();
  });

  it('after a dropped connection delivers exactly the missed messages once and sends what was written offline', async () => {
    const librarian = await desk();
    const session = await chat();
    const conversation = await librarian.accept(session.id);
    const heard: number[] = [];
    session.on('message', (message) => heard.push(message.seq));
    await conversation.send('before the drop');
    await until(() => heard.length === 1, 'the first message');

    const patrons = relay.io.of('/patron');
    const before = patrons.sockets.size;
    for (const socket of patrons.sockets.values()) {
      if ([...socket.rooms].includes(`conversation:${session.id}`)) socket.conn.close();
    }
    await until(() => patrons.sockets.size < before, 'the relay to notice the drop');
    for (const text of ['missed one', 'missed two', 'missed three']) await conversation.send(text);
    const offline = session.send('written while offline');

    const stored = await offline;
    assert.ok(stored.seq > 4);
    await until(() => heard.length === 5, 'the missed messages and the offline one');
    assert.deepEqual(heard, [1, 2, 3, 4, 5]);
    assert.equal(session.lastSeq, 5);
    assert.equal(session.pending, 0);
    const all = await relay.chat.resume(session.id, { role: 'patron', session: session.session.id }, 0);
    assert.deepEqual(
      all.messages.map((m) => m.text),
      ['before the drop', 'missed one', 'missed two', 'missed three', 'written while offline'],
    );
  });

  it('holds back a message that arrives past a gap until the gap is filled, so messages come in seq order', async () => {
    const librarian = await desk();
    const session = await chat();
    const conversation = await librarian.accept(session.id);
    const heard: string[] = [];
    session.on('message', (message) => heard.push(`${message.seq} ${message.text}`));
    await conversation.send('one');
    await until(() => heard.length === 1, 'the first message');
    // Stored without a broadcast, as when the node that stored it died before broadcasting.
    await relay.chat.send(session.id, { role: 'patron', session: session.session.id }, 'from-a-dead-node', 'two');
    await conversation.send('three');
    await until(() => heard.length === 3, 'the message past the gap and the one in it');
    assert.deepEqual(heard, ['1 one', '2 two', '3 three']);
    assert.equal(session.lastSeq, 3);
  });

  it('sends what waited after a reconnect even when every resume is cut off', async () => {
    const librarian = await desk();
    const session = await chat();
    await librarian.accept(session.id);
    const patrons = relay.io.of('/patron');
    const ours = () => [...patrons.sockets.values()].filter((socket) => socket.rooms.has(`conversation:${session.id}`));
    // From now on, the connection drops the moment it asks for what it missed.
    const onConnection = (socket: Socket) => socket.use(([event], next) => (event === 'chat:resume' ? socket.conn.close() : next()));
    patrons.on('connection', onConnection);
    let state = 'connected';
    session.on('connection', (now) => (state = now));
    try {
      for (const socket of ours()) socket.conn.close();
      await until(() => state === 'reconnecting', 'the patron to notice the drop');
      const offline = session.send('written while the connection flaps');
      const stored = async () =>
        (await relay.chat.resume(session.id, { role: 'patron', session: session.session.id }, 0)).messages.some(
          (message) => message.text === 'written while the connection flaps',
        );
      await until(stored, 'the message to be stored although no resume succeeds', 8000);
      void offline.catch(() => {});
    } finally {
      patrons.off('connection', onConnection);
    }
  });

  it('tells the page when the connection drops and when it is back, and nothing when the page closes it', async () => {
    const session = await chat();
    const states: string[] = [];
    session.on('connection', (state) => states.push(state));
    for (const socket of relay.io.of('/patron').sockets.values()) {
      if ([...socket.rooms].includes(`conversation:${session.id}`)) socket.conn.close();
    }
    await until(() => states.length === 2, 'reconnecting, then connected');
    assert.deepEqual(states, ['reconnecting', 'connected']);
    session.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.deepEqual(states, ['reconnecting', 'connected'], 'closing is not a lost connection');
  });

  it('gives a conversation to one of two librarians accepting at once', async () => {
    const one = await desk('riverside-library');
    const two = await desk('eastern-university');
    const session = await chat();
    const outcomes = await Promise.allSettled([one.accept(session.id), two.accept(session.id)]);
    assert.equal(outcomes.filter((o) => o.status === 'fulfilled').length, 1);
    const lost = outcomes.find((o) => o.status === 'rejected');
    assert.ok(lost?.status === 'rejected' && lost.reason instanceof ChatRefusedError && lost.reason.code === 'already_taken');
  });

  it('ends a chat for both sides and refuses messages afterwards', async () => {
    const librarian = await desk();
    const session = await chat();
    const conversation = await librarian.accept(session.id);
    const patronTold = new Promise((resolve) => session.on('ended', resolve));
    await conversation.end();
    assert.equal(((await patronTold) as { endedBy: string }).endedBy, 'librarian');
    assert.equal(session.state.status, 'ended');
    await assert.rejects(session.send('hello?'), (e: unknown) => e instanceof ChatRefusedError && e.code === 'conversation_ended');
  });

  it('refuses a desk with a bad token', async () => {
    await assert.rejects(
      client.console.connect({ token: 'not-a-token' }),
      (e: unknown) => e instanceof ChatRefusedError && e.code === 'unauthorized',
    );
  });
});
