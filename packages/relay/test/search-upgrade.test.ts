// A PostgreSQL catalog indexed before migration 0010 (the search table held only documents)
// is searchable after the upgrade exactly like one indexed afresh: same totals, facets and order.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { FacetField } from '@atrium/sdk';
import { Migrator, sql } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../src/storage/database.js';
import { type SearchRequest, type Storage, openStorage } from '../src/storage/index.js';
import { migrationProvider } from '../src/storage/migrations/index.js';
import { vectorLiteral } from '../src/storage/search/postgres-search-index.js';
import type { SearchDocumentWriter } from '../src/storage/search/search-document.js';
import { SqlCatalogStore } from '../src/storage/sql-catalog-store.js';
import { MEMBERS, RECORDS } from './helpers/catalog-fixtures.js';
import { testDatabases } from './helpers/databases.js';

const PG_URL = process.env.ATRIUM_TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/test';
const ALL_FACETS: FacetField[] = ['member', 'type', 'language', 'available', 'decade'];
const QUERIES: Partial<SearchRequest>[] = [
  { q: 'turner' },
  { q: 'hunger games' },
  { q: '李白', sort: 'year' },
  { q: 'collins OR 9780439023498' },
  { q: '-turner', sort: 'title' },
  { q: 'landscape', member: ['harbour-museum'], available: false },
];

const postgres = (await testDatabases()).find((database) => database.name === 'postgres')!;

describe('upgrading a PostgreSQL catalog to search columns', { skip: postgres.skip }, () => {
  const schema = `atrium_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  let upgraded: Storage;
  let fresh: Storage;

  before(async () => {
    // The schema as a release before 0010 left it, with records indexed by that release.
    const old = await openDatabase({ databaseUrl: PG_URL, pgSchema: schema });
    try {
      const migrator = new Migrator({ db: old.db, provider: migrationProvider('postgres'), migrationTableSchema: schema });
      const { error } = await migrator.migrateTo('0009-linked-records');
      if (error) throw error;
      const documentsOnly: SearchDocumentWriter = {
        async write(trx, rows) {
          for (const row of rows) {
            await sql`insert into record_search (seq, document) values (${row.seq}, ${vectorLiteral(row.document)}::tsvector)`.execute(trx);
          }
        },
        async remove() {},
      };
      const catalog = new SqlCatalogStore(old.db, documentsOnly);
      await catalog.upsertMembers(MEMBERS);
      await catalog.upsertRecords(RECORDS);
    } finally {
      await old.db.destroy();
    }
    upgraded = await openStorage({ databaseUrl: PG_URL, pgSchema: schema });
    fresh = await postgres.open();
    await fresh.catalog.upsertMembers(MEMBERS);
    await fresh.catalog.upsertRecords(RECORDS);
  });

  after(async () => {
    await upgraded?.close();
    await fresh?.close();
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    try {
      await client.query(`drop schema if exists "${schema}" cascade`);
    } finally {
      await client.end();
    }
  });

  it('finds, counts and orders as a catalog indexed afresh', async () => {
    for (const query of QUERIES) {
      const request: SearchRequest = { q: '', sort: 'relevance', offset: 0, limit: 100, facets: ALL_FACETS, ...query };
      const [before, after] = await Promise.all([fresh.search.search(request), upgraded.search.search(request)]);
      assert.ok(before.total > 0, JSON.stringify(query));
      assert.deepEqual(after, before, JSON.stringify(query));
    }
  });

  it('keeps the search columns in step when a record changes after the upgrade', async () => {
    const record = RECORDS.find((candidate) => candidate.id === 'riverside-library:2767052')!;
    await upgraded.catalog.upsertRecords([{ ...record, title: 'The Lantern Games', year: 1901 }]);
    const result = await upgraded.search.search({ q: 'lantern', sort: 'relevance', offset: 0, limit: 10, facets: ['decade'] });
    assert.deepEqual(
      result.hits.map((hit) => hit.id),
      [record.id],
    );
    assert.deepEqual(result.facets.decade, [{ value: '1900', count: 1 }]);
  });
});
