// Holds under each member's lending policy, on SQLite and PostgreSQL: what is lent, to whom,
// pickup points, hold limits, each step of a hold, the patron's token and Idempotency-Key;
// then the HTTP routes, staff moves included, on a real relay.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Hold, HoldRequest } from '@atrium/sdk';
import { HoldService } from '../src/domain/booking/hold-service.js';
import type { Outcome } from '../src/domain/idempotency/idempotent-request.js';
import type { LendingPolicy } from '../src/domain/booking/lending-policy.js';
import { addLibrarian } from '../src/domain/staff/librarian-accounts.js';
import { startRelay } from '../src/index.js';
import { SqlBookingStore } from '../src/storage/booking-store.js';
import type { RecordInput, Storage } from '../src/storage/index.js';
import { LONDON, LONDON_MEMBER } from './helpers/booking-fixtures.js';
import { testDatabases } from './helpers/databases.js';

const MUSEUM = 'test-museum';
const record = (id: string, type: RecordInput['type'], status: RecordInput['holdings'][number]['status']): RecordInput => {
  const member = id.slice(0, id.indexOf(':'));
  return {
    id,
    member,
    type,
    title: `Title of ${id}`,
    creators: [],
    subjects: [],
    identifiers: {},
    holdings: [{ member, branch: member === LONDON ? 'central' : 'shop', status }],
  };
};
const RECORDS = [
  record(`${LONDON}:book-1`, 'book', 'available'),
  record(`${LONDON}:book-2`, 'book', 'on-loan'),
  record(`${LONDON}:book-3`, 'book', 'available'),
  record(`${LONDON}:ref-1`, 'book', 'reference-only'),
  record(`${LONDON}:dvd-1`, 'video', 'available'),
  record(`${MUSEUM}:catalogue-1`, 'book', 'available'),
  record(`${MUSEUM}:object-1`, 'object', 'on-display'),
];
const LONDON_POLICY: LendingPolicy = {
  lends: ['book', 'audio'],
  lendsTo: 'everyone',
  maxActiveHolds: 2,
  pickup: [{ member: LONDON }, { member: MUSEUM, branches: ['shop'] }],
};
const MUSEUM_POLICY: LendingPolicy = { lends: ['book'], lendsTo: [LONDON], maxActiveHolds: 5, pickup: 'any-member' };

async function loadHoldData(storage: Storage): Promise<SqlBookingStore> {
  await storage.catalog.upsertMembers([
    LONDON_MEMBER,
    {
      id: MUSEUM,
      name: { en: 'Test Museum' },
      kind: 'museum',
      branches: [
        { id: 'shop', name: { en: 'Museum Shop' } },
        { id: 'gallery', name: { en: 'Gallery' } },
      ],
      timezone: 'Asia/Hong_Kong',
    },
  ]);
  await storage.catalog.upsertRecords(RECORDS);
  const store = new SqlBookingStore(storage.db, storage.dialect);
  await store.upsertLendingPolicy(LONDON, LONDON_POLICY);
  await store.upsertLendingPolicy(MUSEUM, MUSEUM_POLICY);
  return store;
}

let counter = 0;
const ctx = (idempotencyKey?: string) => ({ requestId: `r${++counter}`, ...(idempotencyKey ? { idempotencyKey } : {}) });
const hold = (recordId: string, who: string, pickup: [string, string] = [LONDON, 'central'], member?: string): HoldRequest => ({
  recordId,
  pickup: { member: pickup[0], branch: pickup[1] },
  patron: { name: who, email: `${who}@example.org`, ...(member ? { member } : {}) },
});
function placed(outcome: Outcome<Hold>): Hold {
  assert.ok(outcome.ok, outcome.ok ? '' : `${outcome.code}: ${outcome.detail}`);
  return outcome.value;
}
function refused(outcome: Outcome<Hold>, code: string, status = 422): void {
  assert.equal(outcome.ok, false, `expected ${code}`);
  if (!outcome.ok) {
    assert.equal(outcome.code, code, outcome.detail);
    assert.equal(outcome.status, status);
  }
}

