// Slows down password guessing without locking librarians out. Attempts are throttled per
// email and address together, and per address: a few free, then waits that double up to a
// ceiling. A stranger guessing a librarian's password from elsewhere only slows themselves;
// the librarian signing in from their usual network is never held up by it. The counters live
// in the database, so every relay node enforces the same waits.
import { createHmac } from 'node:crypto';
import { isIPv6 } from 'node:net';
import { type AttemptRule, type StaffStore, emailKey } from '../../storage/staff-store.js';
import { TooManyAttemptsError } from './errors.js';

export interface LoginLimits {
  /** One email from one address: the librarian mistyping, or someone guessing that account from there. */
  perAccountAddress: AttemptRule;
  /** One address whatever the email, against one address trying many accounts; generous, as a reference desk may share one address. */
  perAddress: AttemptRule;
}

const MINUTE = 60_000;

export const DEFAULT_LOGIN_LIMITS: Readonly<LoginLimits> = {
  perAccountAddress: { freeAttempts: 5, firstDelayMs: 1000, maxDelayMs: 15 * MINUTE, forgetAfterMs: 60 * MINUTE },
  perAddress: { freeAttempts: 30, firstDelayMs: 1000, maxDelayMs: 15 * MINUTE, forgetAfterMs: 60 * MINUTE },
};

export interface LoginAttempt {
  /** Call after a successful sign-in. */
  succeeded(): Promise<void>;
}

export class LoginThrottle {
  readonly #key: Buffer;
  #sincePrune = 0;

  constructor(
    private readonly store: StaffStore,
    secret: string,
    private readonly limits: LoginLimits = DEFAULT_LOGIN_LIMITS,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.#key = createHmac('sha256', secret).update('atrium login throttle v2').digest();
  }

  /**
   * Lets one attempt through, or throws TooManyAttemptsError while its email and address, or
   * its address alone, must wait. Call it before any password is checked: a refused attempt
   * costs no hashing and is not counted.
   */
  async attempt(email: string, address: string): Promise<LoginAttempt> {
    const now = this.now().getTime();
    const network = networkOf(address);
    const accountKey = this.#keyFor(['account+address', emailKey(email), network]);
    const addressKey = this.#keyFor(['address', network]);
    await this.#pruneNowAndThen(now);

    // A cheap look first, so an address held up as a whole spends nothing of its accounts' free attempts.
    const waitingUntil = await this.store.attemptsWaitUntil([accountKey, addressKey]);
    if (waitingUntil > now) throw refusal(waitingUntil, now);
    // The stricter key first: of many attempts at once, those it refuses never reach the address's count.
    const byAccount = await this.store.takeAttempt(accountKey, now, this.limits.perAccountAddress);
    if (!byAccount.admitted) throw refusal(byAccount.retryAt, now);
    const byAddress = await this.store.takeAttempt(addressKey, now, this.limits.perAddress);
    if (!byAddress.admitted) {
      await this.store.forgiveAttempts(accountKey, 'one', this.limits.perAccountAddress);
      throw refusal(byAddress.retryAt, now);
    }
    return {
      // The right password shows the earlier failures from there were the librarian's own typing.
      succeeded: async () => {
        await Promise.all([
          this.store.forgiveAttempts(accountKey, 'all', this.limits.perAccountAddress),
          this.store.forgiveAttempts(addressKey, 'one', this.limits.perAddress),
        ]);
      },
    };
  }

  /** Counters are keyed by an HMAC, so the table never holds an email or an address. */
  #keyFor(parts: readonly string[]): string {
    return createHmac('sha256', this.#key).update(JSON.stringify(parts)).digest('base64url');
  }

  async #pruneNowAndThen(now: number): Promise<void> {
    if (++this.#sincePrune < 100) return;
    this.#sincePrune = 0;
    // A counter still waiting is kept, whatever the rule's memory.
    const { perAccountAddress: a, perAddress: b } = this.limits;
    await this.store.pruneAttempts(now - Math.max(a.forgetAfterMs, a.maxDelayMs, b.forgetAfterMs, b.maxDelayMs));
  }
}

function refusal(retryAt: number, now: number): TooManyAttemptsError {
  return new TooManyAttemptsError(Math.max(1000, retryAt - now));
}

/**
 * Who is attempting, as far as an address tells: an IPv4 address, or the /64 network of an
 * IPv6 one, since one household or attacker is handed a whole /64 and picks addresses in it at will.
 */
export function networkOf(address: string): string {
  const bare = address.trim().toLowerCase().replace(/%.*$/, '');
  if (bare.startsWith('::ffff:') && bare.includes('.')) return bare.slice('::ffff:'.length);
  if (!isIPv6(bare)) return bare;
  const [head = '', tail = ''] = bare.includes('::') ? bare.split('::') : [bare, ''];
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === '' ? [] : tail.split(':');
  // An embedded IPv4 tail (::a.b.c.d) is two groups, all in the host half.
  const tailLength = tailGroups.reduce((sum, group) => sum + (group.includes('.') ? 2 : 1), 0);
  const groups = bare.includes('::')
    ? [...headGroups, ...Array<string>(8 - headGroups.length - tailLength).fill('0'), ...tailGroups]
    : headGroups;
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
