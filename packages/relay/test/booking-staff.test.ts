// The staff side of booking on SQLite and PostgreSQL: the day sheet in the member's time zone
// and per branch, cancelling as staff, no-shows, holds expiring after the pickup window and
// old Idempotency-Keys forgotten by the housekeeping job; then the same over HTTP and the SDK.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ApiError, type Booking, type BookingRequest, createClient, type Hold, type HoldRequest } from '@atrium/sdk';
import { holdsExpire } from '../src/cli/holds-command.js';
import { main } from '../src/cli/main.js';
import { BookingHousekeeping } from '../src/domain/booking/booking-housekeeping.js';
import { BookingRefusal } from '../src/domain/booking/booking-refusal.js';
import { BookingService } from '../src/domain/booking/booking-service.js';
import { HoldService } from '../src/domain/booking/hold-service.js';
import type { Outcome } from '../src/domain/idempotency/idempotent-request.js';
import type { LendingPolicy } from '../src/domain/booking/lending-policy.js';
import { addLibrarian } from '../src/domain/staff/librarian-accounts.js';
import { startRelay } from '../src/index.js';
import type { SqlBookingStore } from '../src/storage/booking-store.js';
import type { MemberInput, RecordInput, Storage } from '../src/storage/index.js';
import { LONDON, loadLondon } from './helpers/booking-fixtures.js';
import { testDatabases } from './helpers/databases.js';

const DAY = 86_400_000;
const MUSEUM = 'test-museum';
const MUSEUM_MEMBER: MemberInput = {
  id: MUSEUM,
  name: { en: 'Test Museum' },
  kind: 'museum',
  branches: [{ id: 'shop', name: { en: 'Museum Shop' } }],
  timezone: 'Asia/Hong_Kong',
};
const record = (id: string): RecordInput => {
  const member = id.slice(0, id.indexOf(':'));
  return {
    id,
    member,
    type: 'book',
    title: `Title of ${id}`,
    creators: [],
    subjects: [],
    identifiers: {},
    holdings: [{ member, branch: member === LONDON ? 'central' : 'shop', status: 'available' }],
  };
};
const LONDON_POLICY: LendingPolicy = {
  lends: ['book'],
  lendsTo: 'everyone',
  maxActiveHolds: 20,
  pickup: 'any-member',
  pickupWindowDays: 3,
};
const MUSEUM_POLICY: LendingPolicy = { lends: ['book'], lendsTo: 'everyone', maxActiveHolds: 20, pickup: 'any-member' };

/** London (bookable resources, a three-day pickup window) and a museum (the default window). */
async function loadStaffData(storage: Storage): Promise<SqlBookingStore> {
  const store = await loadLondon(storage);
  await storage.catalog.upsertMembers([MUSEUM_MEMBER]);
  await storage.catalog.upsertRecords([
    record(`${LONDON}:book-1`),
    record(`${LONDON}:book-2`),
    record(`${LONDON}:book-3`),
    record(`${MUSEUM}:book-1`),
  ]);
  await store.upsertLendingPolicy(LONDON, LONDON_POLICY);
  await store.upsertLendingPolicy(MUSEUM, MUSEUM_POLICY);
  return store;
}

let counter = 0;
const ctx = (idempotencyKey?: string) => ({ requestId: `staff-${++counter}`, ...(idempotencyKey ? { idempotencyKey } : {}) });
const booking = (resource: string, start: string, minutes: number, who: string): BookingRequest => ({
  resourceId: `${LONDON}:${resource}`,
  start,
  end: new Date(Date.parse(start) + minutes * 60_000).toISOString(),
  patron: { name: `Patron ${who}`, email: `${who}@example.org` },
});
const holdRequest = (recordId: string, who: string): HoldRequest => ({
  recordId,
  pickup: { member: LONDON, branch: 'central' },
  patron: { name: `Patron ${who}`, email: `${who}@example.org` },
});
function value<T>(outcome: Outcome<T>): T {
  assert.ok(outcome.ok, outcome.ok ? '' : `${outcome.code}: ${outcome.detail}`);
  return outcome.value;
}
const refusal = (code: string, status: number) => (error: unknown) =>
  error instanceof BookingRefusal && error.code === code && error.status === status && error.detail.length > 10;

