// Chat safety and retention as patrons, partner sites and operators meet them: rate limits per
// session and per address, widget keys bound to origins, rating, deleting a conversation, the
// retention purge on SQLite and PostgreSQL, and the Redis rate counters several nodes share.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createClient } from 'redis';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { sql } from 'kysely';
import { loadConfig } from '../src/config.js';
import { ChatRateLimits } from '../src/domain/chat/chat-rate-limits.js';
import { ChatRetention } from '../src/domain/chat/chat-retention.js';
import { ChatService } from '../src/domain/chat/chat-service.js';
import { RateLimitedError } from '../src/domain/chat/rate-limited-error.js';
import { WidgetKeys } from '../src/domain/chat/widget-keys.js';
import { addLibrarian } from '../src/domain/staff/librarian-accounts.js';
import { demoWidgetKey } from '../src/demo/consortium.js';
import { type Relay, startRelay } from '../src/index.js';
import { ChatRetentionStore } from '../src/storage/chat-retention-store.js';
import { ChatStore } from '../src/storage/chat-store.js';
import { openStorage } from '../src/storage/index.js';
import { RedisRateLimiter } from '../src/storage/redis-rate-limiter.js';
import { WidgetKeyStore } from '../src/storage/widget-key-store.js';
import { clientAddress } from '../src/realtime/client-address.js';
import { MEMBERS } from './helpers/catalog-fixtures.js';
import { testDatabases } from './helpers/databases.js';
import { REDIS_URL, skipWithoutRedis } from './helpers/redis.js';
import { startDemoRelay } from './helpers/demo-relay.js';

type AnyAck = {
  ok: boolean;
  error?: { code: string; message: string; retryAfterSeconds?: number; details?: { path: string; message: string }[] };
  [key: string]: any;
};
type Refusal = Error & { data?: { code: string; message: string } };

const RIVERSIDE = 'riverside-library';
const HARBOUR = 'harbour-museum';
const RIVERSIDE_SITE = 'https://www.riverside.example.org';
const PASSWORD = 'a quiet reading room';

