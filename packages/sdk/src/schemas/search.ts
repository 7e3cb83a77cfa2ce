// GET /v1/search: the query string a caller sends and the page of results it gets back.
import { z } from 'zod/mini';
import { MemberId, queryList } from './common.js';
import { CatalogRecord, RecordType } from './records.js';

export const SearchSort = z.enum(['relevance', 'year', '-year', 'title']);
export type SearchSort = z.infer<typeof SearchSort>;

export const FacetField = z.enum(['member', 'type', 'language', 'available', 'decade']);
export type FacetField = z.infer<typeof FacetField>;
export const DEFAULT_FACETS: readonly FacetField[] = ['member', 'type', 'language', 'available', 'decade'];

export const SEARCH_MAX_LIMIT = 100;
export const QUERY_MAX_LENGTH = 500;

/** `FROM..TO`, `FROM..` or `..TO`, or a single year. */
export const YearRange = z.pipe(
  z.string().check(z.regex(/^\s*(-?\d{1,4})?\s*(\.\.\s*(-?\d{1,4})?)?\s*$/, 'must be a year or a range such as 1850..1900')),
  z.transform((value: string, ctx) => {
    const match = /^\s*(-?\d{1,4})?\s*(\.\.\s*(-?\d{1,4})?)?\s*$/.exec(value)!;
    const from = match[1] === undefined ? undefined : Number(match[1]);
    const to = match[2] === undefined ? from : match[3] === undefined ? undefined : Number(match[3]);
    if (from === undefined && to === undefined) {
      ctx.issues.push({ code: 'custom', message: 'must name at least one year', input: value });
      return z.NEVER;
    }
    if (from !== undefined && to !== undefined && from > to) {
      ctx.issues.push({ code: 'custom', message: `starts after it ends (${from} > ${to})`, input: value });
      return z.NEVER;
    }
    return { from, to };
  }),
);
export type YearRange = z.output<typeof YearRange>;

const BooleanParam = z.pipe(
  z.enum(['true', 'false', '1', '0', 'yes', 'no']),
  z.transform((value: 'true' | 'false' | '1' | '0' | 'yes' | 'no') => value === 'true' || value === '1' || value === 'yes'),
);

/** The query string of `GET /v1/search`, as received (strings) and as used (typed). */
export const SearchParams = z.object({
  q: z._default(z.string().check(z.maxLength(QUERY_MAX_LENGTH, `must be at most ${QUERY_MAX_LENGTH} characters`)), ''),
  member: z.optional(queryList(MemberId)),
  type: z.optional(queryList(RecordType)),
  language: z.optional(queryList(z.string().check(z.regex(/^[a-z]{2,3}$/, 'must be a language code such as "en"')))),
  year: z.optional(YearRange),
  available: z.optional(BooleanParam),
  sort: z._default(SearchSort, 'relevance'),
  limit: z._default(
    z.coerce
      .number()
      .check(
        z.int('must be a whole number'),
        z.minimum(1, 'must be at least 1'),
        z.maximum(SEARCH_MAX_LIMIT, `must be at most ${SEARCH_MAX_LIMIT}`),
      ),
    20,
  ),
  cursor: z.optional(z.string().check(z.maxLength(200))),
  /** Which facets to count; `none` for no facets. Defaults to all. */
  facets: z.optional(z.union([z.literal('none'), queryList(FacetField)])),
});
export type SearchParamsInput = z.input<typeof SearchParams>;
export type SearchParams = z.output<typeof SearchParams>;

export const FacetValue = z.object({
  value: z.string(),
  label: z.string(),
  count: z.number(),
  selected: z.boolean(),
});
export type FacetValue = z.infer<typeof FacetValue>;

export const SearchResponse = z.object({
  total: z.number(),
  items: z.array(CatalogRecord),
  facets: z.record(z.string(), z.array(FacetValue)),
  nextCursor: z.nullable(z.string()),
  tookMs: z.number(),
});
export type SearchResponse = z.infer<typeof SearchResponse>;
