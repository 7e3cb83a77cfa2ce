// Booking rules on SQLite and PostgreSQL: slots from opening hours in the member's time zone
// (daylight-saving days included), the policy refusals, Idempotency-Key, cancellation, and no
// place given twice under concurrent requests.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Booking, BookingRequest } from '@atrium/sdk';
import { BookingService } from '../src/domain/booking/booking-service.js';
import type { Outcome } from '../src/domain/idempotency/idempotent-request.js';
import type { Storage } from '../src/storage/index.js';
import { LONDON, loadLondon } from './helpers/booking-fixtures.js';
import { testDatabases } from './helpers/databases.js';

const NOW = new Date('2026-03-20T12:00:00Z');
let requestCounter = 0;
const context = (idempotencyKey?: string) => ({ requestId: `req-${++requestCounter}`, ...(idempotencyKey ? { idempotencyKey } : {}) });
const patron = (n: number | string) => ({ name: `Patron ${n}`, email: `patron${n}@example.org` });

function request(resource: string, start: string, end: string, who: number | string, partySize?: number): BookingRequest {
  return { resourceId: `${LONDON}:${resource}`, start, end, patron: patron(who), ...(partySize ? { partySize } : {}) };
}

function booked(outcome: Outcome<Booking>): Booking {
  assert.ok(outcome.ok, `expected a booking, got ${outcome.ok ? '' : `${outcome.status} ${outcome.code}: ${outcome.detail}`}`);
  return outcome.value;
}

function refused(outcome: Outcome<Booking>, status: number, code: string): void {
  assert.equal(outcome.ok, false, `expected ${code}, got a booking`);
  if (!outcome.ok) {
    assert.equal(outcome.code, code, outcome.detail);
    assert.equal(outcome.status, status);
    assert.ok(outcome.detail.length > 10, 'a refusal explains itself');
  }
}

