// Reading and writing widget keys: each member's public keys and the origins each one allows.
import type { Kysely } from 'kysely';
import type { ChatSafetyTables } from './chat-safety-schema.js';
import type { Database } from './schema.js';

export interface WidgetKey {
  key: string;
  member: string;
  origins: string[];
  label?: string;
  createdAt: string;
}

export class WidgetKeyStore {
  readonly #db: Kysely<Database & ChatSafetyTables>;

  constructor(db: Kysely<Database>) {
    this.#db = db as unknown as Kysely<Database & ChatSafetyTables>;
  }

  /** Stores a key; false when the key exists already (nothing is changed then). */
  async add(key: WidgetKey): Promise<boolean> {
    const result = await this.#db
      .insertInto('widget_keys')
      .values({
        key: key.key,
        member: key.member,
        origins: JSON.stringify(key.origins),
        label: key.label ?? null,
        created_at: key.createdAt,
      })
      .onConflict((conflict) => conflict.column('key').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
  }

  async find(key: string): Promise<WidgetKey | undefined> {
    const row = await this.#db.selectFrom('widget_keys').selectAll().where('key', '=', key).executeTakeFirst();
    return row && toKey(row);
  }

  /** Every key, or one member's, oldest first. */
  async list(member?: string): Promise<WidgetKey[]> {
    let query = this.#db.selectFrom('widget_keys').selectAll().orderBy('member').orderBy('created_at').orderBy('key');
    if (member !== undefined) query = query.where('member', '=', member);
    return (await query.execute()).map(toKey);
  }

  async memberExists(member: string): Promise<boolean> {
    return (await this.#db.selectFrom('members').select('id').where('id', '=', member).executeTakeFirst()) !== undefined;
  }
}

function toKey(row: ChatSafetyTables['widget_keys']): WidgetKey {
  return {
    key: row.key,
    member: row.member,
    origins: JSON.parse(row.origins) as string[],
    ...(row.label === null ? {} : { label: row.label }),
    createdAt: row.created_at,
  };
}
