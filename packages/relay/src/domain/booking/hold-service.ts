// Holds on catalogue records for pickup at a member branch, under the owning member's lending
// policy; the patron follows and cancels a hold with its token, staff move it on, and a hold
// left on the pickup shelf past the member's pickup window expires.
import { randomUUID } from 'node:crypto';
import type { Hold, HoldEvent, HoldRequest, HoldStatus } from '@atrium/sdk';
import type { SqlBookingStore, HoldRow, BookingQueries } from '../../storage/booking-store.js';
import type { CatalogStore, MemberInput, RecordInput } from '../../storage/catalog-store.js';
import { BookingRefusal } from './booking-refusal.js';
import { newToken, sameToken } from './booking-service.js';
import { ACTIVE_HOLD_STATUSES, canMove, nextStatuses } from './hold-status.js';
import { type Outcome, type RequestContext, runOnce } from '../idempotency/idempotent-request.js';
import { DEFAULT_PICKUP_WINDOW_DAYS, LendingPolicy, UNLENDABLE_HOLDING_STATUSES } from './lending-policy.js';

const DAY_MS = 86_400_000;
/** Holds expired per query; a run goes on until none is left. */
const EXPIRY_BATCH = 200;

export interface HoldServiceOptions {
  now?: () => Date;
}

export class HoldService {
  readonly #store: SqlBookingStore;
  readonly #catalog: CatalogStore;
  readonly #now: () => Date;

  constructor(store: SqlBookingStore, catalog: CatalogStore, options: HoldServiceOptions = {}) {
    this.#store = store;
    this.#catalog = catalog;
    this.#now = options.now ?? (() => new Date());
  }

  async place(request: HoldRequest, context: RequestContext): Promise<Outcome<Hold>> {
    const now = this.#now();
    // Catalogue and policy are read before the transaction: they are not what concurrent holds change.
    const [record, members, storedPolicy] = await Promise.all([
      this.#catalog.getRecord(request.recordId),
      this.#catalog.listMembers(),
      this.#store.getLendingPolicy(request.recordId.slice(0, request.recordId.indexOf(':'))),
    ]);
    return runOnce({ store: this.#store, scope: 'holds', refusal: BookingRefusal, request, context, now }, async (queries) => {
      if (!record) throw new BookingRefusal(404, 'record_not_found', `No record ${request.recordId} in the union catalog`);
      const owner = members.find((member) => member.id === record.member);
      const ownerName = owner?.name.en ?? record.member;
      const policy = storedPolicy === undefined ? undefined : LendingPolicy.parse(storedPolicy);
      checkLending(record, ownerName, policy, request, members);
      const email = request.patron.email.toLowerCase();
      await queries.lockPatron(`hold:${record.member}:${email}`);
      const active = await queries.countActiveHolds(email, record.member, ACTIVE_HOLD_STATUSES);
      if (active >= policy.maxActiveHolds) {
        throw new BookingRefusal(
          422,
          'limit_reached',
          `You already have ${active} holds at ${ownerName}, the most it allows at once; collect or cancel one first.`,
        );
      }
      const at = now.toISOString();
      const row: HoldRow = {
        id: `hd_${randomUUID()}`,
        record_id: record.id,
        member_id: record.member,
        title: record.title,
        pickup_member: request.pickup.member,
        pickup_branch: request.pickup.branch,
        patron_name: request.patron.name,
        patron_email: email,
        patron_member: request.patron.member ?? null,
        status: 'submitted',
        history: JSON.stringify([{ status: 'submitted', at }] satisfies HoldEvent[]),
        token: newToken(),
        created_at: at,
        updated_at: at,
      };
      await queries.insertHold(row);
      return toHold(row);
    });
  }

  /**
   * Whether the owning member would lend this record through a hold, before anyone asks: its
   * policy lends this kind of record and a copy can leave the building. Who may borrow and where
   * to pick up are checked when the hold is placed.
   */
  async holdable(record: RecordInput): Promise<boolean> {
    const stored = await this.#store.getLendingPolicy(record.member);
    const policy = stored === undefined ? undefined : LendingPolicy.safeParse(stored).data;
    if (!policy?.lends.includes(record.type)) return false;
    return record.holdings.some((holding) => holding.member === record.member && !UNLENDABLE_HOLDING_STATUSES.includes(holding.status));
  }

