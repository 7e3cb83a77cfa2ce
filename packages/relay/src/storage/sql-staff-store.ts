// The staff store over Kysely; the same statements run on SQLite and PostgreSQL.
import { randomBytes } from 'node:crypto';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { Database } from './schema.js';
import type { LibrariansTable } from './staff-schema.js';
import { type AttemptCount, type NewLibrarian, type StaffStore, type StoredLibrarian, emailKey } from './staff-store.js';

const SIGNING_SECRET = 'staff_token_secret';

function toLibrarian(row: Selectable<LibrariansTable>): StoredLibrarian {
  return {
    id: row.id,
    member: row.member,
    email: row.email,
    name: row.name,
    passwordHash: row.password_hash,
    createdAt: row.created_at,
    disabled: Number(row.disabled) !== 0,
  };
}

export class SqlStaffStore implements StaffStore {
  constructor(private readonly db: Kysely<Database>) {}

  async addLibrarian(librarian: NewLibrarian): Promise<StoredLibrarian | undefined> {
    const row = await this.db
      .insertInto('librarians')
      .values({
        id: librarian.id,
        member: librarian.member,
        email: librarian.email.trim(),
        email_key: emailKey(librarian.email),
        name: librarian.name,
        password_hash: librarian.passwordHash,
        created_at: librarian.createdAt,
        disabled: 0,
      })
      .onConflict((conflict) => conflict.column('email_key').doNothing())
      .returningAll()
      .executeTakeFirst();
    return row ? toLibrarian(row) : undefined;
  }

  async getLibrarian(id: string): Promise<StoredLibrarian | undefined> {
    const row = await this.db.selectFrom('librarians').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toLibrarian(row) : undefined;
  }

  async findLibrarianByEmail(email: string): Promise<StoredLibrarian | undefined> {
    const row = await this.db.selectFrom('librarians').selectAll().where('email_key', '=', emailKey(email)).executeTakeFirst();
    return row ? toLibrarian(row) : undefined;
  }

  async listLibrarians(member?: string): Promise<StoredLibrarian[]> {
    let query = this.db.selectFrom('librarians').selectAll();
    if (member !== undefined) query = query.where('member', '=', member);
    const rows = await query.orderBy('member').orderBy('email_key').execute();
    return rows.map(toLibrarian);
  }

  async setPasswordHash(id: string, passwordHash: string): Promise<void> {
    await this.db.updateTable('librarians').set({ password_hash: passwordHash }).where('id', '=', id).execute();
  }

  async addPasswordLink(link: { tokenHash: string; librarianId: string; createdAt: string; expiresAt: string }): Promise<void> {
    await this.db
      .insertInto('staff_links')
      .values({ token_hash: link.tokenHash, librarian_id: link.librarianId, created_at: link.createdAt, expires_at: link.expiresAt })
      .execute();
  }

  async passwordLinkOwner(tokenHash: string, now: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('staff_links')
      .select('librarian_id')
      .where('token_hash', '=', tokenHash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return row?.librarian_id;
  }

  async usePasswordLink(tokenHash: string, now: string): Promise<boolean> {
    // One statement, so two requests racing with the same link cannot both use it.
    const result = await this.db
      .updateTable('staff_links')
      .set({ used_at: now })
      .where('token_hash', '=', tokenHash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async setDisabled(id: string, disabled: boolean): Promise<void> {
    await this.db
      .updateTable('librarians')
      .set({ disabled: disabled ? 1 : 0 })
      .where('id', '=', id)
      .execute();
  }

  async signingSecret(): Promise<string> {
    // Nodes starting together may both propose a secret; the first insert wins and all read it back.
    await this.db
      .insertInto('settings')
      .values({ key: SIGNING_SECRET, value: randomBytes(32).toString('base64url') })
      .onConflict((conflict) => conflict.column('key').doNothing())
      .execute();
    const row = await this.db.selectFrom('settings').select('value').where('key', '=', SIGNING_SECRET).executeTakeFirstOrThrow();
    return row.value;
  }

  async countAttempt(key: string, now: number, windowMs: number): Promise<AttemptCount> {
    const expired = now - windowMs;
    // One statement, so attempts arriving at once on several nodes are all counted.
    const row = await this.db
      .insertInto('login_attempts')
      .values({ key, window_start: now, attempts: 1 })
      .onConflict((conflict) =>
        conflict.column('key').doUpdateSet({
          attempts: sql<number>`case when login_attempts.window_start <= ${expired} then 1 else login_attempts.attempts + 1 end`,
          window_start: sql<number>`case when login_attempts.window_start <= ${expired} then ${now} else login_attempts.window_start end`,
        }),
      )
      .returning(['attempts', 'window_start'])
      .executeTakeFirstOrThrow();
    // PostgreSQL hands bigint columns back as strings.
    return { attempts: Number(row.attempts), windowEndsAt: Number(row.window_start) + windowMs };
  }

  async forgiveAttempts(key: string, how: 'one' | 'all'): Promise<void> {
    if (how === 'all') {
      await this.db.deleteFrom('login_attempts').where('key', '=', key).execute();
      return;
    }
    await this.db
      .updateTable('login_attempts')
      .set({ attempts: sql<number>`attempts - 1` })
      .where('key', '=', key)
      .where('attempts', '>', 0)
      .execute();
  }

  async pruneAttempts(startedBefore: number): Promise<void> {
    await this.db.deleteFrom('login_attempts').where('window_start', '<', startedBefore).execute();
  }
}
