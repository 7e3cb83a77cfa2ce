// A patron asked too often: refused with how long to wait, which the widget shows and honours.

export class RateLimitedError extends Error {
  override name = 'RateLimitedError';
  readonly code = 'rate_limited';
  constructor(
    message: string,
    /** Whole seconds, at least 1, so a client that waits that long is let through. */
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}
