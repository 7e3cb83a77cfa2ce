// Union-catalog search: one page at a time, or every result as an async iterable.
import { z } from 'zod/mini';
import { ValidationError } from '../errors/validation-error.js';
import type { RecordType } from '../schemas/records.js';
import { type FacetField, SearchParams, SearchResponse, type SearchSort } from '../schemas/search.js';
import { toFieldErrors } from './issues.js';
import type { CallOptions, Transport } from './transport.js';

export interface SearchQuery {
  /** Words, "phrases", field:value (title, creator, subject, isbn), -word, OR. */
  q?: string;
  member?: string | readonly string[];
  type?: RecordType | readonly RecordType[];
  language?: string | readonly string[];
  /** `'1850..1900'`, `'1850..'`, `'..1900'`, `'1900'` or `{ from, to }`. */
  year?: string | { from?: number; to?: number };
  available?: boolean;
  sort?: SearchSort;
  limit?: number;
  cursor?: string;
  /** Facets to count; `'none'` for none. Defaults to every facet. */
  facets?: readonly FacetField[] | 'none';
}

export interface SearchApi {
  (query: SearchQuery, options?: CallOptions): Promise<SearchResponse>;
  /** Every matching record, page after page, fetching the next page only when needed. */
  iterate(query: SearchQuery, options?: CallOptions): AsyncIterable<z.output<typeof SearchResponse>['items'][number]>;
}

export function toSearchParams(query: SearchQuery): URLSearchParams {
  const params = new URLSearchParams();
  const put = (name: string, value: string | readonly string[] | undefined) => {
    if (value === undefined) return;
    const text = typeof value === 'string' ? value : value.join(',');
    if (text !== '') params.set(name, text);
  };
  put('q', query.q);
  put('member', query.member);
  put('type', query.type);
  put('language', query.language);
  if (query.year !== undefined) {
    put('year', typeof query.year === 'string' ? query.year : `${query.year.from ?? ''}..${query.year.to ?? ''}`);
  }
  if (query.available !== undefined) params.set('available', String(query.available));
  put('sort', query.sort);
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  put('cursor', query.cursor);
  if (query.facets !== undefined) params.set('facets', query.facets === 'none' ? 'none' : query.facets.join(',') || 'none');

  const checked = SearchParams.safeParse(Object.fromEntries(params));
  if (!checked.success) throw new ValidationError('Invalid search', toFieldErrors(checked.error.issues));
  return params;
}

export function createSearchApi(transport: Transport): SearchApi {
  const search = async (query: SearchQuery, options: CallOptions = {}) =>
    transport.request({ method: 'GET', path: '/v1/search', query: toSearchParams(query), schema: SearchResponse, ...options });

  search.iterate = async function* (query: SearchQuery, options: CallOptions = {}) {
    // Facets are the same on every page; count them only if the caller asked.
    let page = await search({ facets: 'none', ...query }, options);
    for (;;) {
      yield* page.items;
      if (!page.nextCursor) return;
      page = await search({ ...query, facets: 'none', cursor: page.nextCursor }, options);
    }
  };
  return search;
}
