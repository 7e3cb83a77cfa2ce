// Rate counters in this process's memory: right for one relay node (the embedded default).
import type { RateDecision, RateLimiter } from './rate-limiter.js';

interface Window {
  count: number;
  endsAt: number;
}

/** Windows that closed are dropped every this many hits, so memory follows active clients only. */
const SWEEP_EVERY = 1000;

export class MemoryRateLimiter implements RateLimiter {
  readonly #windows = new Map<string, Window>();
  #hitsSinceSweep = 0;

  constructor(private readonly now: () => number = Date.now) {}

  async hit(key: string, limit: number, windowMs: number): Promise<RateDecision> {
    const now = this.now();
    if (++this.#hitsSinceSweep >= SWEEP_EVERY) this.#sweep(now);
    let window = this.#windows.get(key);
    if (!window || window.endsAt <= now) {
      window = { count: 0, endsAt: now + windowMs };
      this.#windows.set(key, window);
    }
    window.count += 1;
    return window.count <= limit ? { allowed: true } : { allowed: false, retryAfterMs: window.endsAt - now };
  }

  #sweep(now: number): void {
    this.#hitsSinceSweep = 0;
    for (const [key, window] of this.#windows) if (window.endsAt <= now) this.#windows.delete(key);
  }
}