for (const database of await testDatabases()) {
  describe(`staff booking on ${database.name}`, { skip: database.skip }, () => {
    let storage: Storage;
    let store: SqlBookingStore;
    // Monday 6 April 2026, 08:00 in London (BST, UTC+1).
    let clock = new Date('2026-04-06T07:00:00Z');
    const now = () => clock;
    let bookings: BookingService;
    let holds: HoldService;

    before(async () => {
      storage = await database.open();
      store = await loadStaffData(storage);
      bookings = new BookingService(store, { now });
      holds = new HoldService(store, storage.catalog, { now });
    });
    after(() => storage?.close());

    let room: Booking;
    let seminar: Booking;
    let night: Booking;
    let tomorrow: Booking;

    it('lists a day of the member calendar, in its time zone, at one branch or all', async () => {
      clock = new Date('2026-04-06T07:00:00Z');
      room = value(await bookings.book(booking('room-1', '2026-04-06T09:00:00Z', 60, 'ann'), ctx()));
      seminar = value(await bookings.book(booking('long-room', '2026-04-06T08:00:00Z', 90, 'bob'), ctx()));
      // Midnight on 7 April in London is 23:00 UTC on the 6th: it belongs to the 7th's sheet.
      night = value(await bookings.book(booking('night-seat', '2026-04-06T23:00:00Z', 60, 'cy'), ctx()));
      tomorrow = value(await bookings.book(booking('room-1', '2026-04-07T08:00:00Z', 60, 'di'), ctx()));

      const ids = (list: { id: string }[]) => list.map((item) => item.id);
      const sixth = await bookings.listForMember(LONDON, { date: '2026-04-06', limit: 200 });
      assert.deepEqual(ids(sixth), [seminar.id, room.id]);
      assert.equal((sixth[0] as Partial<Booking>).token, undefined, 'staff never see patron tokens');
      assert.deepEqual(ids(await bookings.listForMember(LONDON, { date: '2026-04-07', limit: 200 })), [night.id, tomorrow.id]);
      assert.deepEqual(ids(await bookings.listForMember(LONDON, { date: '2026-04-07', branch: 'night', limit: 200 })), [night.id]);
      assert.deepEqual(ids(await bookings.listForMember(LONDON, { date: '2026-04-07', branch: 'central', limit: 200 })), [tomorrow.id]);
      assert.deepEqual(await bookings.listForMember(MUSEUM, { date: '2026-04-07', limit: 200 }), []);
      await assert.rejects(
        bookings.listForMember(LONDON, { date: '2026-04-07', branch: 'attic', limit: 200 }),
        refusal('branch_not_found', 422),
      );
    });

    it('cancels as staff until the booking ends, freeing its place at once', async () => {
      const free = async () =>
        (await bookings.availability(tomorrow.resourceId, { from: tomorrow.start, to: tomorrow.end })).slots[0]!.remaining;
      assert.equal(await free(), 0);
      const cancelled = await bookings.cancelForStaff(tomorrow.id);
      assert.equal(cancelled.status, 'cancelled');
      assert.equal(cancelled.cancelledAt, clock.toISOString());
      assert.equal(await free(), 1);
      assert.deepEqual(await bookings.cancelForStaff(tomorrow.id), cancelled, 'cancelling again changes nothing');
      await assert.rejects(bookings.markNoShow(tomorrow.id), refusal('booking_closed', 409));
      await assert.rejects(bookings.cancelForStaff('bk_00000000-0000-0000-0000-000000000000'), refusal('booking_not_found', 404));
    });

    it('marks a no-show once the slot has started, and never before', async () => {
      await assert.rejects(bookings.markNoShow(room.id), refusal('not_started', 422));
      assert.equal((await bookings.getForStaff(room.id)).status, 'confirmed');
      clock = new Date('2026-04-06T09:20:00Z');
      const missed = await bookings.markNoShow(room.id);
      assert.equal(missed.status, 'no_show');
      assert.deepEqual(await bookings.markNoShow(room.id), missed);
      await assert.rejects(bookings.cancelForStaff(room.id), refusal('booking_closed', 409));
      // The patron's own view shows it too.
      assert.equal((await bookings.getBooking(room.id, room.token)).status, 'no_show');
    });

    it('refuses to cancel a booking that has ended', async () => {
      clock = new Date('2026-04-06T10:00:00Z');
      await assert.rejects(bookings.cancelForStaff(seminar.id), refusal('already_ended', 422));
      assert.equal((await bookings.getForStaff(seminar.id)).status, 'confirmed');
    });

    it('expires holds left on the pickup shelf past the owner’s window, and only those', async () => {
      const t0 = new Date('2026-05-01T12:00:00Z');
      clock = t0;
      const ready = async (request: HoldRequest) => {
        const placed = value(await holds.place(request, ctx()));
        await holds.transition(placed.id, 'placed');
        return holds.transition(placed.id, 'ready_for_pickup', 'On the hold shelf');
      };
      const london = await ready(holdRequest(`${LONDON}:book-1`, 'eve'));
      const museum = await ready(holdRequest(`${MUSEUM}:book-1`, 'eve'));
      const waiting = value(await holds.place(holdRequest(`${LONDON}:book-2`, 'eve'), ctx()));
      await holds.transition(waiting.id, 'placed');
      const status = async (hold: Hold) => (await holds.getForStaff(hold.id)).status;

      clock = new Date(t0.getTime() + 3 * DAY - 60_000);
      assert.equal(await holds.expireUncollected(), 0);
      clock = new Date(t0.getTime() + 3 * DAY + 60_000);
      assert.equal(await holds.expireUncollected(), 1);
      const expired = await holds.get(london.id, london.token);
      assert.equal(expired.status, 'expired');
      assert.deepEqual(expired.history.at(-1), { status: 'expired', at: clock.toISOString(), note: 'Not collected within 3 days' });
      assert.equal(await status(museum), 'ready_for_pickup', 'the museum keeps the default seven days');

      clock = new Date(t0.getTime() + 7 * DAY + 60_000);
      assert.equal(await holds.expireUncollected(), 1);
      assert.equal(await status(museum), 'expired');
      assert.equal(await holds.expireUncollected(), 0, 'a second run finds nothing more');
      assert.equal(await status(waiting), 'placed', 'holds not yet on the shelf never expire');
    });

    it('housekeeping expires holds and forgets Idempotency-Keys after a day, at start and on stop waits for its run', async () => {
      const t0 = new Date('2026-06-01T12:00:00Z');
      clock = t0;
      const first = value(await holds.place(holdRequest(`${LONDON}:book-3`, 'fay'), ctx('staff-keep-0001')));
      const replay = await holds.place(holdRequest(`${LONDON}:book-3`, 'fay'), ctx('staff-keep-0001'));
      assert.equal(replay.ok && replay.replayed && replay.value.id, first.id);
      await holds.transition(first.id, 'placed');
      await holds.transition(first.id, 'ready_for_pickup');

      const housekeeping = new BookingHousekeeping(store, holds, { now });
      clock = new Date(t0.getTime() + 23 * 3_600_000);
      assert.deepEqual(await housekeeping.run(), { expiredHolds: 0, deletedIdempotencyKeys: 0 });
      clock = new Date(t0.getTime() + 25 * 3_600_000);
      const report = await housekeeping.run();
      assert.equal(report.expiredHolds, 0);
      assert.ok(report.deletedIdempotencyKeys >= 1);
      const again = value(await holds.place(holdRequest(`${LONDON}:book-3`, 'fay'), ctx('staff-keep-0001')));
      assert.notEqual(again.id, first.id, 'a forgotten key books anew');

      clock = new Date(t0.getTime() + 4 * DAY);
      const reports: unknown[] = [];
      const scheduled = new BookingHousekeeping(store, holds, { now, onReport: (r) => reports.push(r), onError: (e) => reports.push(e) });
      scheduled.start();
      await scheduled.stop();
      assert.equal((await holds.getForStaff(first.id)).status, 'expired');
      assert.deepEqual(reports, [{ expiredHolds: 1, deletedIdempotencyKeys: 1 }]);
    });

    it('expires holds from the command line too', async () => {
      clock = new Date('2026-07-01T12:00:00Z');
      const placed = value(await holds.place(holdRequest(`${LONDON}:book-2`, 'gus'), ctx()));
      await holds.transition(placed.id, 'placed');
      await holds.transition(placed.id, 'ready_for_pickup');
      let printed = '';
      const output = { stdout: { write: (text: string) => (printed += text) } };
      assert.equal(await holdsExpire(storage, output, () => new Date(clock.getTime() + 2 * DAY)), 0);
      assert.match(printed, /^Expired 0 holds/);
      assert.equal(await holdsExpire(storage, output, () => new Date(clock.getTime() + 4 * DAY)), 0);
      assert.match(printed, /Expired 1 hold not collected/);
      assert.equal((await holds.getForStaff(placed.id)).status, 'expired');
    });
  });
}

