// Erasing conversations for good: one a patron deleted, or every conversation past its
// member's retention period. A conversation goes with its messages and read marks, in one transaction.
import { type Kysely, type Transaction, sql } from 'kysely';
import type { ChatSafetyTables } from './chat-safety-schema.js';
import type { Database } from './schema.js';
import type { SqlDialect } from './sql-dialect.js';

type SafetyDatabase = Database & ChatSafetyTables;

export interface ErasedCount {
  conversations: number;
  messages: number;
}

/** Conversations erased per transaction, so a large backlog never holds locks for long. */
const BATCH = 200;

/** Any constant: PostgreSQL advisory lock taken while purging, so nodes purging at once take turns. */
const PURGE_LOCK = 0x61747269756d; // "atrium"

export class ChatRetentionStore {
  readonly #db: Kysely<SafetyDatabase>;

  constructor(
    db: Kysely<Database>,
    private readonly dialect: SqlDialect,
  ) {
    this.#db = db as unknown as Kysely<SafetyDatabase>;
  }

  /** Erases one conversation; false when there was none. */
  async erase(id: string): Promise<boolean> {
    return this.#db.transaction().execute(async (trx) => (await eraseAll(trx, [id])).conversations > 0);
  }

  async retentionDays(): Promise<{ member: string; days: number }[]> {
    const rows = await this.#db.selectFrom('members').select(['id', 'chat_retention_days']).orderBy('id').execute();
    return rows.map((row) => ({ member: row.id, days: Number(row.chat_retention_days) }));
  }

  /** False when there is no such member. */
  async setRetentionDays(member: string, days: number): Promise<boolean> {
    const result = await this.#db.updateTable('members').set({ chat_retention_days: days }).where('id', '=', member).executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /**
   * Erases the member's conversations that ended before `cutoff`, and those still open that
   * began before it (abandoned: nobody will end them now). Times are UTC ISO strings, which
   * sort as text.
   */
  async eraseOlderThan(member: string, cutoff: string): Promise<ErasedCount> {
    const total: ErasedCount = { conversations: 0, messages: 0 };
    for (;;) {
      const batch = await this.#db.transaction().execute(async (trx) => {
        if (this.dialect === 'postgres') {
          // Waits for another node's batch, then finds what that batch left.
          await sql`select pg_advisory_xact_lock(${PURGE_LOCK})`.execute(trx);
        }
        const rows = await trx
          .selectFrom('conversations')
          .select('id')
          .where('member', '=', member)
          .where((eb) => eb.or([eb('ended_at', '<', cutoff), eb.and([eb('status', '!=', 'ended'), eb('created_at', '<', cutoff)])]))
          .limit(BATCH)
          .execute();
        return {
          found: rows.length,
          erased: await eraseAll(
            trx,
            rows.map((row) => row.id),
          ),
        };
      });
      total.conversations += batch.erased.conversations;
      total.messages += batch.erased.messages;
      if (batch.found < BATCH) return total;
    }
  }
}

async function eraseAll(trx: Transaction<SafetyDatabase>, ids: string[]): Promise<ErasedCount> {
  if (ids.length === 0) return { conversations: 0, messages: 0 };
  await trx.deleteFrom('chat_reads').where('conversation_id', 'in', ids).execute();
  const messages = await trx.deleteFrom('chat_messages').where('conversation_id', 'in', ids).executeTakeFirst();
  const conversations = await trx.deleteFrom('conversations').where('id', 'in', ids).executeTakeFirst();
  return { conversations: Number(conversations.numDeletedRows), messages: Number(messages.numDeletedRows) };
}
