// The knowledge base: answers librarians published, personal data removed, searched like the catalogue.
import { KbEntry, KbSearchQuery, KbSearchResult } from '../schemas/reference.js';
import { checked } from './checked.js';
import type { CallOptions, Transport } from './transport.js';

export interface KbApi {
  /** Best matches first; a blank `q` lists the newest answers. */
  search(query: KbSearchQuery, options?: CallOptions): Promise<KbEntry[]>;
  get(id: string, options?: CallOptions): Promise<KbEntry>;
}

export function createKbApi(transport: Transport): KbApi {
  return {
    async search(query, options = {}) {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(checked(KbSearchQuery, query, 'knowledge base query'))) {
        if (value !== undefined) params.set(key, String(value));
      }
      return (await transport.request({ method: 'GET', path: '/v1/kb', query: params, schema: KbSearchResult, ...options })).items;
    },
    async get(id, options = {}) {
      return transport.request({ method: 'GET', path: `/v1/kb/${encodeURIComponent(id)}`, schema: KbEntry, ...options });
    },
  };
}
