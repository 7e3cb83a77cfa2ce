// Sign-in counters become throttles with growing waits: per email and address together, and
// per address. The fixed-window counts they replace only ever lived 15 minutes, so they are
// dropped rather than carried over.
import type { Kysely, Migration } from 'kysely';
import type { SqlDialect } from '../sql-dialect.js';

export function loginThrottleMigration(_dialect: SqlDialect): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema.dropTable('login_attempts').execute();
      await db.schema
        .createTable('login_attempts')
        .addColumn('key', 'text', (col) => col.primaryKey())
        .addColumn('failures', 'integer', (col) => col.notNull())
        .addColumn('last_at', 'bigint', (col) => col.notNull())
        .addColumn('delay_ms', 'bigint', (col) => col.notNull())
        .addColumn('blocked_until', 'bigint', (col) => col.notNull())
        .execute();
      await db.schema.createIndex('login_attempts_last_at').on('login_attempts').column('last_at').execute();
    },
  };
}
