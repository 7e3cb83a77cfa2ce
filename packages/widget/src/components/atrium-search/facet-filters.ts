// The patron's facet selections and how they become search parameters. Values within one
// facet are alternatives (OR); different facets narrow each other (AND).
import type { FacetField, RecordType, SearchQuery } from '@atrium/sdk';

export const FACET_FIELDS: readonly FacetField[] = ['member', 'type', 'language', 'available', 'decade'];

export type FacetFilters = Readonly<Record<FacetField, readonly string[]>>;

export function emptyFilters(): FacetFilters {
  return { member: [], type: [], language: [], available: [], decade: [] };
}

export function activeFilterCount(filters: FacetFilters): number {
  return FACET_FIELDS.reduce((sum, field) => sum + filters[field].length, 0);
}

export function withFilter(filters: FacetFilters, field: FacetField, value: string, selected: boolean): FacetFilters {
  const others = filters[field].filter((candidate) => candidate !== value);
  return { ...filters, [field]: selected ? [...others, value] : others };
}

/** The first year of a decade facet value such as `1990`, or undefined if it is not one. */
export function decadeStart(value: string): number | undefined {
  const match = /^(-?\d{1,4})/.exec(value.trim());
  return match ? Number(match[1]) : undefined;
}

export function filtersToQuery(filters: FacetFilters): Pick<SearchQuery, 'member' | 'type' | 'language' | 'year' | 'available'> {
  const query: Pick<SearchQuery, 'member' | 'type' | 'language' | 'year' | 'available'> = {};
  if (filters.member.length) query.member = filters.member;
  if (filters.type.length) query.type = filters.type as RecordType[];
  if (filters.language.length) query.language = filters.language;
  // Both "available" and "not available" selected is the same as neither.
  if (filters.available.length === 1) query.available = filters.available[0] === 'true';
  const starts = filters.decade.map(decadeStart).filter((start): start is number => start !== undefined);
  // The relay filters by one year range, so several decades search the span that covers them.
  if (starts.length) query.year = { from: Math.min(...starts), to: Math.max(...starts) + 9 };
  return query;
}

/**
 * Decades the search actually covers: with several decades chosen the relay searches the
 * whole span between them, and the checkboxes say so.
 */
export function coveredDecades(filters: FacetFilters, candidates: readonly string[]): Set<string> {
  const starts = filters.decade.map(decadeStart).filter((start): start is number => start !== undefined);
  const covered = new Set(filters.decade);
  if (starts.length < 2) return covered;
  const from = Math.min(...starts);
  const to = Math.max(...starts);
  for (const value of candidates) {
    const start = decadeStart(value);
    if (start !== undefined && start >= from && start <= to) covered.add(value);
  }
  return covered;
}
