// Talks to an OAI-PMH repository: one request per verb, read as a stream, retried with backoff
// on network errors, timeouts and 5xx / 429 answers, honouring Retry-After.
import { HarvestError } from './harvest-error.js';
import { MalformedResponseError, OaiResponseReader, TruncatedResponseError, type OaiResponse, type RawRecord } from './oai-response.js';

export interface RetryPolicy {
  /** Attempts per request, the first included. */
  attempts: number;
  /** The wait before the second attempt; doubled for each one after. */
  backoffMs: number;
  /** The longest wait between attempts, Retry-After included. */
  maxWaitMs: number;
  /** Per attempt, from sending the request to the last byte of the answer. */
  timeoutMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 6, backoffMs: 1000, maxWaitMs: 120_000, timeoutMs: 60_000 };

export interface OaiRequest {
  verb: 'Identify' | 'ListMetadataFormats' | 'ListRecords';
  metadataPrefix?: string;
  set?: string;
  from?: string;
  resumptionToken?: string;
}

export interface RequestEvent {
  url: string;
  attempt: number;
  /** Why the attempt failed and the request will be sent again. */
  retryIn?: { ms: number; reason: string };
}

export interface OaiClientOptions {
  retry?: Partial<RetryPolicy>;
  signal?: AbortSignal;
  onRequest?: (event: RequestEvent) => void;
  /** Waits between attempts; tests may pass one that records the waits. */
  wait?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

class RetryableError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Retry-After as seconds or an HTTP date, in milliseconds from now. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (header === null) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export class OaiClient {
  private readonly retry: RetryPolicy;
  private readonly wait: (ms: number, signal?: AbortSignal) => Promise<void>;

  constructor(
    private readonly baseUrl: string,
    private readonly options: OaiClientOptions = {},
  ) {
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.wait = options.wait ?? sleep;
  }

  urlOf(request: OaiRequest): string {
    const url = new URL(this.baseUrl);
    url.searchParams.set('verb', request.verb);
    // A resumption token is exclusive: the repository refuses it with any other argument.
    if (request.resumptionToken !== undefined) {
      url.searchParams.set('resumptionToken', request.resumptionToken);
    } else {
      if (request.metadataPrefix !== undefined) url.searchParams.set('metadataPrefix', request.metadataPrefix);
      if (request.set !== undefined) url.searchParams.set('set', request.set);
      if (request.from !== undefined) url.searchParams.set('from', request.from);
    }
    return url.href;
  }

  /**
   * Sends the request until it gets a readable answer. Records reach `onRecord` only from
   * the attempt that succeeds: each attempt buffers its own, so a page cut off half-way and
   * sent again never hands on a record twice.
   */
  async request(request: OaiRequest, onRecord: (record: RawRecord) => void = () => {}, page = 'the response'): Promise<OaiResponse> {
    const url = this.urlOf(request);
    const { signal } = this.options;
    for (let attempt = 1; ; attempt += 1) {
      if (signal?.aborted) throw new HarvestError('aborted', 'The harvest was stopped', { cause: signal.reason });
      this.options.onRequest?.({ url, attempt });
      try {
        const records: RawRecord[] = [];
        const response = await this.attempt(url, (record) => records.push(record));
        for (const record of records) onRecord(record);
        return response;
      } catch (error) {
        if (error instanceof MalformedResponseError) {
          throw new HarvestError('malformed-page', `${page} (${url}) is unreadable: ${error.message}`, { cause: error });
        }
        if (signal?.aborted) throw new HarvestError('aborted', 'The harvest was stopped', { cause: signal.reason });
        if (!(error instanceof RetryableError)) throw error;
        if (attempt >= this.retry.attempts) {
          throw new HarvestError('unreachable', `${page} (${url}) failed ${attempt} times; the last time: ${error.message}`, {
            cause: error,
          });
        }
        const backoff = this.retry.backoffMs * 2 ** (attempt - 1);
        const ms = Math.min(this.retry.maxWaitMs, error.retryAfterMs ?? backoff);
        this.options.onRequest?.({ url, attempt, retryIn: { ms, reason: error.message } });
        await this.wait(ms, signal).catch((reason: unknown) => {
          throw new HarvestError('aborted', 'The harvest was stopped', { cause: reason });
        });
      }
    }
  }

  private async attempt(url: string, onRecord: (record: RawRecord) => void): Promise<OaiResponse> {
    const timeout = AbortSignal.timeout(this.retry.timeoutMs);
    const signal = this.options.signal ? AbortSignal.any([this.options.signal, timeout]) : timeout;
    let response: Response;
    try {
      response = await fetch(url, { signal, headers: { accept: 'text/xml, application/xml' }, redirect: 'follow' });
    } catch (error) {
      throw new RetryableError(timeout.aborted ? `no answer within ${this.retry.timeoutMs} ms` : networkMessage(error));
    }
    if (response.status === 503 || response.status === 429 || response.status >= 500) {
      await response.body?.cancel().catch(() => {});
      throw new RetryableError(`HTTP ${response.status}`, retryAfterMs(response.headers.get('retry-after')));
    }
    if (!response.ok || response.body === null) {
      await response.body?.cancel().catch(() => {});
      throw new HarvestError('unreachable', `${url} answered HTTP ${response.status}`);
    }
    const reader = new OaiResponseReader(onRecord);
    // OAI-PMH responses are UTF-8 by the protocol; bytes that are not are a malformed page.
    const decoder = new TextDecoder('utf-8', { fatal: true });
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        reader.write(decoder.decode(chunk, { stream: true }));
      }
      reader.write(decoder.decode());
    } catch (error) {
      if (error instanceof MalformedResponseError) throw error;
      if (error instanceof TypeError && (error as { code?: string }).code === 'ERR_ENCODING_INVALID_ENCODED_DATA') {
        throw new MalformedResponseError('not UTF-8 text');
      }
      throw new RetryableError(timeout.aborted ? `the answer did not end within ${this.retry.timeoutMs} ms` : networkMessage(error));
    }
    try {
      return reader.end();
    } catch (error) {
      if (error instanceof TruncatedResponseError) throw new RetryableError(error.message);
      throw error;
    }
  }
}

function networkMessage(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const detail = cause?.code ?? cause?.message ?? (error as Error).message;
  return `network error (${detail})`;
}
