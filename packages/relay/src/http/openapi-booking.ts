// The booking part of the OpenAPI document: resources, availability, bookings and holds,
// from the shared schemas the routes validate with.
import {
  Availability,
  AvailabilityQuery,
  Booking,
  BookingList,
  BookingListQuery,
  BookingRequest,
  CancelRequest,
  Hold,
  HoldRequest,
  HoldList,
  HoldListQuery,
  HoldTransition,
  StaffBooking,
  StaffHold,
  Resource,
  ResourceList,
  ResourceQuery,
} from '@atrium/sdk';
import {
  type JsonSchema,
  idempotencyKeyHeader as idempotencyKey,
  json,
  problemResponse as problem,
  queryParameters,
  schemaOf,
} from './openapi-parts.js';

const body = (ref: string, required = true) => ({
  required,
  content: { 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } },
});
const pathId = (example: string) => ({ name: 'id', in: 'path', required: true, schema: { type: 'string' }, example });
const token = {
  name: 'token',
  in: 'query',
  required: true,
  schema: { type: 'string' },
  description: 'The patron token returned with the booking or hold',
};
const POLICY =
  '422: a rule forbids it; `code` is limit_reached, outside_opening_hours, in_the_past, too_far_ahead, party_too_large, not_lendable, patron_not_eligible, pickup_not_allowed or idempotency_key_reused';

