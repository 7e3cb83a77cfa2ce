// The demo consortium's booking data: every member has bookable places with free slots and a
// lending policy, and seeding again changes nothing, bookings included.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BookingService } from '../src/domain/booking/booking-service.js';
import { DEMO_RESOURCES, EASTERN_UNIVERSITY, HARBOUR_MUSEUM, RIVERSIDE_LIBRARY, seedDemoConsortium } from '../src/demo/consortium.js';
import { SqlBookingStore } from '../src/storage/booking-store.js';
import type { Storage } from '../src/storage/index.js';
import { testDatabases } from './helpers/databases.js';

for (const database of await testDatabases()) {
  describe(`demo booking data on ${database.name}`, { skip: database.skip }, () => {
    let storage: Storage;
    let service: BookingService;
    before(async () => {
      storage = await database.open();
      await seedDemoConsortium(storage.consortium);
      service = new BookingService(new SqlBookingStore(storage.db, storage.dialect));
    });
    after(() => storage?.close());

    it('gives every member rooms or visits, seats or viewings, and appointments, each with free slots', async () => {
      const expected: Record<string, string[]> = {
        [RIVERSIDE_LIBRARY]: ['appointment', 'room', 'seat'],
        [EASTERN_UNIVERSITY]: ['appointment', 'room', 'seat'],
        [HARBOUR_MUSEUM]: ['appointment', 'viewing', 'visit'],
      };
      for (const [member, kinds] of Object.entries(expected)) {
        const resources = await service.listResources({ member });
        assert.deepEqual([...new Set(resources.map((r) => r.kind))].sort(), kinds, member);
        for (const resource of resources) {
          const { slots } = await service.availability(resource.id, {});
          assert.ok(slots.length > 0, `${resource.id} has slots this week`);
          assert.ok(
            slots.every((slot) => slot.remaining === resource.capacity),
            `${resource.id} starts empty`,
          );
        }
      }
      const viewing = (await service.listResources({ kind: 'viewing' }))[0]!;
      assert.equal(viewing.recordId, `${HARBOUR_MUSEUM}:A00022`);
    });

    it('keeps bookings and counts when seeded again', async () => {
      const resource = DEMO_RESOURCES.find((r) => r.kind === 'visit')!;
      const slot = (await service.availability(resource.id, {})).slots[0]!;
      const outcome = await service.book(
        { resourceId: resource.id, start: slot.start, end: slot.end, patron: { name: 'Demo', email: 'demo@example.org' }, partySize: 3 },
        { requestId: 'demo-1' },
      );
      assert.ok(outcome.ok);
      const before = await service.listResources({});
      await seedDemoConsortium(storage.consortium);
      assert.deepEqual(await service.listResources({}), before);
      const again = (await service.availability(resource.id, { from: slot.start, to: slot.end })).slots[0]!;
      assert.equal(again.remaining, resource.capacity - 3);
      assert.equal((await service.getBooking(outcome.value.id, outcome.value.token)).status, 'confirmed');
    });
  });
}
