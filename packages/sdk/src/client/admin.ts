// The admin API for consortium and member administrators: members as the consortium file
// declares them, each with a version tag that a change must send back, and the audit log.
// Each call takes the administrator's token from client.auth.login.
import { AdminMemberList, AuditPage, AuditQuery } from '../schemas/admin.js';
import { MemberId } from '../schemas/common.js';
import { MemberConfig } from '../schemas/consortium.js';
import { z } from 'zod/mini';
import { checked } from './checked.js';
import type { StaffToken } from './staff.js';
import type { CallOptions, Transport } from './transport.js';

/** A member as stored, with the tag (HTTP ETag) that a change to it must be based on. */
export interface VersionedMember {
  member: MemberConfig;
  etag: string;
}

export interface AdminApi {
  /** The members this administrator may change: every member for a consortium administrator. */
  members(auth: StaffToken, options?: CallOptions): Promise<VersionedMember[]>;
  member(auth: StaffToken, id: string, options?: CallOptions): Promise<VersionedMember>;
  /**
   * Replaces the member's configuration with `member`, based on the version `etag` names.
   * ApiError 412 `precondition_failed` when someone changed it since: read it again and redo
   * the change. 409 `still_in_use` when it would remove what copies, holds or bookings use.
   */
  replaceMember(auth: StaffToken, member: MemberConfig, etag: string, options?: CallOptions): Promise<VersionedMember>;
  /** Consortium administrators only; 409 `member_exists` when the id is taken. */
  createMember(auth: StaffToken, member: MemberConfig, options?: CallOptions): Promise<VersionedMember>;
  /** Consortium administrators only; refused (409) while anything refers to the member. */
  removeMember(auth: StaffToken, id: string, etag: string, options?: CallOptions): Promise<void>;
  /** Configuration changes, newest first; pass a page's `next` as `before` for the one after it. */
  audit(auth: StaffToken, query?: Omit<AuditQuery, 'format'>, options?: CallOptions): Promise<AuditPage>;
}

export function createAdminApi(transport: Transport): AdminApi {
  const bearer = ({ token }: StaffToken) => ({ authorization: `Bearer ${token}` });
  const path = (id: string) => `/v1/admin/members/${encodeURIComponent(id)}`;
  const versioned = async (call: Promise<{ value: MemberConfig; headers: Headers }>): Promise<VersionedMember> => {
    const { value, headers } = await call;
    return { member: value, etag: headers.get('etag') ?? '' };
  };
  return {
    async members(auth, options = {}) {
      const list = await transport.request({
        method: 'GET',
        path: '/v1/admin/members',
        headers: bearer(auth),
        schema: AdminMemberList,
        ...options,
      });
      return list.items;
    },
    member(auth, id, options = {}) {
      const memberId = checked(MemberId, id, 'id');
      return versioned(
        transport.exchange({ method: 'GET', path: path(memberId), headers: bearer(auth), schema: MemberConfig, ...options }),
      );
    },
    replaceMember(auth, member, etag, options = {}) {
      const body = checked(MemberConfig, member, 'member');
      return versioned(
        transport.exchange({
          method: 'PUT',
          path: path(body.id),
          body,
          headers: { ...bearer(auth), 'if-match': etag },
          schema: MemberConfig,
          ...options,
        }),
      );
    },
    createMember(auth, member, options = {}) {
      const body = checked(MemberConfig, member, 'member');
      return versioned(
        transport.exchange({ method: 'POST', path: '/v1/admin/members', body, headers: bearer(auth), schema: MemberConfig, ...options }),
      );
    },
    async removeMember(auth, id, etag, options = {}) {
      const memberId = checked(MemberId, id, 'id');
      await transport.request({
        method: 'DELETE',
        path: path(memberId),
        headers: { ...bearer(auth), 'if-match': etag },
        schema: z.unknown(),
        ...options,
      });
    },
    audit(auth, query = {}, options = {}) {
      const parsed = checked(AuditQuery, query, 'query');
      const params = new URLSearchParams({ limit: String(parsed.limit) });
      if (parsed.member !== undefined) params.set('member', parsed.member);
      if (parsed.before !== undefined) params.set('before', parsed.before);
      return transport.request({
        method: 'GET',
        path: '/v1/admin/audit',
        query: params,
        headers: bearer(auth),
        schema: AuditPage,
        ...options,
      });
    },
  };
}
