// The patron's rating of a conversation, kept on the conversation itself.
import type { Kysely } from 'kysely';
import type { ChatSafetyTables } from './chat-safety-schema.js';
import type { Database } from './schema.js';

export class ChatRatingStore {
  readonly #db: Kysely<Database & ChatSafetyTables>;

  constructor(db: Kysely<Database>) {
    this.#db = db as unknown as Kysely<Database & ChatSafetyTables>;
  }

  /** Replaces any earlier rating; false when the conversation is gone. */
  async rate(conversationId: string, score: number, comment: string | null, at: string): Promise<boolean> {
    const result = await this.#db
      .updateTable('conversations')
      .set({ rating_score: score, rating_comment: comment, rated_at: at })
      .where('id', '=', conversationId)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }
}
