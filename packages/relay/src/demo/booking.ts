// The demo consortium's bookable places and lending policies: opening hours for every branch,
// rooms, seats, librarian appointments, timed museum visits and a print-room viewing, and how
// each member lends. Running it again updates the same rows; bookings already made stay.
import type { Kysely } from 'kysely';
import type { LendingPolicy } from '../domain/booking/lending-policy.js';
import { BranchHours, ResourceSchedule, type WeeklyHours } from '../domain/booking/opening-hours.js';
import { type BranchHoursInput, type ResourceInput, SqlBookingStore } from '../storage/booking-store.js';
import type { Database } from '../storage/schema.js';
import type { SqlDialect } from '../storage/sql-dialect.js';
import { EASTERN_UNIVERSITY, HARBOUR_MUSEUM, RIVERSIDE_LIBRARY } from './consortium.js';

const days = (hours: Array<[string, string]>, ...weekdays: Array<keyof WeeklyHours>): WeeklyHours =>
  Object.fromEntries(weekdays.map((day) => [day, hours]));

/** Public holidays in Hong Kong and Taiwan the demo branches close on. */
const HONG_KONG_CLOSED = ['2026-01-01', '2026-02-17', '2026-02-18', '2026-04-03', '2026-12-25', '2027-01-01', '2027-02-06'];
const TAIPEI_CLOSED = ['2026-01-01', '2026-02-16', '2026-02-17', '2026-02-18', '2026-04-03', '2026-10-10', '2027-01-01'];

