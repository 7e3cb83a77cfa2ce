// One HTTP exchange with the relay: timeout, cancellation, retries with backoff, problem+json
// errors and response validation against the shared schema.
import type { z } from 'zod/mini';
import { ApiError } from '../errors/api-error.js';
import { ConnectionError } from '../errors/connection-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import { ValidationError } from '../errors/validation-error.js';
import { Problem } from '../schemas/common.js';
import { toFieldErrors } from './issues.js';

export interface TransportOptions {
  baseUrl: string;
  fetch: typeof fetch;
  timeoutMs: number;
  retries: number;
  headers: Record<string, string>;
}

export interface CallOptions {
  signal?: AbortSignal;
}

export interface RequestSpec<S extends z.ZodMiniType> extends CallOptions {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: URLSearchParams;
  body?: unknown;
  headers?: Record<string, string>;
  /** The schema the answer must satisfy. */
  schema: S;
  /** Safe to send again after a failure: GET, or a POST carrying an Idempotency-Key. */
  retryable?: boolean;
}

const RETRY_STATUSES = new Set([408, 425, 429, 500, 502, 503, 504]);
const MAX_RETRY_AFTER_MS = 60_000;

export class Transport {
  readonly #options: TransportOptions;

  constructor(options: TransportOptions) {
    this.#options = { ...options, baseUrl: options.baseUrl.replace(/\/+$/, '') };
  }

  get baseUrl(): string {
    return this.#options.baseUrl;
  }

  async request<S extends z.ZodMiniType>(spec: RequestSpec<S>): Promise<z.output<S>> {
    return (await this.exchange(spec)).value;
  }

  /**
   * As `request`, with the answer's headers too (an ETag to send back as If-Match). A 204 has
   * no body to check: its value is undefined.
   */
  async exchange<S extends z.ZodMiniType>(spec: RequestSpec<S>): Promise<{ value: z.output<S>; headers: Headers }> {
    const retryable = spec.retryable ?? spec.method === 'GET';
    const attempts = retryable ? this.#options.retries + 1 : 1;
    for (let attempt = 1; ; attempt++) {
      spec.signal?.throwIfAborted();
      let delayMs: number;
      try {
        const response = await this.#send(spec);
        if (response.status === 204) return { value: undefined as z.output<S>, headers: response.headers };
        if (response.ok) return { value: await this.#parse(response, spec.schema), headers: response.headers };
        const error = await this.#toApiError(response);
        if (attempt >= attempts || !RETRY_STATUSES.has(response.status)) throw error;
        const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
        if (retryAfter !== undefined && retryAfter > MAX_RETRY_AFTER_MS) throw error;
        delayMs = retryAfter ?? backoff(attempt);
      } catch (error) {
        if (!(error instanceof ConnectionError || error instanceof TimeoutError)) throw error;
        if (attempt >= attempts) throw error;
        delayMs = backoff(attempt);
      }
      await sleep(delayMs, spec.signal);
    }
  }

  async #send(spec: RequestSpec<z.ZodMiniType>): Promise<Response> {
    const url = `${this.#options.baseUrl}${spec.path}${spec.query && [...spec.query].length ? `?${spec.query}` : ''}`;
    const headers: Record<string, string> = { accept: 'application/json', ...this.#options.headers, ...spec.headers };
    if (spec.body !== undefined) headers['content-type'] = 'application/json';

    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.#options.timeoutMs);
    const onAbort = () => controller.abort(spec.signal?.reason);
    spec.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await this.#options.fetch(url, {
        method: spec.method,
        headers,
        body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
        signal: controller.signal,
      });
    } catch (error) {
      if (spec.signal?.aborted) throw spec.signal.reason;
      if (timedOut) throw new TimeoutError(this.#options.timeoutMs);
      throw new ConnectionError(`Could not reach the relay at ${this.#options.baseUrl}`, { cause: error });
    } finally {
      clearTimeout(timer);
      spec.signal?.removeEventListener('abort', onAbort);
    }
  }

  async #parse<S extends z.ZodMiniType>(response: Response, schema: S): Promise<z.output<S>> {
    let body: unknown;
    try {
      body = await response.json();
    } catch (error) {
      throw new ValidationError('The relay answered with something that is not JSON', [{ path: '', message: String(error) }]);
    }
    const result = schema.safeParse(body);
    if (!result.success) {
      throw new ValidationError('The relay answered in a shape this SDK does not know', toFieldErrors(result.error.issues));
    }
    return result.data as z.output<S>;
  }

  async #toApiError(response: Response): Promise<ApiError> {
    let problem: Problem | undefined;
    try {
      const parsed = Problem.safeParse(await response.json());
      if (parsed.success) problem = parsed.data;
    } catch {
      // A proxy's HTML error page: fall back to the status line.
    }
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    return new ApiError(
      response.status,
      problem,
      `The relay answered ${response.status} ${response.statusText}`.trim(),
      retryAfterMs === undefined ? undefined : Math.ceil(retryAfterMs / 1000),
    );
  }
}

/** Exponential backoff with full jitter: ~0.5 s, 1 s, 2 s ... capped at 8 s. */
function backoff(attempt: number): number {
  const ceiling = Math.min(8_000, 500 * 2 ** (attempt - 1));
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

/** `Retry-After` in seconds or as an HTTP date, in milliseconds from now. */
export function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
