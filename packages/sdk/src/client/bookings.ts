// Booking a room, a seat, an appointment, a visit or a viewing: resources, free slots, and the
// patron's bookings (created with an Idempotency-Key, read and cancelled with their token).
import {
  Availability,
  AvailabilityQuery,
  Booking,
  BookingList,
  BookingListQuery,
  BookingRequest,
  Resource,
  ResourceList,
  ResourceQuery,
  type ResourceKind,
  StaffBooking,
  TokenQuery,
} from '../schemas/booking.js';
import { checked } from './checked.js';
import { type CreateOptions, newIdempotencyKey } from './idempotency.js';
import type { CallOptions, Transport } from './transport.js';

export interface ResourceFilter {
  member?: string;
  kind?: ResourceKind;
  branch?: string;
}

export interface AvailabilityRange {
  /** Default: now. */
  from?: Date | string;
  /** Default: seven days after `from`; at most 31 days after it. */
  to?: Date | string;
}

export type NewBooking = BookingRequest;

export interface StaffBookingQuery extends AvailabilityRange {
  /** A day (YYYY-MM-DD) in the member's time zone; instead of from/to. */
  date?: string;
  branch?: string;
  resourceId?: string;
  limit?: number;
}

export interface BookingsApi {
  resources(filter?: ResourceFilter, options?: CallOptions): Promise<Resource[]>;
  resource(id: string, options?: CallOptions): Promise<Resource>;
  /** Slots with the places left in each. */
  availability(resourceId: string, range?: AvailabilityRange, options?: CallOptions): Promise<Availability>;
  /**
   * Books a slot. Throws ApiError 409 `slot_unavailable` when it is full, 422 with a policy
   * code (`limit_reached`, `in_the_past`, ...) when a rule forbids it. Retries reuse the key.
   */
  create(booking: NewBooking, options?: CreateOptions): Promise<Booking>;
  get(id: string, token: string, options?: CallOptions): Promise<Booking>;
  /** Frees the place at once; cancelling a cancelled booking returns it unchanged. */
  cancel(id: string, token: string, options?: CallOptions): Promise<Booking>;
  /**
   * Staff: their member's bookings starting on `date` (YYYY-MM-DD in the member's time zone)
   * or in [from, to) (default the next seven days), optionally at one branch, without patron tokens.
   */
  list(auth: { token: string }, query?: StaffBookingQuery, options?: CallOptions): Promise<StaffBooking[]>;
  /**
   * Staff: cancels a booking of their member's and frees its places. Throws ApiError 403
   * `forbidden` for another member's booking, 422 `already_ended`, 409 `booking_closed` after a no-show.
   */
  cancelAsStaff(auth: { token: string }, id: string, options?: CallOptions): Promise<StaffBooking>;
  /**
   * Staff: records that the patron did not come. Throws ApiError 422 `not_started` before the
   * slot starts, 409 `booking_closed` for a cancelled booking, 403 `forbidden` for another member's.
   */
  markNoShow(auth: { token: string }, id: string, options?: CallOptions): Promise<StaffBooking>;
  /** The absolute URL of the booking's iCalendar file. */
  calendarUrl(booking: Pick<Booking, 'calendarUrl'>): string;
}

const iso = (value: Date | string | undefined) => (value instanceof Date ? value.toISOString() : value);

export function createBookingsApi(transport: Transport): BookingsApi {
  const path = (id: string) => `/v1/bookings/${encodeURIComponent(id)}`;
  return {
    async resources(filter = {}, options = {}) {
      const query = checked(ResourceQuery, filter, 'resource filter');
      const params = new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined));
      return (await transport.request({ method: 'GET', path: '/v1/resources', query: params, schema: ResourceList, ...options })).items;
    },
    resource: (id, options = {}) =>
      transport.request({ method: 'GET', path: `/v1/resources/${encodeURIComponent(id)}`, schema: Resource, ...options }),
    async availability(resourceId, range = {}, options = {}) {
      const query = checked(AvailabilityQuery, { from: iso(range.from), to: iso(range.to) }, 'availability range');
      const params = new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined));
      return transport.request({
        method: 'GET',
        path: `/v1/resources/${encodeURIComponent(resourceId)}/availability`,
        query: params,
        schema: Availability,
        ...options,
      });
    },
    async create(booking, options = {}) {
      const body = checked(BookingRequest, booking, 'booking');
      const { idempotencyKey = newIdempotencyKey(), ...call } = options;
      return transport.request({
        method: 'POST',
        path: '/v1/bookings',
        body,
        headers: { 'idempotency-key': idempotencyKey },
        retryable: true,
        schema: Booking,
        ...call,
      });
    },
    async get(id, token, options = {}) {
      const query = new URLSearchParams(checked(TokenQuery, { token }, 'token'));
      return transport.request({ method: 'GET', path: path(id), query, schema: Booking, ...options });
    },
    async cancel(id, token, options = {}) {
      checked(TokenQuery, { token }, 'token');
      // Cancelling twice is harmless, so a retry after a lost answer is safe.
      return transport.request({
        method: 'POST',
        path: `${path(id)}/cancel`,
        body: { token },
        retryable: true,
        schema: Booking,
        ...options,
      });
    },
    async list({ token }, query = {}, options = {}) {
      const given = {
        date: query.date,
        from: iso(query.from),
        to: iso(query.to),
        branch: query.branch,
        resourceId: query.resourceId,
        limit: query.limit?.toString(),
      };
      const entries = Object.entries(given).filter((entry): entry is [string, string] => entry[1] !== undefined);
      checked(BookingListQuery, Object.fromEntries(entries), 'booking list query');
      const headers = { authorization: `Bearer ${token}` };
      const answer = await transport.request({
        method: 'GET',
        path: '/v1/bookings',
        query: new URLSearchParams(entries),
        headers,
        schema: BookingList,
        ...options,
      });
      return answer.items;
    },
    async cancelAsStaff({ token }, id, options = {}) {
      const headers = { authorization: `Bearer ${token}` };
      // Cancelling twice answers the same cancelled booking, so a retry is safe.
      return transport.request({
        method: 'POST',
        path: `${path(id)}/cancel`,
        body: {},
        headers,
        retryable: true,
        schema: StaffBooking,
        ...options,
      });
    },
    async markNoShow({ token }, id, options = {}) {
      const headers = { authorization: `Bearer ${token}` };
      return transport.request({
        method: 'POST',
        path: `${path(id)}/no-show`,
        body: {},
        headers,
        retryable: true,
        schema: StaffBooking,
        ...options,
      });
    },
    calendarUrl: (booking) => `${transport.baseUrl}${booking.calendarUrl}`,
  };
}
