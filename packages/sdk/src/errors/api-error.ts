import type { FieldError, Problem } from '../schemas/common.js';
import { AtriumError } from './atrium-error.js';

/** The relay answered with an error status; `code` is stable and meant for programs. */
export class ApiError extends AtriumError {
  override name = 'ApiError';
  readonly status: number;
  readonly code: string;
  readonly requestId: string | undefined;
  readonly errors: FieldError[];
  readonly problem: Problem | undefined;
  /** From `Retry-After` (429, 503): seconds to wait before the same request can succeed. */
  readonly retryAfterSeconds: number | undefined;

  constructor(status: number, problem: Problem | undefined, fallbackMessage: string, retryAfterSeconds?: number) {
    super(problem?.detail || problem?.title || fallbackMessage);
    this.status = status;
    this.code = problem?.code ?? `http_${status}`;
    this.requestId = problem?.requestId;
    this.errors = problem?.errors ?? [];
    this.problem = problem;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
