// How often questions may be asked: per client address, so one person or script cannot fill the
// queue, and per member from everywhere, so a flood from many addresses cannot bury a member's
// librarians. A question refused here is not stored.
import { z } from 'zod/mini';
import type { RateLimiter } from '../../storage/rate-limiter.js';
import { RateLimitedError } from '../chat/rate-limited-error.js';

const Limit = (limit: number, windowSeconds: number) =>
  z.prefault(
    z.object({
      limit: z._default(z.number().check(z.int('must be a whole number'), z.positive()), limit),
      windowSeconds: z._default(z.number().check(z.int('must be a whole number'), z.positive()), windowSeconds),
    }),
    {},
  );

/**
 * Defaults: a patron writes a question, and maybe a second one, in ten minutes; an address
 * shared by a reading room still fits. A member's whole queue takes 100 an hour, far above
 * what reference desks receive, so only a flood reaches it.
 */
export const QuestionRateLimitsConfig = z.prefault(
  z.object({
    perAddress: Limit(5, 600),
    perMember: Limit(100, 3600),
  }),
  {},
);
export type QuestionRateLimitsConfig = z.output<typeof QuestionRateLimitsConfig>;
export type QuestionRateLimitsInput = z.input<typeof QuestionRateLimitsConfig>;

export class QuestionRateLimits {
  constructor(
    private readonly limiter: RateLimiter,
    private readonly config: QuestionRateLimitsConfig = QuestionRateLimitsConfig.parse(undefined),
  ) {}

  /** Counts one question from `address` to `member`; throws RateLimitedError when either is over its limit. */
  async check(address: string, member: string): Promise<void> {
    const { perAddress, perMember } = this.config;
    const byAddress = await this.limiter.hit(`question:address:${address}`, perAddress.limit, perAddress.windowSeconds * 1000);
    if (!byAddress.allowed) throw refused('Too many questions from this network in a short time.', byAddress.retryAfterMs);
    const byMember = await this.limiter.hit(`question:member:${member}`, perMember.limit, perMember.windowSeconds * 1000);
    if (!byMember.allowed) throw refused(`${member} is receiving more questions than it can take just now.`, byMember.retryAfterMs);
  }
}

function refused(why: string, retryAfterMs: number): RateLimitedError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new RateLimitedError(`${why} The question was not sent. Try again in ${wait(seconds)}.`, seconds);
}

/** A wait as a patron reads it: seconds under two minutes, whole minutes (rounded up) beyond. */
function wait(seconds: number): string {
  if (seconds < 120) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  return `${Math.ceil(seconds / 60)} minutes`;
}
