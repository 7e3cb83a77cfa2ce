// Idempotency-Key over HTTP, for every route that creates something (bookings, holds,
// questions): the header checked like any other input, and a kept answer sent back as it was.
import { IdempotencyKey } from '@atrium/sdk';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Outcome } from '../domain/idempotency/idempotent-request.js';
import { ProblemError, problemBody } from './problem.js';

/** The optional Idempotency-Key header, checked like any other input. */
export function idempotencyKeyOf(request: FastifyRequest): string | undefined {
  const value = request.headers['idempotency-key'];
  if (value === undefined) return undefined;
  const result = IdempotencyKey.safeParse(value);
  if (!result.success) {
    const message = result.error.issues[0]?.message ?? 'is not valid';
    throw new ProblemError(400, 'invalid_request', `Invalid header Idempotency-Key: ${message}`, [{ path: 'Idempotency-Key', message }]);
  }
  return result.data;
}

/** A first answer, or the kept answer to an Idempotency-Key retry: same status, same body. */
export function sendOutcome<T>(reply: FastifyReply, outcome: Outcome<T>): FastifyReply {
  if (outcome.replayed) reply.header('idempotent-replayed', 'true');
  if (outcome.ok) return reply.code(201).send(outcome.value);
  return reply
    .code(outcome.status)
    .type('application/problem+json')
    .send(problemBody(outcome.status, outcome.code, outcome.detail, outcome.requestId));
}
