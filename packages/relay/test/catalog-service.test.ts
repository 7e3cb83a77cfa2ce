// The catalog service as the HTTP layer uses it: responses in the wire shape, facet labels
// and selections, cursors that page a whole result set and refuse to page another one.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SearchParams, type SearchParamsInput, SearchResponse } from '@atrium/sdk';
import { CatalogService } from '../src/domain/catalog/catalog-service.js';
import { InvalidCursorError } from '../src/domain/catalog/errors.js';
import type { Storage } from '../src/storage/index.js';
import { MEMBERS, RECORDS } from './helpers/catalog-fixtures.js';
import { testDatabases } from './helpers/databases.js';

for (const database of await testDatabases()) {
  describe(`catalog service on ${database.name}`, { skip: database.skip }, () => {
    let storage: Storage;
    let service: CatalogService;

    before(async () => {
      storage = await database.open();
      await storage.catalog.upsertMembers(MEMBERS);
      await storage.catalog.upsertRecords(RECORDS);
      service = new CatalogService(storage);
    });
    after(() => storage?.close());

    /** Searches as the HTTP layer does: the query string through the shared schema first. */
    async function search(input: SearchParamsInput) {
      const response = await service.search(SearchParams.parse(input));
      const checked = SearchResponse.safeParse(response);
      assert.ok(checked.success, `the response has the wire shape: ${JSON.stringify(checked.error?.issues)}`);
      return response;
    }

    it('returns full records, with holdings and highlights, in the wire shape', async () => {
      const response = await search({ q: 'hunger games' });
      assert.equal(response.total, 4);
      const first = response.items[0]!;
      const stored = RECORDS.find((record) => record.id === first.id)!;
      assert.deepEqual({ ...first, highlight: undefined }, { ...stored, highlight: undefined });
      assert.ok(first.holdings.length > 0);
      assert.ok(first.highlight?.title?.some((segment) => segment.mark));
      assert.equal(typeof response.tookMs, 'number');
      assert.ok(response.tookMs >= 0);
    });

    it('labels facet values for people and marks the ones the request selected', async () => {
      const response = await search({ q: '', member: 'harbour-museum', year: '1840..1849', available: 'true' });
      const member = Object.fromEntries(response.facets.member!.map((value) => [value.value, value]));
      assert.deepEqual(member['harbour-museum'], { value: 'harbour-museum', label: 'Harbour Museum', count: 1, selected: true });
      assert.equal(member['riverside-library'], undefined, 'no library record has a year in the 1840s');

      const decade = response.facets.decade!.find((value) => value.value === '1840')!;
      assert.deepEqual(decade, { value: '1840', label: '1840s', count: 1, selected: true });
      assert.equal(response.facets.decade!.find((value) => value.value === '1790')?.selected, false);

      const available = Object.fromEntries(response.facets.available!.map((value) => [value.value, value]));
      assert.deepEqual(available.true, { value: 'true', label: 'true', count: 1, selected: true });
      assert.deepEqual(available.false, { value: 'false', label: 'false', count: 1, selected: false });

      assert.deepEqual(response.facets.type, [{ value: 'artwork', label: 'artwork', count: 1, selected: false }]);
      assert.equal(response.total, 1);
    });

    it('keeps a selected value that no longer matches, with a count of 0, so it can be unselected', async () => {
      const response = await search({ q: 'turner', language: 'zh' });
      assert.equal(response.total, 0);
      assert.deepEqual(response.facets.language, [{ value: 'zh', label: 'zh', count: 0, selected: true }]);
    });

    it('counts only the facets asked for', async () => {
      assert.deepEqual(Object.keys((await search({ q: 'turner', facets: 'decade,type' })).facets).sort(), ['decade', 'type']);
      assert.deepEqual((await search({ q: 'turner', facets: 'none' })).facets, {});
      assert.deepEqual(Object.keys((await search({ q: 'turner' })).facets).sort(), ['available', 'decade', 'language', 'member', 'type']);
    });

    it('pages a whole result set by cursor, without duplicates or gaps', async () => {
      const inputs: SearchParamsInput[] = [
        { q: '' },
        { q: '李白 OR turner OR collins', sort: '-year' },
        { q: '', member: 'riverside-library', sort: 'title' },
      ];
      for (const input of inputs) {
        const everything = await search({ ...input, limit: 100 });
        const seen: string[] = [];
        let cursor: string | undefined;
        let pages = 0;
        do {
          const page = await search({ ...input, limit: 4, ...(cursor ? { cursor } : {}) });
          assert.equal(page.total, everything.total);
          assert.ok(page.items.length <= 4);
          seen.push(...page.items.map((item) => item.id));
          cursor = page.nextCursor ?? undefined;
          pages += 1;
        } while (cursor);
        assert.deepEqual(
          seen,
          everything.items.map((item) => item.id),
          JSON.stringify(input),
        );
        assert.equal(pages, Math.ceil(everything.total / 4));
        assert.equal(everything.nextCursor, null, 'no cursor on the last page');
      }
    });

    it('lets the page size change between pages of the same search', async () => {
      const first = await search({ q: '', limit: 5 });
      const second = await search({ q: '', limit: 10, cursor: first.nextCursor! });
      const all = await search({ q: '', limit: 15 });
      assert.deepEqual(
        [...first.items, ...second.items].map((item) => item.id),
        all.items.map((item) => item.id),
      );
    });

    it('refuses a cursor from another search, naming the cursor', async () => {
      const { nextCursor } = await search({ q: '', limit: 2 });
      assert.ok(nextCursor);
      const others: SearchParamsInput[] = [
        { q: 'turner' },
        { q: '', sort: 'year' },
        { q: '', member: 'harbour-museum' },
        { q: '', available: 'false' },
      ];
      for (const other of others) {
        await assert.rejects(
          service.search(SearchParams.parse({ ...other, cursor: nextCursor })),
          (error: Error) => error instanceof InvalidCursorError && /cursor/.test(error.message),
          JSON.stringify(other),
        );
      }
      // The same filters in another order are the same search.
      const a = await search({ q: '', member: 'harbour-museum,riverside-library', limit: 2 });
      await search({ q: '', member: 'riverside-library,harbour-museum', cursor: a.nextCursor! });
    });

    it('refuses a cursor that was not issued by the relay', async () => {
      const forged = Buffer.from(JSON.stringify({ v: 1, o: -5, f: 'x' })).toString('base64url');
      for (const cursor of ['not-a-cursor', 'eyJ9', forged, '']) {
        await assert.rejects(
          service.search(SearchParams.parse({ q: '', cursor })),
          (error: Error) => error instanceof InvalidCursorError && /cursor/.test(error.message),
          cursor,
        );
      }
    });

    it('gets one record with its holdings', async () => {
      const record = await service.getRecord('riverside-library:2767052');
      assert.deepEqual(
        record,
        RECORDS.find((candidate) => candidate.id === 'riverside-library:2767052'),
      );
      assert.equal(await service.getRecord('riverside-library:0'), undefined);
    });

    it('lists the members, offline until librarian presence says otherwise', async () => {
      const members = await service.listMembers();
      assert.deepEqual(
        members.map((member) => member.id),
        ['eastern-university', 'harbour-museum', 'riverside-library'],
      );
      assert.ok(members.every((member) => member.online === false));
      const withPresence = new CatalogService(storage, { onlineMembers: async () => new Set(['riverside-library']) });
      const online = (await withPresence.listMembers()).filter((member) => member.online).map((member) => member.id);
      assert.deepEqual(online, ['riverside-library']);
    });
  });
}
