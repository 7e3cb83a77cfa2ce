// Booking over real HTTP on a relay started with startRelay, on SQLite and on PostgreSQL:
// validation, the no-double-booking guarantee under hundreds of simultaneous requests,
// Idempotency-Key retries, the patron token, cancellation and the calendar file.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { addLibrarian } from '../src/domain/staff/librarian-accounts.js';
import { LONDON, loadLondon } from './helpers/booking-fixtures.js';
import { testDatabases } from './helpers/databases.js';

for (const database of await testDatabases()) {
  describe(`booking over HTTP on ${database.name}`, { skip: database.skip }, () => {
    let url = '';
    let close: () => Promise<void> = async () => {};

    before(async () => {
      const started = await database.startRelay();
      url = started.url;
      close = started.close;
      await loadLondon(started.relay.storage);
      await addLibrarian(started.relay.storage, {
        member: LONDON,
        name: 'Desk',
        email: 'desk@test-london.example.org',
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
      const text = await response.text();
      const type = response.headers.get('content-type') ?? '';
      return {
        status: response.status,
        headers: response.headers,
        text,
        body: type.includes('json') && text ? JSON.parse(text) : undefined,
      };
    }

    /** Free slots of a resource from two days ahead, so no slot passes during the test. */
    async function futureSlots(resource: string) {
      const from = new Date(Date.now() + 2 * 86_400_000).toISOString();
      const to = new Date(Date.now() + 9 * 86_400_000).toISOString();
      const { status, body } = await call('GET', `/v1/resources/${LONDON}:${resource}/availability?from=${from}&to=${to}`);
      assert.equal(status, 200, JSON.stringify(body));
      return body.slots as Array<{ start: string; end: string; remaining: number }>;
    }

    const remainingAt = async (resource: string, start: string) => (await futureSlots(resource)).find((s) => s.start === start)?.remaining;

    it('documents the booking routes in the OpenAPI document', async () => {
      const { body } = await call('GET', '/v1/openapi.json');
      for (const path of ['/v1/resources', '/v1/resources/{id}/availability', '/v1/bookings', '/v1/bookings/{id}/cancel', '/v1/holds']) {
        assert.ok(body.paths[path], `${path} is documented`);
      }
      assert.deepEqual(body.components.schemas.BookingRequest.required.sort(), ['end', 'patron', 'resourceId', 'start']);
    });

    it('lists resources by member and kind, and names a bad parameter', async () => {
      const { status, body } = await call('GET', `/v1/resources?member=${LONDON}&kind=visit`);
      assert.equal(status, 200);
      assert.deepEqual(
        body.items.map((r: { id: string }) => r.id),
        [`${LONDON}:visit`],
      );
      const bad = await call('GET', '/v1/resources?kind=ballroom');
      assert.equal(bad.status, 400);
      assert.equal(bad.body.errors[0].path, 'kind');
      const missing = await call('GET', `/v1/resources/${LONDON}:nothing/availability`);
      assert.equal(missing.status, 404);
      assert.equal(missing.body.code, 'resource_not_found');
      const backwards = await call('GET', `/v1/resources/${LONDON}:visit/availability?from=2026-05-02T00:00:00Z&to=2026-05-01T00:00:00Z`);
      assert.equal(backwards.status, 400);
      assert.equal(backwards.body.errors[0].path, 'to');
    });

    it('refuses bad input naming each field, and books nothing', async () => {
      const [slot] = await futureSlots('room-1');
      const { status, body } = await call('POST', '/v1/bookings', {
        resourceId: `${LONDON}:room-1`,
        start: slot!.start,
        end: 'tomorrow',
        patron: { name: '', email: 'not-an-email' },
        partySize: 0,
      });
      assert.equal(status, 400);
      assert.equal(body.code, 'invalid_request');
      assert.deepEqual(body.errors.map((e: { path: string }) => e.path).sort(), ['end', 'partySize', 'patron.email', 'patron.name']);
      const badKey = await call('POST', '/v1/bookings', {}, { 'idempotency-key': 'short' });
      assert.equal(badKey.status, 400);
      assert.equal(badKey.body.errors[0].path, 'Idempotency-Key');
      assert.equal(await remainingAt('room-1', slot!.start), 1);
    });

    it('gives exactly as many confirmations as places to 300 simultaneous requests', async () => {
      const slot = (await futureSlots('visit'))[3]!;
      assert.equal(slot.remaining, 10);
      const responses = await Promise.all(
        Array.from({ length: 300 }, (_, i) =>
          call(
            'POST',
            '/v1/bookings',
            {
              resourceId: `${LONDON}:visit`,
              start: slot.start,
              end: slot.end,
              patron: { name: `Visitor ${i}`, email: `v${i}@example.org` },
            },
            { 'idempotency-key': `crowd-${i}-${randomBytes(4).toString('hex')}` },
          ),
        ),
      );
      const statuses = responses.map((r) => r.status);
      assert.equal(statuses.filter((s) => s === 201).length, 10);
      assert.equal(statuses.filter((s) => s === 409).length, 290);
      const conflict = responses.find((r) => r.status === 409)!;
      assert.equal(conflict.body.code, 'slot_unavailable');
      assert.match(conflict.headers.get('content-type')!, /application\/problem\+json/);
      assert.equal(new Set(responses.filter((r) => r.status === 201).map((r) => r.body.id)).size, 10);
      assert.equal(await remainingAt('visit', slot.start), 0);
    });

    it('answers a retried POST with the first status and body, and refuses a reused key', async () => {
      const slot = (await futureSlots('room-1'))[1]!;
      const body = { resourceId: `${LONDON}:room-1`, start: slot.start, end: slot.end, patron: { name: 'Ana', email: 'ana@example.org' } };
      const key = `retry-${randomBytes(8).toString('hex')}`;
      const first = await call('POST', '/v1/bookings', body, { 'idempotency-key': key });
      assert.equal(first.status, 201);
      const retries = await Promise.all(Array.from({ length: 20 }, () => call('POST', '/v1/bookings', body, { 'idempotency-key': key })));
      for (const retry of retries) {
        assert.equal(retry.status, 201);
        assert.equal(retry.text, first.text);
        assert.equal(retry.headers.get('idempotent-replayed'), 'true');
      }
      const reused = await call('POST', '/v1/bookings', { ...body, partySize: 3 }, { 'idempotency-key': key });
      assert.equal(reused.status, 422);
      assert.equal(reused.body.code, 'idempotency_key_reused');

      // Two different keys racing for one room: one booking, and the loser's retry still says 409.
      const slot2 = (await futureSlots('room-1'))[2]!;
      const race = { ...body, start: slot2.start, end: slot2.end, patron: { name: 'Bo', email: 'bo@example.org' } };
      const [a, b] = await Promise.all([
        call('POST', '/v1/bookings', race, { 'idempotency-key': `${key}-a` }),
        call('POST', '/v1/bookings', { ...race, patron: { name: 'Cy', email: 'cy@example.org' } }, { 'idempotency-key': `${key}-b` }),
      ]);
      assert.deepEqual([a.status, b.status].sort(), [201, 409]);
      const loser =
        a.status === 409
          ? { response: a, patron: race.patron, key: `${key}-a` }
          : { response: b, patron: { name: 'Cy', email: 'cy@example.org' }, key: `${key}-b` };
      const again = await call('POST', '/v1/bookings', { ...race, patron: loser.patron }, { 'idempotency-key': loser.key });
      assert.equal(again.status, 409);
      assert.equal(again.text, loser.response.text, 'the same problem body, request id included');
    });

    it('applies policy codes with a human message', async () => {
      const past = await call('POST', '/v1/bookings', {
        resourceId: `${LONDON}:room-1`,
        start: '2020-01-06T09:00:00Z',
        end: '2020-01-06T10:00:00Z',
        patron: { name: 'Old', email: 'old@example.org' },
      });
      assert.equal(past.status, 422);
      assert.equal(past.body.code, 'in_the_past');
      const slot = (await futureSlots('room-1'))[4]!;
      const skewed = await call('POST', '/v1/bookings', {
        resourceId: `${LONDON}:room-1`,
        start: new Date(Date.parse(slot.start) + 30 * 60_000).toISOString(),
        end: new Date(Date.parse(slot.end) + 30 * 60_000).toISOString(),
        patron: { name: 'Skew', email: 'skew@example.org' },
      });
      assert.equal(skewed.status, 422);
      assert.equal(skewed.body.code, 'outside_opening_hours');
      assert.match(skewed.body.detail, /availability/);
    });

    it('lists the member’s bookings for its librarians, without patron tokens', async () => {
      const slot = (await futureSlots('room-1'))[6]!;
      const created = await call('POST', '/v1/bookings', {
        resourceId: `${LONDON}:room-1`,
        start: slot.start,
        end: slot.end,
        patron: { name: 'Listed', email: 'listed@example.org' },
      });
      assert.equal(created.status, 201);
      assert.equal((await call('GET', '/v1/bookings')).status, 401);
      const login = await call('POST', '/v1/auth/login', { email: 'desk@test-london.example.org', password: 'correct horse battery' });
      const auth = { authorization: `Bearer ${login.body.token}` };
      const { status, body } = await call(
        'GET',
        `/v1/bookings?from=${slot.start}&to=${slot.end}&resourceId=${LONDON}:room-1`,
        undefined,
        auth,
      );
      assert.equal(status, 200);
      assert.deepEqual(
        body.items.map((b: { id: string }) => b.id),
        [created.body.id],
      );
      assert.equal(body.items[0].token, undefined);
      assert.equal(body.items[0].patron.email, 'listed@example.org');
      const bad = await call('GET', '/v1/bookings?from=soon', undefined, auth);
      assert.equal(bad.status, 400);
      assert.equal(bad.body.errors[0].path, 'from');
    });

    it('lets the patron read, download a calendar file, and cancel with the token, freeing the place at once', async () => {
      const slot = (await futureSlots('room-1'))[5]!;
      const created = await call('POST', '/v1/bookings', {
        resourceId: `${LONDON}:room-1`,
        start: slot.start,
        end: slot.end,
        patron: { name: 'Dee, "the reader"; 讀者', email: 'dee@example.org' },
        partySize: 4,
      });
      assert.equal(created.status, 201);
      const booking = created.body;
      assert.equal(await remainingAt('room-1', slot.start), 0);

      const read = await call('GET', `/v1/bookings/${booking.id}?token=${booking.token}`);
      assert.equal(read.status, 200);
      assert.deepEqual(read.body, booking);
      assert.equal((await call('GET', `/v1/bookings/${booking.id}?token=${'a'.repeat(32)}`)).status, 404);
      assert.equal((await call('GET', `/v1/bookings/${booking.id}`)).body.errors[0].path, 'token');

      const ics = await call('GET', booking.calendarUrl);
      assert.equal(ics.status, 200);
      assert.match(ics.headers.get('content-type')!, /^text\/calendar/);
      const text = ics.text;
      assert.ok(text.endsWith('\r\n'));
      assert.ok(!/[^\r]\n/.test(text), 'every line ends with CRLF');
      for (const line of text.split('\r\n')) assert.ok(Buffer.byteLength(line) <= 75, `line within 75 octets: ${line}`);
      const unfolded = text.replace(/\r\n /g, '');
      assert.match(unfolded, new RegExp(`UID:${booking.id}@atrium\r\n`));
      assert.match(unfolded, /DTSTAMP:\d{8}T\d{6}Z\r\n/);
      const compact = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');
      assert.match(unfolded, new RegExp(`DTSTART:${compact(slot.start)}\r\n`));
      assert.match(unfolded, new RegExp(`DTEND:${compact(slot.end)}\r\n`));
      assert.match(unfolded, /LOCATION:Central\\, Reading Room\\; "North"\\, Thames Test Library\r\n/);
      assert.match(unfolded, /DESCRIPTION:Booked for Dee\\, "the reader"\\; 讀者\\, party of 4/);
      assert.ok(text.includes('\r\n '), 'long lines are folded');

      const wrong = await call('POST', `/v1/bookings/${booking.id}/cancel`, { token: 'b'.repeat(32) });
      assert.equal(wrong.status, 404);
      assert.equal(await remainingAt('room-1', slot.start), 0);
      const cancelled = await call('POST', `/v1/bookings/${booking.id}/cancel`, { token: booking.token });
      assert.equal(cancelled.status, 200);
      assert.equal(cancelled.body.status, 'cancelled');
      assert.equal(await remainingAt('room-1', slot.start), 1);
      const viaQuery = await call('POST', `/v1/bookings/${booking.id}/cancel?token=${booking.token}`);
      assert.equal(viaQuery.status, 200);
      assert.equal(viaQuery.body.status, 'cancelled');
      assert.equal(await remainingAt('room-1', slot.start), 1, 'cancelling again frees nothing more');
    });
  });
}
