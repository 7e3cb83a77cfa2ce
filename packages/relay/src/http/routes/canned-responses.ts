// GET /v1/staff/canned-responses: the signed-in librarian's member's ready-made replies.
import { CannedResponseQuery, type CannedResponseList } from '@atrium/sdk';
import type { FastifyInstance } from 'fastify';
import type { CannedResponseStore } from '../../storage/canned-response-store.js';
import { requireLibrarian } from '../auth.js';
import { parseInput } from '../validate.js';

export function cannedResponseRoutes(app: FastifyInstance, store: CannedResponseStore): void {
  app.get('/v1/staff/canned-responses', async (request, reply): Promise<CannedResponseList> => {
    const librarian = await requireLibrarian(request);
    const { language } = parseInput(CannedResponseQuery, request.query, 'query');
    reply.header('cache-control', 'no-store');
    const items = await store.list(librarian.member, language);
    return { items: items.map((item) => ({ ...item, language: item.language === 'zh' ? 'zh' : 'en' })) };
  });
}
