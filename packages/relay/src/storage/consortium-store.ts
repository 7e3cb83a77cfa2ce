// Reading the consortium's configuration out of its tables as one document, and writing it
// back object by object inside one transaction. The rules of what may change (and what a
// removal would break) are the consortium domain's; this only reads and writes rows.
/* eslint-disable @typescript-eslint/no-explicit-any -- rows of tables from several capabilities, read as plain rows and checked by the shared schemas */
import type {
  BranchConfig,
  ConsortiumSettings,
  LibrarianConfig,
  MemberConfig,
  ResourceConfig,
  StaffRole,
  WidgetKeyConfig,
} from '@atrium/sdk';
import { randomUUID } from 'node:crypto';
import { type Kysely, type Transaction, sql } from 'kysely';
import type { Database } from './schema.js';
import type { SqlDialect } from './sql-dialect.js';
import { emailKey } from './staff-store.js';
import { resourceRow } from './booking-store.js';

const SETTINGS_KEY = 'consortium';

/** A member's own fields: everything in its part of the file but the lists under it. */
export type MemberFields = Omit<MemberConfig, 'branches' | 'resources' | 'librarians' | 'widgetKeys' | 'lending' | 'chat'>;

/** A librarian as the file describes them, with the account id the store knows them by. */
export interface StoredLibrarianConfig extends LibrarianConfig {
  id: string;
  member: string | null;
}

/** The configuration as stored: the same objects as the file, keyed for comparison. */
export interface StoredConsortium {
  /** The consortium's own settings; its administrators are among `librarians`. */
  settings: Omit<ConsortiumSettings, 'administrators'> | undefined;
  members: Array<{
    fields: MemberFields;
    branches: BranchConfig[];
    resources: ResourceConfig[];
    lending: MemberConfig['lending'];
    chat: NonNullable<MemberConfig['chat']>;
    widgetKeys: Array<WidgetKeyConfig & { key: string }>;
  }>;
  librarians: StoredLibrarianConfig[];
}

/** Defaults the relay applies when a member says nothing (see the chat and retention settings). */
/** Who made a configuration change: an account, or (id null) whoever ran `atrium-relay apply`. */
export interface ChangeActor {
  id: string | null;
  email?: string;
}

/** A change as the audit log keeps it. */
export interface ChangeRecord {
  at: string;
  actor: ChangeActor;
  member: string | null;
  kind: string;
  objectId: string;
  action: 'create' | 'update' | 'remove';
  before: unknown;
  after: unknown;
}

/** One row of the audit log as staff read it. */
export interface AuditEntry {
  id: string;
  at: string;
  /** The account's id, or `command-line` for a file applied with `atrium-relay apply`. */
  actor: string;
  actorEmail?: string;
  member: string | null;
  kind: string;
  objectId: string;
  action: 'create' | 'update' | 'remove';
  before?: unknown;
  after?: unknown;
}

/** The PostgreSQL advisory lock configuration changes take for their transaction. */
const CONFIGURATION_LOCK = 0x61747269; // "atri"

export const DEFAULT_CHAT_WAIT_SECONDS = 30;
export const DEFAULT_RETENTION_DAYS = 180;
export const DEFAULT_CHAT_CAPACITY = 3;

// The configuration spans the tables of several capabilities; this store reads them as rows.
type AnyDb = Kysely<any> | Transaction<any>;

export class ConsortiumStore {
  readonly #db: Kysely<any>;

  constructor(
    db: Kysely<Database>,
    readonly dialect: SqlDialect,
  ) {
    this.#db = db as unknown as Kysely<any>;
  }

