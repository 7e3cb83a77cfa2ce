// GET /v1/staff/harvests: every member's last OAI-PMH harvest (when, counts, errors, the
// first records rejected) and, for a scheduled source, when `serve` harvests it next. Not yet
// served: it moves to http/routes/ when it is wired into the app and the OpenAPI description.
import type { HarvestReportList } from '@atrium/sdk';
import type { FastifyInstance } from 'fastify';
import { harvestReport } from './harvest-schedule.js';
import type { HarvestStore } from '../../storage/harvest-store.js';
import { requireLibrarian } from '../../http/auth.js';

export function staffHarvestRoutes(app: FastifyInstance, store: HarvestStore, now: () => Date = () => new Date()): void {
  app.get('/v1/staff/harvests', async (request, reply): Promise<HarvestReportList> => {
    await requireLibrarian(request);
    reply.header('cache-control', 'no-store');
    const at = now();
    return { items: (await store.list()).flatMap((state) => harvestReport(state, at) ?? []) };
  });
}
