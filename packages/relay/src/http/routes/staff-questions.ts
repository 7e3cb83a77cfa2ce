// The staff question queue over HTTP (Bearer token): list, read with the asking member's
// service policy, claim (409 `already_claimed` for all but the first), answer, follow up,
// refer to another member and close. Answers and follow-ups may link catalogue records.
import { AnswerRequest, ReferRequest, StaffMessageRequest, StaffQuestionListQuery } from '@atrium/sdk';
import type { FastifyInstance } from 'fastify';
import type { QuestionService } from '../../domain/reference/question-service.js';
import { requireLibrarian } from '../auth.js';
import { parseInput } from '../validate.js';
import { QuestionParams, questionRefusals } from './questions.js';

export function staffQuestionRoutes(app: FastifyInstance, questions: QuestionService): void {
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/v1/staff/')) reply.header('cache-control', 'no-store');
  });

  app.get('/v1/staff/questions', async (request) => {
    const librarian = await requireLibrarian(request);
    const { status, limit } = parseInput(StaffQuestionListQuery, request.query, 'query');
    return { items: await questions.listForStaff(librarian, status, limit) };
  });

  app.get('/v1/staff/questions/:id', async (request) => {
    const librarian = await requireLibrarian(request);
    const { id } = parseInput(QuestionParams, request.params, 'params');
    return questionRefusals(() => questions.getForStaff(librarian, id));
  });

  app.post('/v1/staff/questions/:id/claim', async (request) => {
    const librarian = await requireLibrarian(request);
    const { id } = parseInput(QuestionParams, request.params, 'params');
    return questionRefusals(() => questions.claim(librarian, id));
  });

  app.post('/v1/staff/questions/:id/answer', async (request) => {
    const librarian = await requireLibrarian(request);
    const { id } = parseInput(QuestionParams, request.params, 'params');
    const { text, publish, records } = parseInput(AnswerRequest, request.body, 'body');
    return questionRefusals(() => questions.answer(librarian, id, text, publish ?? false, records ?? []));
  });

  app.post('/v1/staff/questions/:id/messages', async (request) => {
    const librarian = await requireLibrarian(request);
    const { id } = parseInput(QuestionParams, request.params, 'params');
    const { text, records } = parseInput(StaffMessageRequest, request.body, 'body');
    return questionRefusals(() => questions.librarianFollowUp(librarian, id, text, records ?? []));
  });

  app.post('/v1/staff/questions/:id/refer', async (request) => {
    const librarian = await requireLibrarian(request);
    const { id } = parseInput(QuestionParams, request.params, 'params');
    const { member, note } = parseInput(ReferRequest, request.body, 'body');
    return questionRefusals(() => questions.refer(librarian, id, member, note));
  });

  app.post('/v1/staff/questions/:id/close', async (request) => {
    const librarian = await requireLibrarian(request);
    const { id } = parseInput(QuestionParams, request.params, 'params');
    return questionRefusals(() => questions.close(librarian, id));
  });
}
