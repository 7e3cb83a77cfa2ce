// Canned responses: each member's ready-made replies for its librarians, in the member's order.
import type { Kysely, Migration } from 'kysely';
import type { SqlDialect } from '../sql-dialect.js';

export function cannedResponsesMigration(_dialect: SqlDialect): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('canned_responses')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('member', 'text', (col) => col.notNull().references('members.id'))
        .addColumn('language', 'text', (col) => col.notNull())
        .addColumn('title', 'text', (col) => col.notNull())
        .addColumn('text', 'text', (col) => col.notNull())
        .addColumn('position', 'integer', (col) => col.notNull())
        .addColumn('created_at', 'text', (col) => col.notNull())
        .execute();
      await db.schema.createIndex('canned_responses_member').on('canned_responses').columns(['member', 'position']).execute();
    },
  };
}
