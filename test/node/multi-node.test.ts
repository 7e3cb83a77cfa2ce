// Two relay nodes sharing PostgreSQL and Redis behind a load balancer: the patron's node dies
// mid-conversation and the patron carries on through the other node; then the same with the
// librarian's node. Nothing lost, nothing doubled, each side's messages in seq order.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { createClient as createRedisClient } from 'redis';
import { createClient, type ChatMessage, type ChatTokenStorage, type QueueItem } from '@atrium/sdk';
import { openStorage } from '../../packages/relay/src/index.js';
import { addLibrarian } from '../../packages/relay/src/domain/staff/librarian-accounts.js';
import { startFailoverProxy, type FailoverProxy } from '../support/failover-proxy.js';
import { startRelayProcess, type RelayProcess } from '../support/relay-process.js';

const PG_URL = process.env.ATRIUM_TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.ATRIUM_TEST_REDIS_URL || 'redis://127.0.0.1:6379';
const MEMBER = 'riverside-library';
const LIBRARIAN = { member: MEMBER, email: 'desk@riverside.example.org', password: 'two nodes, one desk', name: 'Desk' };
/** Messages each side sends before the kill, and from it on (the first of these is in flight at the kill). */
const BEFORE_KILL = 4;
const AFTER_KILL = 8;

async function problemWith(what: string, check: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await check();
    return undefined;
  } catch (error) {
    return `${what}: ${(error as Error).message}`;
  }
}

const problems = (
  await Promise.all([
    problemWith(`PostgreSQL at ${PG_URL}`, async () => {
      const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
      try {
        await client.connect();
        await client.query('select 1');
      } finally {
        await client.end().catch(() => {});
      }
    }),
    problemWith(`Redis at ${REDIS_URL}`, async () => {
      const client = createRedisClient({ url: REDIS_URL, socket: { connectTimeout: 3000, reconnectStrategy: false } });
      client.on('error', () => {});
      await client.connect();
      await client.close();
    }),
  ])
).filter((problem) => problem !== undefined);
if (problems.length > 0 && process.env.CI === 'true') {
  throw new Error(`The two-node test needs PostgreSQL and Redis in CI: ${problems.join('; ')}`);
}
const skip =
  problems.length > 0
    ? `Two-node test skipped (${problems.join('; ')}); set ATRIUM_TEST_PG_URL / ATRIUM_TEST_REDIS_URL or start them`
    : undefined;
if (skip) console.log(skip);

