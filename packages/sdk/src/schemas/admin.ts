// The admin API: the consortium's configuration one member at a time (the same shape as a
// member in the consortium file), and the audit log of every change to it.
import { z } from 'zod/mini';
import { MemberId } from './common.js';
import { MemberConfig } from './consortium.js';

export const AdminMemberList = z.object({
  /** The members the signed-in administrator may change: all of them for a consortium administrator. */
  items: z.array(z.object({ member: MemberConfig, etag: z.string() })),
});
export type AdminMemberList = z.infer<typeof AdminMemberList>;

export const AuditAction = z.enum(['create', 'update', 'remove']);
export type AuditAction = z.infer<typeof AuditAction>;

/** One configuration change: who made it, when, to what, and the object before and after. */
export const AuditEntry = z.object({
  id: z.string(),
  /** ISO 8601, UTC, to the millisecond. */
  at: z.string(),
  /** The account's id, or `command-line` for a file applied with `atrium-relay apply`. */
  actor: z.string(),
  actorEmail: z.optional(z.string()),
  /** The member the object belongs to; null for the consortium's own settings and administrators. */
  member: z.nullable(MemberId),
  /** member, branch, resource, lending policy, widget key, librarian, administrator or consortium. */
  kind: z.string(),
  /** `member`, `member/branch`, `member/resource`, an email, or a widget key's `member/label`. */
  objectId: z.string(),
  action: AuditAction,
  before: z.optional(z.unknown()),
  after: z.optional(z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = z.object({
  member: z.optional(MemberId),
  limit: z._default(z.coerce.number().check(z.int('must be a whole number'), z.minimum(1), z.maximum(1000)), 100),
  /** The `next` of the page before: entries older than it. */
  before: z.optional(z.string().check(z.maxLength(200))),
  format: z._default(z.enum(['json', 'csv']), 'json'),
});
export type AuditQuery = z.input<typeof AuditQuery>;

export const AuditPage = z.object({
  items: z.array(AuditEntry),
  /** Pass as `before` for the next, older page; absent on the last page. */
  next: z.optional(z.string()),
});
export type AuditPage = z.infer<typeof AuditPage>;
