// Runs a request that creates something (a booking, a hold, a question) at most once per
// Idempotency-Key: the first answer, success or refusal, is kept in the same transaction as the
// writes, and a retry with the same key and request gets that answer again instead of a second one.
import { createHash } from 'node:crypto';
import type { IdempotencyKeyStore } from '../../storage/idempotency-key-store.js';

/** A refusal the caller can act on (bad rule, unknown thing): kept and answered again on a retry. */
export interface Refusal extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
}

/** The class of a capability's refusals (BookingRefusal, QuestionRefusal): what is kept, and how a reused key is refused. */
export type RefusalClass = new (status: 422, code: string, detail: string) => Refusal;

export type Outcome<T> =
  | { ok: true; status: 201; value: T; replayed: boolean }
  | { ok: false; status: number; code: string; detail: string; requestId: string; replayed: boolean };

/** How long a kept answer is replayed; a retry comes within minutes, so a day is ample. */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 3_600_000;

export interface RequestContext {
  idempotencyKey?: string | undefined;
  /** Kept with a refusal so a retry gets the very same problem body. */
  requestId: string;
}

/** Where the work runs: one transaction whose queries reach the kept answers too. */
export interface IdempotentStore<Q extends { idempotencyKeys: IdempotencyKeyStore }> {
  transaction<R>(work: (queries: Q) => Promise<R>): Promise<R>;
}

export interface IdempotentRequest<Q extends { idempotencyKeys: IdempotencyKeyStore }> {
  store: IdempotentStore<Q>;
  /** Which kind of request: a key used for a booking does not answer a hold. */
  scope: string;
  refusal: RefusalClass;
  /** The request as validated; its hash tells a retry from another request under the same key. */
  request: unknown;
  context: RequestContext;
  now: Date;
}

export function requestHash(request: unknown): string {
  return createHash('sha256').update(JSON.stringify(request)).digest('hex');
}

/**
 * Runs `work` in one transaction. Its refusals come back as outcomes (kept under the key);
 * anything else it throws rolls everything back, the claim on the key included, so a retry
 * runs afresh.
 */
export async function runOnce<Q extends { idempotencyKeys: IdempotencyKeyStore }, T>(
  options: IdempotentRequest<Q>,
  work: (queries: Q) => Promise<T>,
): Promise<Outcome<T>> {
  const { store, scope, refusal: RefusalType, context } = options;
  const key = context.idempotencyKey;
  const hash = requestHash(options.request);
  const refused = (error: Refusal, replayed: boolean): Outcome<T> => ({
    ok: false,
    status: error.status,
    code: error.code,
    detail: error.detail,
    requestId: context.requestId,
    replayed,
  });
  try {
    return await store.transaction((queries) => attempt(queries));
  } catch (error) {
    // Without a key nothing is kept: the refusal rolled the transaction back and is answered as is.
    if (key === undefined && error instanceof RefusalType) return refused(error, false);
    throw error;
  }

  async function attempt(queries: Q): Promise<Outcome<T>> {
    if (key !== undefined) {
      const kept = await queries.idempotencyKeys.claim(scope, key, hash, options.now.toISOString());
      if (kept) {
        if (kept.requestHash !== hash) {
          throw new RefusalType(
            422,
            'idempotency_key_reused',
            'This Idempotency-Key was already used for a different request; use a new key for a new request.',
          );
        }
        const body = JSON.parse(kept.body) as T & { code: string; detail: string; requestId: string };
        return kept.status === 201
          ? { ok: true, status: 201, value: body as T, replayed: true }
          : { ok: false, status: kept.status, code: body.code, detail: body.detail, requestId: body.requestId, replayed: true };
      }
    }
    let outcome: Outcome<T>;
    try {
      outcome = { ok: true, status: 201, value: await work(queries), replayed: false };
    } catch (error) {
      if (!(error instanceof RefusalType) || key === undefined) throw error;
      outcome = refused(error, false);
    }
    if (key !== undefined) {
      const body = outcome.ok ? outcome.value : { code: outcome.code, detail: outcome.detail, requestId: outcome.requestId };
      await queries.idempotencyKeys.keepAnswer(scope, key, outcome.status, JSON.stringify(body));
    }
    return outcome;
  }
}