function memoryStorage(): ChatTokenStorage {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

async function until(check: () => boolean, what: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('two relay nodes sharing PostgreSQL and Redis', { skip }, () => {
  const runId = randomBytes(4).toString('hex');
  const schema = `atrium_multinode_${process.pid}_${runId}`;
  const redisPrefix = `atrium-test-${runId}`;
  const env = { DATABASE_URL: PG_URL, DATABASE_SCHEMA: schema, REDIS_URL, REDIS_PREFIX: redisPrefix };
  const nodes: RelayProcess[] = [];
  const proxies: FailoverProxy[] = [];
  const cleanups: (() => void | Promise<void>)[] = [];

  const startNode = async () => {
    const node = await startRelayProcess(env);
    nodes.push(node);
    return node;
  };
  /** A load balancer that sends every new connection to the first of `order` still alive. */
  const balancer = async (...order: RelayProcess[]) => {
    const proxy = await startFailoverProxy(order.map((node) => node.port));
    proxies.push(proxy);
    return proxy;
  };

  before(async () => {
    // The schema is migrated and staffed once, before either node starts, as a deployment would be.
    const storage = await openStorage({ databaseUrl: PG_URL, pgSchema: schema });
    try {
      await storage.catalog.upsertMembers([
        {
          id: MEMBER,
          name: { en: 'Riverside Public Library' },
          kind: 'public-library',
          timezone: 'Europe/London',
          branches: [{ id: 'central', name: { en: 'Central Library' } }],
        },
      ]);
      await addLibrarian(storage, LIBRARIAN);
    } finally {
      await storage.close();
    }
  });

  after(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    for (const proxy of proxies) await proxy.close();
    await Promise.all(nodes.map((node) => node.kill()));
    const db = new pg.Client({ connectionString: PG_URL });
    await db.connect();
    await db.query(`drop schema if exists "${schema}" cascade`).finally(() => db.end());
    const redis = createRedisClient({ url: REDIS_URL });
    redis.on('error', () => {});
    await redis.connect();
    for await (const keys of redis.scanIterator({ MATCH: `${redisPrefix}:*` })) if (keys.length > 0) await redis.del(keys);
    await redis.close();
  });

  /**
   * The patron and the librarian on different nodes, talking both ways; the node of `dies`
   * (the side behind the load balancer) is killed with one message of each side in flight, and
   * that side carries on through the other node.
   */
  async function conversationSurvives(dies: 'patron' | 'librarian'): Promise<void> {
    const [victim, survivor] = await Promise.all([startNode(), startNode()]);
    for (const node of [victim, survivor]) assert.match(node.output(), /"adapter":"redis-streams"/);
    const proxy = await balancer(victim, survivor);
    const direct = survivor.url;
    const staff = createClient({ baseUrl: dies === 'librarian' ? proxy.url : direct, member: MEMBER });
    const { token } = await staff.auth.login({ email: LIBRARIAN.email, password: LIBRARIAN.password });
    const desk = await staff.console.connect({ token, timeoutMs: 3000 });
    cleanups.push(() => desk.close());
    await desk.setPresence('available');
    let queued: QueueItem[] = [];
    desk.on('queue', (items) => void (queued = items));

    const patrons = createClient({ baseUrl: dies === 'patron' ? proxy.url : direct, member: MEMBER });
    const session = await patrons.chat.connect({ storage: memoryStorage(), timeoutMs: 3000 });
    cleanups.push(() => session.close());
    assert.ok(proxy.openConnections().length > 0);
    assert.ok(
      proxy.openConnections().every((port) => port === victim.port),
      `the ${dies} starts on the node that will die`,
    );

    // Broadcasts cross nodes: the queue update, the assignment and the messages before the kill
    // go both ways between them.
    await until(
      () => queued.some((item) => item.conversationId === session.id),
      'the librarian to see the patron of the other node waiting',
    );
    const assigned = new Promise((resolve) => session.on('assigned', resolve));
    const conversation = await desk.accept(session.id);
    await assigned;

    const patronHeard: ChatMessage[] = [];
    const librarianHeard: ChatMessage[] = [];
    session.on('message', (message) => patronHeard.push(message));
    conversation.on('message', (message) => librarianHeard.push(message));

    const patronSent: string[] = [];
    const librarianSent: string[] = [];
    const say = (side: 'patron' | 'librarian', index: number) => {
      const text = `${side} ${index}`;
      (side === 'patron' ? patronSent : librarianSent).push(text);
      return side === 'patron' ? session.send(text) : conversation.send(text);
    };
    // Both sides write one message after another, as people do; each waits for the previous to be stored.
    const talk = async (side: 'patron' | 'librarian', from: number, to: number) => {
      for (let index = from; index < to; index++) {
        await say(side, index);
        await pause(25);
      }
    };

    await Promise.all([talk('patron', 0, BEFORE_KILL), talk('librarian', 0, BEFORE_KILL)]);
    await until(
      () => patronHeard.length === 2 * BEFORE_KILL && librarianHeard.length === 2 * BEFORE_KILL,
      'messages across the two nodes before the kill',
    );

    // Each side's next message is on its way (emitted, not yet acknowledged) when the node dies.
    const total = BEFORE_KILL + AFTER_KILL;
    const talking = [talk('patron', BEFORE_KILL, total), talk('librarian', BEFORE_KILL, total)];
    assert.equal(session.pending + conversation.pending, 2, 'one message of each side in flight');
    await victim.kill('SIGKILL');
    await Promise.all(talking);
    await until(
      () => patronHeard.length >= 2 * total && librarianHeard.length >= 2 * total,
      'every message on both sides after the failover',
    );
    assert.ok(
      proxy.openConnections().every((port) => port === survivor.port),
      `the ${dies} is now on the other node`,
    );

    // The database holds each message once, under seqs 1..n with no gaps.
    const db = new pg.Client({ connectionString: PG_URL });
    await db.connect();
    const stored = await db
      .query<{ seq: number; client_id: string; sender_role: string; text: string }>(
        `select seq, client_id, sender_role, text from "${schema}".chat_messages where conversation_id = $1 order by seq`,
        [session.id],
      )
      .finally(() => db.end());
    assert.deepEqual(
      stored.rows.map((row) => Number(row.seq)),
      Array.from({ length: 2 * total }, (_, index) => index + 1),
    );
    assert.equal(new Set(stored.rows.map((row) => row.client_id)).size, 2 * total);
    const storedBy = (role: string) => stored.rows.filter((row) => row.sender_role === role).map((row) => row.text);
    // Each side's messages are stored in the order they were written.
    assert.deepEqual(storedBy('patron'), patronSent);
    assert.deepEqual(storedBy('librarian'), librarianSent);

    // Each side heard the whole conversation exactly once, in seq order, without sorting.
    const view = (heard: ChatMessage[]) => heard.map((message) => ({ seq: message.seq, text: message.text }));
    const expected = stored.rows.map((row) => ({ seq: Number(row.seq), text: row.text }));
    assert.deepEqual(view(patronHeard), expected);
    assert.deepEqual(view(librarianHeard), expected);
    assert.equal(session.pending, 0);
    assert.equal(conversation.pending, 0);
    await conversation.end();
  }

  it('keeps a conversation whole when the patron’s node is killed mid-conversation', { timeout: 60_000 }, () =>
    conversationSurvives('patron'),
  );

  it('keeps a conversation whole when the librarian’s node is killed mid-conversation', { timeout: 60_000 }, () =>
    conversationSurvives('librarian'),
  );
});
