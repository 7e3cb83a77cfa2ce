// Booking a slot of a room, a seat, an appointment, a visit or a viewing: the resources and
// their free slots, the rules a booking must meet, the patron's own view (token) of it, and
// the staff's day sheet with cancellations and no-shows.
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { DateTime } from 'luxon';
import type {
  Availability,
  AvailabilityQuery,
  Booking,
  BookingListQuery,
  BookingRequest,
  Resource,
  ResourceQuery,
  StaffBooking,
} from '@atrium/sdk';
import type { BookingQueries, BookingRow, SqlBookingStore, StoredResource } from '../../storage/booking-store.js';
import { BookingRefusal } from './booking-refusal.js';
import { calendarFile } from './icalendar.js';
import { type Outcome, type RequestContext, runOnce } from '../idempotency/idempotent-request.js';
import { BranchHours, ResourceSchedule } from './opening-hours.js';
import { type SlotPlan, findSlot, slotsBetween } from './slots.js';

const DAY_MS = 86_400_000;
export const DEFAULT_AVAILABILITY_DAYS = 7;

export interface BookingServiceOptions {
  /** The clock rules are checked against; tests set a fixed day. */
  now?: () => Date;
}

export class BookingService {
  readonly #store: SqlBookingStore;
  readonly #now: () => Date;

  constructor(store: SqlBookingStore, options: BookingServiceOptions = {}) {
    this.#store = store;
    this.#now = options.now ?? (() => new Date());
  }

