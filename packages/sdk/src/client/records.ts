import { CatalogRecord } from '../schemas/records.js';
import type { CallOptions, Transport } from './transport.js';

export interface RecordsApi {
  /** One record with its holdings and their availability. Throws ApiError 404 `record_not_found`. */
  get(id: string, options?: CallOptions): Promise<CatalogRecord>;
}

export function createRecordsApi(transport: Transport): RecordsApi {
  return {
    get: (id, options = {}) =>
      transport.request({ method: 'GET', path: `/v1/records/${encodeURIComponent(id)}`, schema: CatalogRecord, ...options }),
  };
}
