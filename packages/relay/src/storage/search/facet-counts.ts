// Disjunctive facet counts from one grouped pass over the matching records: the database
// counts records per combination of facet columns (a small "cube"), and every facet and
// the total are summed from it here, each facet ignoring its own filter.
import type { FacetField } from '@atrium/sdk';
import type { FacetCount, SearchRequest } from './search-index.js';

export type CubeColumn = 'member' | 'type' | 'language' | 'year' | 'decade' | 'available';

export interface CubeRow {
  member?: string;
  type?: string;
  language?: string | null;
  year?: number | null;
  decade?: number | null;
  available?: number | boolean;
  count: number;
}

export type FilterRequest = Pick<SearchRequest, 'member' | 'type' | 'language' | 'year' | 'available'>;

/** The columns the cube must be grouped by to apply the request's filters and count its facets. */
export function cubeColumns(request: FilterRequest & { facets: readonly FacetField[] }): CubeColumn[] {
  const columns = new Set<CubeColumn>();
  for (const facet of request.facets) columns.add(facet);
  if (request.member?.length) columns.add('member');
  if (request.type?.length) columns.add('type');
  if (request.language?.length) columns.add('language');
  if (request.available !== undefined) columns.add('available');
  if (request.year) {
    // The decade follows from the year, so a cube with years needs no decades.
    columns.add('year');
    columns.delete('decade');
  }
  return [...columns];
}

type Filter = 'member' | 'type' | 'language' | 'year' | 'available';

function decadeOf(row: CubeRow): number | null | undefined {
  if (row.decade !== undefined) return row.decade;
  return row.year === null || row.year === undefined ? row.year : Math.floor(row.year / 10) * 10;
}

/** Whether a combination of facet values passes the request's filters, all or all but `ignore`. */
export function passesFilters(row: CubeRow, request: FilterRequest, ignore?: Filter): boolean {
  if (ignore !== 'member' && request.member?.length && !request.member.includes(row.member!)) return false;
  if (ignore !== 'type' && request.type?.length && !request.type.includes(row.type!)) return false;
  if (ignore !== 'language' && request.language?.length && !request.language.includes(row.language ?? '')) return false;
  if (ignore !== 'available' && request.available !== undefined && Boolean(row.available) !== request.available) return false;
  if (ignore !== 'year' && request.year) {
    const year = row.year;
    if (year === null || year === undefined) return false;
    if (request.year.from !== undefined && year < request.year.from) return false;
    if (request.year.to !== undefined && year > request.year.to) return false;
  }
  return true;
}

const FILTER_OF: Record<FacetField, Filter> = {
  member: 'member',
  type: 'type',
  language: 'language',
  available: 'available',
  decade: 'year',
};

function facetValue(row: CubeRow, facet: FacetField): string | undefined {
  switch (facet) {
    case 'member':
      return row.member;
    case 'type':
      return row.type;
    case 'language':
      return row.language ?? undefined;
    case 'available':
      return row.available ? 'true' : 'false';
    case 'decade': {
      const decade = decadeOf(row);
      return decade === null || decade === undefined ? undefined : String(decade);
    }
  }
}

export interface CountedFacets {
  total: number;
  facets: Partial<Record<FacetField, FacetCount[]>>;
}

/**
 * Sums the cube into the total (all filters) and each requested facet (all filters but
 * its own). Values come most frequent first; decades in time order.
 */
export function countFacets(rows: readonly CubeRow[], request: FilterRequest & { facets: readonly FacetField[] }): CountedFacets {
  let total = 0;
  for (const row of rows) if (passesFilters(row, request)) total += Number(row.count);
  const facets: Partial<Record<FacetField, FacetCount[]>> = {};
  for (const facet of new Set(request.facets)) {
    const counts = new Map<string, number>();
    for (const row of rows) {
      if (!passesFilters(row, request, FILTER_OF[facet])) continue;
      const value = facetValue(row, facet);
      if (value !== undefined) counts.set(value, (counts.get(value) ?? 0) + Number(row.count));
    }
    const list = [...counts].map(([value, count]) => ({ value, count }));
    if (facet === 'decade') list.sort((a, b) => Number(a.value) - Number(b.value));
    else list.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    facets[facet] = list;
  }
  return { total, facets };
}