  async listResources(query: ResourceQuery): Promise<Resource[]> {
    return (await this.#store.listResources(query)).map(publicResource);
  }

  async getResource(id: string): Promise<Resource> {
    return publicResource(await this.#resource(this.#store, id));
  }

  /** Slots starting in [from, to) and not yet past, with the places left in each. */
  async availability(id: string, query: AvailabilityQuery): Promise<Availability> {
    const resource = await this.#resource(this.#store, id);
    const now = this.#now();
    const from = new Date(Math.max(query.from ? Date.parse(query.from) : now.getTime(), now.getTime()));
    const horizon = now.getTime() + resource.maxDaysAhead * DAY_MS;
    const to = new Date(Math.min(query.to ? Date.parse(query.to) : from.getTime() + DEFAULT_AVAILABILITY_DAYS * DAY_MS, horizon));
    if (from >= to) return { resourceId: id, timezone: resource.timezone, slots: [] };
    const plan = await this.#plan(this.#store, resource);
    const slots = slotsBetween(plan, from, to);
    const taken = await this.#store.placesTaken(id, from.toISOString(), to.toISOString());
    return {
      resourceId: id,
      timezone: resource.timezone,
      slots: slots.map((slot) => ({ ...slot, remaining: Math.max(0, resource.capacity - (taken.get(slot.start) ?? 0)) })),
    };
  }

  /**
   * Books a slot if every rule allows it and enough places are left. Refusals come back as
   * outcomes (kept for Idempotency-Key retries); other failures throw.
   */
  async book(request: BookingRequest, context: RequestContext): Promise<Outcome<Booking>> {
    const now = this.#now();
    return runOnce({ store: this.#store, scope: 'bookings', refusal: BookingRefusal, request, context, now }, async (queries) => {
      const resource = await this.#resource(queries, request.resourceId);
      const partySize = request.partySize ?? 1;
      if (partySize > resource.maxPartySize) {
        throw new BookingRefusal(422, 'party_too_large', `${resource.name.en} takes parties of at most ${resource.maxPartySize}.`);
      }
      const start = new Date(request.start);
      const end = new Date(request.end);
      if (start.getTime() < now.getTime())
        throw new BookingRefusal(422, 'in_the_past', 'That slot has already started; choose a later one.');
      if (start.getTime() > now.getTime() + resource.maxDaysAhead * DAY_MS) {
        throw new BookingRefusal(422, 'too_far_ahead', `${resource.name.en} can be booked at most ${resource.maxDaysAhead} days ahead.`);
      }
      const slot = findSlot(await this.#plan(queries, resource), start, end);
      if (!slot) {
        throw new BookingRefusal(
          422,
          'outside_opening_hours',
          `${resource.name.en} offers no slot from ${request.start} to ${request.end}: choose one listed by its availability.`,
        );
      }
      const email = request.patron.email.toLowerCase();
      await queries.lockPatron(`booking:${resource.member}:${email}`);
      const active = await queries.countActiveBookings(email, resource.member, now.toISOString());
      if (active >= resource.maxActivePerPatron) {
        throw new BookingRefusal(
          422,
          'limit_reached',
          `You already have ${active} upcoming bookings at ${resource.memberName.en}, the most it allows at once; cancel one to book another.`,
        );
      }
      const places = resource.placesPer === 'person' ? partySize : 1;
      if (!(await queries.claimPlaces(resource.id, slot.start, places, resource.capacity))) {
        throw new BookingRefusal(409, 'slot_unavailable', 'That slot has just been taken (or has too few places left); choose another.');
      }
      const row: BookingRow = {
        id: `bk_${randomUUID()}`,
        resource_id: resource.id,
        start_at: slot.start,
        end_at: slot.end,
        party_size: partySize,
        places,
        patron_name: request.patron.name,
        patron_email: email,
        patron_member: request.patron.member ?? null,
        status: 'confirmed',
        token: newToken(),
        created_at: now.toISOString(),
        cancelled_at: null,
      };
      await queries.insertBooking(row);
      return toBooking(row, resource);
    });
  }

  /** The booking, for the patron holding its token; a wrong token reads as not found. */
  async getBooking(id: string, token: string): Promise<Booking> {
    const row = await this.#ownBooking(this.#store, id, token);
    return toBooking(row, await this.#resource(this.#store, row.resource_id));
  }

  /**
   * Cancels the booking and frees its places at once. Cancelling again answers the same
   * cancelled booking; a booking whose slot has started can no longer be cancelled.
   */
  async cancelBooking(id: string, token: string): Promise<Booking> {
    const now = this.#now();
    return this.#store.transaction(async (queries) => {
      const row = await this.#ownBooking(queries, id, token);
      const resource = await this.#resource(queries, row.resource_id);
      if (row.status === 'confirmed') {
        if (Date.parse(row.start_at) <= now.getTime()) {
          throw new BookingRefusal(422, 'already_started', 'This booking has already started and can no longer be cancelled.');
        }
        if (await queries.markBookingCancelled(id, now.toISOString())) {
          await queries.releasePlaces(row.resource_id, row.start_at, row.places);
        }
      }
      return toBooking((await queries.getBooking(id))!, resource);
    });
  }

  async calendar(id: string, token: string): Promise<string> {
    const booking = await this.getBooking(id, token);
    const resource = await this.#resource(this.#store, booking.resourceId);
    return calendarFile({
      uid: `${booking.id}@atrium`,
      stamp: new Date(booking.cancelledAt ?? booking.createdAt),
      start: new Date(booking.start),
      end: new Date(booking.end),
      summary: `${resource.name.en} (${resource.memberName.en})`,
      location: `${resource.branchName.en}, ${resource.memberName.en}`,
      description: `Booked for ${booking.patron.name}${booking.partySize > 1 ? `, party of ${booking.partySize}` : ''}. Booking ${booking.id}.`,
      cancelled: booking.status === 'cancelled',
    });
  }

  /**
   * Staff's day sheet: their member's bookings on a day of the member's calendar (or in a
   * range), at one branch or all, cancelled ones included, without patron tokens.
   */
  async listForMember(member: string, query: BookingListQuery): Promise<StaffBooking[]> {
    const calendar = await this.#store.memberCalendar(member);
    if (!calendar) return [];
    if (query.branch && !calendar.branches.includes(query.branch)) {
      throw new BookingRefusal(
        422,
        'branch_not_found',
        `${member} has no branch "${query.branch}"; its branches are ${calendar.branches.join(', ')}.`,
      );
    }
    let from: Date;
    let to: Date;
    if (query.date) {
      const day = DateTime.fromISO(query.date, { zone: calendar.timezone }).startOf('day');
      from = day.toJSDate();
      to = day.plus({ days: 1 }).toJSDate();
    } else {
      from = query.from ? new Date(query.from) : this.#now();
      to = query.to ? new Date(query.to) : new Date(from.getTime() + DEFAULT_AVAILABILITY_DAYS * DAY_MS);
    }
    const filter = { resourceId: query.resourceId, branch: query.branch };
    const rows = await this.#store.listBookingsFor(member, from.toISOString(), to.toISOString(), filter, query.limit);
    const resources = new Map((await this.#store.listResources({ member })).map((resource) => [resource.id, resource]));
    return rows.map((row) => toStaffBooking(row, resources.get(row.resource_id)!));
  }

  /** A booking as staff see it, whoever's it is (the HTTP layer checks the librarian's member). */
  async getForStaff(id: string): Promise<StaffBooking> {
    const row = await this.#store.getBooking(id);
    if (!row) throw new BookingRefusal(404, 'booking_not_found', `No booking ${id}`);
    return toStaffBooking(row, await this.#resource(this.#store, row.resource_id));
  }

  /**
   * Staff cancel a booking (a room closed, a librarian away) until it has ended, and its places
   * are free at once. Cancelling again answers the same cancelled booking.
   */
  async cancelForStaff(id: string): Promise<StaffBooking> {
    const now = this.#now();
    return this.#store.transaction(async (queries) => {
      const row = await this.#staffBooking(queries, id);
      const resource = await this.#resource(queries, row.resource_id);
      if (row.status === 'no_show') {
        throw new BookingRefusal(409, 'booking_closed', 'This booking is marked as a no-show; there is nothing left to cancel.');
      }
      if (row.status === 'confirmed') {
        if (Date.parse(row.end_at) <= now.getTime()) {
          throw new BookingRefusal(422, 'already_ended', 'This booking has already ended and can no longer be cancelled.');
        }
        if (await queries.markBookingCancelled(id, now.toISOString())) {
          await queries.releasePlaces(row.resource_id, row.start_at, row.places);
        }
      }
      return toStaffBooking((await queries.getBooking(id))!, resource);
    });
  }

  /**
   * Staff record that the patron did not come, once the slot has started. The places stay
   * taken: the slot has begun and nobody else can use them. Marking again answers the same booking.
   */
  async markNoShow(id: string): Promise<StaffBooking> {
    const now = this.#now();
    return this.#store.transaction(async (queries) => {
      const row = await this.#staffBooking(queries, id);
      const resource = await this.#resource(queries, row.resource_id);
      if (row.status === 'cancelled') {
        throw new BookingRefusal(409, 'booking_closed', 'This booking was cancelled, so it cannot be a no-show.');
      }
      if (row.status === 'confirmed') {
        if (Date.parse(row.start_at) > now.getTime()) {
          throw new BookingRefusal(422, 'not_started', 'This booking has not started yet; mark a no-show once its time has begun.');
        }
        await queries.markBookingNoShow(id);
      }
      return toStaffBooking((await queries.getBooking(id))!, resource);
    });
  }

  async #staffBooking(queries: BookingQueries, id: string): Promise<BookingRow> {
    const row = await queries.getBooking(id);
    if (!row) throw new BookingRefusal(404, 'booking_not_found', `No booking ${id}`);
    return row;
  }

