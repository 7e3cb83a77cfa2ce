// Search for common words: a generated catalog where one word is in every record, so a query
// matches more than 5,000 records, past which both indexes rank by the relevance tiers and,
// within a tier, shorter titles first (README, Search). Same suite on SQLite and PostgreSQL,
// checked against the rules written out plainly.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FacetField, HoldingStatus } from '@atrium/sdk';
import type { RecordInput, SearchRequest, Storage } from '../src/storage/index.js';
import { foldText, indexTokens } from '../src/storage/search/text.js';
import { MEMBERS } from './helpers/catalog-fixtures.js';
import { testDatabases } from './helpers/databases.js';
import { type Filters, expectedFacets, passes } from './helpers/search-oracle.js';

const RECORD_COUNT = 5_400;
const ALL_FACETS: FacetField[] = ['member', 'type', 'language', 'available', 'decade'];
const FILLERS = ['Harbour', 'Evening', 'Study', 'Red', 'Garden', 'Old Bridge', 'North', 'Winter', 'A', 'View of the Hills', 'Sketch'];

/**
 * Every record has "paper" and "lantern" somewhere. By `index % 9`: 0 "lantern" in the title,
 * 1 in the creator, 2 the title starts "Paper Lantern", 3 both words in the title apart,
 * 4 "paper lantern" in the description only, 5 "paper" in the title and "lantern" in the
 * creator, 6-8 both words in the description only. Titles are one to three filler words, so
 * many share a length and ties fall to the id.
 */
function generatedCatalog(): RecordInput[] {
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  return Array.from({ length: RECORD_COUNT }, (_, index) => {
    const member = MEMBERS[index % MEMBERS.length]!;
    const words = Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(FILLERS)).join(' ');
    const kind = index % 9;
    const title =
      [`${words} Lantern`, words, `Paper Lantern ${words}`, `Lantern ${words} Paper`, words, `${words} on Paper`][kind] ?? words;
    const creator = kind === 1 || kind === 5 ? 'Ada Lantern' : pick(['Mary Fox', 'John Reed', 'Li Wen']);
    const status: HoldingStatus = random() < 0.4 ? 'available' : 'on-loan';
    const language = pick(['en', 'fr', 'zh', undefined]);
    const record: RecordInput = {
      id: `${member.id}:L${String(index).padStart(5, '0')}`,
      member: member.id,
      type: pick(['text', 'artwork', 'map'] as const),
      title,
      creators: [{ name: creator }],
      subjects: [],
      description: kind === 4 ? 'A paper lantern by the water.' : 'Ink on paper, with a lantern.',
      identifiers: {},
      holdings: [{ member: member.id, branch: member.branches[0]!.id, status, ...(status === 'on-loan' ? { dueDate: '2026-12-01' } : {}) }],
    };
    if (index % 11 !== 0) record.year = 1850 + ((index * 37) % 170);
    if (language) record.language = language;
    return record;
  });
}

const CATALOG = generatedCatalog();

function hasPhrase(tokens: readonly string[], phrase: readonly string[]): boolean {
  return tokens.some((_, at) => phrase.every((token, k) => tokens[at + k] === token));
}

/** The relevance tiers of match-plan.ts for a query of plain words, summed. */
function tierOf(record: RecordInput, words: readonly string[]): number {
  const title = indexTokens(record.title);
  const creators = record.creators.flatMap((creator) => indexTokens(creator.name));
  const description = indexTokens(record.description ?? '');
  const inTitleOrCreators = words.every((word) => title.includes(word) || creators.includes(word)) ? 2 : 0;
  if (words.length === 1) return inTitleOrCreators;
  const phraseInTitleOrCreators = hasPhrase(title, words) || hasPhrase(creators, words) ? 4 : 0;
  const phraseAnywhere = [title, creators, description].some((tokens) => hasPhrase(tokens, words)) ? 1 : 0;
  return phraseInTitleOrCreators + inTitleOrCreators + phraseAnywhere;
}

