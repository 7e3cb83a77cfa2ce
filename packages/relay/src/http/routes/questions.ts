// Patrons' questions over HTTP: ask (201 with the private token), read by token, follow up.
import { QuestionId, QuestionMessageRequest, QuestionRequest, QuestionTokenQuery } from '@atrium/sdk';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod/mini';
import { QuestionRefusal } from '../../domain/reference/question-refusal.js';
import type { QuestionService } from '../../domain/reference/question-service.js';
import { ProblemError } from '../problem.js';
import { parseInput } from '../validate.js';

export const QuestionParams = z.object({ id: QuestionId });

/** Runs domain work, turning a refusal into its problem+json. */
export async function questionRefusals<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof QuestionRefusal) {
      const field = /^member: /.test(error.detail) ? [{ path: 'member', message: error.detail.slice('member: '.length) }] : undefined;
      throw new ProblemError(error.status, error.code, error.detail, field);
    }
    throw error;
  }
}

export function questionRoutes(app: FastifyInstance, questions: QuestionService): void {
  app.post('/v1/questions', async (request, reply) => {
    const body = parseInput(QuestionRequest, request.body, 'body');
    const created = await questionRefusals(() => questions.ask(body));
    reply.header('cache-control', 'no-store');
    return reply.code(201).send(created);
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

  app.get('/v1/members/:id/policy', async (request) => {
    const { id } = parseInput(z.object({ id: z.string() }), request.params, 'params');
    const policy = await questionRefusals(() => questions.policies.get(id));
    if (!policy) throw new ProblemError(404, 'policy_not_found', `${id} has not published a service policy.`);
    return policy;
  });
}