  async #resource(queries: BookingQueries, id: string): Promise<StoredResource> {
    const resource = await queries.getResource(id);
    if (!resource) throw new BookingRefusal(404, 'resource_not_found', `No bookable resource ${id}`);
    return resource;
  }

  async #plan(queries: BookingQueries, resource: StoredResource): Promise<SlotPlan> {
    const stored = await queries.getBranchHours(resource.member, resource.branch);
    // A branch without opening hours on record offers no slots rather than round-the-clock ones.
    const hours = stored ? BranchHours.parse(stored) : { weekly: {}, closed: [] };
    const schedule = resource.schedule === null ? null : ResourceSchedule.parse(resource.schedule);
    return { timezone: resource.timezone, hours, schedule, slotMinutes: resource.slotMinutes };
  }

  async #ownBooking(queries: BookingQueries, id: string, token: string): Promise<BookingRow> {
    const row = await queries.getBooking(id);
    if (!row || !sameToken(row.token, token)) {
      throw new BookingRefusal(404, 'booking_not_found', `No booking ${id} for this token`);
    }
    return row;
  }
}

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export function sameToken(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

function publicResource(resource: StoredResource): Resource {
  const { maxActivePerPatron: _limit, schedule: _schedule, memberName: _member, branchName: _branch, ...rest } = resource;
  return rest;
}

function toStaffBooking(row: BookingRow, resource: StoredResource): StaffBooking {
  const { token: _token, calendarUrl: _calendar, ...booking } = toBooking(row, resource);
  return booking;
}

function toBooking(row: BookingRow, resource: StoredResource): Booking {
  return {
    id: row.id,
    resourceId: row.resource_id,
    kind: resource.kind,
    member: resource.member,
    branch: resource.branch,
    resourceName: resource.name,
    start: row.start_at,
    end: row.end_at,
    timezone: resource.timezone,
    partySize: Number(row.party_size),
    patron: { name: row.patron_name, email: row.patron_email, ...(row.patron_member ? { member: row.patron_member } : {}) },
    status: row.status as Booking['status'],
    token: row.token,
    createdAt: row.created_at,
    ...(row.cancelled_at ? { cancelledAt: row.cancelled_at } : {}),
    calendarUrl: `/v1/bookings/${encodeURIComponent(row.id)}/calendar.ics?token=${row.token}`,
  };
}