export function bookingPaths(): JsonSchema {
  return {
    '/v1/resources': {
      get: {
        operationId: 'listResources',
        summary: 'Bookable rooms, seats, appointments, visits and viewings',
        parameters: queryParameters(ResourceQuery),
        responses: { 200: json('ResourceList', 'Resources'), 400: problem('Invalid parameter') },
      },
    },
    '/v1/resources/{id}': {
      get: {
        operationId: 'getResource',
        summary: 'One resource',
        parameters: [pathId('riverside-library:central-study-room-1')],
        responses: { 200: json('Resource', 'The resource'), 404: problem('No such resource') },
      },
    },
    '/v1/resources/{id}/availability': {
      get: {
        operationId: 'getAvailability',
        summary: 'Slots from `from` (default now) to `to` (default a week later) with the places left',
        parameters: [pathId('riverside-library:central-study-room-1'), ...queryParameters(AvailabilityQuery)],
        responses: { 200: json('Availability', 'Slots'), 400: problem('Invalid parameter'), 404: problem('No such resource') },
      },
    },
    '/v1/bookings': {
      get: {
        operationId: 'listBookings',
        summary:
          'Staff: bookings of the librarian’s member starting on `date` (in the member’s time zone) or in [from, to) (default the next seven days), at one `branch` or all',
        security: [{ librarianToken: [] }],
        parameters: queryParameters(BookingListQuery),
        responses: { 200: json('BookingList', 'Bookings'), 400: problem('Invalid parameter'), 401: problem('Not signed in') },
      },
      post: {
        operationId: 'createBooking',
        summary: 'Book a slot',
        parameters: [idempotencyKey],
        requestBody: body('BookingRequest'),
        responses: {
          201: json('Booking', 'Booked; keep the token'),
          400: problem('Invalid field'),
          404: problem('No such resource'),
          409: problem('slot_unavailable: no places left in that slot'),
          422: problem(POLICY),
        },
      },
    },
    '/v1/bookings/{id}': {
      get: {
        operationId: 'getBooking',
        summary: 'A booking, for the holder of its token',
        parameters: [pathId('bk_…'), token],
        responses: { 200: json('Booking', 'The booking'), 404: problem('No such booking for this token') },
      },
    },
    '/v1/bookings/{id}/cancel': {
      post: {
        operationId: 'cancelBooking',
        summary:
          'Cancel a booking; its places are free at once. A patron sends the booking token (body or query) until the slot starts; a librarian of the member sends `Authorization: Bearer` instead, until the booking ends, and gets the booking without its token',
        parameters: [pathId('bk_…'), { ...token, required: false }],
        requestBody: body('CancelRequest', false),
        responses: {
          200: json('Booking', 'The cancelled booking'),
          401: problem('Bearer token missing or expired'),
          403: problem('Not a librarian of the booking’s member'),
          404: problem('No such booking for this token'),
          409: problem('booking_closed: marked as a no-show'),
          422: problem('already_started (patron) or already_ended (staff)'),
        },
      },
    },
    '/v1/bookings/{id}/no-show': {
      post: {
        operationId: 'markBookingNoShow',
        summary: 'Staff: the patron did not come; the booking becomes `no_show` (once its slot has started)',
        security: [{ librarianToken: [] }],
        parameters: [pathId('bk_…')],
        responses: {
          200: json('StaffBooking', 'The booking'),
          401: problem('Not signed in'),
          403: problem('Not a librarian of the booking’s member'),
          404: problem('No such booking'),
          409: problem('booking_closed: the booking was cancelled'),
          422: problem('not_started'),
        },
      },
    },
    '/v1/bookings/{id}/calendar.ics': {
      get: {
        operationId: 'getBookingCalendar',
        summary: 'The booking as an iCalendar (RFC 5545) file',
        parameters: [pathId('bk_…'), token],
        responses: {
          200: { description: 'iCalendar file', content: { 'text/calendar': { schema: { type: 'string' } } } },
          404: problem('No such booking'),
        },
      },
    },
    '/v1/holds': {
      get: {
        operationId: 'listHolds',
        summary: 'Staff: holds the librarian’s member lends or receives for pickup, most recently changed first',
        security: [{ librarianToken: [] }],
        parameters: queryParameters(HoldListQuery),
        responses: { 200: json('HoldList', 'Holds'), 400: problem('Invalid parameter'), 401: problem('Not signed in') },
      },
      post: {
        operationId: 'createHold',
        summary: 'Place a hold on a record for pickup at a member branch',
        parameters: [idempotencyKey],
        requestBody: body('HoldRequest'),
        responses: {
          201: json('Hold', 'Hold placed; keep the token'),
          400: problem('Invalid field'),
          404: problem('No such record'),
          422: problem(POLICY),
        },
      },
    },
    '/v1/holds/{id}': {
      get: {
        operationId: 'getHold',
        summary: 'A hold with each step so far, for the holder of its token',
        parameters: [pathId('hd_…'), token],
        responses: { 200: json('Hold', 'The hold'), 404: problem('No such hold for this token') },
      },
    },
    '/v1/holds/{id}/cancel': {
      post: {
        operationId: 'cancelHold',
        summary: 'Cancel a hold (token in the body or the query)',
        parameters: [pathId('hd_…'), { ...token, required: false }],
        requestBody: body('CancelRequest', false),
        responses: {
          200: json('Hold', 'The cancelled hold'),
          404: problem('No such hold for this token'),
          409: problem('invalid_transition'),
        },
      },
    },
    '/v1/holds/{id}/status': {
      post: {
        operationId: 'moveHold',
        summary: 'Staff: move a hold to its next step',
        security: [{ librarianToken: [] }],
        parameters: [pathId('hd_…')],
        requestBody: body('HoldTransition'),
        responses: {
          200: json('StaffHold', 'The hold'),
          401: problem('Not signed in'),
          403: problem('Not a librarian of the owning or pickup member'),
          409: problem('invalid_transition'),
        },
      },
    },
  };
}

export function bookingSchemas(): JsonSchema {
  return {
    Resource: schemaOf(Resource, 'output'),
    ResourceList: schemaOf(ResourceList, 'output'),
    Availability: schemaOf(Availability, 'output'),
    BookingRequest: schemaOf(BookingRequest, 'input'),
    Booking: schemaOf(Booking, 'output'),
    BookingList: schemaOf(BookingList, 'output'),
    CancelRequest: schemaOf(CancelRequest, 'input'),
    HoldRequest: schemaOf(HoldRequest, 'input'),
    HoldTransition: schemaOf(HoldTransition, 'input'),
    Hold: schemaOf(Hold, 'output'),
    HoldList: schemaOf(HoldList, 'output'),
    StaffHold: schemaOf(StaffHold, 'output'),
    StaffBooking: schemaOf(StaffBooking, 'output'),
  };
}