for (const database of await testDatabases()) {
  describe(`holds on ${database.name}`, { skip: database.skip }, () => {
    let storage: Storage;
    let holds: HoldService;
    before(async () => {
      storage = await database.open();
      holds = new HoldService(await loadHoldData(storage), storage.catalog);
    });
    after(() => storage?.close());

    it('places a hold, which the token holder follows and cancels', async () => {
      const first = placed(await holds.place(hold(`${LONDON}:book-1`, 'ann'), ctx()));
      assert.equal(first.status, 'submitted');
      assert.equal(first.member, LONDON);
      assert.deepEqual(
        first.history.map((e) => e.status),
        ['submitted'],
      );
      assert.deepEqual(await holds.get(first.id, first.token), first);
      await assert.rejects(holds.get(first.id, 'z'.repeat(32)), { code: 'hold_not_found' });
      const cancelled = await holds.cancel(first.id, first.token);
      assert.equal(cancelled.status, 'cancelled');
      assert.deepEqual(
        cancelled.history.map((e) => e.status),
        ['submitted', 'cancelled'],
      );
      assert.deepEqual(await holds.cancel(first.id, first.token), cancelled);
    });

    it('lends only the kinds of record the owner lends, and only copies that may leave', async () => {
      refused(await holds.place(hold(`${LONDON}:dvd-1`, 'bea'), ctx()), 'not_lendable');
      refused(await holds.place(hold(`${LONDON}:ref-1`, 'bea'), ctx()), 'not_lendable');
      refused(await holds.place(hold(`${MUSEUM}:object-1`, 'bea', [MUSEUM, 'shop'], LONDON), ctx()), 'not_lendable');
      refused(await holds.place(hold(`${LONDON}:nothing`, 'bea'), ctx()), 'record_not_found', 404);
      // On loan now: a hold queues for the copy.
      placed(await holds.place(hold(`${LONDON}:book-2`, 'bea'), ctx()));
    });

    it('lends to the patrons the policy names', async () => {
      refused(await holds.place(hold(`${MUSEUM}:catalogue-1`, 'cat'), ctx()), 'patron_not_eligible');
      refused(await holds.place(hold(`${MUSEUM}:catalogue-1`, 'cat', [LONDON, 'central'], MUSEUM), ctx()), 'patron_not_eligible');
      placed(await holds.place(hold(`${MUSEUM}:catalogue-1`, 'cat', [LONDON, 'night'], LONDON), ctx()));
    });

    it('sends items only to the pickup points the owner allows', async () => {
      refused(await holds.place(hold(`${LONDON}:book-3`, 'dan', [LONDON, 'attic']), ctx()), 'pickup_not_allowed');
      refused(await holds.place(hold(`${LONDON}:book-3`, 'dan', [MUSEUM, 'gallery']), ctx()), 'pickup_not_allowed');
      refused(await holds.place(hold(`${LONDON}:book-3`, 'dan', ['nowhere', 'x']), ctx()), 'pickup_not_allowed');
      const atMuseum = placed(await holds.place(hold(`${LONDON}:book-3`, 'dan', [MUSEUM, 'shop']), ctx()));
      assert.deepEqual(atMuseum.pickup, { member: MUSEUM, branch: 'shop' });
    });

    it('limits active holds per patron at a member; a closed hold no longer counts', async () => {
      const a = placed(await holds.place(hold(`${LONDON}:book-1`, 'eve'), ctx()));
      placed(await holds.place(hold(`${LONDON}:book-3`, 'eve'), ctx()));
      refused(await holds.place(hold(`${LONDON}:book-2`, 'EVE'), ctx()), 'limit_reached');
      await holds.cancel(a.id, a.token);
      placed(await holds.place(hold(`${LONDON}:book-2`, 'eve'), ctx()));
    });

    it('moves through each step, and refuses moves that skip or reopen one', async () => {
      const h = placed(await holds.place(hold(`${LONDON}:book-1`, 'fay', [MUSEUM, 'shop']), ctx()));
      for (const status of ['placed', 'in_transit', 'ready_for_pickup', 'fulfilled'] as const) {
        assert.equal((await holds.transition(h.id, status)).status, status);
      }
      const done = await holds.get(h.id, h.token);
      assert.deepEqual(
        done.history.map((e) => e.status),
        ['submitted', 'placed', 'in_transit', 'ready_for_pickup', 'fulfilled'],
      );
      await assert.rejects(holds.transition(h.id, 'placed'), { code: 'invalid_transition', status: 409 });
      await assert.rejects(holds.cancel(h.id, h.token), { code: 'invalid_transition' });
      const g = placed(await holds.place(hold(`${LONDON}:book-3`, 'gus'), ctx()));
      await assert.rejects(holds.transition(g.id, 'fulfilled'), { code: 'invalid_transition' });
      assert.equal((await holds.transition(g.id, 'failed', 'Copy missing from shelf')).history.at(-1)!.note, 'Copy missing from shelf');
    });

    it('keeps the hold limit when one patron places many holds at once', async () => {
      const outcomes = await Promise.all(
        Array.from({ length: 30 }, (_, i) => holds.place(hold(`${LONDON}:book-${(i % 3) + 1}`, 'rush'), ctx(`rush-key-${i}`))),
      );
      assert.equal(outcomes.filter((o) => o.ok).length, LONDON_POLICY.maxActiveHolds);
      assert.ok(outcomes.every((o) => o.ok || o.code === 'limit_reached'));
    });

    it('answers a retried hold request with the same hold', async () => {
      const body = hold(`${LONDON}:book-1`, 'hal');
      const outcomes = await Promise.all(Array.from({ length: 10 }, () => holds.place(structuredClone(body), ctx('hold-key-0001'))));
      assert.equal(new Set(outcomes.map((o) => placed(o).id)).size, 1);
      await assert.rejects(holds.place(hold(`${LONDON}:book-3`, 'hal'), ctx('hold-key-0001')), { code: 'idempotency_key_reused' });
    });
  });
}

