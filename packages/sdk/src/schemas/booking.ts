// Booking on the wire: bookable resources and their free slots, bookings of a slot, holds on
// catalogue records, and the patron token that lets the patron see and cancel them.
import { z } from 'zod/mini';
import { LocalizedName, MemberId, queryList } from './common.js';
import { RecordId } from './records.js';

/** `viewing`: a study-room viewing of one object from a collection. */
export const ResourceKind = z.enum(['room', 'seat', 'appointment', 'visit', 'viewing']);
export type ResourceKind = z.infer<typeof ResourceKind>;

export const ResourceId = z
  .string()
  .check(z.regex(/^[a-z0-9][a-z0-9-]{0,62}:[a-z0-9][a-z0-9-]{0,100}$/, 'must be a resource id such as "riverside-library:central-room-1"'));

const BranchId = z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be a branch id such as "central"'));

export const Resource = z.object({
  id: ResourceId,
  member: MemberId,
  branch: z.string(),
  kind: ResourceKind,
  name: LocalizedName,
  description: z.optional(LocalizedName),
  /** Places in each slot: one for a room or an appointment, people for a visit, seats for a seat area. */
  capacity: z.number(),
  /** `person`: each person in a party takes a place; `booking`: a booking takes one place whatever its size. */
  placesPer: z.enum(['booking', 'person']),
  maxPartySize: z.number(),
  slotMinutes: z.number(),
  /** How many days ahead a slot may be booked. */
  maxDaysAhead: z.number(),
  /** The member's IANA time zone: opening hours are in it. */
  timezone: z.string(),
  /** For a viewing: the catalogue record shown. */
  recordId: z.optional(RecordId),
});
export type Resource = z.infer<typeof Resource>;

export const ResourceList = z.object({ items: z.array(Resource) });
export type ResourceList = z.infer<typeof ResourceList>;

/** The query string of `GET /v1/resources`. */
export const ResourceQuery = z.object({
  member: z.optional(MemberId),
  kind: z.optional(ResourceKind),
  branch: z.optional(BranchId),
});
export type ResourceQuery = z.infer<typeof ResourceQuery>;

/** An instant with its offset, e.g. `2026-03-02T09:00:00Z` or `2026-03-02T17:00:00+08:00`. */
export const Instant = z.iso.datetime({ offset: true, message: 'must be a date and time with an offset, e.g. 2026-03-02T09:00:00Z' });

export const AVAILABILITY_MAX_DAYS = 31;

/** The query string of `GET /v1/resources/:id/availability`; default from now for seven days. */
export const AvailabilityQuery = z.object({ from: z.optional(Instant), to: z.optional(Instant) }).check(
  z.refine((query) => !query.from || !query.to || !(Date.parse(query.to) <= Date.parse(query.from)), {
    message: 'must be after from',
    path: ['to'],
  }),
  z.refine((query) => !query.from || !query.to || Date.parse(query.to) - Date.parse(query.from) <= AVAILABILITY_MAX_DAYS * 86_400_000, {
    message: `may be at most ${AVAILABILITY_MAX_DAYS} days after from`,
    path: ['to'],
  }),
);
export type AvailabilityQuery = z.infer<typeof AvailabilityQuery>;

export const Slot = z.object({ start: z.string(), end: z.string(), remaining: z.number() });
export type Slot = z.infer<typeof Slot>;

export const Availability = z.object({
  resourceId: ResourceId,
  timezone: z.string(),
  slots: z.array(Slot),
});
export type Availability = z.infer<typeof Availability>;

export const Patron = z.object({
  name: z.string().check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(200)),
  email: z.email('must be an email address'),
  /** The member the patron belongs to, where a lending policy lends only to some members' patrons. */
  member: z.optional(MemberId),
});
export type Patron = z.infer<typeof Patron>;

export const MAX_PARTY_SIZE = 500;

export const BookingRequest = z
  .object({
    resourceId: ResourceId,
    start: Instant,
    end: Instant,
    patron: Patron,
    partySize: z.optional(z.int('must be a whole number').check(z.minimum(1), z.maximum(MAX_PARTY_SIZE))),
  })
  .check(z.refine((request) => !(Date.parse(request.end) <= Date.parse(request.start)), { message: 'must be after start', path: ['end'] }));
export type BookingRequest = z.infer<typeof BookingRequest>;

/** `no_show`: staff marked that the patron did not come. */
export const BookingStatus = z.enum(['confirmed', 'cancelled', 'no_show']);
export type BookingStatus = z.infer<typeof BookingStatus>;

export const Booking = z.object({
  id: z.string(),
  resourceId: ResourceId,
  kind: ResourceKind,
  member: MemberId,
  branch: z.string(),
  resourceName: LocalizedName,
  /** UTC instants. */
  start: z.string(),
  end: z.string(),
  timezone: z.string(),
  partySize: z.number(),
  patron: Patron,
  status: BookingStatus,
  /** Shown once to the patron: it reads and cancels this booking. */
  token: z.string(),
  createdAt: z.string(),
  cancelledAt: z.optional(z.string()),
  /** Path of the iCalendar file, token included. */
  calendarUrl: z.string(),
});
export type Booking = z.infer<typeof Booking>;

