import { z } from 'zod/mini';
import { LocalizedName, MemberId } from './common.js';

export const MemberKind = z.enum(['public-library', 'university-library', 'museum', 'archive', 'school-library', 'special-library']);
export type MemberKind = z.infer<typeof MemberKind>;

export const Branch = z.object({
  id: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be a branch id such as "central"')),
  name: LocalizedName,
});
export type Branch = z.infer<typeof Branch>;

export const Member = z.object({
  id: MemberId,
  name: LocalizedName,
  kind: MemberKind,
  branches: z.array(Branch).check(z.minLength(1, 'a member needs at least one branch')),
  timezone: z.string().check(z.minLength(1)),
  /** True while at least one of the member's librarians is available for chat. */
  online: z.boolean(),
});
export type Member = z.infer<typeof Member>;

export const MemberList = z.object({ items: z.array(Member) });
export type MemberList = z.infer<typeof MemberList>;