/** Sockets of one test relay, closed after its suite. */
function socketKit(urlOf: () => string) {
  const sockets: Socket[] = [];
  const open = (namespace: '/patron' | '/librarian', auth: object, headers: Record<string, string> = {}) => {
    const socket = connectSocket(`${urlOf()}${namespace}`, {
      auth,
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      extraHeaders: headers,
    });
    sockets.push(socket);
    return socket;
  };
  const connected = (socket: Socket) =>
    new Promise<Socket>((resolve, reject) => {
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', reject);
    });
  const refused = (socket: Socket) =>
    new Promise<Refusal>((resolve, reject) => {
      socket.once('connect', () => reject(new Error('the relay accepted a connection it should refuse')));
      socket.once('connect_error', (error: Refusal) => resolve(error));
    });
  const next = <T = any>(socket: Socket, event: string, where: (payload: T) => boolean = () => true) =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${event} within 5 s`)), 5000);
      const listener = (payload: T) => {
        if (!where(payload)) return;
        clearTimeout(timer);
        socket.off(event, listener);
        resolve(payload);
      };
      socket.on(event, listener);
    });
  const call = (socket: Socket, event: string, payload?: unknown): Promise<AnyAck> =>
    payload === undefined ? socket.timeout(5000).emitWithAck(event) : socket.timeout(5000).emitWithAck(event, payload);
  /** A patron from `address` (sent as X-Forwarded-For; the relay trusts it) with a fresh session. */
  const patron = async (address: string, member = RIVERSIDE) => {
    const socket = open('/patron', { member }, { 'x-forwarded-for': `${address}, 10.0.0.1` });
    await connected(socket);
    return socket;
  };
  const closeAll = () => {
    for (const socket of sockets) socket.disconnect();
  };
  return { open, connected, refused, next, call, patron, closeAll };
}

describe('chat safety on a relay', () => {
  let url = '';
  let relay: Relay;
  let close: () => Promise<void>;
  const kit = socketKit(() => url);
  const { open, connected, refused, next, call, patron } = kit;
  let riversideKey = '';
  let harbourKey = '';

  before(async () => {
    ({ url, relay, close } = await startRelay({
      port: 0,
      host: '127.0.0.1',
      databaseUrl: 'sqlite::memory:',
      logLevel: 'silent',
      trustProxy: true,
      chatRateLimits: {
        start: { perSession: { limit: 2 }, perAddress: { limit: 3 } },
        message: { perSession: { limit: 3 }, perAddress: { limit: 5 } },
      },
    }));
    await relay.storage.catalog.upsertMembers(MEMBERS);
    const keys = new WidgetKeys(new WidgetKeyStore(relay.storage.db));
    riversideKey = (
      await keys.add({ member: RIVERSIDE, origins: [RIVERSIDE_SITE, 'https://catalogue.riverside.example.org:8443'], label: 'Main site' })
    ).key;
    harbourKey = (await keys.add({ member: HARBOUR, origins: ['https://harbour.example.org'] })).key;
  });
  after(async () => {
    kit.closeAll();
    await close();
  });

  describe('rate limits', () => {
    it('refuses a message over the session limit with when to retry, and does not store it', async () => {
      const socket = await patron('198.51.100.1');
      const started = await call(socket, 'chat:start', {});
      assert.equal(started.ok, true, JSON.stringify(started));
      const conversationId = started.conversation.id as string;
      for (const n of [1, 2, 3]) {
        const sent = await call(socket, 'chat:message', { conversationId, clientId: `m-${n}`, text: `Question ${n}` });
        assert.equal(sent.ok, true, JSON.stringify(sent));
      }
      const refusedSend = await call(socket, 'chat:message', { conversationId, clientId: 'm-4', text: 'One too many' });
      assert.equal(refusedSend.ok, false);
      assert.equal(refusedSend.error!.code, 'rate_limited');
      const wait = refusedSend.error!.retryAfterSeconds!;
      assert.ok(Number.isInteger(wait) && wait >= 1 && wait <= 60, `retryAfterSeconds ${wait}`);
      assert.match(refusedSend.error!.message, new RegExp(`not sent\\. Try again in ${wait} seconds?\\.`));

      const resumed = await call(socket, 'chat:resume', { conversationId, afterSeq: 0 });
      assert.deepEqual(
        resumed.messages.map((m: any) => m.clientId),
        ['m-1', 'm-2', 'm-3'],
        'the refused message was not stored',
      );
    });

    it('answers a resent message with the stored copy, at the limit or over it, without counting it', async () => {
      const socket = await patron('198.51.100.5');
      const conversationId = (await call(socket, 'chat:start', {})).conversation.id as string;
      const first = await call(socket, 'chat:message', { conversationId, clientId: 'r-1', text: 'Is the map room open?' });
      assert.equal(first.ok, true, JSON.stringify(first));
      assert.equal((await call(socket, 'chat:message', { conversationId, clientId: 'r-2', text: 'And on Sunday?' })).ok, true);
      // Its ack lost with the connection, the first goes again, three times: 2 + 3 would be over the limit of 3.
      for (const attempt of [1, 2, 3]) {
        const again = await call(socket, 'chat:message', { conversationId, clientId: 'r-1', text: 'Is the map room open?' });
        assert.equal(again.ok, true, `resend ${attempt}: ${JSON.stringify(again)}`);
        assert.deepEqual(again.message, first.message, 'the stored copy, same seq');
      }
      assert.equal(
        (await call(socket, 'chat:message', { conversationId, clientId: 'r-3', text: 'Thanks.' })).ok,
        true,
        'the third new one',
      );
      const over = await call(socket, 'chat:message', { conversationId, clientId: 'r-4', text: 'One more' });
      assert.equal(over.error?.code, 'rate_limited', 'the fourth new one is over');
      const resentOver = await call(socket, 'chat:message', { conversationId, clientId: 'r-2', text: 'And on Sunday?' });
      assert.equal(resentOver.ok, true, `a stored one resent over the limit: ${JSON.stringify(resentOver)}`);
      assert.equal(resentOver.message.seq, 2);
    });

    it('counts messages per address across sessions, and other addresses separately', async () => {
      const first = await patron('198.51.100.2');
      const second = await patron('198.51.100.2');
      const elsewhere = await patron('198.51.100.3');
      const ids = await Promise.all(
        [first, second, elsewhere].map(async (s) => (await call(s, 'chat:start', {})).conversation.id as string),
      );
      for (const n of [1, 2, 3])
        assert.equal((await call(first, 'chat:message', { conversationId: ids[0], clientId: `a-${n}`, text: 'hi' })).ok, true);
      for (const n of [1, 2])
        assert.equal((await call(second, 'chat:message', { conversationId: ids[1], clientId: `b-${n}`, text: 'hi' })).ok, true);
      // The second session's third message is within its own limit, but the address's sixth.
      const over = await call(second, 'chat:message', { conversationId: ids[1], clientId: 'b-3', text: 'hi' });
      assert.equal(over.error?.code, 'rate_limited', JSON.stringify(over));
      assert.match(over.error!.message, /from this network/);
      assert.ok(over.error!.retryAfterSeconds! >= 1);
      const resumed = await call(second, 'chat:resume', { conversationId: ids[1], afterSeq: 0 });
      assert.equal(resumed.messages.length, 2);

      assert.equal((await call(elsewhere, 'chat:message', { conversationId: ids[2], clientId: 'c-1', text: 'hi' })).ok, true);
    });

    it('limits new chats per session and per address, but never reopening the chat under way', async () => {
      const socket = await patron('198.51.100.4');
      for (const round of [1, 2]) {
        const started = await call(socket, 'chat:start', {});
        assert.equal(started.conversation.status, 'waiting', `round ${round}`);
        // Reopening it (what every reload does) is not a new chat.
        assert.equal((await call(socket, 'chat:start', {})).conversation.id, started.conversation.id);
        assert.equal((await call(socket, 'chat:end', { conversationId: started.conversation.id })).ok, true);
      }
      const third = await call(socket, 'chat:start', {});
      assert.equal(third.error?.code, 'rate_limited', JSON.stringify(third));
      assert.match(third.error!.message, /Too many new chats from this browser/);

      // The address has two starts counted; one more session may start, the next may not.
      const other = await patron('198.51.100.4');
      const otherStart = await call(other, 'chat:start', {});
      assert.equal(otherStart.ok, true, JSON.stringify(otherStart));
      const crowd = await patron('198.51.100.4');
      const crowdStart = await call(crowd, 'chat:start', {});
      assert.equal(crowdStart.error?.code, 'rate_limited');
      assert.match(crowdStart.error!.message, /from this network/);
      assert.equal(
        (await call(other, 'chat:start', {})).conversation.id,
        otherStart.conversation.id,
        'an open chat reopens over the limit',
      );
    });
  });

  describe('widget keys and origins', () => {
    async function refusal(auth: object, headers: Record<string, string>) {
      return refused(open('/patron', auth, headers));
    }

    it('refuses a page on an origin none of the member keys allows, saying how to allow it', async () => {
      const error = await refusal({ member: RIVERSIDE }, { origin: 'https://evil.example.com' });
      assert.equal(error.data?.code, 'origin_not_allowed');
      assert.match(error.message, /atrium-relay widget-key add --member riverside-library --origin https:\/\/evil\.example\.com/);
      // Not in demo mode, a page on this machine is just another origin.
      assert.equal((await refusal({ member: RIVERSIDE }, { origin: 'http://localhost:3000' })).data?.code, 'origin_not_allowed');
      // Another member's allowed site is not this member's.
      assert.equal((await refusal({ member: RIVERSIDE }, { origin: 'https://harbour.example.org' })).data?.code, 'origin_not_allowed');
    });

    it('refuses a key of another member, a made-up key, and an origin the key does not list', async () => {
      const foreign = await refusal({ member: RIVERSIDE, key: harbourKey }, { origin: 'https://harbour.example.org' });
      assert.equal(foreign.data?.code, 'unknown_widget_key');
      assert.match(foreign.message, /is not a widget key of riverside-library/);
      assert.equal(
        (await refusal({ member: RIVERSIDE, key: 'wk_made_up_key' }, { origin: RIVERSIDE_SITE })).data?.code,
        'unknown_widget_key',
      );
      const unlisted = await refusal({ member: RIVERSIDE, key: riversideKey }, { origin: 'https://blog.riverside.example.org' });
      assert.equal(unlisted.data?.code, 'origin_not_allowed');
      assert.match(unlisted.message, /does not allow pages on https:\/\/blog\.riverside\.example\.org/);
    });

    it('lets in pages the member allows, programs without an Origin, and pages the relay serves itself', async () => {
      await connected(open('/patron', { member: RIVERSIDE }, { origin: RIVERSIDE_SITE }));
      await connected(open('/patron', { member: RIVERSIDE, key: riversideKey }, { origin: RIVERSIDE_SITE }));
      await connected(
        open('/patron', { member: RIVERSIDE, key: riversideKey }, { origin: 'https://catalogue.riverside.example.org:8443' }),
      );
      await connected(open('/patron', { member: RIVERSIDE }));
      await connected(open('/patron', { member: RIVERSIDE }, { origin: url }));
    });
  });

  describe('rating and deleting', () => {
    async function librarianDesk() {
      const email = `desk-${randomBytes(4).toString('hex')}@riverside.example.org`;
      await addLibrarian(relay.storage, { member: RIVERSIDE, email, password: PASSWORD, name: 'Mei Chan' });
      const response = await fetch(`${url}/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: PASSWORD }),
      });
      assert.equal(response.status, 200);
      const { token } = (await response.json()) as { token: string };
      const socket = open('/librarian', { token });
      await connected(socket);
      assert.equal((await call(socket, 'presence:set', { status: 'available' })).ok, true);
      return socket;
    }

    it('refuses malformed chat:rate and chat:delete payloads, naming the field', async () => {
      const socket = await patron('198.51.100.10');
      const conversationId = (await call(socket, 'chat:start', {})).conversation.id as string;
      const cases: [string, unknown, string][] = [
        ['chat:rate', { conversationId, score: 6 }, 'score'],
        ['chat:rate', { conversationId, score: 3.5 }, 'score'],
        ['chat:rate', { conversationId }, 'score'],
        ['chat:rate', { score: 4 }, 'conversationId'],
        ['chat:rate', { conversationId, score: 4, comment: 'x'.repeat(2001) }, 'comment'],
        ['chat:delete', {}, 'conversationId'],
        ['chat:delete', { conversationId: 42 }, 'conversationId'],
      ];
      for (const [event, payload, field] of cases) {
        const answer = await call(socket, event, payload);
        assert.equal(answer.error?.code, 'invalid_payload', `${event} ${JSON.stringify(payload)}`);
        assert.equal(answer.error!.details![0]!.path, field);
        assert.ok(answer.error!.message.startsWith(`${event}: ${field}: `), answer.error!.message);
      }
      const resumed = await call(socket, 'chat:resume', { conversationId, afterSeq: 0 });
      assert.equal(resumed.conversation.rating, undefined, 'nothing was rated');
      assert.equal(resumed.conversation.status, 'waiting', 'nothing was deleted');
    });

    it('stores a rating the patron may change, shown on the conversation', async () => {
      const socket = await patron('198.51.100.11');
      const conversationId = (await call(socket, 'chat:start', {})).conversation.id as string;
      const rated = await call(socket, 'chat:rate', { conversationId, score: 4, comment: '  Very helpful, thank you.  ' });
      assert.equal(rated.ok, true, JSON.stringify(rated));
      assert.deepEqual(rated.conversation.rating, { score: 4, comment: 'Very helpful, thank you.' });
      await call(socket, 'chat:end', { conversationId });
      const changed = await call(socket, 'chat:rate', { conversationId, score: 5 });
      assert.deepEqual(changed.conversation.rating, { score: 5 });
      const resumed = await call(socket, 'chat:resume', { conversationId, afterSeq: 0 });
      assert.deepEqual(resumed.conversation.rating, { score: 5 });

      const stranger = await patron('198.51.100.12');
      const theirs = await call(stranger, 'chat:rate', { conversationId, score: 1 });
      assert.equal(theirs.error?.code, 'not_found');
      assert.deepEqual((await call(socket, 'chat:resume', { conversationId, afterSeq: 0 })).conversation.rating, { score: 5 });
    });

    it('deletes the patron’s own conversation: the librarian sees it end, and nothing of it is left', async () => {
      const desk = await librarianDesk();
      const socket = await patron('198.51.100.13');
      const conversationId = (await call(socket, 'chat:start', {})).conversation.id as string;
      assert.equal((await call(socket, 'chat:message', { conversationId, clientId: 'd-1', text: 'My card number is 1234' })).ok, true);
      const accepted = await call(desk, 'chat:accept', { conversationId });
      assert.equal(accepted.ok, true, JSON.stringify(accepted));
      await call(socket, 'chat:read', { conversationId, seq: 1 });

      const stranger = await patron('198.51.100.14');
      assert.equal((await call(stranger, 'chat:delete', { conversationId })).error?.code, 'not_found', 'only the patron’s own');

      const ended = next(desk, 'chat:end', (e: any) => e.conversationId === conversationId);
      const deleted = await call(socket, 'chat:delete', { conversationId });
      assert.deepEqual(deleted, { ok: true, deleted: true });
      const notice = await ended;
      assert.equal(notice.endedBy, 'patron');

      assert.equal((await call(socket, 'chat:resume', { conversationId, afterSeq: 0 })).error?.code, 'not_found');
      assert.equal(
        (await call(socket, 'chat:message', { conversationId, clientId: 'd-2', text: 'still there?' })).error?.code,
        'not_found',
      );
      assert.equal((await call(desk, 'chat:message', { conversationId, clientId: 'l-1', text: 'Hello?' })).ok, false);
      const db = relay.storage.db as any;
      for (const [table, column] of [
        ['conversations', 'id'],
        ['chat_messages', 'conversation_id'],
        ['chat_reads', 'conversation_id'],
      ]) {
        const rows = await db.selectFrom(table).select(column).where(column, '=', conversationId).execute();
        assert.equal(rows.length, 0, `${table} keeps nothing`);
      }
      // A fresh chat starts afterwards, as for any patron.
      assert.equal((await call(socket, 'chat:start', {})).conversation.status, 'waiting');
    });
  });
});

