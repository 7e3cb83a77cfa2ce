// The admin API (staff with an administrator's role): members as the consortium file declares
// them, read with an ETag and written with If-Match, and the audit log as JSON or CSV.
// Consortium administrators may change every member and add or remove members; a member
// administrator only their own member; librarians nothing here.
import { AuditQuery, MemberConfig, MemberId } from '@atrium/sdk';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod/mini';
import { type AdminAccount, AdminRefusal, type ConsortiumAdmin } from '../../domain/consortium/consortium-admin.js';
import type { AuditEntry } from '../../storage/consortium-store.js';
import { requireStaff } from '../auth.js';
import { ProblemError } from '../problem.js';
import { parseInput } from '../validate.js';

const MemberParams = z.object({ id: MemberId });

async function requireAdmin(request: FastifyRequest, admin: ConsortiumAdmin): Promise<AdminAccount> {
  const staff = await requireStaff(request);
  const account = await admin.account(staff.id);
  if (account === undefined) throw new ProblemError(401, 'unauthorized', 'This sign-in is no longer valid; sign in again.');
  if (account.role === 'librarian') {
    throw new ProblemError(403, 'forbidden', 'Only administrators change the consortium’s configuration; ask your member’s administrator.');
  }
  return account;
}

async function refusalsAsProblems<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AdminRefusal)
      throw new ProblemError(
        error.status,
        error.code,
        error.detail,
        error.errors?.map((e) => ({ ...e })),
      );
    throw error;
  }
}

const ifMatch = (request: FastifyRequest): string | undefined => {
  const header = request.headers['if-match'];
  return typeof header === 'string' && header.trim() !== '' ? header : undefined;
};

export function adminRoutes(app: FastifyInstance, admin: ConsortiumAdmin): void {
  app.get('/v1/admin/members', async (request, reply) => {
    const account = await requireAdmin(request, admin);
    reply.header('cache-control', 'no-store');
    return { items: await admin.members(account) };
  });

  app.get('/v1/admin/members/:id', async (request, reply) => {
    const account = await requireAdmin(request, admin);
    const { id } = parseInput(MemberParams, request.params, 'params');
    const { member, etag } = await refusalsAsProblems(() => admin.member(account, id));
    return reply.header('etag', etag).header('cache-control', 'no-store').send(member);
  });

  app.put('/v1/admin/members/:id', async (request, reply) => {
    const account = await requireAdmin(request, admin);
    const { id } = parseInput(MemberParams, request.params, 'params');
    const body = parseInput(MemberConfig, request.body, 'body');
    const { member, etag } = await refusalsAsProblems(() => admin.replaceMember(account, id, body, ifMatch(request)));
    return reply.header('etag', etag).send(member);
  });

  app.post('/v1/admin/members', async (request, reply) => {
    const account = await requireAdmin(request, admin);
    const body = parseInput(MemberConfig, request.body, 'body');
    const { member, etag } = await refusalsAsProblems(() => admin.createMember(account, body));
    return reply.code(201).header('etag', etag).header('location', `/v1/admin/members/${member.id}`).send(member);
  });

  app.delete('/v1/admin/members/:id', async (request, reply) => {
    const account = await requireAdmin(request, admin);
    const { id } = parseInput(MemberParams, request.params, 'params');
    await refusalsAsProblems(() => admin.removeMember(account, id, ifMatch(request)));
    return reply.code(204).send();
  });

  app.get('/v1/admin/audit', async (request, reply) => {
    const account = await requireAdmin(request, admin);
    const { format, limit, ...query } = parseInput(AuditQuery, request.query, 'query');
    // One more than asked, to know whether another page follows.
    const rows = await refusalsAsProblems(() => admin.audit(account, { ...query, limit: limit + 1 }));
    const items = rows.slice(0, limit);
    reply.header('cache-control', 'no-store');
    if (format === 'csv') {
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="atrium-audit.csv"')
        .send(auditCsv(items));
    }
    return { items, ...(rows.length > limit ? { next: items.at(-1)!.id } : {}) };
  });
}

const CSV_COLUMNS = ['at', 'actor', 'actorEmail', 'member', 'kind', 'objectId', 'action', 'before', 'after'] as const;

/** RFC 4180 CSV; a cell that starts like a formula is quoted with a leading apostrophe so spreadsheets show it as text. */
export function auditCsv(entries: readonly AuditEntry[]): string {
  const cell = (value: unknown): string => {
    let text = value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value);
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [CSV_COLUMNS.join(',')];
  for (const entry of entries) lines.push(CSV_COLUMNS.map((column) => cell(entry[column])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
