// The SDK's booking calls on a network that fails: a create retried after a 503 or a dropped
// connection carries the same Idempotency-Key, so the relay can answer it with the first result.
// A local HTTP server plays the failing relay, since a real relay cannot be made to fail on cue.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newIdempotencyKey } from '../src/client/idempotency.js';
import { ApiError, createClient, ValidationError } from '../src/index.js';
import { json, useScriptedRelay } from './helpers/scripted-relay.js';

const relay = useScriptedRelay();
/** The Idempotency-Key of every request the relay received, in order. */
const keys = () => relay.seen.map((request) => request.headers['idempotency-key'] as string | undefined);

const booking = {
  id: 'bk_00000000-0000-4000-8000-000000000000',
  resourceId: 'riverside-library:central-study-room-1',
  kind: 'room',
  member: 'riverside-library',
  branch: 'central',
  resourceName: { en: 'Study Room 1' },
  start: '2030-01-07T01:00:00.000Z',
  end: '2030-01-07T02:00:00.000Z',
  timezone: 'Asia/Hong_Kong',
  partySize: 1,
  patron: { name: 'Ann', email: 'ann@example.org' },
  status: 'confirmed',
  token: 'tok_abcdefghijklmnopqrstuvwx',
  createdAt: '2030-01-01T00:00:00.000Z',
  calendarUrl: '/v1/bookings/bk_00000000-0000-4000-8000-000000000000/calendar.ics?token=tok_abcdefghijklmnopqrstuvwx',
};
const request = {
  resourceId: booking.resourceId,
  start: booking.start,
  end: booking.end,
  patron: { name: 'Ann', email: 'ann@example.org' },
};
const problem = (status: number, code: string) => ({ type: 'x', title: 'x', status, code, detail: `${code} detail`, requestId: 'r1' });

describe('booking calls', () => {
  it('sends an Idempotency-Key and reuses it when retrying a create', async () => {
    relay.handlers.push(json(503, problem(503, 'unavailable'), { 'retry-after': '0' }), (_req, res) => res.destroy(), json(201, booking));
    const client = createClient({ baseUrl: relay.baseUrl, retries: 3 });
    const created = await client.bookings.create(request);
    assert.equal(created.id, booking.id);
    assert.equal(keys().length, 3);
    assert.ok((keys()[0] ?? '').length >= 32, 'a generated key (a UUID)');
    assert.deepEqual(new Set(keys()).size, 1, 'every attempt carries the same key');
  });

  it('uses a new key for each new booking, or the caller’s own key', async () => {
    relay.handlers.push(json(201, booking), json(201, booking), json(201, booking));
    const client = createClient({ baseUrl: relay.baseUrl });
    await client.bookings.create(request);
    await client.bookings.create(request);
    await client.bookings.create(request, { idempotencyKey: 'my-own-key-123' });
    assert.notEqual(keys()[0], keys()[1]);
    assert.equal(keys()[2], 'my-own-key-123');
  });

  it('does not retry a refusal, and surfaces its code', async () => {
    relay.handlers.push(json(409, problem(409, 'slot_unavailable')));
    const client = createClient({ baseUrl: relay.baseUrl, retries: 3 });
    await assert.rejects(client.bookings.create(request), (error: ApiError) => error.status === 409 && error.code === 'slot_unavailable');
    assert.equal(keys().length, 1);
  });

  it('refuses bad arguments before sending anything, naming the field', async () => {
    const client = createClient({ baseUrl: relay.baseUrl });
    await assert.rejects(
      client.bookings.create({ ...request, patron: { name: 'Ann', email: 'nope' } }),
      (error: ValidationError) => error instanceof ValidationError && error.issues.some((issue) => issue.path === 'patron.email'),
    );
    await assert.rejects(
      client.holds.create({ recordId: 'x', pickup: { member: 'riverside-library', branch: 'central' }, patron: request.patron }),
      ValidationError,
    );
    assert.equal(keys().length, 0);
  });

  it('makes version 4 UUID keys where only getRandomValues is available (a page on plain HTTP)', () => {
    const randomUUID = globalThis.crypto.randomUUID;
    try {
      Object.defineProperty(globalThis.crypto, 'randomUUID', { value: undefined, configurable: true });
      const made = new Set(Array.from({ length: 100 }, () => newIdempotencyKey()));
      assert.equal(made.size, 100);
      for (const key of made) assert.match(key, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    } finally {
      Object.defineProperty(globalThis.crypto, 'randomUUID', { value: randomUUID, configurable: true });
    }
  });

  it('gives the calendar file’s absolute address', () => {
    const client = createClient({ baseUrl: `${relay.baseUrl}/` });
    assert.equal(client.bookings.calendarUrl(booking), `${relay.baseUrl}${booking.calendarUrl}`);
  });
});
