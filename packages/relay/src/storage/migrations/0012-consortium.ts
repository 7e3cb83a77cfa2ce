// What a consortium file says beyond the first members' names and branches: the consortium's
// own settings (in `settings`), each member's home page, contact and logo, and each branch's
// address and position on a map, and seasonal opening periods.
import type { Kysely, Migration } from 'kysely';
import type { SqlDialect } from '../sql-dialect.js';

export function consortiumMigration(_dialect: SqlDialect): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema.alterTable('members').addColumn('home_page', 'text').execute();
      await db.schema.alterTable('members').addColumn('logo', 'text').execute();
      // JSON: { email?, phone? }
      await db.schema.alterTable('members').addColumn('contact', 'text').execute();
      await db.schema.alterTable('branches').addColumn('address', 'text').execute();
      await db.schema.alterTable('branches').addColumn('latitude', 'double precision').execute();
      await db.schema.alterTable('branches').addColumn('longitude', 'double precision').execute();
      // JSON: OpeningPeriod[], seasons with hours of their own.
      await db.schema.alterTable('branch_hours').addColumn('periods', 'text').execute();
    },
  };
}
