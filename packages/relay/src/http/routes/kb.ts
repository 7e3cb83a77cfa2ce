// The knowledge base over HTTP: public search of published answers and one answer by id.
import { KbId, KbSearchQuery } from '@atrium/sdk';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod/mini';
import type { KnowledgeBase } from '../../domain/reference/knowledge-base.js';
import { parseInput } from '../validate.js';
import { questionRefusals } from './questions.js';

export function kbRoutes(app: FastifyInstance, kb: KnowledgeBase): void {
  app.get('/v1/kb', async (request) => {
    const { q, member, limit } = parseInput(KbSearchQuery, request.query, 'query');
    return { items: await kb.search(q, member, limit) };
  });

  app.get('/v1/kb/:id', async (request) => {
    const { id } = parseInput(z.object({ id: KbId }), request.params, 'params');
    return questionRefusals(() => kb.get(id));
  });
}
