// Kept Idempotency-Key answers: a key is claimed in the same transaction as the writes of the
// request it came with, and that request's answer is kept beside it for a retry to get again.
import type { Kysely, Transaction } from 'kysely';
import type { IdempotencyTables } from './idempotency-schema.js';

export interface KeptAnswer {
  requestHash: string;
  status: number;
  body: string;
}

export class IdempotencyKeyStore {
  readonly #db: Kysely<IdempotencyTables>;

  private constructor(db: Kysely<IdempotencyTables>) {
    this.#db = db;
  }

  /** On a connection or an open transaction: inside a transaction, a claim is undone with it. */
  static on<DB extends IdempotencyTables>(db: Kysely<DB> | Transaction<DB>): IdempotencyKeyStore {
    return new IdempotencyKeyStore(db as unknown as Kysely<IdempotencyTables>);
  }

  /**
   * Reserves a key for this request. Returns undefined when it is new (the caller goes on and
   * keeps its answer in the same transaction), or the answer kept for it. A concurrent request
   * with the same key waits here until the first one commits.
   */
  async claim(scope: string, key: string, requestHash: string, at: string): Promise<KeptAnswer | undefined> {
    const inserted = await this.#db
      .insertInto('idempotency_keys')
      .values({ scope, key, request_hash: requestHash, status: 0, body: '', created_at: at })
      .onConflict((conflict) => conflict.columns(['scope', 'key']).doNothing())
      .returning('key')
      .executeTakeFirst();
    if (inserted) return undefined;
    const row = await this.#db
      .selectFrom('idempotency_keys')
      .select(['request_hash', 'status', 'body'])
      .where('scope', '=', scope)
      .where('key', '=', key)
      .executeTakeFirstOrThrow();
    return { requestHash: row.request_hash, status: Number(row.status), body: row.body };
  }

  async keepAnswer(scope: string, key: string, status: number, body: string): Promise<void> {
    await this.#db.updateTable('idempotency_keys').set({ status, body }).where('scope', '=', scope).where('key', '=', key).execute();
  }

  /** Forgets kept answers of every scope first used before `before`; returns how many. */
  async deleteBefore(before: string): Promise<number> {
    const result = await this.#db.deleteFrom('idempotency_keys').where('created_at', '<', before).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
