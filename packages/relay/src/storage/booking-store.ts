// Reading and writing booking data: resources and opening hours, the per-slot count of
// places taken, bookings, lending policies and holds; Idempotency-Key answers are kept through
// `idempotencyKeys`, in the same transaction.
// Rules (what may be booked, by whom) live in domain/booking; this file only stores.
import { type Kysely, type Transaction, sql } from 'kysely';
import type { LocalizedName, Resource, ResourceKind, ResourceQuery } from '@atrium/sdk';
import type { BookingTables, BookingsTable, HoldsTable } from './booking-schema.js';
import { IdempotencyKeyStore } from './idempotency-key-store.js';
import type { IdempotencyTables } from './idempotency-schema.js';
import type { Database } from './schema.js';
import type { SqlDialect } from './sql-dialect.js';

type BookingDatabase = Database & BookingTables & IdempotencyTables;
/** The same tables as a mapped type, which Kysely's withTables accepts. */
type BookingTableMap = { [Table in keyof (BookingTables & IdempotencyTables)]: (BookingTables & IdempotencyTables)[Table] };

/** A resource as configured, with what availability needs besides its wire shape. */
export interface StoredResource extends Resource {
  maxActivePerPatron: number;
  /** JSON as stored: the resource's own hours, or null to follow the branch's. */
  schedule: unknown;
  memberName: LocalizedName;
  branchName: LocalizedName;
}

export interface ResourceInput extends Omit<Resource, 'timezone'> {
  maxActivePerPatron: number;
  schedule?: unknown;
}

export interface BranchHoursInput {
  member: string;
  branch: string;
  /** JSON-able weekly hours and closed days, checked by the domain before storing. */
  weekly: unknown;
  closed: readonly string[];
}

export type BookingRow = BookingsTable;
export type HoldRow = HoldsTable;

/** Queries that run alone or inside a transaction. */
export class BookingQueries {
  /** Kept Idempotency-Key answers, on the same connection or transaction as these queries. */
  readonly idempotencyKeys: IdempotencyKeyStore;

  constructor(
    protected readonly db: Kysely<BookingDatabase> | Transaction<BookingDatabase>,
    readonly dialect: SqlDialect,
  ) {
    this.idempotencyKeys = IdempotencyKeyStore.on(db);
  }

  /**
   * Inside a transaction: makes other transactions for the same patron wait until this one
   * ends, so a per-patron limit counted here cannot be passed by simultaneous requests.
   * SQLite runs one write transaction at a time already.
   */
  async lockPatron(key: string): Promise<void> {
    if (this.dialect === 'postgres') await sql`select pg_advisory_xact_lock(hashtext(${key}))`.execute(this.db);
  }

  async listResources(query: ResourceQuery): Promise<StoredResource[]> {
    let select = this.resourceSelect();
    if (query.member) select = select.where('r.member_id', '=', query.member);
    if (query.kind) select = select.where('r.kind', '=', query.kind);
    if (query.branch) select = select.where('r.branch_id', '=', query.branch);
    const rows = await select.orderBy('r.member_id').orderBy('r.position').orderBy('r.id').execute();
    return rows.map(toResource);
  }

  async getResource(id: string): Promise<StoredResource | undefined> {
    const row = await this.resourceSelect().where('r.id', '=', id).executeTakeFirst();
    return row ? toResource(row) : undefined;
  }

  private resourceSelect() {
    return this.db
      .selectFrom('booking_resources as r')
      .innerJoin('members as m', 'm.id', 'r.member_id')
      .innerJoin('branches as b', (join) => join.onRef('b.member_id', '=', 'r.member_id').onRef('b.id', '=', 'r.branch_id'))
      .selectAll('r')
      .select([
        'm.timezone',
        'm.name_en as member_name_en',
        'm.name_zh as member_name_zh',
        'b.name_en as branch_name_en',
        'b.name_zh as branch_name_zh',
      ]);
  }