  /**
   * Runs `work` in one transaction: every write it makes is kept, or none is. Configuration
   * changes run one at a time (SQLite has one writer; on PostgreSQL a transaction lock), so a
   * change checked against what is stored cannot be overtaken by another before it is written.
   */
  transaction<T>(work: (writer: ConsortiumWriter) => Promise<T>): Promise<T> {
    return this.#db.transaction().execute(async (trx) => {
      if (this.dialect === 'postgres') await sql`select pg_advisory_xact_lock(${CONFIGURATION_LOCK})`.execute(trx);
      return work(new ConsortiumWriter(trx));
    });
  }

  /** An enabled staff account's member and role; undefined when it is gone or disabled. */
  async staffAccount(id: string): Promise<{ id: string; email: string; member: string | null; role: StaffRole } | undefined> {
    const row = await this.#db
      .selectFrom('librarians')
      .select(['id', 'email', 'member', 'role', 'disabled'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (row === undefined || Number(row.disabled) === 1) return undefined;
    return { id: row.id, email: row.email, member: row.member ?? null, role: (row.role ?? 'librarian') as StaffRole };
  }

  /**
   * The audit log, newest first: every member's, or one member's. Ids begin with the time, so
   * `before` (an entry's id) pages back from there.
   */
  async listAudit(options: { member?: string; limit?: number; before?: string } = {}): Promise<AuditEntry[]> {
    let query = this.#db.selectFrom('audit_log').selectAll();
    if (options.member !== undefined) query = query.where('member', '=', options.member);
    if (options.before !== undefined) query = query.where('id', '<', options.before);
    const rows = await query
      .orderBy('id', 'desc')
      .limit(options.limit ?? 100)
      .execute();
    return rows.map((row: any) => ({
      id: row.id,
      at: row.at,
      actor: row.actor,
      ...(row.actor_email === null ? {} : { actorEmail: row.actor_email }),
      member: row.member ?? null,
      kind: row.object_type,
      objectId: row.object_id,
      action: row.action,
      ...(row.before === null ? {} : { before: JSON.parse(row.before) }),
      ...(row.after === null ? {} : { after: JSON.parse(row.after) }),
    }));
  }

  async read(db: AnyDb = this.#db): Promise<StoredConsortium> {
    const [settingsRow, members, branches, hours, resources, policies, keys, librarians] = await Promise.all([
      db.selectFrom('settings').select('value').where('key', '=', SETTINGS_KEY).executeTakeFirst(),
      db.selectFrom('members').selectAll().orderBy('id').execute(),
      db.selectFrom('branches').selectAll().orderBy('member_id').orderBy('position').execute(),
      db.selectFrom('branch_hours').selectAll().execute(),
      db.selectFrom('booking_resources').selectAll().orderBy('member_id').orderBy('position').orderBy('id').execute(),
      db.selectFrom('lending_policies').selectAll().execute(),
      db.selectFrom('widget_keys').selectAll().orderBy('member').orderBy('created_at').orderBy('key').execute(),
      db.selectFrom('librarians').selectAll().orderBy('member').orderBy('email_key').execute(),
    ]);
    const hoursOf = new Map(hours.map((row: any) => [`${row.member_id}\u0000${row.branch_id}`, row]));
    const policyOf = new Map(policies.map((row: any) => [row.member_id as string, JSON.parse(row.policy)]));
    return {
      settings: settingsRow ? (JSON.parse(settingsRow.value) as Omit<ConsortiumSettings, 'administrators'>) : undefined,
      members: members.map((row: any) => {
        const id = row.id as string;
        return {
          fields: memberFields(row),
          branches: branches
            .filter((branch: any) => branch.member_id === id)
            .map((branch: any) => toBranch(branch, hoursOf.get(`${id}\u0000${branch.id}`))),
          resources: resources.filter((resource: any) => resource.member_id === id).map(toResource),
          lending: policyOf.get(id),
          chat: { waitSeconds: Number(row.chat_wait_seconds), retentionDays: Number(row.chat_retention_days) },
          widgetKeys: keys
            .filter((key: any) => key.member === id)
            .map((key: any) => ({ label: key.label ?? key.key, origins: JSON.parse(key.origins) as string[], key: key.key as string })),
        };
      }),
      librarians: librarians.map((row: any) => ({
        id: row.id,
        member: row.member ?? null,
        email: row.email,
        name: row.name,
        role: row.role,
        chatCapacity: Number(row.chat_capacity),
        ...(Number(row.disabled) === 1 ? { disabled: true } : {}),
      })),
    };
  }

  /** What still refers to a member, branch or resource: reasons it may not be removed. */
  async referencesTo(target: { member: string; branch?: string; resource?: string }, db: AnyDb = this.#db): Promise<string[]> {
    const count = async (table: string, where: Array<[string, string]>): Promise<number> => {
      let query = db.selectFrom(table).select((eb: any) => eb.fn.countAll().as('n'));
      for (const [column, value] of where) query = query.where(column, '=', value);
      return Number(((await query.executeTakeFirst()) as { n?: unknown } | undefined)?.n ?? 0);
    };
    const found: string[] = [];
    const note = (n: number, one: string, many = `${one}s`) => {
      if (n > 0) found.push(`${n} ${n === 1 ? one : many}`);
    };
    if (target.resource !== undefined) {
      note(await count('bookings', [['resource_id', target.resource]]), 'booking');
      return found;
    }
    if (target.branch !== undefined) {
      note(
        await count('holdings', [
          ['member', target.member],
          ['branch', target.branch],
        ]),
        'catalogue copy',
        'catalogue copies',
      );
      note(
        await count('holds', [
          ['pickup_member', target.member],
          ['pickup_branch', target.branch],
        ]),
        'hold for pickup',
      );
      return found;
    }
    note(await count('records', [['member', target.member]]), 'catalogue record');
    note(await count('holds', [['member_id', target.member]]), 'hold');
    note(await count('holds', [['pickup_member', target.member]]), 'hold for pickup');
    const bookings = (await db
      .selectFrom('bookings')
      .innerJoin('booking_resources', 'booking_resources.id', 'bookings.resource_id')
      .select((eb: any) => eb.fn.countAll().as('n'))
      .where('booking_resources.member_id', '=', target.member)
      .executeTakeFirst()) as { n?: unknown } | undefined;
    note(Number(bookings?.n ?? 0), 'booking');
    note(await count('conversations', [['member', target.member]]), 'chat');
    note(await count('questions', [['member', target.member]]), 'question');
    return found;
  }

  /** What refers to a librarian's account: chats they answered. */
  async referencesToLibrarian(id: string, db: AnyDb = this.#db): Promise<string[]> {
    const row = (await db
      .selectFrom('conversations')
      .select((eb: any) => eb.fn.countAll().as('n'))
      .where('librarian_id', '=', id)
      .executeTakeFirst()) as { n?: unknown } | undefined;
    const n = Number(row?.n ?? 0);
    return n > 0 ? [`${n} chat${n === 1 ? '' : 's'} they answered`] : [];
  }
}

/** The writes an apply makes, all on one transaction. */
export class ConsortiumWriter {
  constructor(readonly db: Transaction<any>) {}

  /** Records changes in the audit log, in the order given (ids sort in that order within one time). */
  async recordChanges(changes: readonly ChangeRecord[]): Promise<void> {
    if (changes.length === 0) return;
    const stamp = randomUUID();
    await this.db
      .insertInto('audit_log')
      .values(
        changes.map((change, index) => ({
          id: `${change.at}_${String(index).padStart(6, '0')}_${stamp}`,
          at: change.at,
          actor: change.actor.id ?? 'command-line',
          actor_email: change.actor.email ?? null,
          member: change.member,
          object_type: change.kind,
          object_id: change.objectId,
          action: change.action,
          before: change.before === undefined ? null : JSON.stringify(change.before),
          after: change.after === undefined ? null : JSON.stringify(change.after),
        })),
      )
      .execute();
  }

  /** The consortium's own settings; its administrators are accounts, written as librarians. */
  async setSettings(settings: Omit<ConsortiumSettings, 'administrators'>): Promise<void> {
    const value = JSON.stringify(settings);
    await this.db
      .insertInto('settings')
      .values({ key: SETTINGS_KEY, value })
      .onConflict((conflict: any) => conflict.column('key').doUpdateSet({ value }))
      .execute();
  }

  async upsertMember(member: MemberFields, chat: MemberConfig['chat']): Promise<void> {
    const values = {
      name_en: member.name.en,
      name_zh: member.name.zh ?? null,
      kind: member.kind,
      timezone: member.timezone,
      home_page: member.homePage ?? null,
      logo: member.logo ?? null,
      contact: member.contact === undefined ? null : JSON.stringify(member.contact),
      chat_wait_seconds: chat?.waitSeconds ?? DEFAULT_CHAT_WAIT_SECONDS,
      chat_retention_days: chat?.retentionDays ?? DEFAULT_RETENTION_DAYS,
    };
    await this.db
      .insertInto('members')
      .values({ id: member.id, ...values })
      .onConflict((conflict: any) => conflict.column('id').doUpdateSet(values))
      .execute();
  }

  async upsertBranch(member: string, branch: BranchConfig, position: number): Promise<void> {
    const values = {
      name_en: branch.name.en,
      name_zh: branch.name.zh ?? null,
      position,
      address: branch.address ?? null,
      latitude: branch.coordinates?.lat ?? null,
      longitude: branch.coordinates?.lon ?? null,
    };
    await this.db
      .insertInto('branches')
      .values({ member_id: member, id: branch.id, ...values })
      .onConflict((conflict: any) => conflict.columns(['member_id', 'id']).doUpdateSet(values))
      .execute();
    if (branch.hours === undefined) {
      await this.db.deleteFrom('branch_hours').where('member_id', '=', member).where('branch_id', '=', branch.id).execute();
      return;
    }
    const { weekly, closed, periods } = branch.hours;
    const hours = {
      weekly: JSON.stringify(weekly),
      closed: JSON.stringify(closed),
      periods: periods === undefined ? null : JSON.stringify(periods),
    };
    await this.db
      .insertInto('branch_hours')
      .values({ member_id: member, branch_id: branch.id, ...hours })
      .onConflict((conflict: any) => conflict.columns(['member_id', 'branch_id']).doUpdateSet(hours))
      .execute();
  }

  async removeBranch(member: string, branch: string): Promise<void> {
    await this.db.deleteFrom('branch_hours').where('member_id', '=', member).where('branch_id', '=', branch).execute();
    await this.db.deleteFrom('branches').where('member_id', '=', member).where('id', '=', branch).execute();
  }

  async upsertResource(member: string, resource: ResourceConfig, position: number): Promise<void> {
    const values = resourceRow({ ...RESOURCE_DEFAULTS, ...resource, id: `${member}:${resource.id}`, member }, position);
    await this.db
      .insertInto('booking_resources')
      .values({ id: `${member}:${resource.id}`, ...values })
      .onConflict((conflict: any) => conflict.column('id').doUpdateSet(values))
      .execute();
  }

  async removeResource(member: string, resource: string): Promise<void> {
    await this.db.deleteFrom('booking_resources').where('id', '=', `${member}:${resource}`).execute();
  }

  async setLending(member: string, policy: MemberConfig['lending']): Promise<void> {
    if (policy === undefined) {
      await this.db.deleteFrom('lending_policies').where('member_id', '=', member).execute();
      return;
    }
    const text = JSON.stringify(policy);
    await this.db
      .insertInto('lending_policies')
      .values({ member_id: member, policy: text })
      .onConflict((conflict: any) => conflict.column('member_id').doUpdateSet({ policy: text }))
      .execute();
  }

  async upsertWidgetKey(member: string, key: WidgetKeyConfig & { key: string }, createdAt: string): Promise<void> {
    const values = { member, origins: JSON.stringify(key.origins), label: key.label };
    await this.db
      .insertInto('widget_keys')
      .values({ key: key.key, created_at: createdAt, ...values })
      .onConflict((conflict: any) => conflict.column('key').doUpdateSet(values))
      .execute();
  }

  async removeWidgetKey(key: string): Promise<void> {
    await this.db.deleteFrom('widget_keys').where('key', '=', key).execute();
  }

  /**
   * Adds or updates an account by email; an update never touches the password. An account a
   * file creates gets the hash it is given (one matching no password until its owner sets one).
   */
  async upsertLibrarian(
    librarian: LibrarianConfig & { member: string | null },
    account: { id: string; createdAt: string; passwordHash: string },
  ): Promise<void> {
    const values = {
      member: librarian.member,
      email: librarian.email,
      name: librarian.name,
      chat_capacity: librarian.chatCapacity ?? DEFAULT_CHAT_CAPACITY,
      disabled: librarian.disabled ? 1 : 0,
      role: librarian.role ?? 'librarian',
    };
    await this.db
      .insertInto('librarians')
      .values({
        id: account.id,
        email_key: emailKey(librarian.email),
        password_hash: account.passwordHash,
        created_at: account.createdAt,
        ...values,
      })
      .onConflict((conflict: any) => conflict.column('email_key').doUpdateSet(values))
      .execute();
  }

  async removeLibrarian(id: string): Promise<void> {
    await this.db.deleteFrom('librarian_presence').where('librarian_id', '=', id).execute();
    await this.db.deleteFrom('librarians').where('id', '=', id).execute();
  }

  async removeMember(member: string): Promise<void> {
    for (const [table, column] of [
      ['branch_hours', 'member_id'],
      ['booking_resources', 'member_id'],
      ['lending_policies', 'member_id'],
      ['widget_keys', 'member'],
      ['canned_responses', 'member'],
      ['service_policies', 'member_id'],
      ['branches', 'member_id'],
    ] as const) {
      await this.db.deleteFrom(table).where(column, '=', member).execute();
    }
    await this.db.deleteFrom('members').where('id', '=', member).execute();
  }
}

/** What a resource takes when the file leaves a setting out. */
export const RESOURCE_DEFAULTS = { placesPer: 'booking', maxPartySize: 1, maxDaysAhead: 14, maxActivePerPatron: 2 } as const;

function memberFields(row: any): MemberFields {
  return {
    id: row.id,
    name: row.name_zh === null ? { en: row.name_en } : { en: row.name_en, zh: row.name_zh },
    kind: row.kind,
    timezone: row.timezone,
    ...(row.home_page ? { homePage: row.home_page } : {}),
    ...(row.contact ? { contact: JSON.parse(row.contact) } : {}),
    ...(row.logo ? { logo: row.logo } : {}),
  };
}

function toBranch(row: any, hours: any): BranchConfig {
  return {
    id: row.id,
    name: row.name_zh === null ? { en: row.name_en } : { en: row.name_en, zh: row.name_zh },
    ...(row.address ? { address: row.address } : {}),
    ...(row.latitude === null || row.latitude === undefined
      ? {}
      : { coordinates: { lat: Number(row.latitude), lon: Number(row.longitude) } }),
    ...(hours
      ? {
          hours: {
            weekly: JSON.parse(hours.weekly),
            ...(hours.periods ? { periods: JSON.parse(hours.periods) } : {}),
            closed: JSON.parse(hours.closed),
          },
        }
      : {}),
  };
}

function toResource(row: any): ResourceConfig {
  const localId = String(row.id).slice(String(row.member_id).length + 1);
  return {
    id: localId,
    branch: row.branch_id,
    kind: row.kind,
    name: row.name_zh === null ? { en: row.name_en } : { en: row.name_en, zh: row.name_zh },
    ...(row.description_en === null
      ? {}
      : { description: row.description_zh === null ? { en: row.description_en } : { en: row.description_en, zh: row.description_zh } }),
    capacity: Number(row.capacity),
    placesPer: row.places_per,
    maxPartySize: Number(row.max_party_size),
    slotMinutes: Number(row.slot_minutes),
    maxDaysAhead: Number(row.max_days_ahead),
    maxActivePerPatron: Number(row.max_active_per_patron),
    ...(row.schedule === null ? {} : { schedule: JSON.parse(row.schedule) }),
    ...(row.record_id === null ? {} : { recordId: row.record_id }),
  };
}
