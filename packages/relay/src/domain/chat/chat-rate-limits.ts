// How often a patron may start chats and send messages, counted per patron session and per
// client address (so clearing the browser's storage for a fresh session does not escape it).
import { z } from 'zod/mini';
import type { RateLimiter } from '../../storage/rate-limiter.js';
import { RateLimitedError } from './rate-limited-error.js';

const Limit = (limit: number) =>
  z.prefault(
    z.object({
      limit: z._default(z.number().check(z.int('must be a whole number'), z.positive()), limit),
      windowSeconds: z._default(z.number().check(z.int('must be a whole number'), z.positive()), 60),
    }),
    {},
  );

const ActionLimits = (perSession: number, perAddress: number) =>
  z.prefault(z.object({ perSession: Limit(perSession), perAddress: Limit(perAddress) }), {});

/**
 * Defaults: a person starts a handful of chats a minute at most and types far below 30
 * messages a minute; an address is shared by a reference room or a campus, hence higher.
 */
export const ChatRateLimitsConfig = z.prefault(
  z.object({
    start: ActionLimits(5, 20),
    message: ActionLimits(30, 120),
  }),
  {},
);
export type ChatRateLimitsConfig = z.output<typeof ChatRateLimitsConfig>;
export type ChatRateLimitsInput = z.input<typeof ChatRateLimitsConfig>;

export type LimitedAction = 'start' | 'message';

const WHAT: Record<LimitedAction, string> = { start: 'new chats', message: 'messages' };

export class ChatRateLimits {
  constructor(
    private readonly limiter: RateLimiter,
    private readonly config: ChatRateLimitsConfig = ChatRateLimitsConfig.parse(undefined),
  ) {}

  /** Counts one attempt of `action`; throws RateLimitedError when the session or the address is over its limit. */
  async check(action: LimitedAction, session: string, address: string): Promise<void> {
    const limits = this.config[action];
    const bySession = await this.limiter.hit(
      `chat:${action}:session:${session}`,
      limits.perSession.limit,
      limits.perSession.windowSeconds * 1000,
    );
    if (!bySession.allowed) throw refused(action, 'from this browser', bySession.retryAfterMs);
    const byAddress = await this.limiter.hit(
      `chat:${action}:address:${address}`,
      limits.perAddress.limit,
      limits.perAddress.windowSeconds * 1000,
    );
    if (!byAddress.allowed) throw refused(action, 'from this network', byAddress.retryAfterMs);
  }
}

function refused(action: LimitedAction, source: string, retryAfterMs: number): RateLimitedError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  const unsent = action === 'message' ? ' The message was not sent.' : '';
  return new RateLimitedError(
    `Too many ${WHAT[action]} ${source} in a short time.${unsent} Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`,
    seconds,
  );
}
