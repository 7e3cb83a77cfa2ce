// Staff accounts, relay-wide settings (the token-signing secret) and login attempt counters.
import type { Kysely, Migration } from 'kysely';
import type { SqlDialect } from '../sql-dialect.js';

export function staffMigration(_dialect: SqlDialect): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('librarians')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('member', 'text', (col) => col.notNull().references('members.id'))
        .addColumn('email', 'text', (col) => col.notNull())
        // The lower-cased email: one account per address however it is capitalized.
        .addColumn('email_key', 'text', (col) => col.notNull().unique())
        .addColumn('name', 'text', (col) => col.notNull())
        .addColumn('password_hash', 'text', (col) => col.notNull())
        .addColumn('created_at', 'text', (col) => col.notNull())
        .addColumn('disabled', 'integer', (col) => col.notNull().defaultTo(0))
        .execute();
      await db.schema.createIndex('librarians_member').on('librarians').columns(['member', 'email_key']).execute();

      // Values every relay node sharing this database must agree on.
      await db.schema
        .createTable('settings')
        .addColumn('key', 'text', (col) => col.primaryKey())
        .addColumn('value', 'text', (col) => col.notNull())
        .execute();

      // Fixed-window counters kept in the database so every node counts the same attempts.
      await db.schema
        .createTable('login_attempts')
        .addColumn('key', 'text', (col) => col.primaryKey())
        .addColumn('window_start', 'bigint', (col) => col.notNull())
        .addColumn('attempts', 'integer', (col) => col.notNull())
        .execute();
    },
  };
}
