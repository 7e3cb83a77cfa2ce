// The catalog store on SQLite and PostgreSQL: opening by DATABASE_URL, migrations, and
// writes that importers rely on (idempotent upserts, replaced holdings, all-or-nothing batches).
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { type RecordInput, type Storage, openStorage, parseDatabaseUrl } from '../src/storage/index.js';
import { MEMBERS, RECORDS, recordById } from './helpers/catalog-fixtures.js';
import { testDatabases } from './helpers/databases.js';

describe('DATABASE_URL', () => {
  it('accepts SQLite files, in-memory SQLite and PostgreSQL URLs', () => {
    assert.deepEqual(parseDatabaseUrl('sqlite:.atrium/atrium.db'), { dialect: 'sqlite', filename: '.atrium/atrium.db' });
    assert.deepEqual(parseDatabaseUrl('sqlite:///var/lib/atrium.db'), { dialect: 'sqlite', filename: '/var/lib/atrium.db' });
    assert.deepEqual(parseDatabaseUrl('sqlite::memory:'), { dialect: 'sqlite', filename: ':memory:' });
    assert.deepEqual(parseDatabaseUrl('postgres://atrium@db:5432/atrium'), {
      dialect: 'postgres',
      connectionString: 'postgres://atrium@db:5432/atrium',
    });
    assert.equal(parseDatabaseUrl('postgresql://atrium@db/atrium').dialect, 'postgres');
  });

  it('refuses anything else, naming the forms it accepts and hiding passwords', () => {
    for (const url of ['', 'sqlite:', 'mysql://root@localhost/atrium', 'atrium.db', 'postgres://', 'http://example.org']) {
      assert.throws(
        () => parseDatabaseUrl(url),
        (error: Error) => /sqlite:PATH/.test(error.message) && /sqlite::memory:/.test(error.message) && /postgres:\/\//.test(error.message),
        url,
      );
    }
    assert.throws(
      () => parseDatabaseUrl('mysql://root:hunter2@localhost/atrium'),
      (error: Error) => !error.message.includes('hunter2'),
    );
  });
});

describe('SQLite file', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'atrium-storage-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('creates missing folders, runs in WAL mode and keeps data across reopening', async () => {
    const file = path.join(dir, 'nested', 'deeper', 'atrium.db');
    const first = await openStorage({ databaseUrl: `sqlite:${file}` });
    try {
      assert.ok(existsSync(file));
      const { rows } = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(first.db);
      assert.equal(rows[0]?.journal_mode, 'wal');
      const { rows: keys } = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(first.db);
      assert.equal(keys[0]?.foreign_keys, 1);
      await first.catalog.upsertMembers(MEMBERS);
      await first.catalog.upsertRecords(RECORDS.slice(0, 5));
    } finally {
      await first.close();
    }
    // Opening again must not re-run migrations or lose rows.
    const second = await openStorage({ databaseUrl: `sqlite:${file}` });
    try {
      assert.equal(await second.catalog.countRecords(), 5);
      assert.equal((await second.search.search({ q: 'turner', sort: 'relevance', offset: 0, limit: 10, facets: [] })).total, 2);
    } finally {
      await second.close();
    }
  });
});