describe('chat safety in demo mode', () => {
  let url = '';
  let relay: Relay;
  let close: () => Promise<void>;
  const kit = socketKit(() => url);

  before(async () => {
    ({ url, relay, close } = await startDemoRelay());
  });
  after(async () => {
    kit.closeAll();
    await close();
  });

  it('lets in any page on this machine, and seeds a widget key per demo member for the demo page', async () => {
    for (const origin of ['http://localhost:3000', 'http://127.0.0.1:5173', 'http://[::1]:8000', 'https://localhost']) {
      await kit.connected(kit.open('/patron', { member: RIVERSIDE }, { origin }));
    }
    await kit.connected(kit.open('/patron', { member: RIVERSIDE, key: demoWidgetKey(RIVERSIDE) }, { origin: 'http://localhost:8080' }));
    const elsewhere = await kit.refused(kit.open('/patron', { member: RIVERSIDE }, { origin: 'https://evil.example.com' }));
    assert.equal(elsewhere.data?.code, 'origin_not_allowed');
    const keys = await new WidgetKeyStore(relay.storage.db).list();
    assert.deepEqual(
      keys.map((key) => [key.key, key.origins]),
      ['eastern-university', 'harbour-museum', 'riverside-library'].map((member) => [
        `demo-${member}`,
        ['http://localhost:8080', 'http://127.0.0.1:8080'],
      ]),
    );
  });
});