export const HoldStatus = z.enum(['submitted', 'placed', 'in_transit', 'ready_for_pickup', 'fulfilled', 'cancelled', 'expired', 'failed']);
export type HoldStatus = z.infer<typeof HoldStatus>;

/**
 * The steps staff may move a hold to from each step; the relay enforces it and the console
 * offers exactly these. An item already at the pickup branch goes straight from `placed` to
 * the hold shelf.
 */
export const HOLD_TRANSITIONS: Readonly<Record<HoldStatus, readonly HoldStatus[]>> = {
  submitted: ['placed', 'failed', 'cancelled'],
  placed: ['in_transit', 'ready_for_pickup', 'failed', 'cancelled'],
  in_transit: ['ready_for_pickup', 'failed', 'cancelled'],
  ready_for_pickup: ['fulfilled', 'expired', 'cancelled'],
  fulfilled: [],
  cancelled: [],
  expired: [],
  failed: [],
};

export const Pickup = z.object({ member: MemberId, branch: BranchId });
export type Pickup = z.infer<typeof Pickup>;

export const HoldRequest = z.object({ recordId: RecordId, pickup: Pickup, patron: Patron });
export type HoldRequest = z.infer<typeof HoldRequest>;

export const HoldEvent = z.object({ status: HoldStatus, at: z.string(), note: z.optional(z.string()) });
export type HoldEvent = z.infer<typeof HoldEvent>;

export const Hold = z.object({
  id: z.string(),
  recordId: RecordId,
  /** The member whose item it is. */
  member: MemberId,
  title: z.string(),
  pickup: Pickup,
  patron: Patron,
  status: HoldStatus,
  /** Every step so far, oldest first. */
  history: z.array(HoldEvent),
  token: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Hold = z.infer<typeof Hold>;

export const PatronToken = z.string().check(z.regex(/^[A-Za-z0-9_-]{16,100}$/, 'must be the token given with the booking or hold'));

/** `?token=` of a patron's booking or hold. */
export const TokenQuery = z.object({ token: PatronToken });
export type TokenQuery = z.infer<typeof TokenQuery>;

/** Body of a cancel request; the token may come in the query string instead. */
export const CancelRequest = z.object({ token: z.optional(PatronToken) });
export type CancelRequest = z.infer<typeof CancelRequest>;

/** The `Idempotency-Key` header of a POST that creates something. */
export const IdempotencyKey = z.string().check(z.regex(/^[\x21-\x7e]{8,200}$/, 'must be 8 to 200 visible ASCII characters, e.g. a UUID'));

/** Staff moving a hold on (`placed`, `in_transit`, ...). */
export const HoldTransition = z.object({ status: HoldStatus, note: z.optional(z.string().check(z.maxLength(500))) });
export type HoldTransition = z.infer<typeof HoldTransition>;

export const BOOKING_POLICY_CODES = [
  'limit_reached',
  'outside_opening_hours',
  'in_the_past',
  'too_far_ahead',
  'party_too_large',
  'not_lendable',
  'patron_not_eligible',
  'pickup_not_allowed',
  'idempotency_key_reused',
] as const;
export type BookingPolicyCode = (typeof BOOKING_POLICY_CODES)[number];

/** A calendar day (YYYY-MM-DD), read in the member's time zone. */
export const LocalDate = z.iso.date('must be a date such as 2026-03-02');

/** The query string of the staff list `GET /v1/holds`: `status=placed,in_transit`, `branch` (pickup branch), `limit`. */
export const HoldListQuery = z.object({
  branch: z.optional(BranchId),
  status: z.optional(queryList(HoldStatus)),
  limit: z._default(z.coerce.number().check(z.int('must be a whole number'), z.minimum(1), z.maximum(500)), 100),
});
export type HoldListQuery = z.output<typeof HoldListQuery>;

/** A hold as staff see it: without the patron's token. */
export const StaffHold = z.omit(Hold, { token: true });
export type StaffHold = z.infer<typeof StaffHold>;

export const HoldList = z.object({ items: z.array(StaffHold) });
export type HoldList = z.infer<typeof HoldList>;

/**
 * The query string of the staff list `GET /v1/bookings`: slots starting on `date` (a day in
 * the member's time zone) or in [from, to) (default: the next seven days), at one `branch`.
 */
export const BookingListQuery = z
  .object({
    date: z.optional(LocalDate),
    from: z.optional(Instant),
    to: z.optional(Instant),
    branch: z.optional(BranchId),
    resourceId: z.optional(ResourceId),
    limit: z._default(z.coerce.number().check(z.int('must be a whole number'), z.minimum(1), z.maximum(1000)), 200),
  })
  .check(
    z.refine((query) => !(query.date && (query.from || query.to)), {
      message: 'give either date or from/to, not both',
      path: ['date'],
    }),
  );
export type BookingListQuery = z.output<typeof BookingListQuery>;

/** A booking as staff see it: without the patron's token. */
export const StaffBooking = z.omit(Booking, { token: true, calendarUrl: true });
export type StaffBooking = z.infer<typeof StaffBooking>;

export const BookingList = z.object({ items: z.array(StaffBooking) });
export type BookingList = z.infer<typeof BookingList>;