  async get(id: string, token: string): Promise<Hold> {
    return toHold(await this.#own(this.#store, id, token));
  }

  /** The patron cancels; cancelling a cancelled hold answers it unchanged. */
  async cancel(id: string, token: string): Promise<Hold> {
    const row = await this.#own(this.#store, id, token);
    if (row.status === 'cancelled') return toHold(row);
    return this.#move(row, 'cancelled', 'Cancelled by the patron');
  }

  /** Staff move a hold to its next step (placed, in transit, ready, fulfilled, ...). */
  async transition(id: string, to: HoldStatus, note?: string): Promise<Hold> {
    const row = await this.#store.getHold(id);
    if (!row) throw new BookingRefusal(404, 'hold_not_found', `No hold ${id}`);
    return this.#move(row, to, note);
  }

  /** The hold as staff see it: no token check (the HTTP layer checks the librarian). */
  async getForStaff(id: string): Promise<Hold> {
    const row = await this.#store.getHold(id);
    if (!row) throw new BookingRefusal(404, 'hold_not_found', `No hold ${id}`);
    return toHold(row);
  }

  /**
   * Staff's work list: holds their member lends or receives for pickup, optionally in some
   * steps only, or only those to be picked up at one of its branches.
   */
  async listForMember(member: string, statuses?: readonly HoldStatus[], limit = 100, branch?: string): Promise<Hold[]> {
    return (await this.#store.listHoldsFor(member, statuses, limit, branch)).map(toHold);
  }

  /**
   * Expires holds that have waited on the pickup shelf longer than the owning member's
   * pickup window. Safe to run on several relay nodes at once: each move is conditional,
   * so a hold collected or expired meanwhile is left alone. Returns how many expired.
   */
  async expireUncollected(): Promise<number> {
    const now = this.#now();
    const windows = new Map<string, number>();
    for (const [member, stored] of await this.#store.listLendingPolicies()) {
      const parsed = LendingPolicy.safeParse(stored);
      windows.set(member, (parsed.success ? parsed.data.pickupWindowDays : undefined) ?? DEFAULT_PICKUP_WINDOW_DAYS);
    }
    const shortest = Math.min(DEFAULT_PICKUP_WINDOW_DAYS, ...windows.values());
    const before = new Date(now.getTime() - shortest * DAY_MS).toISOString();
    let expired = 0;
    let after: { at: string; id: string } | undefined;
    for (;;) {
      const rows = await this.#store.listHoldsUnchangedSince('ready_for_pickup', before, EXPIRY_BATCH, after);
      for (const row of rows) {
        after = { at: row.updated_at, id: row.id };
        const days = windows.get(row.member_id) ?? DEFAULT_PICKUP_WINDOW_DAYS;
        if (Date.parse(row.updated_at) >= now.getTime() - days * DAY_MS) continue;
        try {
          await this.#move(row, 'expired', `Not collected within ${days} ${days === 1 ? 'day' : 'days'}`);
          expired += 1;
        } catch (error) {
          // Collected, cancelled or expired by someone else since it was read.
          if (!(error instanceof BookingRefusal)) throw error;
        }
      }
      if (rows.length < EXPIRY_BATCH) return expired;
    }
  }

  async #move(row: HoldRow, to: HoldStatus, note?: string): Promise<Hold> {
    const from = row.status as HoldStatus;
    if (!canMove(from, to)) {
      const allowed = nextStatuses(from);
      throw new BookingRefusal(
        409,
        'invalid_transition',
        `A hold that is ${from} cannot become ${to}${allowed.length ? `; it can become ${allowed.join(', ')}` : '; it is closed'}.`,
      );
    }
    const at = this.#now().toISOString();
    const history: HoldEvent[] = [...(JSON.parse(row.history) as HoldEvent[]), { status: to, at, ...(note ? { note } : {}) }];
    const moved = await this.#store.updateHoldStatus(row.id, from, to, JSON.stringify(history), at);
    if (!moved) {
      throw new BookingRefusal(409, 'invalid_transition', 'The hold changed while this request was on its way; reload it and try again.');
    }
    return toHold({ ...row, status: to, history: JSON.stringify(history), updated_at: at });
  }

  async #own(queries: BookingQueries, id: string, token: string): Promise<HoldRow> {
    const row = await queries.getHold(id);
    if (!row || !sameToken(row.token, token)) throw new BookingRefusal(404, 'hold_not_found', `No hold ${id} for this token`);
    return row;
  }
}

/** The owning member's policy rules, in the order a patron can act on them. */
function checkLending(
  record: RecordInput,
  ownerName: string,
  policy: LendingPolicy | undefined,
  request: HoldRequest,
  members: readonly MemberInput[],
): asserts policy is LendingPolicy {
  if (!policy) throw new BookingRefusal(422, 'not_lendable', `${ownerName} does not lend items through the consortium.`);
  if (!policy.lends.includes(record.type)) {
    throw new BookingRefusal(422, 'not_lendable', `${ownerName} does not lend items of type "${record.type}".`);
  }
  const lendable = record.holdings.filter(
    (holding) => holding.member === record.member && !UNLENDABLE_HOLDING_STATUSES.includes(holding.status),
  );
  if (lendable.length === 0) {
    throw new BookingRefusal(422, 'not_lendable', `No copy of "${record.title}" can leave ${ownerName}: it is for use on site only.`);
  }
  if (policy.lendsTo !== 'everyone' && !(request.patron.member && policy.lendsTo.includes(request.patron.member))) {
    throw new BookingRefusal(
      422,
      'patron_not_eligible',
      `${ownerName} lends this only to patrons of ${policy.lendsTo.join(', ')}; give your library as patron.member.`,
    );
  }
  const pickupMember = members.find((member) => member.id === request.pickup.member);
  if (!pickupMember || !pickupMember.branches.some((branch) => branch.id === request.pickup.branch)) {
    throw new BookingRefusal(
      422,
      'pickup_not_allowed',
      `There is no branch ${request.pickup.branch} of ${request.pickup.member} to pick up from.`,
    );
  }
  if (policy.pickup !== 'any-member') {
    const allowed = policy.pickup.some(
      (point) => point.member === request.pickup.member && (!point.branches || point.branches.includes(request.pickup.branch)),
    );
    if (!allowed) {
      throw new BookingRefusal(
        422,
        'pickup_not_allowed',
        `${ownerName} does not send items to ${pickupMember.branches.find((b) => b.id === request.pickup.branch)!.name.en} (${pickupMember.name.en}); choose another pickup branch.`,
      );
    }
  }
}

function toHold(row: HoldRow): Hold {
  return {
    id: row.id,
    recordId: row.record_id,
    member: row.member_id,
    title: row.title,
    pickup: { member: row.pickup_member, branch: row.pickup_branch },
    patron: { name: row.patron_name, email: row.patron_email, ...(row.patron_member ? { member: row.patron_member } : {}) },
    status: row.status as HoldStatus,
    history: JSON.parse(row.history) as HoldEvent[],
    token: row.token,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
