// The monthly ledger over HTTP (staff): JSON, or CSV with `format=csv` for a spreadsheet.
import { LedgerQuery } from '@atrium/sdk';
import type { FastifyInstance } from 'fastify';
import { type ReferenceLedger, ledgerCsv } from '../../domain/reference/reference-ledger.js';
import { requireLibrarian } from '../auth.js';
import { parseInput } from '../validate.js';

export function ledgerRoutes(app: FastifyInstance, ledger: ReferenceLedger): void {
  app.get('/v1/staff/ledger', async (request, reply) => {
    await requireLibrarian(request);
    const { month, format } = parseInput(LedgerQuery, request.query, 'query');
    const result = await ledger.month(month);
    reply.header('cache-control', 'no-store');
    if (format === 'csv') {
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="atrium-ledger-${month}.csv"`)
        .send(ledgerCsv(result));
    }
    return result;
  });
}
