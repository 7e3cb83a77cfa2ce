// Joint reference: patrons' questions and their threads, members' service policies and how long
// a question waits for the home member, and the knowledge base with its search table.
import { type Kysely, type Migration, sql } from 'kysely';
import type { SqlDialect } from '../sql-dialect.js';

/** Four hours for the member's own librarians before the whole consortium sees a question. */
export const DEFAULT_QUESTION_WAIT_SECONDS = 4 * 3600;

export function referenceMigration(dialect: SqlDialect): Migration {
  const identity = (col: any) => (dialect === 'postgres' ? col.primaryKey().generatedByDefaultAsIdentity() : col.primaryKey());
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .alterTable('members')
        .addColumn('question_wait_seconds', 'integer', (col) => col.notNull().defaultTo(DEFAULT_QUESTION_WAIT_SECONDS))
        .execute();

      await db.schema
        .createTable('service_policies')
        .addColumn('member_id', 'text', (col) => col.primaryKey().references('members.id').onDelete('cascade'))
        .addColumn('policy', 'text', (col) => col.notNull())
        .addColumn('updated_at', 'text', (col) => col.notNull())
        .execute();

      let questions = db.schema
        .createTable('questions')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('member', 'text', (col) => col.notNull().references('members.id'))
        .addColumn('text', 'text', (col) => col.notNull())
        .addColumn('category', 'text')
        .addColumn('patron_name', 'text')
        .addColumn('patron_email', 'text')
        .addColumn('context', 'text')
        .addColumn('token', 'text', (col) => col.notNull())
        .addColumn('status', 'text', (col) => col.notNull())
        .addColumn('created_at', 'text', (col) => col.notNull())
        .addColumn('updated_at', 'text', (col) => col.notNull())
        .addColumn('queue_member', 'text', (col) => col.notNull())
        .addColumn('queued_at', 'text', (col) => col.notNull())
        .addColumn('open_to_all_at', 'text', (col) => col.notNull());
      for (const column of [
        'claimed_by_id',
        'claimed_by_name',
        'claimed_by_member',
        'claimed_at',
        'answered_at',
        'answered_by_member',
        'closed_at',
        'referred_from',
        'referred_by',
        'referral_note',
        'referred_at',
        'kb_id',
      ]) {
        questions = questions.addColumn(column, 'text');
      }
      await questions.execute();
      await db.schema.createIndex('questions_queue').on('questions').columns(['status', 'queue_member', 'open_to_all_at']).execute();
      await db.schema.createIndex('questions_member_created').on('questions').columns(['member', 'created_at']).execute();
      await db.schema.createIndex('questions_answered').on('questions').columns(['answered_by_member', 'answered_at']).execute();

      await db.schema
        .createTable('question_messages')
        .addColumn('seq', 'integer', identity)
        .addColumn('id', 'text', (col) => col.notNull().unique())
        .addColumn('question_id', 'text', (col) => col.notNull().references('questions.id').onDelete('cascade'))
        .addColumn('author', 'text', (col) => col.notNull())
        .addColumn('kind', 'text', (col) => col.notNull())
        .addColumn('text', 'text', (col) => col.notNull())
        .addColumn('librarian_id', 'text')
        .addColumn('librarian_name', 'text')
        .addColumn('librarian_member', 'text')
        .addColumn('created_at', 'text', (col) => col.notNull())
        .execute();
      await db.schema.createIndex('question_messages_thread').on('question_messages').columns(['question_id', 'seq']).execute();

      await db.schema
        .createTable('kb_entries')
        .addColumn('seq', 'integer', identity)
        .addColumn('id', 'text', (col) => col.notNull().unique())
        .addColumn('question_id', 'text', (col) => col.notNull().unique())
        .addColumn('member', 'text', (col) => col.notNull())
        .addColumn('answered_by', 'text', (col) => col.notNull())
        .addColumn('category', 'text')
        .addColumn('question', 'text', (col) => col.notNull())
        .addColumn('answer', 'text', (col) => col.notNull())
        .addColumn('record_id', 'text')
        .addColumn('published_at', 'text', (col) => col.notNull())
        .execute();
      await db.schema.createIndex('kb_entries_member').on('kb_entries').columns(['member', 'published_at']).execute();

      if (dialect === 'sqlite') {
        // Like the catalogue's search table: the relay's own folded tokens, split on spaces.
        await sql`create virtual table kb_search using fts5(question, answer, tokenize = 'ascii')`.execute(db);
      } else {
        await db.schema
          .createTable('kb_search')
          .addColumn('seq', 'integer', (col) => col.primaryKey().references('kb_entries.seq').onDelete('cascade'))
          .addColumn('document', sql`tsvector`, (col) => col.notNull())
          .execute();
        await sql`create index kb_search_document on kb_search using gin (document)`.execute(db);
      }
    },
  };
}
