// Transcripts are kept for each member's retention period (default 180 days) after a
// conversation ends, then erased. The relay purges at start and every hour; any number of
// nodes may purge at once, as erasing what is already gone changes nothing.
import type { ChatRetentionStore, ErasedCount } from '../../storage/chat-retention-store.js';

const DAY_MS = 24 * 60 * 60 * 1000;
export const PURGE_INTERVAL_MS = 60 * 60 * 1000;

export interface PurgeSummary extends ErasedCount {
  /** Per member, only those that lost something. */
  members: ({ member: string } & ErasedCount)[];
}

export class ChatRetention {
  constructor(
    private readonly store: ChatRetentionStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async purge(): Promise<PurgeSummary> {
    const now = this.now().getTime();
    const summary: PurgeSummary = { conversations: 0, messages: 0, members: [] };
    for (const { member, days } of await this.store.retentionDays()) {
      const erased = await this.store.eraseOlderThan(member, new Date(now - days * DAY_MS).toISOString());
      if (erased.conversations === 0) continue;
      summary.conversations += erased.conversations;
      summary.messages += erased.messages;
      summary.members.push({ member, ...erased });
    }
    return summary;
  }

  /**
   * Purges now and then every `intervalMs` until the returned `stop` is called (which waits
   * for a purge under way). The timer never keeps the process alive, and a purge never
   * overlaps the previous one.
   */
  schedule(report: (outcome: { summary: PurgeSummary } | { error: unknown }) => void, intervalMs = PURGE_INTERVAL_MS): () => Promise<void> {
    let running: Promise<void> | undefined;
    const run = () => {
      running ??= this.purge()
        .then(
          (summary) => report({ summary }),
          (error: unknown) => report({ error }),
        )
        .finally(() => (running = undefined));
    };
    run();
    const timer = setInterval(run, intervalMs);
    timer.unref();
    return async () => {
      clearInterval(timer);
      await running;
    };
  }

  /** How many days a member keeps its transcripts; at least 1. */
  async setRetentionDays(member: string, days: number): Promise<boolean> {
    if (!Number.isInteger(days) || days < 1) throw new RangeError('The retention period must be a whole number of days, at least 1.');
    return this.store.setRetentionDays(member, days);
  }
}