describe('chat safety settings', () => {
  it('has defaults, takes TRUST_PROXY and CHAT_RATE_LIMITS from the environment, and names what is wrong', () => {
    const defaults = loadConfig({}, {});
    assert.equal(defaults.trustProxy, false);
    assert.deepEqual(defaults.chatRateLimits.start, {
      perSession: { limit: 5, windowSeconds: 60 },
      perAddress: { limit: 20, windowSeconds: 60 },
    });
    assert.deepEqual(defaults.chatRateLimits.message, {
      perSession: { limit: 30, windowSeconds: 60 },
      perAddress: { limit: 120, windowSeconds: 60 },
    });
    const fromEnv = loadConfig({}, { TRUST_PROXY: '1', CHAT_RATE_LIMITS: '{"message":{"perAddress":{"limit":600}}}' });
    assert.equal(fromEnv.trustProxy, true);
    assert.deepEqual(fromEnv.chatRateLimits.message.perAddress, { limit: 600, windowSeconds: 60 });
    assert.equal(fromEnv.chatRateLimits.message.perSession.limit, 30, 'what is not given keeps its default');
    assert.throws(() => loadConfig({}, { TRUST_PROXY: 'maybe' }), /TRUST_PROXY: must be 1 or 0/);
    assert.throws(() => loadConfig({}, { CHAT_RATE_LIMITS: '{oops' }), /CHAT_RATE_LIMITS: must be JSON/);
    assert.throws(
      () => loadConfig({ chatRateLimits: { start: { perSession: { limit: 0 } } } }, {}),
      /--chat-rate-limits\.start\.perSession\.limit: /,
    );
  });
});

