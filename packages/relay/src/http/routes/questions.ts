// Patrons' questions over HTTP: ask (201 with the private token; Idempotency-Key, rate limited
// per address and per member), read by token, follow up.
import { QuestionId, QuestionMessageRequest, QuestionRequest, QuestionTokenQuery } from '@atrium/sdk';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod/mini';
import { RateLimitedError } from '../../domain/chat/rate-limited-error.js';
import type { QuestionRateLimits } from '../../domain/reference/question-rate-limits.js';
import { QuestionRefusal } from '../../domain/reference/question-refusal.js';
import type { QuestionService } from '../../domain/reference/question-service.js';
import { clientAddress } from '../../realtime/client-address.js';
import { ProblemError } from '../problem.js';
import { parseInput } from '../validate.js';
import { idempotencyKeyOf, sendOutcome } from '../idempotency.js';

export const QuestionParams = z.object({ id: QuestionId });

/** Runs domain work, turning a refusal into its problem+json. */
export async function questionRefusals<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof QuestionRefusal) {
      const field = error.fields
        ? [...error.fields]
        : /^member: /.test(error.detail)
          ? [{ path: 'member', message: error.detail.slice('member: '.length) }]
          : undefined;
      throw new ProblemError(error.status, error.code, error.detail, field);
    }
    throw error;
  }
}

export interface AskOptions {
  limits: QuestionRateLimits;
  /** Take the client's address from X-Forwarded-For (TRUST_PROXY). */
  trustProxy: boolean;
}

/** Over a rate limit: 429 with Retry-After, which the SDK honours (or reports when the wait is long). */
async function rateLimitsAsProblems<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof RateLimitedError) {
      throw new ProblemError(429, error.code, error.message, undefined, { 'retry-after': String(error.retryAfterSeconds) });
    }
    throw error;
  }
}

export function questionRoutes(app: FastifyInstance, questions: QuestionService, ask: AskOptions): void {
  app.post('/v1/questions', async (request, reply) => {
    const idempotencyKey = idempotencyKeyOf(request);
    const body = parseInput(QuestionRequest, request.body, 'body');
    const address = clientAddress({ headers: request.headers, address: request.socket.remoteAddress }, ask.trustProxy);
    const admit = () => ask.limits.check(address, body.member);
    const outcome = await questionRefusals(() =>
      rateLimitsAsProblems(() => questions.ask(body, { idempotencyKey, requestId: request.id, admit })),
    );
    reply.header('cache-control', 'no-store');
    return sendOutcome(reply, outcome);
  });

  app.get('/v1/questions/:id', async (request, reply) => {
    const { id } = parseInput(QuestionParams, request.params, 'params');
    const { token } = parseInput(QuestionTokenQuery, request.query, 'query');
    reply.header('cache-control', 'no-store');
    return questionRefusals(() => questions.getForPatron(id, token));
  });

  app.post('/v1/questions/:id/messages', async (request, reply) => {
    const { id } = parseInput(QuestionParams, request.params, 'params');
    const { token } = parseInput(QuestionTokenQuery, request.query, 'query');
    const { text } = parseInput(QuestionMessageRequest, request.body, 'body');
    const question = await questionRefusals(() => questions.patronFollowUp(id, token, text));
    reply.header('cache-control', 'no-store');
    return reply.code(201).send(question);
  });
}
