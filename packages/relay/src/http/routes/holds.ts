// Holds over HTTP: a patron places one (with Idempotency-Key), follows it and cancels it with
// its token; librarians of the owning or the pickup member list their holds and move them on.
import { HoldListQuery, HoldRequest, HoldTransition, type StaffHold, TokenQuery } from '@atrium/sdk';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod/mini';
import type { HoldService } from '../../domain/booking/hold-service.js';
import { requireLibrarian } from '../auth.js';
import { ProblemError } from '../problem.js';
import { parseInput } from '../validate.js';
import { idempotencyKeyOf, sendOutcome } from '../idempotency.js';
import { refusalsAsProblems, tokenOf } from './booking.js';

const HoldParams = z.object({ id: z.string().check(z.regex(/^hd_[0-9a-f-]{36}$/, 'must be a hold id such as "hd_…"')) });

export function holdRoutes(app: FastifyInstance, holds: HoldService): void {
  app.post('/v1/holds', async (request, reply) => {
    const idempotencyKey = idempotencyKeyOf(request);
    const body = parseInput(HoldRequest, request.body, 'body');
    const outcome = await refusalsAsProblems(() => holds.place(body, { idempotencyKey, requestId: request.id }));
    return sendOutcome(reply, outcome);
  });

  app.get('/v1/holds/:id', async (request, reply) => {
    const { id } = parseInput(HoldParams, request.params, 'params');
    const { token } = parseInput(TokenQuery, request.query, 'query');
    reply.header('cache-control', 'no-store');
    return refusalsAsProblems(() => holds.get(id, token));
  });

  app.post('/v1/holds/:id/cancel', async (request) => {
    const { id } = parseInput(HoldParams, request.params, 'params');
    const token = tokenOf(request);
    return refusalsAsProblems(() => holds.cancel(id, token));
  });

  app.get('/v1/holds', async (request, reply) => {
    const librarian = await requireLibrarian(request);
    const { status, limit, branch } = parseInput(HoldListQuery, request.query, 'query');
    reply.header('cache-control', 'no-store');
    const items: StaffHold[] = (await holds.listForMember(librarian.member, status, limit, branch)).map(
      ({ token: _token, ...hold }) => hold,
    );
    return { items };
  });

  app.post('/v1/holds/:id/status', async (request) => {
    const librarian = await requireLibrarian(request);
    const { id } = parseInput(HoldParams, request.params, 'params');
    const { status, note } = parseInput(HoldTransition, request.body, 'body');
    const hold = await refusalsAsProblems(() => holds.getForStaff(id));
    if (librarian.member !== hold.member && librarian.member !== hold.pickup.member) {
      throw new ProblemError(403, 'forbidden', `Only librarians of ${hold.member} or of ${hold.pickup.member} can move this hold on.`);
    }
    const { token: _token, ...moved } = await refusalsAsProblems(() => holds.transition(id, status, note));
    return moved;
  });
}
