// Discovery over HTTP: members, union-catalog search and single records.
import { RecordId, SearchParams } from '@atrium/sdk';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod/mini';
import type { HoldService } from '../../domain/booking/hold-service.js';
import type { CatalogService } from '../../domain/catalog/catalog-service.js';
import { InvalidCursorError } from '../../domain/catalog/errors.js';
import { ProblemError } from '../problem.js';
import { parseInput } from '../validate.js';

const RecordParams = z.object({ id: RecordId });

export function catalogRoutes(app: FastifyInstance, catalog: CatalogService, holds: Pick<HoldService, 'holdable'>): void {
  app.get('/v1/members', async (_request, reply) => {
    // Short: `online` changes as librarians come and go.
    reply.header('cache-control', 'public, max-age=10');
    return { items: await catalog.listMembers() };
  });

  app.get('/v1/search', async (request) => {
    const params = parseInput(SearchParams, request.query, 'query');
    try {
      return await catalog.search(params);
    } catch (error) {
      if (error instanceof InvalidCursorError) {
        throw new ProblemError(400, 'invalid_cursor', error.message, [{ path: 'cursor', message: error.message }]);
      }
      throw error;
    }
  });

  app.get('/v1/records/:id', async (request) => {
    const { id } = parseInput(RecordParams, request.params, 'params');
    const record = await catalog.getRecord(id);
    if (!record) throw new ProblemError(404, 'record_not_found', `No record ${id} in the union catalog`);
    return { ...record, holdable: await holds.holdable(record) };
  });
}