/** The documented order past 5,000 matches: tiers, then shorter (folded) titles, then id. */
function expectedOrder(words: readonly string[], filters: Filters = {}): { ids: string[]; tiers: number[] } {
  const ranked = CATALOG.filter((record) => passes(record, filters))
    .map((record) => ({ id: record.id, tier: tierOf(record, words), length: foldText(record.title).length }))
    .sort((a, b) => b.tier - a.tier || a.length - b.length || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { ids: ranked.map((entry) => entry.id), tiers: ranked.map((entry) => entry.tier) };
}

/** Where one tier ends and the next begins in an order. */
function tierBoundaries(tiers: readonly number[]): number[] {
  return tiers.flatMap((tier, at) => (at > 0 && tier !== tiers[at - 1] ? [at] : []));
}

for (const database of await testDatabases()) {
  describe(`search for common words on ${database.name}`, { skip: database.skip }, () => {
    let storage: Storage;

    before(async () => {
      storage = await database.open();
      await storage.catalog.upsertMembers(MEMBERS);
      await storage.catalog.upsertRecords(CATALOG);
    });
    after(() => storage?.close());

    const search = (q: string, extra: Partial<SearchRequest> = {}) =>
      storage.search.search({ q, sort: 'relevance', offset: 0, limit: 50, facets: [], ...extra });
    const ids = async (q: string, extra: Partial<SearchRequest> = {}) => (await search(q, extra)).hits.map((hit) => hit.id);

    it('counts every match of a common word, and each facet over the other filters', async () => {
      const cases: Filters[] = [
        {},
        { member: ['riverside-library'], available: true },
        { type: ['text', 'map'], year: { from: 1900, to: 1950 } },
        { language: ['fr'], available: false },
      ];
      for (const filters of cases) {
        const result = await search('lantern', { ...filters, facets: ALL_FACETS, limit: 1 });
        assert.equal(result.total, CATALOG.filter((record) => passes(record, filters)).length, JSON.stringify(filters));
        const expected = expectedFacets(CATALOG, filters, ALL_FACETS);
        for (const field of ALL_FACETS) {
          const actual = Object.fromEntries((result.facets[field] ?? []).map(({ value, count }) => [value, count]));
          assert.deepEqual(actual, expected[field], `${field} ${JSON.stringify(filters)}`);
        }
        const withoutFacets = await search('lantern', { ...filters, limit: 1 });
        assert.equal(withoutFacets.total, result.total, 'the same total without facets');
      }
    });

    it('ranks a word in every record by tier, then shorter titles, then id, page after page', async () => {
      const expected = expectedOrder(['lantern']);
      const [boundary] = tierBoundaries(expected.tiers);
      assert.equal(boundary, (RECORD_COUNT / 9) * 5, 'the catalog has the tiers it was built with');
      assert.deepEqual(await ids('lantern'), expected.ids.slice(0, 50));
      assert.deepEqual(await ids('lantern', { offset: boundary! - 15, limit: 30 }), expected.ids.slice(boundary! - 15, boundary! + 15));
      assert.deepEqual(await ids('lantern', { offset: RECORD_COUNT - 10 }), expected.ids.slice(RECORD_COUNT - 10));
    });

    it('ranks the words as a phrase above the same words scattered, however many records have both', async () => {
      const expected = expectedOrder(['paper', 'lantern']);
      const boundaries = tierBoundaries(expected.tiers);
      assert.deepEqual([...new Set(expected.tiers)], [7, 2, 1, 0]);
      assert.deepEqual(await ids('paper lantern'), expected.ids.slice(0, 50));
      for (const boundary of boundaries) {
        assert.deepEqual(
          await ids('paper lantern', { offset: boundary - 10, limit: 20 }),
          expected.ids.slice(boundary - 10, boundary + 10),
          `around ${boundary}`,
        );
      }
    });

    it('keeps that order when filters leave fewer than 5,000 of the matches', async () => {
      const filters: Filters = { member: ['riverside-library'], available: true };
      const expected = expectedOrder(['lantern'], filters);
      const [boundary] = tierBoundaries(expected.tiers);
      assert.ok(expected.ids.length < 5_000);
      assert.deepEqual(await ids('lantern', filters), expected.ids.slice(0, 50));
      assert.deepEqual(
        await ids('lantern', { ...filters, offset: boundary! - 10, limit: 20 }),
        expected.ids.slice(boundary! - 10, boundary! + 10),
      );
    });

    it('sorts every match of a common word by year when asked', async () => {
      const byYear = [...CATALOG]
        .sort(
          (a, b) =>
            (a.year === undefined ? 1 : 0) - (b.year === undefined ? 1 : 0) || (a.year ?? 0) - (b.year ?? 0) || (a.id < b.id ? -1 : 1),
        )
        .map((record) => record.id);
      assert.deepEqual(await ids('lantern', { sort: 'year' }), byYear.slice(0, 50));
      assert.deepEqual(await ids('lantern', { sort: 'year', offset: RECORD_COUNT - 20 }), byYear.slice(RECORD_COUNT - 20));
    });
  });
}
