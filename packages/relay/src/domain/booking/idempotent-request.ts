// Runs a request that creates something at most once per Idempotency-Key: the first answer
// (success or refusal) is kept in the same transaction as the writes, and a retry with the
// same key and request gets that answer again instead of a second booking or hold.
import { createHash } from 'node:crypto';
import type { BookingQueries, SqlBookingStore } from '../../storage/booking-store.js';
import { BookingRefusal, type RefusalStatus } from './booking-refusal.js';

export type Outcome<T> =
  | { ok: true; status: 201; value: T; replayed: boolean }
  | { ok: false; status: RefusalStatus; code: string; detail: string; requestId: string; replayed: boolean };

/** How long a kept answer is replayed; a retry comes within minutes, so a day is ample. */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 3_600_000;

export interface RequestContext {
  idempotencyKey?: string | undefined;
  /** Kept with a refusal so a retry gets the very same problem body. */
  requestId: string;
}

export function requestHash(request: unknown): string {
  return createHash('sha256').update(JSON.stringify(request)).digest('hex');
}

export async function runOnce<T>(
  store: SqlBookingStore,
  scope: string,
  request: unknown,
  context: RequestContext,
  now: Date,
  work: (queries: BookingQueries) => Promise<T>,
): Promise<Outcome<T>> {
  const key = context.idempotencyKey;
  const hash = requestHash(request);
  try {
    return await store.transaction((queries) => attempt(queries));
  } catch (error) {
    // Without a key nothing is kept: the refusal rolled the transaction back and is answered as is.
    if (key === undefined && error instanceof BookingRefusal) {
      return { ok: false, status: error.status, code: error.code, detail: error.detail, requestId: context.requestId, replayed: false };
    }
    throw error;
  }

  async function attempt(queries: BookingQueries): Promise<Outcome<T>> {
    if (key !== undefined) {
      const kept = await queries.claimIdempotencyKey(scope, key, hash, now.toISOString());
      if (kept) {
        if (kept.requestHash !== hash) {
          throw new BookingRefusal(
            422,
            'idempotency_key_reused',
            'This Idempotency-Key was already used for a different request; use a new key for a new request.',
          );
        }
        const body = JSON.parse(kept.body) as T & { code: string; detail: string; requestId: string };
        return kept.status === 201
          ? { ok: true, status: 201, value: body as T, replayed: true }
          : { ok: false, status: kept.status as RefusalStatus, code: body.code, detail: body.detail, requestId: body.requestId, replayed: true };
      }
    }
    let outcome: Outcome<T>;
    try {
      outcome = { ok: true, status: 201, value: await work(queries), replayed: false };
    } catch (error) {
      if (!(error instanceof BookingRefusal) || key === undefined) throw error;
      outcome = { ok: false, status: error.status, code: error.code, detail: error.detail, requestId: context.requestId, replayed: false };
    }
    if (key !== undefined) {
      const body = outcome.ok ? outcome.value : { code: outcome.code, detail: outcome.detail, requestId: outcome.requestId };
      await queries.keepAnswer(scope, key, outcome.status, JSON.stringify(body));
    }
    return outcome;
  }
}
