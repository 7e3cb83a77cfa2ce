// Holds on catalogue records for pickup at a member branch: placed with an Idempotency-Key,
// followed and cancelled with their token.
import { Hold, HoldList, HoldListQuery, HoldRequest, type HoldStatus, HoldTransition, StaffHold, TokenQuery } from '../schemas/booking.js';
import { checked } from './checked.js';
import { type CreateOptions, newIdempotencyKey } from './idempotency.js';
import type { CallOptions, Transport } from './transport.js';

export type NewHold = HoldRequest;

export interface HoldsApi {
  /** Throws ApiError 422 with `not_lendable`, `patron_not_eligible`, `pickup_not_allowed` or `limit_reached`. */
  create(hold: NewHold, options?: CreateOptions): Promise<Hold>;
  /** The hold with every step so far (`history`). */
  get(id: string, token: string, options?: CallOptions): Promise<Hold>;
  cancel(id: string, token: string, options?: CallOptions): Promise<Hold>;
  /**
   * Staff: holds the librarian's member lends or receives, most recently changed first;
   * `branch` keeps those to be picked up at that branch of the member.
   */
  list(
    auth: { token: string },
    query?: { status?: readonly HoldStatus[]; branch?: string; limit?: number },
    options?: CallOptions,
  ): Promise<StaffHold[]>;
  /** Staff: moves a hold to its next step. Throws ApiError 409 `invalid_transition` for a step it cannot take. */
  move(auth: { token: string }, id: string, step: HoldTransition, options?: CallOptions): Promise<StaffHold>;
}

export function createHoldsApi(transport: Transport): HoldsApi {
  const path = (id: string) => `/v1/holds/${encodeURIComponent(id)}`;
  return {
    async create(hold, options = {}) {
      const body = checked(HoldRequest, hold, 'hold');
      const { idempotencyKey = newIdempotencyKey(), ...call } = options;
      return transport.request({
        method: 'POST',
        path: '/v1/holds',
        body,
        headers: { 'idempotency-key': idempotencyKey },
        retryable: true,
        schema: Hold,
        ...call,
      });
    },
    async get(id, token, options = {}) {
      const query = new URLSearchParams(checked(TokenQuery, { token }, 'token'));
      return transport.request({ method: 'GET', path: path(id), query, schema: Hold, ...options });
    },
    async cancel(id, token, options = {}) {
      checked(TokenQuery, { token }, 'token');
      return transport.request({ method: 'POST', path: `${path(id)}/cancel`, body: { token }, retryable: true, schema: Hold, ...options });
    },
    async list({ token }, query = {}, options = {}) {
      const params = new URLSearchParams();
      if (query.status?.length) params.set('status', query.status.join(','));
      if (query.branch !== undefined) params.set('branch', query.branch);
      if (query.limit !== undefined) params.set('limit', String(query.limit));
      checked(HoldListQuery, Object.fromEntries(params), 'hold list query');
      const headers = { authorization: `Bearer ${token}` };
      return (await transport.request({ method: 'GET', path: '/v1/holds', query: params, headers, schema: HoldList, ...options })).items;
    },
    async move({ token }, id, step, options = {}) {
      const body = checked(HoldTransition, step, 'hold step');
      const headers = { authorization: `Bearer ${token}` };
      return transport.request({ method: 'POST', path: `${path(id)}/status`, body, headers, schema: StaffHold, ...options });
    },
  };
}