  async getBranchHours(member: string, branch: string): Promise<{ weekly: unknown; closed: unknown; periods?: unknown } | undefined> {
    const row = await this.db
      .selectFrom('branch_hours')
      .select(['weekly', 'closed', 'periods'])
      .where('member_id', '=', member)
      .where('branch_id', '=', branch)
      .executeTakeFirst();
    if (!row) return undefined;
    return { weekly: JSON.parse(row.weekly), closed: JSON.parse(row.closed), ...(row.periods ? { periods: JSON.parse(row.periods) } : {}) };
  }

  /** Places taken in the resource's slots starting in [from, to), by slot start. */
  async placesTaken(resourceId: string, from: string, to: string): Promise<Map<string, number>> {
    const rows = await this.db
      .selectFrom('booking_slots')
      .select(['start_at', 'taken'])
      .where('resource_id', '=', resourceId)
      .where('start_at', '>=', from)
      .where('start_at', '<', to)
      .execute();
    return new Map(rows.map((row) => [row.start_at, Number(row.taken)]));
  }

  /**
   * Takes `places` in a slot if that many are left, in one conditional update: concurrent
   * claims on the same row wait for each other and re-check the count, so a slot never
   * gives more places than it has. Returns false when the places are not there.
   */
  async claimPlaces(resourceId: string, start: string, places: number, capacity: number): Promise<boolean> {
    await this.db
      .insertInto('booking_slots')
      .values({ resource_id: resourceId, start_at: start, taken: 0 })
      .onConflict((conflict) => conflict.columns(['resource_id', 'start_at']).doNothing())
      .execute();
    const result = await this.db
      .updateTable('booking_slots')
      .set((eb) => ({ taken: eb('taken', '+', places) }))
      .where('resource_id', '=', resourceId)
      .where('start_at', '=', start)
      .where((eb) => eb(eb('taken', '+', places), '<=', capacity))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async releasePlaces(resourceId: string, start: string, places: number): Promise<void> {
    await this.db
      .updateTable('booking_slots')
      .set((eb) => ({ taken: eb('taken', '-', places) }))
      .where('resource_id', '=', resourceId)
      .where('start_at', '=', start)
      .execute();
  }

  async insertBooking(row: BookingRow): Promise<void> {
    await this.db.insertInto('bookings').values(row).execute();
  }

  async getBooking(id: string): Promise<BookingRow | undefined> {
    return this.db.selectFrom('bookings').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** A member's time zone and branch ids, or undefined for an unknown member. */
  async memberCalendar(member: string): Promise<{ timezone: string; branches: string[] } | undefined> {
    const row = await this.db.selectFrom('members').select('timezone').where('id', '=', member).executeTakeFirst();
    if (!row) return undefined;
    const branches = await this.db.selectFrom('branches').select('id').where('member_id', '=', member).orderBy('id').execute();
    return { timezone: row.timezone, branches: branches.map((branch) => branch.id) };
  }

  /** Bookings of a member's resources starting in [from, to), in start order. */
  async listBookingsFor(
    member: string,
    from: string,
    to: string,
    filter: { resourceId?: string | undefined; branch?: string | undefined },
    limit: number,
  ): Promise<BookingRow[]> {
    let select = this.db
      .selectFrom('bookings as k')
      .innerJoin('booking_resources as r', 'r.id', 'k.resource_id')
      .selectAll('k')
      .where('r.member_id', '=', member)
      .where('k.start_at', '>=', from)
      .where('k.start_at', '<', to);
    if (filter.resourceId) select = select.where('k.resource_id', '=', filter.resourceId);
    if (filter.branch) select = select.where('r.branch_id', '=', filter.branch);
    return select.orderBy('k.start_at').orderBy('k.id').limit(limit).execute();
  }

  /** Confirmed bookings of a patron at a member that have not ended by `now`. */
  async countActiveBookings(email: string, member: string, now: string): Promise<number> {
    const row = await this.db
      .selectFrom('bookings as k')
      .innerJoin('booking_resources as r', 'r.id', 'k.resource_id')
      .select((eb) => eb.fn.countAll<number | string>().as('count'))
      .where('k.patron_email', '=', email)
      .where('k.status', '=', 'confirmed')
      .where('k.end_at', '>', now)
      .where('r.member_id', '=', member)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  /** Cancels a confirmed booking; false when it was no longer confirmed (a concurrent cancel won). */
  async markBookingCancelled(id: string, at: string): Promise<boolean> {
    const result = await this.db
      .updateTable('bookings')
      .set({ status: 'cancelled', cancelled_at: at })
      .where('id', '=', id)
      .where('status', '=', 'confirmed')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Marks a confirmed booking as a no-show; false when it was no longer confirmed. */
  async markBookingNoShow(id: string): Promise<boolean> {
    const result = await this.db
      .updateTable('bookings')
      .set({ status: 'no_show' })
      .where('id', '=', id)
      .where('status', '=', 'confirmed')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Every member's lending policy as stored (JSON-parsed), by member id. */
  async listLendingPolicies(): Promise<Map<string, unknown>> {
    const rows = await this.db.selectFrom('lending_policies').select(['member_id', 'policy']).execute();
    return new Map(rows.map((row) => [row.member_id, JSON.parse(row.policy)]));
  }

  async getLendingPolicy(member: string): Promise<unknown> {
    const row = await this.db.selectFrom('lending_policies').select('policy').where('member_id', '=', member).executeTakeFirst();
    return row ? JSON.parse(row.policy) : undefined;
  }

  async insertHold(row: HoldRow): Promise<void> {
    await this.db.insertInto('holds').values(row).execute();
  }

  async getHold(id: string): Promise<HoldRow | undefined> {
    return this.db.selectFrom('holds').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /**
   * Holds owned by or picked up at a member, most recently changed first; with a branch, only
   * those to be picked up at that branch of the member.
   */
  async listHoldsFor(member: string, statuses: readonly string[] | undefined, limit: number, branch?: string): Promise<HoldRow[]> {
    let select = this.db.selectFrom('holds').selectAll();
    select = branch
      ? select.where('pickup_member', '=', member).where('pickup_branch', '=', branch)
      : select.where((eb) => eb.or([eb('member_id', '=', member), eb('pickup_member', '=', member)]));
    if (statuses && statuses.length > 0) select = select.where('status', 'in', [...statuses]);
    return select.orderBy('updated_at', 'desc').orderBy('id').limit(limit).execute();
  }

  /** Holds in a step since before `before` (their last change), oldest first, after a (time, id) cursor. */
  async listHoldsUnchangedSince(status: string, before: string, limit: number, after?: { at: string; id: string }): Promise<HoldRow[]> {
    let select = this.db.selectFrom('holds').selectAll().where('status', '=', status).where('updated_at', '<', before);
    if (after) {
      select = select.where((eb) =>
        eb.or([eb('updated_at', '>', after.at), eb.and([eb('updated_at', '=', after.at), eb('id', '>', after.id)])]),
      );
    }
    return select.orderBy('updated_at').orderBy('id').limit(limit).execute();
  }

  async countActiveHolds(email: string, member: string, activeStatuses: readonly string[]): Promise<number> {
    const row = await this.db
      .selectFrom('holds')
      .select((eb) => eb.fn.countAll<number | string>().as('count'))
      .where('patron_email', '=', email)
      .where('member_id', '=', member)
      .where('status', 'in', [...activeStatuses])
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  /** Moves a hold on only if it is still in `from`: of two concurrent moves, one wins. */
  async updateHoldStatus(id: string, from: string, to: string, history: string, at: string): Promise<boolean> {
    const result = await this.db
      .updateTable('holds')
      .set({ status: to, history, updated_at: at })
      .where('id', '=', id)
      .where('status', '=', from)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}

export class SqlBookingStore extends BookingQueries {
  readonly #db: Kysely<BookingDatabase>;

  constructor(db: Kysely<Database>, dialect: SqlDialect) {
    const bookingDb = db.withTables<BookingTableMap>();
    super(bookingDb, dialect);
    this.#db = bookingDb;
  }

  /** Runs `work` in one transaction: everything it wrote is kept, or nothing is. */
  transaction<T>(work: (queries: BookingQueries) => Promise<T>): Promise<T> {
    return this.#db.transaction().execute((trx) => work(new BookingQueries(trx, this.dialect)));
  }

  async upsertBranchHours(hours: readonly BranchHoursInput[]): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      for (const entry of hours) {
        const values = { weekly: JSON.stringify(entry.weekly), closed: JSON.stringify(entry.closed) };
        await trx
          .insertInto('branch_hours')
          .values({ member_id: entry.member, branch_id: entry.branch, ...values })
          .onConflict((conflict) => conflict.columns(['member_id', 'branch_id']).doUpdateSet(values))
          .execute();
      }
    });
  }

  /** Inserts or updates resources by id; places already taken in their slots stay taken. */
  async upsertResources(resources: readonly ResourceInput[]): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      for (const [position, resource] of resources.entries()) {
        const values = resourceRow(resource, position);
        await trx
          .insertInto('booking_resources')
          .values({ id: resource.id, ...values })
          .onConflict((conflict) => conflict.column('id').doUpdateSet(values))
          .execute();
      }
    });
  }

  async upsertLendingPolicy(member: string, policy: unknown): Promise<void> {
    const text = JSON.stringify(policy);
    await this.#db
      .insertInto('lending_policies')
      .values({ member_id: member, policy: text })
      .onConflict((conflict) => conflict.column('member_id').doUpdateSet({ policy: text }))
      .execute();
  }
}

type ResourceJoinRow = BookingTables['booking_resources'] & {
  timezone: string;
  member_name_en: string;
  member_name_zh: string | null;
  branch_name_en: string;
  branch_name_zh: string | null;
};

function localized(en: string, zh: string | null): LocalizedName {
  return zh === null ? { en } : { en, zh };
}

function toResource(row: ResourceJoinRow): StoredResource {
  return {
    id: row.id,
    member: row.member_id,
    branch: row.branch_id,
    kind: row.kind as ResourceKind,
    name: localized(row.name_en, row.name_zh),
    ...(row.description_en === null ? {} : { description: localized(row.description_en, row.description_zh) }),
    capacity: Number(row.capacity),
    placesPer: row.places_per as Resource['placesPer'],
    maxPartySize: Number(row.max_party_size),
    slotMinutes: Number(row.slot_minutes),
    maxDaysAhead: Number(row.max_days_ahead),
    timezone: row.timezone,
    ...(row.record_id === null ? {} : { recordId: row.record_id }),
    maxActivePerPatron: Number(row.max_active_per_patron),
    schedule: row.schedule === null ? null : JSON.parse(row.schedule),
    memberName: localized(row.member_name_en, row.member_name_zh),
    branchName: localized(row.branch_name_en, row.branch_name_zh),
  };
}

/** A resource's columns in `booking_resources` (all but its id), for every writer of resources. */
export function resourceRow(resource: ResourceInput, position: number) {
  return {
    member_id: resource.member,
    branch_id: resource.branch,
    kind: resource.kind,
    name_en: resource.name.en,
    name_zh: resource.name.zh ?? null,
    description_en: resource.description?.en ?? null,
    description_zh: resource.description?.zh ?? null,
    capacity: resource.capacity,
    places_per: resource.placesPer,
    max_party_size: resource.maxPartySize,
    slot_minutes: resource.slotMinutes,
    max_days_ahead: resource.maxDaysAhead,
    max_active_per_patron: resource.maxActivePerPatron,
    schedule: resource.schedule === undefined ? null : JSON.stringify(resource.schedule),
    record_id: resource.recordId ?? null,
    position,
  };
}
