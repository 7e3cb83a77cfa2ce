// A test member in a time zone with daylight saving (Europe/London), with opening hours,
// resources of every kind and a lending policy, for the booking tests.
import type { MemberInput } from '../../src/storage/catalog-store.js';
import { SqlBookingStore, type ResourceInput } from '../../src/storage/booking-store.js';
import type { Storage } from '../../src/storage/index.js';

export const LONDON = 'test-london';

export const LONDON_MEMBER: MemberInput = {
  id: LONDON,
  name: { en: 'Thames Test Library' },
  kind: 'public-library',
  branches: [
    { id: 'central', name: { en: 'Central, Reading Room; "North"' } },
    { id: 'night', name: { en: 'Night Study Hall' } },
  ],
  timezone: 'Europe/London',
};

const everyDay = (open: string, close: string) =>
  Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, [[open, close]]]));

export const LONDON_RESOURCES: ResourceInput[] = [
  {
    id: `${LONDON}:room-1`,
    member: LONDON,
    branch: 'central',
    kind: 'room',
    name: { en: 'Group Study Room 1' },
    capacity: 1,
    placesPer: 'booking',
    maxPartySize: 6,
    slotMinutes: 60,
    maxDaysAhead: 400,
    maxActivePerPatron: 2,
  },
  {
    id: `${LONDON}:long-room`,
    member: LONDON,
    branch: 'central',
    kind: 'room',
    name: { en: 'Seminar Room' },
    capacity: 1,
    placesPer: 'booking',
    maxPartySize: 20,
    slotMinutes: 90,
    maxDaysAhead: 400,
    maxActivePerPatron: 5,
  },
  {
    id: `${LONDON}:visit`,
    member: LONDON,
    branch: 'central',
    kind: 'visit',
    name: { en: 'Timed visit' },
    capacity: 10,
    placesPer: 'person',
    maxPartySize: 5,
    slotMinutes: 30,
    maxDaysAhead: 400,
    maxActivePerPatron: 1000,
  },
  {
    id: `${LONDON}:librarian`,
    member: LONDON,
    branch: 'central',
    kind: 'appointment',
    name: { en: 'Research consultation' },
    capacity: 1,
    placesPer: 'booking',
    maxPartySize: 2,
    slotMinutes: 30,
    maxDaysAhead: 400,
    maxActivePerPatron: 3,
    // Mondays and Wednesdays, but not Monday 30 March 2026 (away) and also Friday 3 April.
    schedule: {
      weekly: { mon: [['10:00', '12:00']], wed: [['14:00', '18:00']] },
      exceptions: { '2026-03-30': [], '2026-04-03': [['09:00', '10:00']] },
    },
  },
  {
    id: `${LONDON}:night-seat`,
    member: LONDON,
    branch: 'night',
    kind: 'seat',
    name: { en: 'Night desk' },
    capacity: 3,
    placesPer: 'person',
    maxPartySize: 1,
    slotMinutes: 60,
    maxDaysAhead: 400,
    maxActivePerPatron: 1000,
  },
];

/** Loads the London member, its branch hours and resources into a storage. */
export async function loadLondon(storage: Storage, extraResources: ResourceInput[] = []): Promise<SqlBookingStore> {
  await storage.catalog.upsertMembers([LONDON_MEMBER]);
  const store = new SqlBookingStore(storage.db, storage.dialect);
  await store.upsertBranchHours([
    { member: LONDON, branch: 'central', weekly: everyDay('09:00', '17:00'), closed: ['2026-12-25'] },
    { member: LONDON, branch: 'night', weekly: everyDay('00:00', '03:00'), closed: [] },
  ]);
  await store.upsertResources([...LONDON_RESOURCES, ...extraResources]);
  return store;
}
