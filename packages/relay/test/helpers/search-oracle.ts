// The search rules written out plainly, record by record, to check both indexes against:
// which records pass the filters, and the facet counts a patron should see.
import { AVAILABLE_STATUSES, type FacetField } from '@atrium/sdk';
import type { RecordInput, SearchRequest } from '../../src/storage/index.js';

export type Filters = Pick<SearchRequest, 'member' | 'type' | 'language' | 'year' | 'available'>;

export function isAvailable(record: RecordInput): boolean {
  return record.holdings.some((holding) => AVAILABLE_STATUSES.includes(holding.status));
}

/** The filter rules, all of them or all but `ignore`. */
export function passes(record: RecordInput, filters: Filters, ignore?: keyof Filters): boolean {
  if (ignore !== 'member' && filters.member && !filters.member.includes(record.member)) return false;
  if (ignore !== 'type' && filters.type && !filters.type.includes(record.type)) return false;
  if (ignore !== 'language' && filters.language && !filters.language.includes(record.language ?? '')) return false;
  if (ignore !== 'year' && filters.year) {
    if (record.year === undefined) return false;
    if (filters.year.from !== undefined && record.year < filters.year.from) return false;
    if (filters.year.to !== undefined && record.year > filters.year.to) return false;
  }
  if (ignore !== 'available' && filters.available !== undefined && isAvailable(record) !== filters.available) return false;
  return true;
}

function facetValue(record: RecordInput, field: FacetField): string | undefined {
  switch (field) {
    case 'member':
      return record.member;
    case 'type':
      return record.type;
    case 'language':
      return record.language;
    case 'available':
      return String(isAvailable(record));
    case 'decade':
      return record.year === undefined ? undefined : String(Math.floor(record.year / 10) * 10);
  }
}

const FILTER_OF: Record<FacetField, keyof Filters> = {
  member: 'member',
  type: 'type',
  language: 'language',
  available: 'available',
  decade: 'year',
};

/** Disjunctive counts by brute force: each field counted over the records passing every other filter. */
export function expectedFacets(records: readonly RecordInput[], filters: Filters, fields: readonly FacetField[]) {
  const out: Record<string, Record<string, number>> = {};
  for (const field of fields) {
    const counts: Record<string, number> = {};
    for (const record of records) {
      if (!passes(record, filters, FILTER_OF[field])) continue;
      const value = facetValue(record, field);
      if (value !== undefined) counts[value] = (counts[value] ?? 0) + 1;
    }
    out[field] = counts;
  }
  return out;
}
