// PostgreSQL's search table carries, beside each record's document, the columns search filters,
// counts and orders by (copied from `records` whenever the record is written), and the folded
// title's length as a generated column. A query matching tens of thousands of records then
// counts facets and picks its page from the rows the full-text index found, with no join to
// `records` for each of them. SQLite keeps these columns in memory instead (CatalogColumns).
import { type Kysely, type Migration, sql } from 'kysely';
import type { SqlDialect } from '../sql-dialect.js';

export function searchColumnsMigration(dialect: SqlDialect): Migration {
  return {
    async up(db: Kysely<any>) {
      if (dialect !== 'postgres') return;
      // Rebuilt rather than altered: one bulk copy and one index build take seconds, where
      // updating every row in place would also update the full-text index row by row.
      await sql`alter table record_search rename to record_search_previous`.execute(db);
      await sql`alter index record_search_pkey rename to record_search_previous_pkey`.execute(db);
      await sql`alter index record_search_document rename to record_search_previous_document`.execute(db);
      await db.schema
        .createTable('record_search')
        .addColumn('seq', 'integer', (col) => col.primaryKey())
        .addColumn('id', 'text', (col) => col.notNull().modifyEnd(sql`collate "C"`))
        .addColumn('member', 'text', (col) => col.notNull())
        .addColumn('type', 'text', (col) => col.notNull())
        .addColumn('language', 'text')
        .addColumn('year', 'integer')
        .addColumn('decade', 'integer')
        .addColumn('available', 'integer', (col) => col.notNull())
        .addColumn('title_sort', 'text', (col) => col.notNull().modifyEnd(sql`collate "C"`))
        // What relevance orders by within a tier once a query matches too many records to score.
        .addColumn('title_length', 'integer', (col) =>
          col
            .notNull()
            .generatedAlwaysAs(sql`length(title_sort)`)
            .stored(),
        )
        // Last, so reading the short columns of a row never steps over the document.
        .addColumn('document', sql`tsvector`, (col) => col.notNull())
        .addForeignKeyConstraint('record_search_seq_fkey', ['seq'], 'records', ['seq'], (constraint) => constraint.onDelete('cascade'))
        .execute();
      await sql`
        insert into record_search (seq, id, member, type, language, year, decade, available, title_sort, document)
        select r.seq, r.id, r.member, r.type, r.language, r.year, r.decade, r.available, r.title_sort, p.document
        from record_search_previous as p join records as r on r.seq = p.seq`.execute(db);
      await db.schema.dropTable('record_search_previous').execute();
      await sql`create index record_search_document on record_search using gin (document)`.execute(db);
      await sql`analyze record_search`.execute(db);
    },
  };
}