describe('client address', () => {
  it('is the socket address unless the relay trusts its proxy, then the first X-Forwarded-For hop', () => {
    const handshake = { address: '::ffff:127.0.0.1', headers: { 'x-forwarded-for': '203.0.113.9, 10.0.0.1' } } as unknown as Parameters<
      typeof clientAddress
    >[0];
    assert.equal(clientAddress(handshake, false), '127.0.0.1', 'anyone can send X-Forwarded-For');
    assert.equal(clientAddress(handshake, true), '203.0.113.9');
    const direct = { address: '2001:db8::7', headers: {} } as unknown as Parameters<typeof clientAddress>[0];
    assert.equal(clientAddress(direct, true), '2001:db8::7');
  });
});

describe('widget key input', () => {
  it('takes origins only as exact scheme://host[:port]', async () => {
    const [database] = await testDatabases();
    const storage = await database!.open();
    try {
      await storage.catalog.upsertMembers(MEMBERS);
      const keys = new WidgetKeys(new WidgetKeyStore(storage.db));
      for (const [origin, problem] of [
        ['https://www.riverside.example.org/chat', /has more than scheme:\/\/host\[:port\]; use https:\/\/www\.riverside\.example\.org/],
        ['ftp://riverside.example.org', /must start with http:\/\/ or https:\/\//],
        ['riverside.example.org', /is not a URL/],
        ['https://user:pw@riverside.example.org', /user name or password/],
      ] as const) {
        await assert.rejects(keys.add({ member: RIVERSIDE, origins: [origin] }), (error: Error & { field?: string }) => {
          assert.equal(error.field, 'origins');
          assert.match(error.message, problem);
          return true;
        });
      }
      await assert.rejects(keys.add({ member: 'no-such-member', origins: [RIVERSIDE_SITE] }), /no member "no-such-member"/);
      const added = await keys.add({ member: RIVERSIDE, origins: ['HTTPS://WWW.Riverside.Example.org/', 'http://localhost:8080'] });
      assert.deepEqual(added.origins, [RIVERSIDE_SITE, 'http://localhost:8080']);
      assert.match(added.key, /^wk_[A-Za-z0-9_-]{24}$/);
      assert.deepEqual(
        (await keys.list(RIVERSIDE)).map((key) => key.key),
        [added.key],
      );
    } finally {
      await storage.close();
    }
  });
});

const DAY = 24 * 60 * 60 * 1000;

for (const database of await testDatabases()) {
  describe(`retention purge (${database.name})`, { skip: database.skip }, () => {
    it('erases conversations past their member’s period, with messages and read marks, and leaves recent ones alone', async () => {
      const storage = await database.open();
      try {
        await storage.catalog.upsertMembers(MEMBERS);
        const now = new Date('2026-06-01T12:00:00.000Z');
        const store = new ChatStore(storage.db);
        /** A conversation begun `startedDaysAgo` and, when `endedDaysAgo` is given, ended then; with one message and a read mark. */
        async function conversation(member: string, startedDaysAgo: number, endedDaysAgo?: number): Promise<string> {
          const started = new ChatService(store, () => new Date(now.getTime() - startedDaysAgo * DAY));
          const session = `session-${randomBytes(4).toString('hex')}`;
          const { conversation } = await started.start(session, member, undefined);
          await started.send(conversation.id, { role: 'patron', session }, 'c-1', 'Hello');
          await started.read(conversation.id, { role: 'patron', session }, 1);
          if (endedDaysAgo !== undefined) {
            await new ChatService(store, () => new Date(now.getTime() - endedDaysAgo * DAY)).end(conversation.id, {
              role: 'patron',
              session,
            });
          }
          return conversation.id;
        }
        const retentionStore = new ChatRetentionStore(storage.db, storage.dialect);
        const retention = new ChatRetention(retentionStore, () => now);
        assert.equal(await retention.setRetentionDays(HARBOUR, 30), true);

        const endedLongAgo = await conversation(RIVERSIDE, 200, 190);
        const abandoned = await conversation(RIVERSIDE, 181);
        const longButRecentlyEnded = await conversation(RIVERSIDE, 400, 100);
        const recent = await conversation(RIVERSIDE, 2, 1);
        const openNow = await conversation(RIVERSIDE, 0);
        const pastShortPeriod = await conversation(HARBOUR, 45, 40);
        const withinShortPeriod = await conversation(HARBOUR, 20, 20);

        // Two nodes purging at the same moment erase each conversation once between them.
        const [one, two] = await Promise.all([retention.purge(), retention.purge()]);
        assert.equal(one.conversations + two.conversations, 3);
        assert.equal(one.messages + two.messages, 3);
        assert.deepEqual(
          [...one.members, ...two.members].reduce<Record<string, number>>(
            (sum, m) => ({ ...sum, [m.member]: (sum[m.member] ?? 0) + m.conversations }),
            {},
          ),
          { [RIVERSIDE]: 2, [HARBOUR]: 1 },
        );

        const db = storage.db as any;
        const left = async (table: string, column: string) =>
          new Set((await db.selectFrom(table).select(column).execute()).map((row: Record<string, string>) => row[column]));
        const kept = [longButRecentlyEnded, recent, openNow, withinShortPeriod];
        assert.deepEqual(await left('conversations', 'id'), new Set(kept));
        assert.deepEqual(await left('chat_messages', 'conversation_id'), new Set(kept));
        assert.deepEqual(await left('chat_reads', 'conversation_id'), new Set(kept));
        for (const gone of [endedLongAgo, abandoned, pastShortPeriod]) assert.ok(!kept.includes(gone));

        assert.deepEqual(await retention.purge(), { conversations: 0, messages: 0, members: [] }, 'a second purge finds nothing');
        const count = await sql<{ n: number }>`select count(*) as n from members where chat_retention_days = 180`.execute(storage.db);
        assert.equal(Number(count.rows[0]!.n), MEMBERS.length - 1, 'members keep transcripts 180 days unless told otherwise');
      } finally {
        await storage.close();
      }
    });
  });
}

describe('atrium-relay widget-key and chat purge', () => {
  // The installed command, as cli.test.ts runs it (`npm test` builds first).
  const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../bin/atrium-relay.js');
  const dir = mkdtempSync(path.join(tmpdir(), 'atrium-chat-safety-cli-'));
  const databaseUrl = `sqlite:${path.join(dir, 'atrium.db')}`;
  const cli = (args: string[]) => {
    const result = spawnSync(process.execPath, [bin, ...args], {
      encoding: 'utf8',
      cwd: dir,
      env: { ...process.env, DATABASE_URL: databaseUrl },
      timeout: 60_000,
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr, output: result.stdout + result.stderr };
  };

  before(async () => {
    const storage = await openStorage({ databaseUrl });
    try {
      await storage.catalog.upsertMembers(MEMBERS);
      // One conversation that ended a year ago, for the purge to find.
      const longAgo = new ChatService(new ChatStore(storage.db), () => new Date(Date.now() - 365 * DAY));
      const { conversation } = await longAgo.start('old-session', RIVERSIDE, undefined);
      await longAgo.send(conversation.id, { role: 'patron', session: 'old-session' }, 'c-1', 'Hello');
      await longAgo.end(conversation.id, { role: 'patron', session: 'old-session' });
    } finally {
      await storage.close();
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('adds widget keys for exact origins, prints the key, and lists them', () => {
    assert.match(cli(['--help']).stdout, /widget-key +Add or list widget keys/);
    const help = cli(['widget-key', '--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /atrium-relay widget-key add --member ID --origin URL \[--origin URL\.\.\.\] \[--label T\]/);

    const missing = cli(['widget-key', 'add', '--member', RIVERSIDE]);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /widget-key add needs --origin/);
    const withPath = cli(['widget-key', 'add', '--member', RIVERSIDE, '--origin', 'https://www.riverside.example.org/chat']);
    assert.equal(withPath.status, 2);
    assert.match(withPath.stderr, /--origin: .*use https:\/\/www\.riverside\.example\.org/);
    const unknown = cli(['widget-key', 'add', '--member', 'no-such-member', '--origin', RIVERSIDE_SITE]);
    assert.equal(unknown.status, 1);
    assert.match(unknown.stderr, /no member "no-such-member"/);

    const added = cli([
      'widget-key',
      'add',
      '--member',
      RIVERSIDE,
      '--origin',
      RIVERSIDE_SITE,
      '--origin',
      'http://localhost:8080',
      '--label',
      'Main site',
    ]);
    assert.equal(added.status, 0, added.output);
    const key = added.stdout.trim();
    assert.match(key, /^wk_[A-Za-z0-9_-]{24}$/);
    const listed = cli(['widget-key', 'list', '--member', RIVERSIDE]);
    assert.equal(listed.stdout, `${key}\t${RIVERSIDE}\t${RIVERSIDE_SITE} http://localhost:8080\tMain site\n`);
    assert.equal(cli(['widget-key', 'list', '--member', HARBOUR]).stdout, `No widget keys for ${HARBOUR}.\n`);
  });

  it('purges transcripts past their retention period and says how many went', () => {
    const purged = cli(['chat', 'purge']);
    assert.equal(purged.status, 0, purged.output);
    assert.match(
      purged.stdout,
      /^Removed 1 conversation \(1 message\) past their member's retention period\.\n {2}riverside-library: 1 conversation\n$/,
    );
    assert.match(cli(['chat', 'purge']).stdout, /^Removed 0 conversations \(0 messages\)/);
    assert.equal(cli(['chat', 'retention', '--member', HARBOUR, '--days', '30']).status, 0);
    assert.match(cli(['chat', 'retention']).stdout, /harbour-museum\t30 days\n.*riverside-library\t180 days/s);
    assert.equal(cli(['chat', 'retention', '--member', HARBOUR, '--days', 'soon']).status, 2);
  });

  it('is purged by a relay as it starts (closing the relay waits for the purge)', async () => {
    const storage = await openStorage({ databaseUrl });
    let id: string;
    try {
      const longAgo = new ChatService(new ChatStore(storage.db), () => new Date(Date.now() - 200 * DAY));
      id = (await longAgo.start('another-old-session', HARBOUR, undefined)).conversation.id;
    } finally {
      await storage.close();
    }
    const started = await startRelay({ port: 0, host: '127.0.0.1', databaseUrl, logLevel: 'silent' });
    await started.close();
    const reopened = await openStorage({ databaseUrl });
    try {
      assert.equal(
        await reopened.db
          .selectFrom('conversations' as any)
          .select('id')
          .where('id', '=', id)
          .executeTakeFirst(),
        undefined,
      );
    } finally {
      await reopened.close();
    }
  });
});

const redisSkipped = await skipWithoutRedis('Redis rate limiter tests');

describe('RedisRateLimiter', { skip: redisSkipped }, () => {
  const client = createClient({ url: REDIS_URL });
  const run = `test-${process.pid}-${randomBytes(4).toString('hex')}`;

  before(async () => {
    client.on('error', () => {});
    await client.connect();
  });
  after(async () => {
    const keys = await client.keys(`atrium:rl:${run}:*`);
    if (keys.length > 0) await client.del(keys);
    await client.close();
  });

  it('counts attempts per key in a window that expires, shared by every limiter on the same Redis', async () => {
    const nodeA = new RedisRateLimiter(client);
    const nodeB = new RedisRateLimiter(client);
    const key = `${run}:shared`;
    assert.deepEqual(await nodeA.hit(key, 2, 60_000), { allowed: true });
    assert.deepEqual(await nodeB.hit(key, 2, 60_000), { allowed: true });
    const third = await nodeA.hit(key, 2, 60_000);
    assert.equal(third.allowed, false);
    assert.ok(!third.allowed && third.retryAfterMs > 0 && third.retryAfterMs <= 60_000, JSON.stringify(third));
    const ttl = await client.pTTL(`atrium:rl:${key}`);
    assert.ok(ttl > 0 && ttl <= 60_000, `the counter expires with its window (pttl ${ttl})`);
    assert.deepEqual(await nodeB.hit(`${run}:other`, 2, 60_000), { allowed: true }, 'another key counts apart');
  });

  it('backs the chat limits: refusals carry retryAfterSeconds', async () => {
    const limits = new ChatRateLimits(new RedisRateLimiter(client), {
      start: { perSession: { limit: 1, windowSeconds: 60 }, perAddress: { limit: 10, windowSeconds: 60 } },
      message: { perSession: { limit: 10, windowSeconds: 60 }, perAddress: { limit: 10, windowSeconds: 60 } },
    });
    const session = `${run}-session`;
    await limits.check('start', session, `${run}-address`);
    await assert.rejects(limits.check('start', session, `${run}-address`), (error: unknown) => {
      assert.ok(error instanceof RateLimitedError);
      assert.ok(error.retryAfterSeconds >= 1 && error.retryAfterSeconds <= 60);
      return true;
    });
    const keys = await client.keys(`atrium:rl:chat:start:*${run}*`);
    assert.equal(keys.length, 2);
    await client.del(keys);
  });
});
