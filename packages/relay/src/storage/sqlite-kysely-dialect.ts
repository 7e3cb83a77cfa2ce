// Kysely's SQLite dialect with two changes, so that two processes sharing the file (the relay and
// a CLI import, or two relays starting after an upgrade) take turns instead of racing:
// - a transaction takes the write lock when it begins (BEGIN IMMEDIATE), not at its first write,
//   so the other process waits (busy_timeout) before it reads anything;
// - migrations run in one transaction, as SQLite allows for the DDL they use. Kysely's default
//   runs them without one: both processes saw a migration as pending, and the second failed on a
//   column the first had just added, or a failed migration was left half applied.
import {
  CompiledQuery,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  SqliteAdapter,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
} from 'kysely';

class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}
