// Opens Atrium's storage: the database named by DATABASE_URL, migrated, with the catalog
// store and the search index of its dialect.
import { Migrator, sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { CatalogStore } from './catalog-store.js';
import { ConsortiumStore } from './consortium-store.js';
import { openDatabase } from './database.js';
import { migrationProvider } from './migrations/index.js';
import type { Database } from './schema.js';
import { PostgresSearchIndex } from './search/postgres-search-index.js';
import type { SearchIndex } from './search/search-index.js';
import { SqliteSearchIndex } from './search/sqlite-search-index.js';
import { SqlCatalogStore } from './sql-catalog-store.js';
import { SqliteCatalogStore } from './sqlite-catalog-store.js';
import { SqlStaffStore } from './sql-staff-store.js';
import type { StaffStore } from './staff-store.js';
import type { SqlDialect } from './sql-dialect.js';

export interface Storage {
  readonly dialect: SqlDialect;
  readonly db: Kysely<Database>;
  readonly catalog: CatalogStore;
  readonly search: SearchIndex;
  readonly staff: StaffStore;
  /** The consortium's configuration (members, branches, resources, policies, staff) as one document. */
  readonly consortium: ConsortiumStore;
  close(): Promise<void>;
}

export interface OpenStorageOptions {
  /** `sqlite:PATH`, `sqlite::memory:` or `postgres://...` */
  databaseUrl: string;
  /** PostgreSQL only: the schema to keep Atrium's tables in (created if missing). */
  pgSchema?: string;
}

export async function openStorage(options: OpenStorageOptions): Promise<Storage> {
  const opened = await openDatabase(options);
  const { dialect, db } = opened;
  try {
    // Kysely looks for its migration tables in every schema unless told which one; another
    // schema's tables (a parallel test run, another deployment) must not count as ours.
    const migrationTableSchema =
      dialect === 'postgres'
        ? (options.pgSchema ?? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema)
        : undefined;
    const migrator = new Migrator({
      db,
      provider: migrationProvider(dialect),
      ...(migrationTableSchema ? { migrationTableSchema } : {}),
    });
    const { error, results } = await migrator.migrateToLatest();
    if (error) {
      const failed = results?.find((result) => result.status === 'Error')?.migrationName;
      throw new Error(`Could not migrate the database${failed ? ` (migration ${failed})` : ''}: ${(error as Error).message}`, {
        cause: error,
      });
    }
  } catch (error) {
    await db.destroy();
    throw error;
  }
  let search: SqliteSearchIndex | PostgresSearchIndex;
  let catalog: CatalogStore;
  if (opened.dialect === 'sqlite') {
    search = new SqliteSearchIndex(db, opened.connection);
    catalog = new SqliteCatalogStore(db, opened.connection, search);
  } else {
    search = new PostgresSearchIndex(db);
    catalog = new SqlCatalogStore(db, search);
  }
  let closing: Promise<void> | undefined;
  return {
    dialect,
    db,
    catalog,
    search,
    staff: new SqlStaffStore(db),
    consortium: new ConsortiumStore(db, dialect),
    close() {
      closing ??= db.destroy();
      return closing;
    },
  };
}

export type { CatalogStore, MemberInput, RecordInput, UpsertSummary } from './catalog-store.js';
export type { Database } from './schema.js';
export type { SqlDialect } from './sql-dialect.js';
export {
  emailKey,
  type AttemptAdmission,
  type AttemptRule,
  type NewLibrarian,
  type StaffStore,
  type StoredLibrarian,
} from './staff-store.js';
export type { FacetCount, SearchHit, SearchIndex, SearchRequest, SearchResult } from './search/search-index.js';
export { parseDatabaseUrl, type DatabaseLocation } from './database.js';
