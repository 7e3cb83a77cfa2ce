// The full-text index over the union catalog. SQLite (FTS5) and PostgreSQL (tsvector)
// implement it; both see the same folded, CJK-segmented text so they match alike.
import type { FacetField, Highlight, SearchSort, YearRange } from '@atrium/sdk';

export interface SearchRequest {
  /** The raw query in Atrium's syntax: words, "phrases", field:value, -word, OR. */
  q: string;
  member?: string[];
  type?: string[];
  language?: string[];
  year?: YearRange;
  available?: boolean;
  sort: SearchSort;
  offset: number;
  limit: number;
  facets: readonly FacetField[];
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface SearchHit {
  id: string;
  highlight?: Highlight;
}

export interface SearchResult {
  total: number;
  hits: SearchHit[];
  /** Counts per facet. A field's counts ignore that field's own filter (disjunctive facets). */
  facets: Partial<Record<FacetField, FacetCount[]>>;
}

export interface SearchIndex {
  search(request: SearchRequest): Promise<SearchResult>;
}
