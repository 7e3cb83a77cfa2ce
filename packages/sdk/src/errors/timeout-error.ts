import { AtriumError } from './atrium-error.js';

/** The relay did not answer within `timeoutMs` (after any retries). */
export class TimeoutError extends AtriumError {
  override name = 'TimeoutError';
  readonly timeoutMs: number;
  constructor(timeoutMs: number) {
    super(`The relay did not answer within ${timeoutMs} ms`);
    this.timeoutMs = timeoutMs;
  }
}
