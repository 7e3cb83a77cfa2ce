// Wraps a member's connector so no call outlives its time budget, a failing system is left
// alone for a while (circuit breaker), availability is cached briefly, and every call is counted.
import type { Holding } from '@atrium/sdk';
import {
  type AvailabilityQuery,
  type AvailabilityResult,
  ConnectorAnswerError,
  type ConnectorFailure,
  type MemberConnector,
  type PatronCheck,
} from './member-connector.js';
import type { ConnectorMetrics } from './connector-metrics.js';

export interface GuardOptions {
  readonly member: string;
  /** Milliseconds a call may take (default 800). */
  readonly budgetMs?: number;
  /** Consecutive failures that open the circuit (default 3). */
  readonly failureThreshold?: number;
  /** Milliseconds the circuit stays open before one trial call (default 30 s). */
  readonly openMs?: number;
  /** Milliseconds a live answer is reused (default 30 s). */
  readonly cacheMs?: number;
  readonly metrics?: ConnectorMetrics;
  readonly now?: () => number;
}

export type ConnectionState = { readonly state: 'up' | 'down'; readonly since?: Date; readonly lastFailure?: ConnectorFailure };

class CallFailure extends Error {
  constructor(readonly reason: ConnectorFailure) {
    super(reason);
  }
}

export class GuardedConnector {
  private readonly budgetMs: number;
  private readonly failureThreshold: number;
  private readonly openMs: number;
  private readonly cacheMs: number;
  private readonly now: () => number;
  private failures = 0;
  private openUntil = 0;
  private downSince: number | undefined;
  private lastFailure: ConnectorFailure | undefined;
  private readonly cache = new Map<string, { holdings: readonly Holding[]; at: number }>();

  constructor(
    private readonly inner: MemberConnector,
    private readonly options: GuardOptions,
  ) {
    this.budgetMs = options.budgetMs ?? 800;
    this.failureThreshold = options.failureThreshold ?? 3;
    this.openMs = options.openMs ?? 30_000;
    this.cacheMs = options.cacheMs ?? 30_000;
    this.now = options.now ?? Date.now;
  }

  get member(): string {
    return this.options.member;
  }

  /** Whether the member's system answered lately, for the console's member page. */
  connection(): ConnectionState {
    if (this.downSince === undefined) return { state: 'up' };
    return { state: 'down', since: new Date(this.downSince), ...(this.lastFailure ? { lastFailure: this.lastFailure } : {}) };
  }

  /** Live copies for each record, or `unavailable` for each when the system cannot say within budget. */
  async availability(records: readonly AvailabilityQuery[]): Promise<Map<string, AvailabilityResult>> {
    const results = new Map<string, AvailabilityResult>();
    const ask: AvailabilityQuery[] = [];
    const now = this.now();
    for (const record of records) {
      const cached = this.cache.get(record.id);
      if (cached && now - cached.at < this.cacheMs)
        results.set(record.id, { status: 'live', holdings: cached.holdings, checkedAt: new Date(cached.at) });
      else ask.push(record);
    }
    if (ask.length === 0) return results;
    const inner = this.inner.availability?.bind(this.inner);
    if (!inner) {
      for (const record of ask) results.set(record.id, { status: 'unavailable', reason: 'refused' });
      return results;
    }
    try {
      const answer = await this.call('availability', (signal) => inner(ask, signal));
      const at = this.now();
      for (const record of ask) {
        const holdings = answer.get(record.id) ?? [];
        this.cache.set(record.id, { holdings, at });
        results.set(record.id, { status: 'live', holdings, checkedAt: new Date(at) });
      }
    } catch (error) {
      const reason = error instanceof CallFailure ? error.reason : 'bad-answer';
      for (const record of ask) results.set(record.id, { status: 'unavailable', reason });
    }
    return results;
  }

  async authenticatePatron(card: string, pin: string): Promise<PatronCheck> {
    const inner = this.inner.authenticatePatron?.bind(this.inner);
    if (!inner) return { ok: false, reason: 'refused' };
    try {
      return await this.call('authenticatePatron', (signal) => inner(card, pin, signal));
    } catch (error) {
      return { ok: false, reason: error instanceof CallFailure ? error.reason : 'bad-answer' };
    }
  }

  async close(): Promise<void> {
    await this.inner.close?.();
  }

  private async call<T>(operation: string, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const labels = { member: this.options.member, kind: this.inner.kind, operation };
    if (this.now() < this.openUntil) {
      this.options.metrics?.errors.inc({ ...labels, reason: 'circuit-open' });
      throw new CallFailure('circuit-open');
    }
    const controller = new AbortController();
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new CallFailure('timeout'));
      }, this.budgetMs);
    });
    this.options.metrics?.calls.inc(labels);
    try {
      const value = await Promise.race([run(controller.signal), deadline]);
      this.failures = 0;
      this.downSince = undefined;
      this.lastFailure = undefined;
      return value;
    } catch (error) {
      const reason: ConnectorFailure =
        error instanceof CallFailure ? error.reason : error instanceof ConnectorAnswerError ? 'bad-answer' : 'unreachable';
      this.failures += 1;
      this.lastFailure = reason;
      this.downSince ??= this.now();
      if (this.failures >= this.failureThreshold) this.openUntil = this.now() + this.openMs;
      this.options.metrics?.errors.inc({ ...labels, reason });
      throw new CallFailure(reason);
    } finally {
      clearTimeout(timer);
      controller.abort();
      this.options.metrics?.latency.observe(labels, (performance.now() - started) / 1000);
    }
  }
}