export const DEMO_BRANCH_HOURS: readonly BranchHoursInput[] = [
  {
    member: RIVERSIDE_LIBRARY,
    branch: 'central',
    weekly: { ...days([['09:00', '20:00']], 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'), sun: [['10:00', '17:00']] },
    closed: HONG_KONG_CLOSED,
  },
  ...['east-bank', 'hillside'].map((branch) => ({
    member: RIVERSIDE_LIBRARY,
    branch,
    weekly: { ...days([['10:00', '19:00']], 'mon', 'tue', 'wed', 'thu', 'fri'), sat: [['10:00', '17:00']] as Array<[string, string]> },
    closed: HONG_KONG_CLOSED,
  })),
  {
    member: EASTERN_UNIVERSITY,
    branch: 'main',
    weekly: { ...days([['08:00', '22:00']], 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'), sun: [['10:00', '22:00']] },
    closed: TAIPEI_CLOSED,
  },
  {
    member: EASTERN_UNIVERSITY,
    branch: 'east-asian',
    weekly: days([['09:00', '18:00']], 'mon', 'tue', 'wed', 'thu', 'fri'),
    closed: TAIPEI_CLOSED,
  },
  {
    member: EASTERN_UNIVERSITY,
    branch: 'rare-books',
    weekly: days([['09:30', '16:30']], 'mon', 'tue', 'wed', 'thu', 'fri'),
    closed: TAIPEI_CLOSED,
  },
  {
    member: HARBOUR_MUSEUM,
    branch: 'harbourfront-galleries',
    weekly: { ...days([['10:00', '18:00']], 'tue', 'wed', 'thu', 'sat', 'sun'), fri: [['10:00', '21:00']] },
    closed: HONG_KONG_CLOSED,
  },
  {
    member: HARBOUR_MUSEUM,
    branch: 'prints-and-drawings',
    weekly: days(
      [
        ['10:00', '13:00'],
        ['14:00', '17:00'],
      ],
      'tue',
      'wed',
      'thu',
      'fri',
    ),
    closed: HONG_KONG_CLOSED,
  },
  {
    member: HARBOUR_MUSEUM,
    branch: 'collection-store',
    weekly: days([['09:00', '17:00']], 'mon', 'tue', 'wed', 'thu', 'fri'),
    closed: HONG_KONG_CLOSED,
  },
];

const room = (member: string, branch: string, slug: string, en: string, zh: string, seats: number): ResourceInput => ({
  id: `${member}:${slug}`,
  member,
  branch,
  kind: 'room',
  name: { en, zh },
  description: { en: `Seats up to ${seats}; book by the hour.`, zh: `最多 ${seats} 人；按小時預約。` },
  capacity: 1,
  placesPer: 'booking',
  maxPartySize: seats,
  slotMinutes: 60,
  maxDaysAhead: 14,
  maxActivePerPatron: 3,
});

export const DEMO_RESOURCES: readonly ResourceInput[] = [
  room(RIVERSIDE_LIBRARY, 'central', 'central-study-room-1', 'Study Room 1', '研習室一', 6),
  room(RIVERSIDE_LIBRARY, 'central', 'central-study-room-2', 'Study Room 2', '研習室二', 4),
  {
    id: `${RIVERSIDE_LIBRARY}:central-quiet-seats`,
    member: RIVERSIDE_LIBRARY,
    branch: 'central',
    kind: 'seat',
    name: { en: 'Quiet study seats', zh: '靜讀座位' },
    capacity: 24,
    placesPer: 'person',
    maxPartySize: 2,
    slotMinutes: 120,
    maxDaysAhead: 7,
    maxActivePerPatron: 4,
  },
  {
    id: `${RIVERSIDE_LIBRARY}:central-ask-a-librarian`,
    member: RIVERSIDE_LIBRARY,
    branch: 'central',
    kind: 'appointment',
    name: { en: 'Book a librarian: research help', zh: '預約館員：資料搜尋協助' },
    capacity: 1,
    placesPer: 'booking',
    maxPartySize: 2,
    slotMinutes: 30,
    maxDaysAhead: 21,
    maxActivePerPatron: 2,
    schedule: {
      weekly: { ...days([['14:00', '17:00']], 'tue', 'thu'), sat: [['10:00', '12:00']] },
      exceptions: { '2026-12-24': [] },
    },
  },
  room(RIVERSIDE_LIBRARY, 'east-bank', 'east-bank-maker-room', 'Maker Room', '創客室', 8),
  {
    id: `${RIVERSIDE_LIBRARY}:hillside-study-seats`,
    member: RIVERSIDE_LIBRARY,
    branch: 'hillside',
    kind: 'seat',
    name: { en: 'Study seats', zh: '自修座位' },
    capacity: 12,
    placesPer: 'person',
    maxPartySize: 2,
    slotMinutes: 120,
    maxDaysAhead: 7,
    maxActivePerPatron: 4,
  },
  room(EASTERN_UNIVERSITY, 'main', 'main-group-room-a', 'Group Discussion Room A', '討論室 A', 8),
  room(EASTERN_UNIVERSITY, 'main', 'main-group-room-b', 'Group Discussion Room B', '討論室 B', 6),
  {
    id: `${EASTERN_UNIVERSITY}:main-carrels`,
    member: EASTERN_UNIVERSITY,
    branch: 'main',
    kind: 'seat',
    name: { en: 'Research carrels', zh: '研究小間' },
    capacity: 40,
    placesPer: 'person',
    maxPartySize: 1,
    slotMinutes: 240,
    maxDaysAhead: 14,
    maxActivePerPatron: 2,
  },
  {
    id: `${EASTERN_UNIVERSITY}:east-asian-subject-librarian`,
    member: EASTERN_UNIVERSITY,
    branch: 'east-asian',
    kind: 'appointment',
    name: { en: 'Consultation: East Asian studies librarian', zh: '諮詢：東亞研究館員' },
    capacity: 1,
    placesPer: 'booking',
    maxPartySize: 3,
    slotMinutes: 45,
    maxDaysAhead: 30,
    maxActivePerPatron: 2,
    schedule: { weekly: { ...days([['10:00', '12:15']], 'mon', 'wed'), fri: [['14:00', '16:15']] } },
  },
  {
    id: `${EASTERN_UNIVERSITY}:rare-books-reading-room`,
    member: EASTERN_UNIVERSITY,
    branch: 'rare-books',
    kind: 'seat',
    name: { en: 'Rare books reading room', zh: '善本閱覽室' },
    capacity: 8,
    placesPer: 'person',
    maxPartySize: 1,
    slotMinutes: 210,
    maxDaysAhead: 30,
    maxActivePerPatron: 2,
  },
  {
    id: `${HARBOUR_MUSEUM}:timed-entry`,
    member: HARBOUR_MUSEUM,
    branch: 'harbourfront-galleries',
    kind: 'visit',
    name: { en: 'Timed entry: collection galleries', zh: '定時入場：館藏展廳' },
    capacity: 60,
    placesPer: 'person',
    maxPartySize: 8,
    slotMinutes: 30,
    maxDaysAhead: 30,
    maxActivePerPatron: 4,
  },
  {
    id: `${HARBOUR_MUSEUM}:guided-tour`,
    member: HARBOUR_MUSEUM,
    branch: 'harbourfront-galleries',
    kind: 'visit',
    name: { en: 'Guided tour of the harbour collection', zh: '海港館藏導賞' },
    capacity: 20,
    placesPer: 'person',
    maxPartySize: 6,
    slotMinutes: 60,
    maxDaysAhead: 30,
    maxActivePerPatron: 2,
    schedule: {
      weekly: days(
        [
          ['11:00', '12:00'],
          ['15:00', '16:00'],
        ],
        'sat',
        'sun',
      ),
    },
  },
  {
    id: `${HARBOUR_MUSEUM}:print-room-viewing`,
    member: HARBOUR_MUSEUM,
    branch: 'prints-and-drawings',
    kind: 'viewing',
    name: { en: 'Study-room viewing: Blake, Job’s Evil Dreams', zh: '研習室觀賞：布萊克《約伯的惡夢》' },
    description: {
      en: 'See the print out of its frame with a curator in the Prints and Drawings Study Room.',
      zh: '在版畫及素描研習室由策展人陪同近距離觀賞。',
    },
    capacity: 1,
    placesPer: 'booking',
    maxPartySize: 4,
    slotMinutes: 60,
    maxDaysAhead: 30,
    maxActivePerPatron: 2,
    recordId: `${HARBOUR_MUSEUM}:A00022`,
  },
  {
    id: `${HARBOUR_MUSEUM}:curator-appointment`,
    member: HARBOUR_MUSEUM,
    branch: 'prints-and-drawings',
    kind: 'appointment',
    name: { en: 'Appointment with a curator', zh: '預約策展人' },
    capacity: 1,
    placesPer: 'booking',
    maxPartySize: 2,
    slotMinutes: 30,
    maxDaysAhead: 30,
    maxActivePerPatron: 2,
    schedule: { weekly: days([['14:00', '16:00']], 'wed', 'thu') },
  },
];

export const DEMO_LENDING_POLICIES: Readonly<Record<string, LendingPolicy>> = {
  // The public library lends its circulating collection to anyone, for pickup anywhere.
  [RIVERSIDE_LIBRARY]: { lends: ['book', 'ebook', 'audio', 'video'], lendsTo: 'everyone', maxActiveHolds: 10, pickup: 'any-member' },
  // The university lends to its own readers and the public library's, at two of its branches or Riverside Central.
  [EASTERN_UNIVERSITY]: {
    lends: ['book', 'text'],
    lendsTo: [EASTERN_UNIVERSITY, RIVERSIDE_LIBRARY],
    maxActiveHolds: 5,
    pickup: [
      { member: EASTERN_UNIVERSITY, branches: ['main', 'east-asian'] },
      { member: RIVERSIDE_LIBRARY, branches: ['central'] },
    ],
  },
  // Works of art do not leave the museum; patrons book a study-room viewing instead.
  [HARBOUR_MUSEUM]: { lends: [], lendsTo: 'everyone', maxActiveHolds: 0, pickup: [] },
};

export interface SeedDemoBookingSummary {
  branches: number;
  resources: number;
  policies: number;
}

export async function seedDemoBooking(storage: { db: Kysely<Database>; dialect: SqlDialect }): Promise<SeedDemoBookingSummary> {
  // The demo data meets the same checks the booking rules read it with.
  for (const hours of DEMO_BRANCH_HOURS) BranchHours.parse({ weekly: hours.weekly, closed: hours.closed });
  for (const resource of DEMO_RESOURCES) if (resource.schedule !== undefined) ResourceSchedule.parse(resource.schedule);
  const store = new SqlBookingStore(storage.db, storage.dialect);
  await store.upsertBranchHours(DEMO_BRANCH_HOURS);
  await store.upsertResources(DEMO_RESOURCES);
  for (const [member, policy] of Object.entries(DEMO_LENDING_POLICIES)) await store.upsertLendingPolicy(member, policy);
  return { branches: DEMO_BRANCH_HOURS.length, resources: DEMO_RESOURCES.length, policies: Object.keys(DEMO_LENDING_POLICIES).length };
}
