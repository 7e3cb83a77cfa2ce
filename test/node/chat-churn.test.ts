// A patron and a librarian talking through a network that cuts every connection every half
// second (a train, a lift): every message arrives soon after the network calms down, once, and
// each side's `message` events come in seq order.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createClient, type ChatMessage, type ChatTokenStorage } from '@atrium/sdk';
import { DEMO_LIBRARIAN_PASSWORD, demoLibrarianEmail } from '../../packages/relay/src/demo/librarians.js';
import { type Relay, startRelay } from '../../packages/relay/src/index.js';
import { startFailoverProxy, type FailoverProxy } from '../support/failover-proxy.js';

const MEMBER = 'riverside-library';
/** Messages each side writes while the network flaps. */
const EACH_WAY = 40;
const CUT_EVERY_MS = 500;
/** The promise: everything delivered within this long after the last cut. */
const SETTLE_MS = 15_000;

function memoryStorage(): ChatTokenStorage {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

async function until(check: () => boolean, what: string, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('chat through a network that cuts every connection every half second', () => {
  let relay: Relay;
  let close: () => Promise<void>;
  let proxy: FailoverProxy;
  const cleanups: (() => void)[] = [];

  before(async () => {
    let url: string;
    // Well above what the test sends: the limits are not what this test is about.
    ({ url, relay, close } = await startRelay({
      port: 0,
      host: '127.0.0.1',
      databaseUrl: 'sqlite::memory:',
      demo: true,
      logLevel: 'silent',
      chatRateLimits: { message: { perSession: { limit: 1000 }, perAddress: { limit: 1000 } } },
    }));
    proxy = await startFailoverProxy([Number(new URL(url).port)]);
  });
  after(async () => {
    for (const cleanup of cleanups) cleanup();
    await proxy.close();
    await close();
  });

  it('delivers every message of both sides once, in order, soon after the last cut', { timeout: 90_000 }, async () => {
    // Both sides are on the flaky network.
    const client = createClient({ baseUrl: proxy.url, member: MEMBER });
    const { token, librarian } = await client.auth.login({ email: demoLibrarianEmail(MEMBER), password: DEMO_LIBRARIAN_PASSWORD });
    await relay.chat.setCapacity(librarian.id, 100);
    const desk = await client.console.connect({ token, timeoutMs: 2000 });
    cleanups.push(() => desk.close());
    await desk.setPresence('available');
    const patron = await client.chat.connect({ storage: memoryStorage(), timeoutMs: 2000 });
    cleanups.push(() => patron.close());
    const conversation = await desk.accept(patron.id);

    const heardByPatron: ChatMessage[] = [];
    const heardByLibrarian: ChatMessage[] = [];
    patron.on('message', (message) => heardByPatron.push(message));
    conversation.on('message', (message) => heardByLibrarian.push(message));

    let cuts = 0;
    const cutter = setInterval(() => (cuts += proxy.drop(1)), CUT_EVERY_MS);
    const sent: Promise<ChatMessage>[] = [];
    try {
      // Each side writes a line every 60 ms or so, connected or not; the outbox keeps what waits.
      const write = async (side: 'patron' | 'librarian') => {
        for (let index = 0; index < EACH_WAY; index++) {
          sent.push(side === 'patron' ? patron.send(`patron ${index}`) : conversation.send(`librarian ${index}`));
          await pause(40 + Math.random() * 40);
        }
      };
      await Promise.all([write('patron'), write('librarian')]);
      await pause(CUT_EVERY_MS);
    } finally {
      clearInterval(cutter);
    }
    assert.ok(cuts >= 6, `the network was cut (${cuts} connections)`);

    const everything = 2 * EACH_WAY;
    await until(
      () => heardByPatron.length >= everything && heardByLibrarian.length >= everything,
      `all ${everything} messages on both sides (patron has ${heardByPatron.length}, librarian ${heardByLibrarian.length})`,
      SETTLE_MS,
    );
    const stored = await Promise.all(sent);

    // The relay keeps each message once, under seqs 1..n, and each side's in the order written.
    const { messages } = await relay.chat.resume(patron.id, { role: 'patron', session: patron.session.id }, 0);
    assert.deepEqual(
      messages.map((message) => message.seq),
      Array.from({ length: everything }, (_, index) => index + 1),
    );
    const written = (role: string) => messages.filter((message) => message.from.role === role).map((message) => message.text);
    assert.deepEqual(
      written('patron'),
      Array.from({ length: EACH_WAY }, (_, index) => `patron ${index}`),
    );
    assert.deepEqual(
      written('librarian'),
      Array.from({ length: EACH_WAY }, (_, index) => `librarian ${index}`),
    );
    assert.equal(new Set(stored.map((message) => message.seq)).size, everything, 'each send resolves with its own stored message');

    // Each side saw the whole conversation once, in seq order, with no sorting of its own.
    const seqs = (heard: ChatMessage[]) => heard.map((message) => message.seq);
    assert.deepEqual(seqs(heardByPatron), seqs(messages));
    assert.deepEqual(seqs(heardByLibrarian), seqs(messages));
    assert.equal(patron.pending + conversation.pending, 0);
  });
});
