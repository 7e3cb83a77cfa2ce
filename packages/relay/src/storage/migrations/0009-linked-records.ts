// Catalogue records linked in librarians' answers and follow-ups, and in the knowledge base
// entries published from them: one row per link, in the librarian's order, with the title as
// it was when they answered. Records are not foreign keys: an answer keeps its links (and their
// titles) even if a member later withdraws the record from the union catalog.
import type { Kysely, Migration } from 'kysely';
import type { SqlDialect } from '../sql-dialect.js';

export function linkedRecordsMigration(_dialect: SqlDialect): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('question_message_records')
        .addColumn('message_id', 'text', (col) => col.notNull().references('question_messages.id').onDelete('cascade'))
        .addColumn('position', 'integer', (col) => col.notNull())
        .addColumn('record_id', 'text', (col) => col.notNull())
        .addColumn('member', 'text', (col) => col.notNull())
        .addColumn('title', 'text', (col) => col.notNull())
        .addPrimaryKeyConstraint('question_message_records_pk', ['message_id', 'position'])
        .execute();
      // Which answers point at a record: for the record's page and for a withdrawn record.
      await db.schema.createIndex('question_message_records_record').on('question_message_records').column('record_id').execute();

      await db.schema
        .createTable('kb_entry_records')
        .addColumn('kb_id', 'text', (col) => col.notNull().references('kb_entries.id').onDelete('cascade'))
        .addColumn('position', 'integer', (col) => col.notNull())
        .addColumn('record_id', 'text', (col) => col.notNull())
        .addColumn('member', 'text', (col) => col.notNull())
        .addColumn('title', 'text', (col) => col.notNull())
        .addPrimaryKeyConstraint('kb_entry_records_pk', ['kb_id', 'position'])
        .execute();
      await db.schema.createIndex('kb_entry_records_record').on('kb_entry_records').column('record_id').execute();
    },
  };
}