describe('holds expire command', () => {
  it('runs on a database file and refuses unknown actions', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'atrium-holds-'));
    try {
      const database = `sqlite:${join(dir, 'atrium.db')}`;
      assert.equal(await main(['holds', 'expire', '--database', database]), 0);
      assert.equal(await main(['holds', 'purge', '--database', database]), 2);
      assert.equal(await main(['holds']), 2);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('staff booking over HTTP and the SDK', () => {
  let url = '';
  let close: () => Promise<void>;
  let store: SqlBookingStore;
  const client = () => createClient({ baseUrl: url, retries: 0 });
  before(async () => {
    const started = await startRelay({ port: 0, host: '127.0.0.1', databaseUrl: 'sqlite::memory:', logLevel: 'silent' });
    ({ url, close } = started);
    store = await loadStaffData(started.relay.storage);
    const password = 'correct horse battery';
    await addLibrarian(started.relay.storage, { member: LONDON, name: 'Desk', email: 'desk@test-london.example.org', password });
    await addLibrarian(started.relay.storage, { member: MUSEUM, name: 'Other', email: 'desk@test-museum.example.org', password });
  });
  after(() => close());

  const login = async (email: string) => (await client().auth.login({ email, password: 'correct horse battery' })).token;
  async function call(method: string, path: string, headers: Record<string, string> = {}, body?: unknown) {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    assert.equal(
      response.status >= 400 ? response.headers.get('content-type')?.split(';')[0] : 'ok',
      response.status >= 400 ? 'application/problem+json' : 'ok',
    );
    return { status: response.status, body: await response.json() };
  }
  /** The next free slot of London's room from tomorrow on, booked by a patron through the SDK. */
  async function bookRoom(who: string): Promise<Booking> {
    const from = new Date(Date.now() + DAY);
    const { slots } = await client().bookings.availability(`${LONDON}:room-1`, { from, to: new Date(from.getTime() + 7 * DAY) });
    const slot = slots.find((candidate) => candidate.remaining > 0)!;
    return client().bookings.create({
      resourceId: `${LONDON}:room-1`,
      start: slot.start,
      end: slot.end,
      patron: { name: who, email: `${who}@example.org` },
    });
  }
  const londonDate = (instant: string) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(Date.parse(instant));

  it('lists a day per branch for the member’s librarians, and names bad fields', async () => {
    const desk = await login('desk@test-london.example.org');
    const booked = await bookRoom('hal');
    const day = londonDate(booked.start);
    const list = await client().bookings.list({ token: desk }, { date: day, branch: 'central' });
    assert.deepEqual(
      list.map((item) => item.id),
      [booked.id],
    );
    assert.equal((list[0] as Partial<Booking>).token, undefined);
    assert.deepEqual(await client().bookings.list({ token: desk }, { date: day, branch: 'night' }), []);
    const other = await login('desk@test-museum.example.org');
    assert.deepEqual(await client().bookings.list({ token: other }, { date: day }), []);

    const auth = { authorization: `Bearer ${desk}` };
    assert.equal((await call('GET', `/v1/bookings?date=${day}`)).status, 401);
    const badDate = await call('GET', '/v1/bookings?date=2026-13-40', auth);
    assert.equal(badDate.status, 400);
    assert.equal(badDate.body.errors[0].path, 'date');
    const both = await call('GET', `/v1/bookings?date=${day}&from=2026-01-01T00:00:00Z`, auth);
    assert.equal(both.status, 400);
    assert.match(both.body.detail, /either date or from\/to/);
    const attic = await call('GET', `/v1/bookings?date=${day}&branch=attic`, auth);
    assert.equal(attic.status, 422);
    assert.equal(attic.body.code, 'branch_not_found');
  });

  it('cancels as a librarian of the member only, with the patron’s token still working', async () => {
    const desk = await login('desk@test-london.example.org');
    const other = await login('desk@test-museum.example.org');
    const booked = await bookRoom('ida');
    const forbidden = await call('POST', `/v1/bookings/${booked.id}/cancel`, { authorization: `Bearer ${other}` }, {});
    assert.equal(forbidden.status, 403);
    assert.equal(forbidden.body.code, 'forbidden');
    const expired = await call('POST', `/v1/bookings/${booked.id}/cancel`, { authorization: 'Bearer not-a-token' }, {});
    assert.equal(expired.status, 401);
    assert.equal((await client().bookings.get(booked.id, booked.token)).status, 'confirmed', 'refused requests change nothing');

    const cancelled = await client().bookings.cancelAsStaff({ token: desk }, booked.id);
    assert.equal(cancelled.status, 'cancelled');
    assert.equal((cancelled as Partial<Booking>).token, undefined);
    const { slots } = await client().bookings.availability(booked.resourceId, { from: booked.start, to: booked.end });
    assert.equal(slots[0]!.remaining, 1, 'the place is free at once');
    assert.equal((await client().bookings.get(booked.id, booked.token)).status, 'cancelled');

    const patrons = await bookRoom('jay');
    assert.equal((await client().bookings.cancel(patrons.id, patrons.token)).status, 'cancelled');
  });

  it('marks no-shows of started bookings only', async () => {
    const desk = await login('desk@test-london.example.org');
    const other = await login('desk@test-museum.example.org');
    const future = await bookRoom('kim');
    await assert.rejects(
      client().bookings.markNoShow({ token: desk }, future.id),
      (error: ApiError) => error.status === 422 && error.code === 'not_started',
    );
    // A booking whose slot began an hour ago, as the relay would have stored it then.
    const start = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 - 3_600_000);
    const id = 'bk_00000000-0000-4000-8000-000000000001';
    await store.insertBooking({
      id,
      resource_id: `${LONDON}:room-1`,
      start_at: start.toISOString(),
      end_at: new Date(start.getTime() + 3_600_000).toISOString(),
      party_size: 1,
      places: 1,
      patron_name: 'Lee',
      patron_email: 'lee@example.org',
      patron_member: null,
      status: 'confirmed',
      token: 'l'.repeat(32),
      created_at: new Date(start.getTime() - DAY).toISOString(),
      cancelled_at: null,
    });
    assert.equal((await call('POST', `/v1/bookings/${id}/no-show`)).status, 401);
    assert.equal((await call('POST', `/v1/bookings/${id}/no-show`, { authorization: `Bearer ${other}` })).status, 403);
    const missed = await client().bookings.markNoShow({ token: desk }, id);
    assert.equal(missed.status, 'no_show');
    await assert.rejects(
      client().bookings.cancelAsStaff({ token: desk }, id),
      (error: ApiError) => error.status === 409 && error.code === 'booking_closed',
    );
    const unknown = await call('POST', '/v1/bookings/bk_00000000-0000-4000-8000-00000000ffff/no-show', { authorization: `Bearer ${desk}` });
    assert.equal(unknown.status, 404);
    const malformed = await call('POST', '/v1/bookings/nope/no-show', { authorization: `Bearer ${desk}` });
    assert.equal(malformed.status, 400);
  });

  it('lists holds to pick up at one branch and moves them on through the SDK', async () => {
    const desk = await login('desk@test-london.example.org');
    const hold = await client().holds.create(holdRequest(`${LONDON}:book-1`, 'max'));
    const central = await client().holds.list({ token: desk }, { branch: 'central', status: ['submitted'] });
    assert.deepEqual(
      central.map((item) => item.id),
      [hold.id],
    );
    assert.deepEqual(await client().holds.list({ token: desk }, { branch: 'night' }), []);
    const moved = await client().holds.move({ token: desk }, hold.id, { status: 'placed', note: 'Pulled from the stacks' });
    assert.deepEqual(moved.history.at(-1)?.note, 'Pulled from the stacks');
    const bad = await call('GET', '/v1/holds?branch=Not%20A%20Branch', { authorization: `Bearer ${desk}` });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.errors[0].path, 'branch');
  });

  it('describes the staff routes in the OpenAPI document', async () => {
    const { body } = await call('GET', '/v1/openapi.json');
    assert.ok(body.paths['/v1/bookings/{id}/no-show'].post);
    const names = body.paths['/v1/bookings'].get.parameters.map((parameter: { name: string }) => parameter.name);
    assert.ok(names.includes('date') && names.includes('branch'), names.join());
  });
});
