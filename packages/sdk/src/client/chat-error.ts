import type { FieldError } from '../schemas/common.js';
import { AtriumError } from '../errors/atrium-error.js';

/** The relay refused a chat request (`ok: false`); `code` is stable and meant for programs. */
export class ChatRefusedError extends AtriumError {
  override name = 'ChatRefusedError';
  readonly code: string;
  readonly details: FieldError[];
  /** With `rate_limited`: seconds to wait before the same request can succeed. */
  readonly retryAfterSeconds: number | undefined;

  constructor(code: string, message: string, details: FieldError[] = [], retryAfterSeconds?: number) {
    super(message);
    this.code = code;
    this.details = details;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