for (const database of await testDatabases()) {
  describe(`catalog store on ${database.name}`, { skip: database.skip }, () => {
    let storage: Storage;
    before(async () => {
      storage = await database.open();
      await storage.catalog.upsertMembers(MEMBERS);
    });
    after(() => storage?.close());

    const titles = async (q: string) =>
      (await storage.search.search({ q, sort: 'relevance', offset: 0, limit: 100, facets: [] })).hits.map((hit) => hit.id).sort();

    it('keeps members and their branches in order, and replaces them by id', async () => {
      assert.deepEqual(
        await storage.catalog.listMembers(),
        [...MEMBERS].sort((a, b) => (a.id < b.id ? -1 : 1)),
      );
      const renamed = { ...MEMBERS[0]!, name: { en: 'Harbour Art Museum' }, branches: [{ id: 'annex', name: { en: 'Annex' } }] };
      await storage.catalog.upsertMembers([renamed]);
      const stored = (await storage.catalog.listMembers()).find((member) => member.id === renamed.id);
      assert.deepEqual(stored, renamed);
      await storage.catalog.upsertMembers(MEMBERS);
    });

    it('stores every field of a record and gives it back unchanged', async () => {
      const summary = await storage.catalog.upsertRecords(RECORDS);
      assert.deepEqual(summary, { inserted: RECORDS.length, updated: 0 });
      for (const record of RECORDS) assert.deepEqual(await storage.catalog.getRecord(record.id), record);
      assert.equal(await storage.catalog.getRecord('riverside-library:no-such-record'), undefined);
      assert.deepEqual(
        (await storage.catalog.getRecords(['eastern-university:chunxiao', 'nobody:1', 'harbour-museum:N05508'])).map((record) => record.id),
        ['eastern-university:chunxiao', 'harbour-museum:N05508'],
      );
    });

    it('updates on re-import and never duplicates', async () => {
      const summary = await storage.catalog.upsertRecords(RECORDS);
      assert.deepEqual(summary, { inserted: 0, updated: RECORDS.length });
      assert.equal(await storage.catalog.countRecords(), RECORDS.length);
      assert.equal(
        await storage.catalog.countRecords('eastern-university'),
        RECORDS.filter((r) => r.member === 'eastern-university').length,
      );
      assert.deepEqual(await titles('hunger games'), [
        'riverside-library:2767052',
        'riverside-library:6148028',
        'riverside-library:9001',
        'riverside-library:9002',
      ]);
    });

    it('counts a batch that adds some and changes others', async () => {
      const changed = { ...recordById('harbour-museum:T01234'), title: 'Landscape with a Double Rainbow' };
      const added: RecordInput = { ...changed, id: 'harbour-museum:T99999', title: 'A New Acquisition', identifiers: {} };
      assert.deepEqual(await storage.catalog.upsertRecords([changed, added]), { inserted: 1, updated: 1 });
      assert.equal((await storage.catalog.getRecord(changed.id))?.title, 'Landscape with a Double Rainbow');
      assert.deepEqual(await titles('double rainbow'), ['harbour-museum:T01234']);
      assert.deepEqual(await titles('acquisition'), ['harbour-museum:T99999']);
    });

    it('keeps the search index in step with changed text', async () => {
      const original = recordById('harbour-museum:N02654');
      await storage.catalog.upsertRecords([{ ...original, title: 'Cirrus Over Hampstead', subjects: ['weather'] }]);
      assert.deepEqual(await titles('clouds'), [], 'the old title and subjects are gone from the index');
      assert.deepEqual(await titles('cirrus hampstead'), ['harbour-museum:N02654']);
      assert.deepEqual(await titles('subject:weather'), ['harbour-museum:N02654']);
      await storage.catalog.upsertRecords([original]);
      assert.deepEqual(await titles('clouds'), ['harbour-museum:N02654']);
    });

    it('replaces holdings instead of adding to them, and recomputes availability', async () => {
      const record = recordById('riverside-library:2767052');
      const holdings = [{ member: 'riverside-library', branch: 'north', status: 'on-loan' as const, dueDate: '2031-05-01' }];
      await storage.catalog.upsertRecords([{ ...record, holdings }]);
      assert.deepEqual((await storage.catalog.getRecord(record.id))?.holdings, holdings);
      const available = await storage.search.search({
        q: 'hunger games',
        available: true,
        sort: 'relevance',
        offset: 0,
        limit: 10,
        facets: [],
      });
      assert.ok(!available.hits.some((hit) => hit.id === record.id), 'no longer available anywhere');
      await storage.catalog.upsertRecords([{ ...record, holdings: [] }]);
      assert.deepEqual((await storage.catalog.getRecord(record.id))?.holdings, []);
      await storage.catalog.upsertRecords([record]);
      assert.deepEqual((await storage.catalog.getRecord(record.id))?.holdings, record.holdings);
    });

    it('takes the last copy when a batch names a record twice', async () => {
      const first = { ...recordById('riverside-library:9005'), title: 'First Copy' };
      const second = { ...recordById('riverside-library:9005'), title: 'Second Copy' };
      assert.deepEqual(await storage.catalog.upsertRecords([first, second]), { inserted: 0, updated: 1 });
      assert.equal((await storage.catalog.getRecord(first.id))?.title, 'Second Copy');
      await storage.catalog.upsertRecords([recordById('riverside-library:9005')]);
    });

    it('changes nothing when any record of a batch fails', async () => {
      const before = await storage.catalog.countRecords();
      const fresh: RecordInput = { ...recordById('riverside-library:9006'), id: 'riverside-library:fresh-1', title: 'Zanzibar Nights' };
      const changed = { ...recordById('riverside-library:9006'), title: 'Le Grand Prince' };

      // The store refuses a record of a member it does not know before writing anything.
      await assert.rejects(
        storage.catalog.upsertRecords([fresh, changed, { ...fresh, id: 'nowhere-library:1', member: 'nowhere-library' }]),
        /nowhere-library/,
      );
      // A record the database itself refuses, after others in the batch were written.
      const broken = { ...fresh, id: 'riverside-library:fresh-2', title: null } as unknown as RecordInput;
      await assert.rejects(storage.catalog.upsertRecords([fresh, changed, broken]));

      assert.equal(await storage.catalog.countRecords(), before);
      assert.equal(await storage.catalog.getRecord(fresh.id), undefined);
      assert.equal((await storage.catalog.getRecord(changed.id))?.title, 'Le Petit Prince');
      assert.deepEqual(await titles('zanzibar'), [], 'nothing half-written reached the index');
      assert.deepEqual(await titles('grand prince'), []);
      assert.deepEqual(await titles('petit prince'), ['riverside-library:9006']);
    });

    it('accepts an empty batch', async () => {
      assert.deepEqual(await storage.catalog.upsertRecords([]), { inserted: 0, updated: 0 });
    });
  });
}

describe('PostgreSQL schema isolation', async () => {
  const postgres = (await testDatabases()).find((database) => database.name === 'postgres')!;
  it('keeps two storages in different schemas apart', { skip: postgres.skip }, async () => {
    const one = await postgres.open();
    try {
      await one.catalog.upsertMembers(MEMBERS);
      await one.catalog.upsertRecords(RECORDS.slice(0, 3));
      const two = await postgres.open();
      try {
        assert.equal(await one.catalog.countRecords(), 3);
        assert.equal(await two.catalog.countRecords(), 0);
      } finally {
        await two.close();
      }
    } finally {
      await one.close();
    }
  });
});
