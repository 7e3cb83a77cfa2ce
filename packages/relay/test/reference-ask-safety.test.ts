// Asking a question safely, on SQLite and PostgreSQL: an Idempotency-Key makes a retry return
// the first question instead of filing a second (over HTTP and through the SDK after a lost
// answer); rate limits per address and per member refuse with 429 and Retry-After and store
// nothing; several relay nodes sharing Redis count the same questions.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createClient } from '@atrium/sdk';
import { sql } from 'kysely';
import { createClient as createRedisClient } from 'redis';
import { loadConfig } from '../src/config.js';
import { type Relay, type RelayConfigInput, startRelay } from '../src/index.js';
import { MEMBERS } from './helpers/catalog-fixtures.js';
import { testDatabases } from './helpers/databases.js';
import { REDIS_URL, skipWithoutRedis } from './helpers/redis.js';

const RIVERSIDE = 'riverside-library';
const EASTERN = 'eastern-university';
const MUSEUM = 'harbour-museum';

const LIMITS: RelayConfigInput['questionRateLimits'] = {
  perAddress: { limit: 2, windowSeconds: 600 },
  perMember: { limit: 6, windowSeconds: 3600 },
};

/** A created question or a problem, as the relay answered. */
interface Reply {
  status: number;
  headers: Headers;
  body: {
    id: string;
    token: string;
    status: string | number;
    code: string;
    detail: string;
    errors: Array<{ path: string; message: string }>;
  };
}

