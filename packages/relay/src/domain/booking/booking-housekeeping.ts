// The booking chores no request triggers: holds left on the pickup shelf past their window
// expire, and Idempotency-Key answers older than a day are forgotten. Runs at start and hourly.
import type { SqlBookingStore } from '../../storage/booking-store.js';
import type { HoldService } from './hold-service.js';
import { IDEMPOTENCY_KEY_TTL_MS } from '../idempotency/idempotent-request.js';

export const HOUSEKEEPING_INTERVAL_MS = 3_600_000;

export interface HousekeepingReport {
  expiredHolds: number;
  deletedIdempotencyKeys: number;
}

export interface BookingHousekeepingOptions {
  now?: () => Date;
  intervalMs?: number;
  /** Told about a run that failed; the next run tries again. */
  onError?: (error: unknown) => void;
  /** Told about a run that changed something. */
  onReport?: (report: HousekeepingReport) => void;
}

export class BookingHousekeeping {
  readonly #store: SqlBookingStore;
  readonly #holds: HoldService;
  readonly #now: () => Date;
  readonly #intervalMs: number;
  readonly #onError: (error: unknown) => void;
  readonly #onReport: (report: HousekeepingReport) => void;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<unknown> | undefined;
  #stopped = false;

  constructor(store: SqlBookingStore, holds: HoldService, options: BookingHousekeepingOptions = {}) {
    this.#store = store;
    this.#holds = holds;
    this.#now = options.now ?? (() => new Date());
    this.#intervalMs = options.intervalMs ?? HOUSEKEEPING_INTERVAL_MS;
    this.#onError = options.onError ?? (() => {});
    this.#onReport = options.onReport ?? (() => {});
  }

  /** One pass of every chore. */
  async run(): Promise<HousekeepingReport> {
    const expiredHolds = await this.#holds.expireUncollected();
    const cutoff = new Date(this.#now().getTime() - IDEMPOTENCY_KEY_TTL_MS).toISOString();
    const deletedIdempotencyKeys = await this.#store.idempotencyKeys.deleteBefore(cutoff);
    return { expiredHolds, deletedIdempotencyKeys };
  }

  /** Runs now and then every interval; the timer never keeps the process alive. */
  start(): void {
    if (this.#timer || this.#stopped) return;
    this.#tick();
    this.#timer = setInterval(() => this.#tick(), this.#intervalMs);
    this.#timer.unref();
  }

  /** Stops the timer and waits for a run in progress, so the store can close under it. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }

  #tick(): void {
    // A slow run (a large backlog on first start) is not overtaken by the next one.
    if (this.#running || this.#stopped) return;
    this.#running = this.run()
      .then((report) => {
        if (report.expiredHolds > 0 || report.deletedIdempotencyKeys > 0) this.#onReport(report);
      }, this.#onError)
      .finally(() => {
        this.#running = undefined;
      });
  }
}
