// Counting attempts in fixed time windows, shared by every relay node that shares the counter
// store: in this process's memory for one node, in Redis when several run behind a balancer.

export type RateDecision =
  | { allowed: true }
  /** Refused; `retryAfterMs` is how long until the window that refused it closes. */
  | { allowed: false; retryAfterMs: number };

export interface RateLimiter {
  /**
   * Counts one attempt under `key` in the current window of `windowMs` and says whether it
   * stays within `limit`. A refused attempt is counted too, which changes nothing: the window
   * that refused it refuses everything until it closes.
   */
  hit(key: string, limit: number, windowMs: number): Promise<RateDecision>;
}
