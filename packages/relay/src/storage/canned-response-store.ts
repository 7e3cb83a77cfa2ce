// Reading and writing each member's canned responses; the same statements on SQLite and PostgreSQL.
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

export interface CannedResponsesTable {
  id: string;
  member: string;
  /** `en`, or `zh` in the script the member writes it. */
  language: string;
  title: string;
  text: string;
  /** Keeps the order the member chose. */
  position: number;
  /** UTC ISO time. */
  created_at: string;
}

export interface StoredCannedResponse {
  id: string;
  member: string;
  language: string;
  title: string;
  text: string;
}

export type NewCannedResponse = StoredCannedResponse & { position: number };

export class CannedResponseStore {
  readonly #db;

  constructor(db: Kysely<Database>) {
    this.#db = db.withTables<{ canned_responses: CannedResponsesTable }>();
  }

  /** One member's responses in its order, optionally of one language only. */
  async list(member: string, language?: string): Promise<StoredCannedResponse[]> {
    let query = this.#db.selectFrom('canned_responses').select(['id', 'member', 'language', 'title', 'text']).where('member', '=', member);
    if (language !== undefined) query = query.where('language', '=', language);
    return query.orderBy('position').orderBy('id').execute();
  }

  /** Adds the responses whose id is not taken; returns how many were new. */
  async add(responses: readonly NewCannedResponse[], now = new Date()): Promise<number> {
    if (responses.length === 0) return 0;
    const rows = responses.map((response) => ({ ...response, created_at: now.toISOString() }));
    const inserted = await this.#db
      .insertInto('canned_responses')
      .values(rows)
      .onConflict((conflict) => conflict.column('id').doNothing())
      .returning('id')
      .execute();
    return inserted.length;
  }
}
