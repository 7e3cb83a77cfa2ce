// Booking over HTTP: resources and availability, bookings with Idempotency-Key, and the
// patron's token-guarded view, cancellation and calendar file; staff list their member's
// bookings day by day, cancel them and mark no-shows.
import {
  AvailabilityQuery,
  BookingListQuery,
  BookingRequest,
  CancelRequest,
  ResourceId,
  ResourceQuery,
  type StaffBooking,
  TokenQuery,
} from '@atrium/sdk';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod/mini';
import { BookingRefusal } from '../../domain/booking/booking-refusal.js';
import type { BookingService } from '../../domain/booking/booking-service.js';
import { requireLibrarian } from '../auth.js';
import { ProblemError } from '../problem.js';
import { idempotencyKeyOf, sendOutcome } from '../idempotency.js';
import { parseInput } from '../validate.js';

const ResourceParams = z.object({ id: ResourceId });
const BookingParams = z.object({ id: z.string().check(z.regex(/^bk_[0-9a-f-]{36}$/, 'must be a booking id such as "bk_…"')) });

export function bookingRoutes(app: FastifyInstance, bookings: BookingService): void {
  app.get('/v1/resources', async (request) => {
    const query = parseInput(ResourceQuery, request.query, 'query');
    return { items: await bookings.listResources(query) };
  });

  app.get('/v1/resources/:id', async (request) => {
    const { id } = parseInput(ResourceParams, request.params, 'params');
    return refusalsAsProblems(() => bookings.getResource(id));
  });

  app.get('/v1/resources/:id/availability', async (request) => {
    const { id } = parseInput(ResourceParams, request.params, 'params');
    const query = parseInput(AvailabilityQuery, request.query, 'query');
    return refusalsAsProblems(() => bookings.availability(id, query));
  });

  app.post('/v1/bookings', async (request, reply) => {
    const idempotencyKey = idempotencyKeyOf(request);
    const body = parseInput(BookingRequest, request.body, 'body');
    const outcome = await refusalsAsProblems(() => bookings.book(body, { idempotencyKey, requestId: request.id }));
    return sendOutcome(reply, outcome);
  });

  app.get('/v1/bookings', async (request, reply) => {
    const librarian = await requireLibrarian(request);
    const query = parseInput(BookingListQuery, request.query, 'query');
    reply.header('cache-control', 'no-store');
    return { items: await refusalsAsProblems(() => bookings.listForMember(librarian.member, query)) };
  });

  app.get('/v1/bookings/:id', async (request, reply) => {
    const { id } = parseInput(BookingParams, request.params, 'params');
    const { token } = parseInput(TokenQuery, request.query, 'query');
    reply.header('cache-control', 'no-store');
    return refusalsAsProblems(() => bookings.getBooking(id, token));
  });

  // A patron cancels with the booking's token; a librarian with their Bearer token instead.
  app.post('/v1/bookings/:id/cancel', async (request) => {
    const { id } = parseInput(BookingParams, request.params, 'params');
    if (request.headers.authorization !== undefined) {
      await staffBooking(request, bookings, id);
      return refusalsAsProblems(() => bookings.cancelForStaff(id));
    }
    const token = tokenOf(request);
    return refusalsAsProblems(() => bookings.cancelBooking(id, token));
  });

  app.post('/v1/bookings/:id/no-show', async (request) => {
    const { id } = parseInput(BookingParams, request.params, 'params');
    await staffBooking(request, bookings, id);
    return refusalsAsProblems(() => bookings.markNoShow(id));
  });

  app.get('/v1/bookings/:id/calendar.ics', async (request, reply) => {
    const { id } = parseInput(BookingParams, request.params, 'params');
    const { token } = parseInput(TokenQuery, request.query, 'query');
    const file = await refusalsAsProblems(() => bookings.calendar(id, token));
    return reply
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="${id}.ics"`)
      .type('text/calendar; charset=utf-8')
      .send(file);
  });
}

/** The booking, once the request's librarian is known to work for the member whose resource it is. */
async function staffBooking(request: FastifyRequest, bookings: BookingService, id: string): Promise<StaffBooking> {
  const librarian = await requireLibrarian(request);
  const booking = await refusalsAsProblems(() => bookings.getForStaff(id));
  if (booking.member !== librarian.member) {
    throw new ProblemError(403, 'forbidden', `Only librarians of ${booking.member} can change this booking.`);
  }
  return booking;
}

/** A cancel request's token: in the JSON body or the query string. */
export function tokenOf(request: FastifyRequest): string {
  const body = parseInput(CancelRequest, request.body ?? {}, 'body');
  if (body.token !== undefined) return body.token;
  return parseInput(TokenQuery, request.query, 'query').token;
}

export async function refusalsAsProblems<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof BookingRefusal) throw new ProblemError(error.status, error.code, error.detail);
    throw error;
  }
}
