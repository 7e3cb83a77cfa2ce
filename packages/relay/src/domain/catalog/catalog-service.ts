// Discovery over the union catalog: search with paging, facet labels and highlights,
// single records, and the consortium's members.
import {
  type CatalogRecord,
  DEFAULT_FACETS,
  type FacetField,
  type FacetValue,
  type Member,
  type SearchParams,
  type SearchResponse,
} from '@atrium/sdk';
import type { CatalogStore, MemberInput } from '../../storage/catalog-store.js';
import type { FacetCount, SearchIndex } from '../../storage/search/search-index.js';
import { withChineseScripts } from './chinese-scripts.js';
import { decodeCursor, encodeCursor, searchFingerprint } from './search-cursor.js';

export interface CatalogServiceOptions {
  /** The members with a librarian available for chat now (from librarian presence). */
  onlineMembers?: () => Promise<ReadonlySet<string>>;
}

export class CatalogService {
  private readonly catalog: CatalogStore;
  private readonly index: SearchIndex;
  private readonly onlineMembers: () => Promise<ReadonlySet<string>>;

  constructor(storage: { readonly catalog: CatalogStore; readonly search: SearchIndex }, options: CatalogServiceOptions = {}) {
    this.catalog = storage.catalog;
    this.index = storage.search;
    this.onlineMembers = options.onlineMembers ?? (async () => new Set<string>());
  }

  async search(params: SearchParams): Promise<SearchResponse> {
    const started = performance.now();
    const fingerprint = searchFingerprint(params);
    const offset = params.cursor === undefined ? 0 : decodeCursor(params.cursor, fingerprint);
    const facets: FacetField[] = params.facets === 'none' ? [] : [...new Set(params.facets ?? DEFAULT_FACETS)];

    const result = await this.index.search({
      q: params.q,
      ...(params.member ? { member: params.member } : {}),
      ...(params.type ? { type: params.type } : {}),
      ...(params.language ? { language: params.language } : {}),
      ...(params.year ? { year: params.year } : {}),
      ...(params.available !== undefined ? { available: params.available } : {}),
      sort: params.sort,
      offset,
      limit: params.limit,
      facets,
    });

    const [records, members] = await Promise.all([
      this.catalog.getRecords(result.hits.map((hit) => hit.id)),
      facets.includes('member') ? this.catalog.listMembers() : Promise.resolve([] as MemberInput[]),
    ]);
    const byId = new Map(records.map((record) => [record.id, record]));
    const items: CatalogRecord[] = result.hits.flatMap((hit) => {
      const record = byId.get(hit.id);
      if (!record) return [];
      return [hit.highlight ? { ...record, highlight: hit.highlight } : { ...record }];
    });

    const memberNames = new Map(members.map((member) => [member.id, member.name.en]));
    const facetValues: Record<string, FacetValue[]> = {};
    for (const field of facets) facetValues[field] = labelled(field, result.facets[field] ?? [], params, memberNames);

    const next = offset + result.hits.length;
    return {
      total: result.total,
      items,
      facets: facetValues,
      nextCursor: result.hits.length > 0 && next < result.total ? encodeCursor(next, fingerprint) : null,
      tookMs: Math.round((performance.now() - started) * 10) / 10,
    };
  }

  async getRecord(id: string): Promise<CatalogRecord | undefined> {
    return this.catalog.getRecord(id);
  }

  async listMembers(): Promise<Member[]> {
    const [members, online] = await Promise.all([this.catalog.listMembers(), this.onlineMembers()]);
    return members.map((member) => ({
      ...member,
      name: withChineseScripts(member.name),
      branches: member.branches.map((branch) => ({ ...branch, name: withChineseScripts(branch.name) })),
      online: online.has(member.id),
    }));
  }
}

/** The values a request selected in a facet's field. */
function selectedValues(field: FacetField, params: SearchParams): (value: string) => boolean {
  switch (field) {
    case 'member':
      return (value) => params.member?.includes(value) ?? false;
    case 'type':
      return (value) => (params.type as string[] | undefined)?.includes(value) ?? false;
    case 'language':
      return (value) => params.language?.includes(value) ?? false;
    case 'available':
      return (value) => params.available !== undefined && String(params.available) === value;
    case 'decade': {
      // A decade is selected when the year filter covers all of it.
      const year = params.year;
      if (!year) return () => false;
      return (value) => {
        const start = Number(value);
        return (year.from === undefined || year.from <= start) && (year.to === undefined || year.to >= start + 9);
      };
    }
  }
}

/** Values a request filters on but the facet did not count (nothing matches them), so a patron can still unselect them. */
function selectedButUncounted(field: FacetField, params: SearchParams, counted: ReadonlySet<string>): string[] {
  const selected: readonly string[] =
    field === 'member'
      ? (params.member ?? [])
      : field === 'type'
        ? (params.type ?? [])
        : field === 'language'
          ? (params.language ?? [])
          : field === 'available' && params.available !== undefined
            ? [String(params.available)]
            : [];
  return [...new Set(selected)].filter((value) => !counted.has(value));
}

function label(field: FacetField, value: string, memberNames: ReadonlyMap<string, string>): string {
  if (field === 'member') return memberNames.get(value) ?? value;
  if (field === 'decade') return `${value}s`;
  return value;
}

function labelled(
  field: FacetField,
  counts: readonly FacetCount[],
  params: SearchParams,
  memberNames: ReadonlyMap<string, string>,
): FacetValue[] {
  const isSelected = selectedValues(field, params);
  const values = counts.map(({ value, count }) => ({ value, label: label(field, value, memberNames), count, selected: isSelected(value) }));
  const counted = new Set(counts.map((count) => count.value));
  for (const value of selectedButUncounted(field, params, counted)) {
    values.push({ value, label: label(field, value, memberNames), count: 0, selected: true });
  }
  return values;
}
