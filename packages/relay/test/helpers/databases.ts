// The databases every storage test runs against: SQLite always, PostgreSQL when reachable.
// Each opened storage is isolated (an in-memory SQLite database, or its own PostgreSQL
// schema dropped on close), so parallel and earlier runs never see each other's rows.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { type Relay, type RelayConfigInput, startRelay } from '../../src/index.js';
import { type Storage, openStorage } from '../../src/storage/index.js';

export interface TestDatabase {
  name: 'sqlite' | 'postgres';
  /** Set when the database cannot be used here; the suite is skipped with this reason. */
  skip?: string;
  /** A fresh, empty, migrated storage; `close()` also removes everything it created. */
  open(): Promise<Storage>;
  /** A relay on port 0 over a fresh store of this kind; `close()` stops it and removes its schema. */
  startRelay(options?: RelayConfigInput): Promise<StartedRelay>;
}

export interface StartedRelay {
  url: string;
  relay: Relay;
  close(): Promise<void>;
}

const PG_URL = process.env.ATRIUM_TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/test';
const SKIP_LINE = 'PostgreSQL tests skipped: set ATRIUM_TEST_PG_URL=postgres://... or run PostgreSQL on 127.0.0.1:5432';

async function postgresReachable(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (error) {
    return (error as Error).message;
  } finally {
    await client.end().catch(() => {});
  }
}

let checked: Promise<TestDatabase[]> | undefined;

/** The databases to test on. In CI (CI=true) an unreachable PostgreSQL fails the run instead of skipping. */
export function testDatabases(): Promise<TestDatabase[]> {
  checked ??= (async () => {
    const problem = await postgresReachable();
    if (problem !== undefined && process.env.CI === 'true') {
      throw new Error(`PostgreSQL at ${PG_URL} is unreachable in CI (${problem}); set ATRIUM_TEST_PG_URL or start PostgreSQL`);
    }
    if (problem !== undefined) console.log(SKIP_LINE);
    return [
      {
        name: 'sqlite',
        open: () => openStorage({ databaseUrl: 'sqlite::memory:' }),
        startRelay: (options) => startOn({ databaseUrl: 'sqlite::memory:' }, options),
      },
      {
        name: 'postgres',
        ...(problem !== undefined ? { skip: SKIP_LINE } : {}),
        open: openPostgres,
        startRelay: async (options) => {
          const schema = freshSchema();
          const started = await startOn({ databaseUrl: PG_URL, pgSchema: schema }, options).catch(async (error: unknown) => {
            await dropSchema(schema);
            throw error;
          });
          return { ...started, close: () => started.close().finally(() => dropSchema(schema)) };
        },
      },
    ];
  })();
  return checked;
}

const freshSchema = () => `atrium_test_${process.pid}_${randomBytes(4).toString('hex')}`;

/** A test asks more questions from its one address than any patron would; tests of the limit pass their own. */
const TEST_QUESTION_LIMITS = { perAddress: { limit: 10_000 }, perMember: { limit: 10_000 } };

function startOn(store: RelayConfigInput, options: RelayConfigInput = {}): Promise<StartedRelay> {
  return startRelay({ port: 0, host: '127.0.0.1', logLevel: 'silent', questionRateLimits: TEST_QUESTION_LIMITS, ...options, ...store });
}

async function openPostgres(): Promise<Storage> {
  const schema = freshSchema();
  let storage: Storage;
  try {
    storage = await openStorage({ databaseUrl: PG_URL, pgSchema: schema });
  } catch (error) {
    await dropSchema(schema);
    throw error;
  }
  return {
    ...storage,
    async close() {
      try {
        await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(storage.db);
      } finally {
        await storage.close();
      }
    },
  };
}

/** Cleans up after a storage that failed to open, on a connection of its own. */
async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  try {
    await client.connect();
    await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end().catch(() => {});
  }
}
