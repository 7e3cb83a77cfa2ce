// `serve` harvests each member whose source has a schedule when it falls due, one member at a
// time, so a consortium's repositories are never all asked at once. Several relay nodes may
// each run a scheduler: the harvest store lets only one of them harvest a member at a time.
import type { Storage } from '../../storage/index.js';
import { HarvestBusyError, HarvestStore } from '../../storage/harvest-store.js';
import { harvestMember, type HarvestMemberOptions } from './harvest-member.js';
import { nextHarvestAt } from './harvest-schedule.js';
import type { HarvestSummary } from './harvester.js';

/** How often the scheduler looks for members that are due. */
export const HARVEST_CHECK_INTERVAL_MS = 60_000;

export interface HarvestSchedulerOptions {
  now?: () => Date;
  intervalMs?: number;
  /** Passed to each harvest (retries, waits). */
  harvest?: Omit<HarvestMemberOptions, 'signal' | 'now'>;
  onHarvest?: (summary: HarvestSummary) => void;
  /** A member's harvest that failed; the next one falls due by the schedule as usual. */
  onError?: (member: string, error: unknown) => void;
}

export class HarvestScheduler {
  readonly #storage: Pick<Storage, 'db' | 'catalog'>;
  readonly #harvests: HarvestStore;
  readonly #options: HarvestSchedulerOptions;
  readonly #now: () => Date;
  readonly #stop = new AbortController();
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;

  constructor(storage: Pick<Storage, 'db' | 'catalog'>, options: HarvestSchedulerOptions = {}) {
    this.#storage = storage;
    this.#harvests = new HarvestStore(storage.db);
    this.#options = options;
    this.#now = options.now ?? (() => new Date());
  }

  /** Harvests, one after another, every member due now; resolves to the members harvested. */
  async runDue(): Promise<string[]> {
    const now = this.#now();
    const due = (await this.#harvests.list())
      .map((state) => ({ state, at: nextHarvestAt(state.source.schedule, state.startedAt, now) }))
      .filter((entry) => entry.at !== undefined && entry.at.getTime() <= now.getTime())
      .sort((a, b) => a.at!.getTime() - b.at!.getTime());
    const harvested: string[] = [];
    for (const { state } of due) {
      if (this.#stop.signal.aborted) break;
      try {
        const summary = await harvestMember(this.#storage, state.member, undefined, {
          ...this.#options.harvest,
          signal: this.#stop.signal,
          now: this.#now,
        });
        harvested.push(state.member);
        this.#options.onHarvest?.(summary);
      } catch (error) {
        // Another node is harvesting this member: it is not this node's turn.
        if (error instanceof HarvestBusyError || this.#stop.signal.aborted) continue;
        this.#options.onError?.(state.member, error);
      }
    }
    return harvested;
  }

  /** Checks now and then every interval; the timer never keeps the process alive. */
  start(): void {
    if (this.#timer || this.#stop.signal.aborted) return;
    this.#tick();
    this.#timer = setInterval(() => this.#tick(), this.#options.intervalMs ?? HARVEST_CHECK_INTERVAL_MS);
    this.#timer.unref();
  }

  /** Stops the timer and any harvest under way (it resumes from its last page next time), and waits for it. */
  async stop(): Promise<void> {
    this.#stop.abort(new Error('the relay is shutting down'));
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }

  #tick(): void {
    if (this.#running || this.#stop.signal.aborted) return;
    this.#running = this.runDue()
      .then(
        () => {},
        (error: unknown) => this.#options.onError?.('*', error),
      )
      .finally(() => {
        this.#running = undefined;
      });
  }
}
