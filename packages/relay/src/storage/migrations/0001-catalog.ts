// The union catalog: members, their branches, records with holdings, and the search table.
import { type Kysely, type Migration, sql } from 'kysely';
import type { SqlDialect } from '../sql-dialect.js';

export function catalogMigration(dialect: SqlDialect): Migration {
  // Ids and folded titles sort by code point in both dialects, whatever PostgreSQL's locale.
  const bytewise = dialect === 'postgres' ? sql`collate "C"` : sql``;
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('members')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('name_en', 'text', (col) => col.notNull())
        .addColumn('name_zh', 'text')
        .addColumn('kind', 'text', (col) => col.notNull())
        .addColumn('timezone', 'text', (col) => col.notNull())
        .execute();

      await db.schema
        .createTable('branches')
        .addColumn('member_id', 'text', (col) => col.notNull().references('members.id').onDelete('cascade'))
        .addColumn('id', 'text', (col) => col.notNull())
        .addColumn('name_en', 'text', (col) => col.notNull())
        .addColumn('name_zh', 'text')
        .addColumn('position', 'integer', (col) => col.notNull())
        .addPrimaryKeyConstraint('branches_pkey', ['member_id', 'id'])
        .execute();

      await db.schema
        .createTable('records')
        .addColumn('seq', 'integer', (col) => (dialect === 'postgres' ? col.primaryKey().generatedByDefaultAsIdentity() : col.primaryKey()))
        .addColumn('id', 'text', (col) => col.notNull().unique().modifyEnd(bytewise))
        .addColumn('member', 'text', (col) => col.notNull().references('members.id'))
        .addColumn('type', 'text', (col) => col.notNull())
        .addColumn('title', 'text', (col) => col.notNull())
        .addColumn('title_sort', 'text', (col) => col.notNull().modifyEnd(bytewise))
        .addColumn('creators', 'text', (col) => col.notNull())
        .addColumn('date', 'text')
        .addColumn('year', 'integer')
        .addColumn('decade', 'integer')
        .addColumn('subjects', 'text', (col) => col.notNull())
        .addColumn('description', 'text')
        .addColumn('language', 'text')
        .addColumn('identifiers', 'text', (col) => col.notNull())
        .addColumn('url', 'text')
        .addColumn('thumbnail', 'text')
        .addColumn('series', 'text')
        .addColumn('physical_description', 'text')
        .addColumn('credit_line', 'text')
        .addColumn('available', 'integer', (col) => col.notNull())
        .execute();
      await db.schema.createIndex('records_title_sort').on('records').columns(['title_sort', 'id']).execute();
      if (dialect === 'sqlite') {
        // SQLite search keeps these columns in memory and loads them from this covering index.
        await db.schema.createIndex('records_facets').on('records').columns(['member', 'type', 'language', 'year', 'available']).execute();
      } else {
        // PostgreSQL filters and sorts in SQL; browsing without a query pages through these orders.
        await db.schema.createIndex('records_year').on('records').columns(['year', 'id']).execute();
        await db.schema.createIndex('records_member').on('records').columns(['member', 'title_sort']).execute();
      }

      await db.schema
        .createTable('holdings')
        .addColumn('record_id', 'text', (col) => col.notNull().references('records.id').onDelete('cascade'))
        .addColumn('position', 'integer', (col) => col.notNull())
        .addColumn('member', 'text', (col) => col.notNull())
        .addColumn('branch', 'text', (col) => col.notNull())
        .addColumn('call_number', 'text')
        .addColumn('status', 'text', (col) => col.notNull())
        .addColumn('due_date', 'text')
        .addPrimaryKeyConstraint('holdings_pkey', ['record_id', 'position'])
        .execute();

      if (dialect === 'sqlite') {
        // The columns hold tokens the relay has already folded and segmented, separated by
        // spaces, so the plain ascii tokenizer only splits on spaces. FTS5 keeps this token
        // text (not the records' text): re-importing a record then deletes its old row by
        // rowid, several times faster than a contentless table's tombstones.
        await sql`
          create virtual table record_search using fts5(
            title, creators, subjects, series, description, identifiers, isbn,
            tokenize = 'ascii'
          )`.execute(db);
        // Imports write ~1,000 records per transaction, each leaving a new segment. Merging
        // sixteen at a time instead of four, into pages that fill a database page, halves
        // the time spent merging without slowing queries measurably.
        await sql`insert into record_search (record_search, rank) values ('automerge', 16)`.execute(db);
        await sql`insert into record_search (record_search, rank) values ('pgsz', 4064)`.execute(db);
      } else {
        await db.schema
          .createTable('record_search')
          .addColumn('seq', 'integer', (col) => col.primaryKey().references('records.seq').onDelete('cascade'))
          .addColumn('document', sql`tsvector`, (col) => col.notNull())
          .execute();
        await sql`create index record_search_document on record_search using gin (document)`.execute(db);
      }
    },
  };
}
