// OAI-PMH harvest state, one row per member: the source harvested, where the last complete
// harvest got to (the datestamp the next one asks from), the resumption token of one that was
// cut off (so it resumes there), and what the last harvest did.
import type { Kysely, Migration } from 'kysely';
import type { SqlDialect } from '../sql-dialect.js';

export function harvestsMigration(_dialect: SqlDialect): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('harvests')
        .addColumn('member', 'text', (col) => col.primaryKey().references('members.id').onDelete('cascade'))
        .addColumn('url', 'text', (col) => col.notNull())
        .addColumn('metadata_prefix', 'text', (col) => col.notNull())
        .addColumn('set_spec', 'text')
        /** JSON: HarvestSchedule, or null for a member harvested only on request. */
        .addColumn('schedule', 'text')
        /** The datestamp the source says to start from, used until a harvest completes. */
        .addColumn('source_from', 'text')
        /** The newest datestamp of the last complete harvest: where the next one starts. */
        .addColumn('last_datestamp', 'text')
        .addColumn('status', 'text')
        .addColumn('started_at', 'text')
        /** Moved on after every page: a running harvest whose heartbeat stopped long ago was cut off. */
        .addColumn('heartbeat_at', 'text')
        .addColumn('finished_at', 'text')
        /** The `from` the harvest under way asked with, to start it over on a badResumptionToken. */
        .addColumn('run_from', 'text')
        /** The token for the next page of a harvest under way or cut off; null once a harvest completes. */
        .addColumn('resumption_token', 'text')
        /** The newest datestamp seen so far by the harvest under way. */
        .addColumn('run_datestamp', 'text')
        .addColumn('pages', 'integer', (col) => col.notNull().defaultTo(0))
        .addColumn('added', 'integer', (col) => col.notNull().defaultTo(0))
        .addColumn('updated', 'integer', (col) => col.notNull().defaultTo(0))
        .addColumn('unchanged', 'integer', (col) => col.notNull().defaultTo(0))
        .addColumn('deleted', 'integer', (col) => col.notNull().defaultTo(0))
        .addColumn('rejected', 'integer', (col) => col.notNull().defaultTo(0))
        .addColumn('error', 'text')
        /** JSON: HarvestProblem[], the first records rejected. */
        .addColumn('problems', 'text', (col) => col.notNull().defaultTo('[]'))
        /** JSON: { [reason]: count } of every record rejected. */
        .addColumn('rejected_by_reason', 'text', (col) => col.notNull().defaultTo('{}'))
        .execute();
    },
  };
}
