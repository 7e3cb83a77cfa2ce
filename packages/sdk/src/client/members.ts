import { MemberList } from '../schemas/members.js';
import type { CallOptions, Transport } from './transport.js';

export interface MembersApi {
  /** Every member of the consortium with its branches and whether a librarian is online. */
  list(options?: CallOptions): Promise<MemberList>;
}

export function createMembersApi(transport: Transport): MembersApi {
  return {
    list: (options = {}) => transport.request({ method: 'GET', path: '/v1/members', schema: MemberList, ...options }),
  };
}
