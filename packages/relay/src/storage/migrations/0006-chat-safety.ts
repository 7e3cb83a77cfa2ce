// Chat safety and retention: widget keys bound to the origins a member allows, how long each
// member keeps transcripts, and the patron's rating of a conversation.
import type { Kysely, Migration } from 'kysely';
import type { SqlDialect } from '../sql-dialect.js';

export const DEFAULT_CHAT_RETENTION_DAYS = 180;

export function chatSafetyMigration(_dialect: SqlDialect): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('widget_keys')
        .addColumn('key', 'text', (col) => col.primaryKey())
        .addColumn('member', 'text', (col) => col.notNull().references('members.id'))
        .addColumn('origins', 'text', (col) => col.notNull())
        .addColumn('label', 'text')
        .addColumn('created_at', 'text', (col) => col.notNull())
        .execute();
      await db.schema.createIndex('widget_keys_member').on('widget_keys').column('member').execute();

      await db.schema
        .alterTable('members')
        .addColumn('chat_retention_days', 'integer', (col) => col.notNull().defaultTo(DEFAULT_CHAT_RETENTION_DAYS))
        .execute();

      await db.schema.alterTable('conversations').addColumn('rating_score', 'integer').execute();
      await db.schema.alterTable('conversations').addColumn('rating_comment', 'text').execute();
      await db.schema.alterTable('conversations').addColumn('rated_at', 'text').execute();
      // The purge looks for a member's conversations by when they ended.
      await db.schema.createIndex('conversations_retention').on('conversations').columns(['member', 'ended_at']).execute();
    },
  };
}