/** POST /v1/questions from `address` (the relay trusts X-Forwarded-For), with an optional key. */
async function ask(url: string, address: string, question: object, key?: string): Promise<Reply> {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-forwarded-for': address };
  if (key !== undefined) headers['idempotency-key'] = key;
  const response = await fetch(`${url}/v1/questions`, { method: 'POST', headers, body: JSON.stringify(question) });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

async function storedWithText(relay: Relay, text: string): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from questions where text = ${text}`.execute(relay.storage.db);
  return Number(rows[0]!.n);
}

for (const database of await testDatabases()) {
  describe(`asking a question safely on ${database.name}`, { skip: database.skip }, () => {
    let url = '';
    let relay: Relay;
    let close: () => Promise<void> = async () => {};

    before(async () => {
      ({ url, relay, close } = await database.startRelay({ trustProxy: true, questionRateLimits: LIMITS }));
      await relay.storage.catalog.upsertMembers(MEMBERS);
    });
    after(() => close());

    it('answers a retry with the same Idempotency-Key with the first question, and files it once', async () => {
      const text = `Do you lend telescopes? ${randomUUID()}`;
      const question = { member: RIVERSIDE, text, patron: { name: 'Ivy' } };
      const key = randomUUID();
      const first = await ask(url, '198.51.100.10', question, key);
      assert.equal(first.status, 201, JSON.stringify(first.body));
      assert.equal(first.headers.get('idempotent-replayed'), null);
      const retries = await Promise.all([1, 2, 3].map(() => ask(url, '198.51.100.10', question, key)));
      for (const retry of retries) {
        assert.equal(retry.status, 201, JSON.stringify(retry.body));
        assert.deepEqual(retry.body, first.body, 'the same id, token and status');
        assert.equal(retry.headers.get('idempotent-replayed'), 'true');
      }
      assert.equal(await storedWithText(relay, text), 1);

      const read = await fetch(`${url}/v1/questions/${first.body.id}?token=${first.body.token}`);
      assert.equal(read.status, 200, 'the replayed token opens the question');
    });

    it('refuses the same key with another question (422) and a malformed key (400), storing nothing', async () => {
      const key = randomUUID();
      const text = `First question ${randomUUID()}`;
      assert.equal((await ask(url, '198.51.100.11', { member: RIVERSIDE, text }, key)).status, 201);
      const otherText = `Another question ${randomUUID()}`;
      const reused = await ask(url, '198.51.100.11', { member: RIVERSIDE, text: otherText }, key);
      assert.equal(reused.status, 422);
      assert.equal(reused.headers.get('content-type'), 'application/problem+json; charset=utf-8');
      assert.equal(reused.body.code, 'idempotency_key_reused');
      const badKey = await ask(url, '198.51.100.11', { member: RIVERSIDE, text: otherText }, 'short');
      assert.equal(badKey.status, 400);
      assert.equal(badKey.body.errors[0]!.path, 'Idempotency-Key');
      assert.equal(await storedWithText(relay, otherText), 0);
    });

    it('refuses a question over the per-address limit with 429 and Retry-After, and stores nothing', async () => {
      const address = '198.51.100.20';
      for (const n of [1, 2])
        assert.equal((await ask(url, address, { member: MUSEUM, text: `Museum question ${n} ${randomUUID()}` })).status, 201);
      const text = `One question too many ${randomUUID()}`;
      const key = randomUUID();
      const refused = await ask(url, address, { member: MUSEUM, text }, key);
      assert.equal(refused.status, 429, JSON.stringify(refused.body));
      assert.equal(refused.headers.get('content-type'), 'application/problem+json; charset=utf-8');
      assert.equal(refused.body.code, 'rate_limited');
      const retryAfter = Number(refused.headers.get('retry-after'));
      assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 600, `Retry-After ${refused.headers.get('retry-after')}`);
      assert.match(refused.body.detail, /Too many questions from this network.*not sent\. Try again in \d+ (seconds?|minutes)\./);
      assert.equal(await storedWithText(relay, text), 0);

      // The refusal kept nothing under its key: the same request from elsewhere is filed.
      const elsewhere = await ask(url, '198.51.100.21', { member: MUSEUM, text }, key);
      assert.equal(elsewhere.status, 201, JSON.stringify(elsewhere.body));
      assert.equal(elsewhere.headers.get('idempotent-replayed'), null);
      assert.equal(await storedWithText(relay, text), 1);
    });

    it('does not count a retry answered from its key, nor a refused request, against the limit', async () => {
      const address = '198.51.100.30';
      const question = { member: RIVERSIDE, text: `Counted once ${randomUUID()}` };
      const key = randomUUID();
      assert.equal((await ask(url, address, question, key)).status, 201);
      for (const _ of [1, 2, 3]) assert.equal((await ask(url, address, question, key)).status, 201);
      // Refused before anything is counted: bad input and an unknown member.
      assert.equal((await ask(url, address, { member: RIVERSIDE, text: '' })).status, 400);
      const unknown = await ask(url, address, { member: 'atlantis-library', text: 'Hello?' });
      assert.equal(unknown.status, 422);
      assert.equal(unknown.body.errors[0]!.path, 'member');
      assert.equal((await ask(url, address, { member: RIVERSIDE, text: `Second ${randomUUID()}` })).status, 201);
      assert.equal((await ask(url, address, { member: RIVERSIDE, text: `Third ${randomUUID()}` })).status, 429);
    });

    it('refuses more questions to one member than its limit, from any address', async () => {
      for (const n of [0, 1, 2, 3, 4, 5]) {
        const asked = await ask(url, `198.51.100.${40 + n}`, { member: EASTERN, text: `Eastern question ${n} ${randomUUID()}` });
        assert.equal(asked.status, 201, JSON.stringify(asked.body));
      }
      const text = `A flood ${randomUUID()}`;
      const refused = await ask(url, '198.51.100.46', { member: EASTERN, text });
      assert.equal(refused.status, 429);
      assert.equal(refused.body.code, 'rate_limited');
      assert.match(refused.body.detail, /eastern-university is receiving more questions/);
      assert.ok(Number(refused.headers.get('retry-after')) >= 1);
      assert.equal(await storedWithText(relay, text), 0);
    });

    it('sends a key with client.questions.ask, so a retry after a lost answer files the question once', async () => {
      const keys: string[] = [];
      let lost = false;
      // The relay gets the request and answers, but the answer never arrives: the SDK retries.
      const flakyFetch: typeof fetch = async (input, init) => {
        keys.push(new Headers(init?.headers).get('idempotency-key') ?? '');
        const response = await fetch(input, {
          ...init,
          headers: { ...(init?.headers as Record<string, string>), 'x-forwarded-for': '198.51.100.50' },
        });
        if (!lost) {
          lost = true;
          await response.body?.cancel();
          throw new TypeError('fetch failed: connection reset');
        }
        return response;
      };
      const client = createClient({ baseUrl: url, member: RIVERSIDE, fetch: flakyFetch });
      const text = `Asked over a bad connection ${randomUUID()}`;
      const asked = await client.questions.ask({ text });
      assert.equal(keys.length, 2);
      assert.match(keys[0]!, /^[0-9a-f-]{36}$/);
      assert.equal(keys[1], keys[0], 'the retry carries the same key');
      assert.equal(await storedWithText(relay, text), 1);
      assert.equal((await client.questions.get(asked.id, asked.token)).text, text);
    });
  });
}

describe('question rate limit settings', () => {
  it('has defaults, takes QUESTION_RATE_LIMITS from the environment, and names what is wrong', () => {
    const defaults = loadConfig({}, {});
    assert.deepEqual(defaults.questionRateLimits, {
      perAddress: { limit: 5, windowSeconds: 600 },
      perMember: { limit: 100, windowSeconds: 3600 },
    });
    const fromEnv = loadConfig({}, { QUESTION_RATE_LIMITS: '{"perAddress":{"limit":20}}' });
    assert.deepEqual(fromEnv.questionRateLimits.perAddress, { limit: 20, windowSeconds: 600 }, 'what is not given keeps its default');
    assert.throws(() => loadConfig({}, { QUESTION_RATE_LIMITS: '{oops' }), /QUESTION_RATE_LIMITS: must be JSON, e\.g\. \{"perAddress"/);
    assert.throws(
      () => loadConfig({}, { QUESTION_RATE_LIMITS: '{"perMember":{"windowSeconds":0}}' }),
      /QUESTION_RATE_LIMITS\.perMember\.windowSeconds: /,
    );
  });
});

const redisSkipped = await skipWithoutRedis('Question rate limits across nodes');

describe('question rate limits across relay nodes sharing Redis', { skip: redisSkipped }, () => {
  const prefix = `atrium-test-questions-${randomBytes(4).toString('hex')}`;
  const nodes: Array<{ url: string; close(): Promise<void> }> = [];

  before(async () => {
    for (const _ of [1, 2]) {
      const started = await startRelay({
        port: 0,
        host: '127.0.0.1',
        databaseUrl: 'sqlite::memory:',
        logLevel: 'silent',
        redisUrl: REDIS_URL,
        redisPrefix: prefix,
        trustProxy: true,
        questionRateLimits: LIMITS,
      });
      await started.relay.storage.catalog.upsertMembers(MEMBERS);
      nodes.push(started);
    }
  });
  after(async () => {
    for (const node of nodes) await node.close();
    const redis = createRedisClient({ url: REDIS_URL });
    await redis.connect();
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(keys);
    await redis.close();
  });

  it('counts an address’s questions on every node', async () => {
    const [first, second] = nodes;
    const address = '203.0.113.7';
    assert.equal((await ask(first!.url, address, { member: RIVERSIDE, text: 'On the first node' })).status, 201);
    assert.equal((await ask(second!.url, address, { member: RIVERSIDE, text: 'On the second node' })).status, 201);
    const refused = await ask(first!.url, address, { member: RIVERSIDE, text: 'One too many' });
    assert.equal(refused.status, 429);
    assert.equal(refused.body.code, 'rate_limited');
    assert.ok(Number(refused.headers.get('retry-after')) >= 1);
    assert.equal((await ask(second!.url, '203.0.113.8', { member: RIVERSIDE, text: 'Another address' })).status, 201);
  });
});
