// The ready-made replies of the signed-in librarian's member (staff only).
import { type CannedResponseLanguage, CannedResponseList, CannedResponseQuery } from '../schemas/canned-responses.js';
import { checked } from './checked.js';
import type { CallOptions, Transport } from './transport.js';

export interface CannedResponsesApi {
  /**
   * The canned responses of the librarian's member, optionally of one language. Throws
   * ApiError 401 `unauthorized` for a missing or expired token.
   */
  list(auth: { token: string; language?: CannedResponseLanguage }, options?: CallOptions): Promise<CannedResponseList>;
}

export function createCannedResponsesApi(transport: Transport): CannedResponsesApi {
  return {
    list: async ({ token, language }, options = {}) => {
      const query = checked(CannedResponseQuery, language === undefined ? {} : { language }, 'canned response query');
      return transport.request({
        method: 'GET',
        path: '/v1/staff/canned-responses',
        ...(query.language ? { query: new URLSearchParams({ language: query.language }) } : {}),
        headers: { authorization: `Bearer ${token}` },
        schema: CannedResponseList,
        ...options,
      });
    },
  };
}
