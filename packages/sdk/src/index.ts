export * from './schemas/index.js';
export * from './errors/index.js';
export { toFieldErrors } from './client/issues.js';
export { createClient, type AtriumClient, type ClientOptions } from './client/create-client.js';
export type { SearchApi, SearchQuery } from './client/search.js';
export type { RecordsApi } from './client/records.js';
export type { MembersApi } from './client/members.js';
export type { CallOptions } from './client/transport.js';