describe('holds over HTTP', () => {
  let url = '';
  let close: () => Promise<void>;
  before(async () => {
    const started = await startRelay({ port: 0, host: '127.0.0.1', databaseUrl: 'sqlite::memory:', logLevel: 'silent' });
    ({ url, close } = started);
    await loadHoldData(started.relay.storage);
    await addLibrarian(started.relay.storage, {
      member: LONDON,
      name: 'Desk',
      email: 'desk@test-london.example.org',
      password: 'correct horse battery',
    });
    await addLibrarian(started.relay.storage, {
      member: 'test-museum',
      name: 'Other',
      email: 'desk@test-museum.example.org',
      password: 'correct horse battery',
    });
  });
  after(() => close());

  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: await response.json() };
  }
  const login = async (email: string) =>
    (await call('POST', '/v1/auth/login', { email, password: 'correct horse battery' })).body.token as string;

  it('places, reads and cancels a hold with its token, and names bad fields', async () => {
    const bad = await call('POST', '/v1/holds', { recordId: 'nope', pickup: { member: LONDON }, patron: { name: 'x' } });
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body.errors.map((e: { path: string }) => e.path).sort(), ['patron.email', 'pickup.branch', 'recordId']);
    const created = await call('POST', '/v1/holds', hold(`${LONDON}:book-1`, 'ivy'), { 'idempotency-key': 'http-hold-0001' });
    assert.equal(created.status, 201);
    const retried = await call('POST', '/v1/holds', hold(`${LONDON}:book-1`, 'ivy'), { 'idempotency-key': 'http-hold-0001' });
    assert.deepEqual(retried, created);
    const refused = await call('POST', '/v1/holds', hold(`${LONDON}:dvd-1`, 'ivy'));
    assert.equal(refused.status, 422);
    assert.equal(refused.body.code, 'not_lendable');
    const read = await call('GET', `/v1/holds/${created.body.id}?token=${created.body.token}`);
    assert.deepEqual(read.body, created.body);
    const cancelled = await call('POST', `/v1/holds/${created.body.id}/cancel`, { token: created.body.token });
    assert.equal(cancelled.body.status, 'cancelled');
  });

  it('lets only a librarian of the owning or pickup member move a hold on', async () => {
    const created = (await call('POST', '/v1/holds', hold(`${LONDON}:book-3`, 'jo'))).body;
    const path = `/v1/holds/${created.id}/status`;
    assert.equal((await call('POST', path, { status: 'placed' })).status, 401);
    const other = await login('desk@test-museum.example.org');
    const forbidden = await call('POST', path, { status: 'placed' }, { authorization: `Bearer ${other}` });
    assert.equal(forbidden.status, 403);
    const desk = await login('desk@test-london.example.org');
    const moved = await call('POST', path, { status: 'placed', note: 'Found on shelf' }, { authorization: `Bearer ${desk}` });
    assert.equal(moved.status, 200);
    assert.equal(moved.body.status, 'placed');
    const skip = await call('POST', path, { status: 'fulfilled' }, { authorization: `Bearer ${desk}` });
    assert.equal(skip.status, 409);
    assert.equal(skip.body.code, 'invalid_transition');
    const badStatus = await call('POST', path, { status: 'lost' }, { authorization: `Bearer ${desk}` });
    assert.equal(badStatus.status, 400);
    assert.equal(badStatus.body.errors[0].path, 'status');
    const seen = await call('GET', `/v1/holds/${created.id}?token=${created.token}`);
    assert.deepEqual(
      seen.body.history.map((e: { status: string }) => e.status),
      ['submitted', 'placed'],
    );
    assert.equal(moved.body.token, undefined, 'staff never see the patron token');

    const list = await call('GET', '/v1/holds?status=placed', undefined, { authorization: `Bearer ${desk}` });
    assert.equal(list.status, 200);
    assert.deepEqual(
      list.body.items.map((h: { id: string }) => h.id),
      [created.id],
    );
    assert.equal(list.body.items[0].token, undefined);
    const everything = await call('GET', '/v1/holds', undefined, { authorization: `Bearer ${desk}` });
    assert.ok(everything.body.items.length >= 2);
    assert.ok(
      everything.body.items.every((h: { member: string; pickup: { member: string } }) => h.member === LONDON || h.pickup.member === LONDON),
    );
    const museumList = await call('GET', '/v1/holds', undefined, { authorization: `Bearer ${other}` });
    assert.deepEqual(museumList.body.items, [], 'the museum neither lends nor receives these holds');
    assert.equal((await call('GET', '/v1/holds')).status, 401);
    const badFilter = await call('GET', '/v1/holds?status=lost', undefined, { authorization: `Bearer ${desk}` });
    assert.equal(badFilter.status, 400);
    assert.match(badFilter.body.errors[0].path, /^status/);
  });
});
