// The SDK's bookings and holds against a real relay seeded with demo booking data: the calls a
// developer's app makes, typed end to end.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApiError, createClient, type AtriumClient } from '@atrium/sdk';
import { seedDemoConsortium } from '../src/demo/consortium.js';
import { DEMO_MEMBERS, RIVERSIDE_LIBRARY } from '../src/demo/consortium.js';
import { addLibrarian } from '../src/domain/staff/librarian-accounts.js';
import { startRelay } from '../src/index.js';

let client: AtriumClient;
let close: () => Promise<void>;

before(async () => {
  const started = await startRelay({ port: 0, host: '127.0.0.1', databaseUrl: 'sqlite::memory:', logLevel: 'silent' });
  close = started.close;
  await started.relay.storage.catalog.upsertMembers(DEMO_MEMBERS);
  await started.relay.storage.catalog.upsertRecords([
    {
      id: `${RIVERSIDE_LIBRARY}:sdk-1`,
      member: RIVERSIDE_LIBRARY,
      type: 'book',
      title: 'The SDK Book',
      creators: [],
      subjects: [],
      identifiers: {},
      holdings: [{ member: RIVERSIDE_LIBRARY, branch: 'central', status: 'available' }],
    },
  ]);
  await seedDemoConsortium(started.relay.storage.consortium);
  await addLibrarian(started.relay.storage, {
    member: RIVERSIDE_LIBRARY,
    name: 'Desk',
    email: 'desk@riverside.example.org',
    password: 'correct horse battery',
  });
  client = createClient({ baseUrl: started.url });
});
after(() => close());

describe('client.bookings and client.holds', () => {
  it('lists resources, books a free slot, reads it back, downloads its calendar and cancels it', async () => {
    const rooms = await client.bookings.resources({ member: RIVERSIDE_LIBRARY, kind: 'room' });
    assert.ok(rooms.length >= 2);
    const room = rooms[0]!;
    const { slots } = await client.bookings.availability(room.id, { from: new Date(Date.now() + 86_400_000) });
    const slot = slots.find((s) => s.remaining > 0)!;
    const booking = await client.bookings.create({
      resourceId: room.id,
      start: slot.start,
      end: slot.end,
      patron: { name: 'Sam', email: 'sam@example.org' },
      partySize: 2,
    });
    assert.equal(booking.status, 'confirmed');
    assert.deepEqual(await client.bookings.get(booking.id, booking.token), booking);
    const ics = await fetch(client.bookings.calendarUrl(booking));
    assert.match(await ics.text(), /^BEGIN:VCALENDAR\r\n/);
    await assert.rejects(
      client.bookings.create({ resourceId: room.id, start: slot.start, end: slot.end, patron: { name: 'Lee', email: 'lee@example.org' } }),
      (error: ApiError) => error.status === 409 && error.code === 'slot_unavailable',
    );
    assert.equal((await client.bookings.cancel(booking.id, booking.token)).status, 'cancelled');
    const after = await client.bookings.availability(room.id, { from: slot.start, to: slot.end });
    assert.equal(after.slots[0]!.remaining, 1);
  });

  it('returns the first booking when the caller retries with its own key', async () => {
    const [seat] = await client.bookings.resources({ member: RIVERSIDE_LIBRARY, kind: 'seat' });
    const slot = (await client.bookings.availability(seat!.id, { from: new Date(Date.now() + 86_400_000) })).slots[0]!;
    const request = { resourceId: seat!.id, start: slot.start, end: slot.end, patron: { name: 'Kim', email: 'kim@example.org' } };
    const first = await client.bookings.create(request, { idempotencyKey: 'sdk-retry-key-1' });
    const second = await client.bookings.create(request, { idempotencyKey: 'sdk-retry-key-1' });
    assert.deepEqual(second, first);
  });

  it('places, follows and cancels a hold', async () => {
    const hold = await client.holds.create({
      recordId: `${RIVERSIDE_LIBRARY}:sdk-1`,
      pickup: { member: 'eastern-university', branch: 'main' },
      patron: { name: 'Max', email: 'max@example.org' },
    });
    assert.equal(hold.status, 'submitted');
    assert.equal((await client.holds.get(hold.id, hold.token)).title, 'The SDK Book');
    const cancelled = await client.holds.cancel(hold.id, hold.token);
    assert.deepEqual(
      cancelled.history.map((event) => event.status),
      ['submitted', 'cancelled'],
    );
  });

  it('lets a librarian list holds and bookings and move a hold on', async () => {
    const hold = await client.holds.create({
      recordId: `${RIVERSIDE_LIBRARY}:sdk-1`,
      pickup: { member: RIVERSIDE_LIBRARY, branch: 'hillside' },
      patron: { name: 'Ola', email: 'ola@example.org' },
    });
    const { token } = await client.auth.login({ email: 'desk@riverside.example.org', password: 'correct horse battery' });
    const submitted = await client.holds.list({ token }, { status: ['submitted'] });
    assert.deepEqual(
      submitted.map((h) => h.id),
      [hold.id],
    );
    const moved = await client.holds.move({ token }, hold.id, { status: 'placed', note: 'On the shelf at Central' });
    assert.equal(moved.status, 'placed');
    await assert.rejects(
      client.holds.move({ token }, hold.id, { status: 'fulfilled' }),
      (error: ApiError) => error.code === 'invalid_transition',
    );
    assert.equal((await client.holds.get(hold.id, hold.token)).history.at(-1)!.note, 'On the shelf at Central');

    const booked = await client.bookings.list({ token }, { from: new Date(), to: new Date(Date.now() + 14 * 86_400_000) });
    assert.ok(booked.length >= 1, 'the bookings made above are on the sheet');
    assert.ok(booked.every((b) => b.member === RIVERSIDE_LIBRARY));
  });
});
