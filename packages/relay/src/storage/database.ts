// Opens the database named by DATABASE_URL: an embedded SQLite file (the default) or PostgreSQL.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { z } from 'zod/mini';
import type { Database } from './schema.js';
import { ImmediateSqliteDialect } from './sqlite-kysely-dialect.js';

export type DatabaseLocation = { dialect: 'sqlite'; filename: string } | { dialect: 'postgres'; connectionString: string };

const ACCEPTED_FORMS =
  'use sqlite:PATH (e.g. sqlite:.atrium/atrium.db), sqlite::memory:, or postgres://USER@HOST:PORT/DATABASE (postgresql:// also works)';

const DatabaseUrl = z.pipe(
  z.string(),
  z.transform((value: string, ctx): DatabaseLocation => {
    const url = value.trim();
    if (url === 'sqlite::memory:') return { dialect: 'sqlite', filename: ':memory:' };
    if (url.startsWith('sqlite:')) {
      // sqlite:///abs/path is the URL-style spelling of sqlite:/abs/path.
      let filename = url.slice('sqlite:'.length);
      if (filename.startsWith('//')) filename = filename.slice(2);
      if (filename.length > 0) return { dialect: 'sqlite', filename };
    }
    if (/^postgres(ql)?:\/\/[^/\s]/.test(url)) {
      try {
        new URL(url);
        return { dialect: 'postgres', connectionString: url };
      } catch {
        // Falls through to the message below.
      }
    }
    ctx.issues.push({ code: 'custom', input: value, message: `DATABASE_URL "${redact(value)}" is not supported: ${ACCEPTED_FORMS}` });
    return z.NEVER;
  }),
);

/** Keeps passwords out of error messages and logs. */
function redact(url: string): string {
  return url.replace(/(\/\/[^:/@\s]+:)[^@\s]*@/, '$1***@');
}

/** Reads a DATABASE_URL; throws an error listing the accepted forms when it is not one of them. */
export function parseDatabaseUrl(url: string): DatabaseLocation {
  const result = DatabaseUrl.safeParse(url);
  if (!result.success) throw new Error(result.error.issues[0]?.message ?? `DATABASE_URL is not supported: ${ACCEPTED_FORMS}`);
  return result.data;
}

export type OpenedDatabase =
  | {
      dialect: 'sqlite';
      db: Kysely<Database>;
      /** The same connection Kysely uses, for statements prepared once and run many times. */
      connection: SqliteDatabase.Database;
    }
  | { dialect: 'postgres'; db: Kysely<Database> };

export interface OpenDatabaseOptions {
  databaseUrl: string;
  /**
   * A PostgreSQL schema to work in (created if missing): lets test runs and several
   * deployments share one database without seeing each other's tables.
   */
  pgSchema?: string;
}

const SCHEMA_NAME = /^[a-z][a-z0-9_]{0,62}$/;

export async function openDatabase(options: OpenDatabaseOptions): Promise<OpenedDatabase> {
  const location = parseDatabaseUrl(options.databaseUrl);
  if (location.dialect === 'sqlite') {
    const connection = openSqlite(location.filename);
    return { dialect: 'sqlite', connection, db: new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: connection }) }) };
  }
  return { dialect: 'postgres', db: await openPostgres(location.connectionString, options.pgSchema) };
}

function openSqlite(filename: string): SqliteDatabase.Database {
  if (filename !== ':memory:') mkdirSync(path.dirname(path.resolve(filename)), { recursive: true });
  const database = new SqliteDatabase(filename);
  // A CLI import and the running relay may share the file; wait for each other's writes.
  database.pragma('busy_timeout = 5000');
  if (filename !== ':memory:') switchToWal(database);
  database.pragma('foreign_keys = ON');
  // WAL + NORMAL survives a process crash and only loses the last commits on power loss.
  database.pragma('synchronous = NORMAL');
  database.pragma('temp_store = MEMORY');
  database.pragma('cache_size = -65536');
  database.pragma('mmap_size = 268435456');
  return database;
}

/**
 * Puts the file in WAL mode. That needs the file to itself for a moment, and SQLite reports a
 * second process opening the same new file at that moment as busy at once rather than waiting,
 * so wait here (up to 5 s) until the other has switched it or let go.
 */
function switchToWal(database: SqliteDatabase.Database): void {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let attempt = 1; ; attempt++) {
    try {
      database.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY' || attempt === 50) throw error;
    }
    Atomics.wait(pause, 0, 0, 100);
  }
}

async function openPostgres(connectionString: string, schema: string | undefined): Promise<Kysely<Database>> {
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new Error(`PostgreSQL schema "${schema}" must be lower-case letters, digits and underscores, starting with a letter`);
  }
  const pool = new pg.Pool({
    connectionString,
    max: 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    if (schema) await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
    else await sql`select 1`.execute(db);
  } catch (error) {
    await db.destroy();
    throw new Error(`Cannot reach PostgreSQL at ${redact(connectionString)}: ${(error as Error).message}`, { cause: error });
  }
  return db;
}
