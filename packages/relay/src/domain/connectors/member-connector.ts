// The port through which the domain asks a member's own library system (its ILS) about copies,
// patrons and holds. Connectors under src/connectors/ implement it; the domain never imports them.
import type { Holding } from '@atrium/sdk';

/** A record whose copies are asked for: its Atrium id and the id the member's system knows it by. */
export interface AvailabilityQuery {
  readonly id: string;
  readonly localId: string;
}

/** Live copies of one record, or `unavailable` when the member's system could not say in time. */
export type AvailabilityResult =
  | { readonly status: 'live'; readonly holdings: readonly Holding[]; readonly checkedAt: Date }
  | { readonly status: 'unavailable'; readonly reason: ConnectorFailure };

/** Why a call got no answer: the caller shows stored copies "as of" their time instead. */
export type ConnectorFailure = 'timeout' | 'unreachable' | 'bad-answer' | 'circuit-open' | 'refused';

export type PatronCheck =
  | { readonly ok: true; readonly patron: { readonly card: string; readonly name?: string; readonly email?: string } }
  /** One refusal for a wrong card or a wrong PIN alike, so a guesser learns nothing. */
  | { readonly ok: false; readonly reason: 'invalid-credentials' | ConnectorFailure };

export interface HoldRequest {
  readonly card: string;
  readonly localId: string;
  readonly pickupBranch: string;
}

export type HoldAnswer = { readonly ok: true; readonly externalId?: string } | { readonly ok: false; readonly reason: string };

/** What a member's system can do; each method is there only when its kind supports it. */
export interface MemberConnector {
  readonly kind: string;
  availability?(records: readonly AvailabilityQuery[], signal: AbortSignal): Promise<ReadonlyMap<string, readonly Holding[]>>;
  authenticatePatron?(card: string, pin: string, signal: AbortSignal): Promise<PatronCheck>;
  placeHold?(request: HoldRequest, signal: AbortSignal): Promise<HoldAnswer>;
  cancelHold?(request: HoldRequest, signal: AbortSignal): Promise<HoldAnswer>;
  holdStatus?(request: HoldRequest, signal: AbortSignal): Promise<HoldAnswer>;
  close?(): Promise<void>;
}

/** A connector's answer could not be understood. */
export class ConnectorAnswerError extends Error {
  override readonly name = 'ConnectorAnswerError';
}
