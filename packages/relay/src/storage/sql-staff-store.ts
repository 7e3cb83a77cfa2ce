// The staff store over Kysely; the same statements run on SQLite and PostgreSQL.
import { randomBytes } from 'node:crypto';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { Database } from './schema.js';
import type { LibrariansTable } from './staff-schema.js';
import {
  type AttemptAdmission,
  type AttemptRule,
  type NewLibrarian,
  type StaffStore,
  type StoredLibrarian,
  emailKey,
} from './staff-store.js';

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

  async attemptsWaitUntil(keys: readonly string[]): Promise<number> {
    if (keys.length === 0) return 0;
    const rows = await this.db.selectFrom('login_attempts').select('blocked_until').where('key', 'in', keys).execute();
    return Math.max(0, ...rows.map((row) => Number(row.blocked_until)));
  }

  async takeAttempt(key: string, now: number, rule: AttemptRule): Promise<AttemptAdmission> {
    // Every number is cast to bigint: in a CASE or a sum PostgreSQL would otherwise guess its type
    // (text, or an integer that ms since the epoch overflow).
    const big = (value: number) => sql<number>`cast(${value} as bigint)`;
    const failures = sql<number>`case when login_attempts.last_at <= ${big(now - rule.forgetAfterMs)} then 1 else login_attempts.failures + 1 end`;
    const doubled = sql<number>`login_attempts.delay_ms * 2`;
    const delay = sql<number>`case
      when ${failures} < ${big(rule.freeAttempts)} then ${big(0)}
      when ${failures} = ${big(rule.freeAttempts)} or ${doubled} < ${big(rule.firstDelayMs)} then ${big(rule.firstDelayMs)}
      when ${doubled} > ${big(rule.maxDelayMs)} then ${big(rule.maxDelayMs)}
      else ${doubled} end`;
    const firstDelay = rule.freeAttempts <= 1 ? rule.firstDelayMs : 0;
    // The update is skipped while the key waits, and then nothing is returned: refused, uncounted.
    const row = await this.db
      .insertInto('login_attempts')
      .values({ key, failures: 1, last_at: now, delay_ms: firstDelay, blocked_until: now + firstDelay })
      .onConflict((conflict) =>
        conflict
          .column('key')
          .doUpdateSet({
            failures,
            last_at: big(now),
            delay_ms: delay,
            blocked_until: sql<number>`${big(now)} + ${delay}`,
          })
          .where('login_attempts.blocked_until', '<=', big(now)),
      )
      .returning('failures')
      .executeTakeFirst();
    if (row !== undefined) return { admitted: true };
    return { admitted: false, retryAt: await this.attemptsWaitUntil([key]) };
  }

  async forgiveAttempts(key: string, how: 'one' | 'all', rule: AttemptRule): Promise<void> {
    if (how === 'all') {
      await this.db.deleteFrom('login_attempts').where('key', '=', key).execute();
      return;
    }
    const belowFree = sql<boolean>`login_attempts.failures - 1 < ${sql<number>`cast(${rule.freeAttempts} as bigint)`}`;
    await this.db
      .updateTable('login_attempts')
      .set({
        failures: sql<number>`failures - 1`,
        delay_ms: sql<number>`case when ${belowFree} then 0 else delay_ms end`,
        blocked_until: sql<number>`case when ${belowFree} then 0 else blocked_until end`,
      })
      .where('key', '=', key)
      .where('failures', '>', 0)
      .execute();
  }

  async pruneAttempts(lastBefore: number): Promise<void> {
    await this.db.deleteFrom('login_attempts').where('last_at', '<', lastBefore).execute();
  }
}