for (const database of await testDatabases()) {
  describe(`booking rules on ${database.name}`, { skip: database.skip }, () => {
    let storage: Storage;
    let service: BookingService;

    before(async () => {
      storage = await database.open();
      service = new BookingService(await loadLondon(storage), { now: () => NOW });
    });
    after(() => storage?.close());

    const starts = async (resource: string, from: string, to: string) =>
      (await service.availability(`${LONDON}:${resource}`, { from, to })).slots.map((slot) => slot.start);

    it('lists resources by member and kind', async () => {
      const rooms = await service.listResources({ member: LONDON, kind: 'room' });
      assert.deepEqual(
        rooms.map((r) => r.id),
        [`${LONDON}:room-1`, `${LONDON}:long-room`],
      );
      assert.equal(rooms[0]!.timezone, 'Europe/London');
      assert.equal((await service.listResources({ member: 'nobody' })).length, 0);
    });

    it('offers slots in local opening hours on both sides of the spring change', async () => {
      // Friday 27 March: GMT, 09:00 local is 09:00 UTC. Monday 30 March: BST, 09:00 local is 08:00 UTC.
      const friday = await starts('room-1', '2026-03-27T00:00:00Z', '2026-03-28T00:00:00Z');
      assert.equal(friday.length, 8);
      assert.equal(friday[0], '2026-03-27T09:00:00.000Z');
      assert.equal(friday.at(-1), '2026-03-27T16:00:00.000Z');
      const monday = await starts('room-1', '2026-03-30T00:00:00Z', '2026-03-31T00:00:00Z');
      assert.equal(monday.length, 8);
      assert.equal(monday[0], '2026-03-30T08:00:00.000Z');
      assert.equal(monday.at(-1), '2026-03-30T15:00:00.000Z');
    });

    it('has one slot fewer on the night the clocks go forward and one more when they go back', async () => {
      // Open 00:00–03:00 local every night: three real hours, two on 29 March, four on 25 October.
      const before = await starts('night-seat', '2026-03-28T00:00:00Z', '2026-03-28T12:00:00Z');
      assert.deepEqual(before, ['2026-03-28T00:00:00.000Z', '2026-03-28T01:00:00.000Z', '2026-03-28T02:00:00.000Z']);
      const spring = await starts('night-seat', '2026-03-29T00:00:00Z', '2026-03-29T12:00:00Z');
      assert.deepEqual(spring, ['2026-03-29T00:00:00.000Z', '2026-03-29T01:00:00.000Z']);
      const autumn = await starts('night-seat', '2026-10-24T22:00:00Z', '2026-10-25T12:00:00Z');
      assert.deepEqual(autumn, [
        '2026-10-24T23:00:00.000Z',
        '2026-10-25T00:00:00.000Z',
        '2026-10-25T01:00:00.000Z',
        '2026-10-25T02:00:00.000Z',
      ]);
      // The spring slot after the gap is bookable and lasts one real hour.
      booked(await service.book(request('night-seat', '2026-03-29T01:00:00Z', '2026-03-29T02:00:00Z', 'dst'), context()));
    });

    it('never lets a slot run past closing time', async () => {
      // 90-minute slots from 09:00 to 17:00: the last starts at 15:00 and ends 16:30; 16:30–18:00 is not offered.
      const day = await starts('long-room', '2026-03-27T00:00:00Z', '2026-03-28T00:00:00Z');
      assert.deepEqual(
        day.map((s) => s.slice(11, 16)),
        ['09:00', '10:30', '12:00', '13:30', '15:00'],
      );
      refused(
        await service.book(request('long-room', '2026-03-27T16:30:00Z', '2026-03-27T18:00:00Z', 'late'), context()),
        422,
        'outside_opening_hours',
      );
      refused(
        await service.book(request('room-1', '2026-03-27T16:30:00Z', '2026-03-27T17:30:00Z', 'late'), context()),
        422,
        'outside_opening_hours',
      );
      refused(
        await service.book(request('room-1', '2026-03-27T08:00:00Z', '2026-03-27T09:00:00Z', 'early'), context()),
        422,
        'outside_opening_hours',
      );
      booked(await service.book(request('room-1', '2026-03-27T16:00:00Z', '2026-03-27T17:00:00Z', 'last'), context()));
    });

    it('has no slots on a closed day', async () => {
      assert.deepEqual(await starts('room-1', '2026-12-25T00:00:00Z', '2026-12-26T00:00:00Z'), []);
      assert.equal((await starts('room-1', '2026-12-24T00:00:00Z', '2026-12-25T00:00:00Z')).length, 8);
    });

    it('follows a librarian’s weekly schedule and its exceptions', async () => {
      // Monday 23 March (GMT) 10:00–12:00: four half-hour slots.
      assert.deepEqual(await starts('librarian', '2026-03-23T00:00:00Z', '2026-03-24T00:00:00Z'), [
        '2026-03-23T10:00:00.000Z',
        '2026-03-23T10:30:00.000Z',
        '2026-03-23T11:00:00.000Z',
        '2026-03-23T11:30:00.000Z',
      ]);
      // Monday 30 March: away. Friday 3 April: an extra hour, 09:00 BST = 08:00 UTC.
      assert.deepEqual(await starts('librarian', '2026-03-30T00:00:00Z', '2026-03-31T00:00:00Z'), []);
      assert.deepEqual(await starts('librarian', '2026-04-03T00:00:00Z', '2026-04-04T00:00:00Z'), [
        '2026-04-03T08:00:00.000Z',
        '2026-04-03T08:30:00.000Z',
      ]);
      // Wednesday 25 March 14:00–18:00 within branch hours to 17:00: six slots, none after closing.
      assert.equal((await starts('librarian', '2026-03-25T00:00:00Z', '2026-03-26T00:00:00Z')).length, 6);
    });

    it('refuses slots in the past, too far ahead, and parties too large', async () => {
      refused(await service.book(request('room-1', '2026-03-19T10:00:00Z', '2026-03-19T11:00:00Z', 'past'), context()), 422, 'in_the_past');
      refused(
        await service.book(request('room-1', '2027-06-01T09:00:00Z', '2027-06-01T10:00:00Z', 'far'), context()),
        422,
        'too_far_ahead',
      );
      refused(
        await service.book(request('visit', '2026-03-24T10:00:00Z', '2026-03-24T10:30:00Z', 'big', 6), context()),
        422,
        'party_too_large',
      );
      refused(
        await service.book(request('nothing', '2026-03-24T10:00:00Z', '2026-03-24T10:30:00Z', 'x'), context()),
        404,
        'resource_not_found',
      );
      // Availability never lists slots already past.
      const today = await starts('room-1', '2026-03-20T00:00:00Z', '2026-03-21T00:00:00Z');
      assert.equal(today[0], '2026-03-20T12:00:00.000Z');
    });

    it('limits upcoming bookings per patron at a member, and counts people for visits', async () => {
      booked(await service.book(request('room-1', '2026-03-24T09:00:00Z', '2026-03-24T10:00:00Z', 'limit'), context()));
      booked(await service.book(request('room-1', '2026-03-24T10:00:00Z', '2026-03-24T11:00:00Z', 'limit'), context()));
      // room-1 allows two per patron; the email is compared without case.
      const third = request('room-1', '2026-03-24T11:00:00Z', '2026-03-24T12:00:00Z', 'limit');
      third.patron.email = third.patron.email.toUpperCase();
      refused(await service.book(third, context()), 422, 'limit_reached');

      const slot = ['2026-03-24T10:00:00Z', '2026-03-24T10:30:00Z'] as const;
      booked(await service.book(request('visit', ...slot, 'v1', 5), context()));
      booked(await service.book(request('visit', ...slot, 'v2', 4), context()));
      refused(await service.book(request('visit', ...slot, 'v3', 2), context()), 409, 'slot_unavailable');
      booked(await service.book(request('visit', ...slot, 'v3', 1), context()));
      const remaining = (await service.availability(`${LONDON}:visit`, { from: slot[0], to: slot[1] })).slots[0]!.remaining;
      assert.equal(remaining, 0);
    });

    it('answers a retried request with the first answer, and refuses a key reused for another request', async () => {
      const body = request('room-1', '2026-03-25T09:00:00Z', '2026-03-25T10:00:00Z', 'retry');
      const first = booked(await service.book(body, context('key-retry-0001')));
      const again = await service.book(structuredClone(body), context('key-retry-0001'));
      assert.equal(again.replayed, true);
      assert.deepEqual(booked(again), first);
      // Someone else booking that slot now gets 409: only one booking was made.
      refused(await service.book(request('room-1', body.start, body.end, 'other'), context()), 409, 'slot_unavailable');
      await assert.rejects(
        service.book({ ...body, partySize: 2 }, context('key-retry-0001')),
        (error: Error & { code?: string; status?: number }) => error.code === 'idempotency_key_reused' && error.status === 422,
      );
      // A refusal is kept too: the retry gets the same problem, request id included.
      const refusal = await service.book(request('room-1', body.start, body.end, 'other2'), context('key-retry-0002'));
      const refusalAgain = await service.book(request('room-1', body.start, body.end, 'other2'), context('key-retry-0002'));
      refused(refusalAgain, 409, 'slot_unavailable');
      assert.deepEqual({ ...refusalAgain, replayed: false }, refusal);
    });

    it('lets the token holder read and cancel, frees the place at once, and offers a calendar file', async () => {
      const body = request('room-1', '2026-03-26T09:00:00Z', '2026-03-26T10:00:00Z', 'cancel');
      const booking = booked(await service.book(body, context()));
      assert.equal(booking.status, 'confirmed');
      assert.deepEqual(await service.getBooking(booking.id, booking.token), booking);
      await assert.rejects(service.getBooking(booking.id, 'x'.repeat(32)), { code: 'booking_not_found' });
      refused(await service.book(request('room-1', body.start, body.end, 'waiting'), context()), 409, 'slot_unavailable');

      const cancelled = await service.cancelBooking(booking.id, booking.token);
      assert.equal(cancelled.status, 'cancelled');
      assert.ok(cancelled.cancelledAt);
      assert.deepEqual(await service.cancelBooking(booking.id, booking.token), cancelled, 'cancelling twice changes nothing');
      booked(await service.book(request('room-1', body.start, body.end, 'waiting'), context()));

      const ics = await service.calendar(booking.id, booking.token);
      assert.match(ics, /STATUS:CANCELLED\r\n/);
    });

    it('gives exactly as many places as a slot has to hundreds of simultaneous requests', async () => {
      const slot = ['2026-03-31T14:00:00Z', '2026-03-31T14:30:00Z'] as const;
      const outcomes = await Promise.all(
        Array.from({ length: 200 }, (_, i) => service.book(request('visit', ...slot, `crowd${i}`), context(`crowd-key-${i}`))),
      );
      assert.equal(outcomes.filter((o) => o.ok).length, 10);
      assert.ok(outcomes.filter((o) => !o.ok).every((o) => !o.ok && o.code === 'slot_unavailable'));
      const left = (await service.availability(`${LONDON}:visit`, { from: slot[0], to: slot[1] })).slots[0]!.remaining;
      assert.equal(left, 0);
      // Concurrent retries of one request make one booking.
      const body = request('visit', '2026-03-31T15:00:00Z', '2026-03-31T15:30:00Z', 'twin', 2);
      const twins = await Promise.all(Array.from({ length: 30 }, () => service.book(structuredClone(body), context('twin-key-0001'))));
      const ids = new Set(twins.map((o) => booked(o).id));
      assert.equal(ids.size, 1);
      const after = (await service.availability(`${LONDON}:visit`, { from: body.start, to: body.end })).slots[0]!.remaining;
      assert.equal(after, 8);
    });

    it('keeps the per-patron limit when one patron sends many requests at once', async () => {
      // room-1 allows two upcoming bookings per patron; fifty requests for fifty different slots.
      const day = Date.parse('2026-04-06T08:00:00Z'); // Monday, BST: slots start on the hour from 08:00 UTC
      const outcomes = await Promise.all(
        Array.from({ length: 50 }, (_, i) => {
          const start = new Date(day + (i % 8) * 3_600_000 + Math.floor(i / 8) * 86_400_000);
          const end = new Date(start.getTime() + 3_600_000);
          return service.book(request('room-1', start.toISOString(), end.toISOString(), 'greedy'), context(`greedy-${i}`));
        }),
      );
      assert.equal(outcomes.filter((o) => o.ok).length, 2);
      assert.equal(outcomes.filter((o) => !o.ok && o.code === 'limit_reached').length, 48);
    });
  });
}
