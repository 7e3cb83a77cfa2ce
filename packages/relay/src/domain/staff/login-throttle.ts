// Limits sign-in attempts per email and per network address, counted in the database so
// every relay node enforces the same limit. Each attempt is counted before the password is
// checked, so guesses sent all at once are counted too; a successful sign-in gives its
// attempt back, and clears the email's count, since it proves the earlier failures were
// the librarian's own typing.
import { createHmac } from 'node:crypto';
import type { StaffStore } from '../../storage/staff-store.js';
import { TooManyAttemptsError } from './errors.js';

export interface LoginLimits {
  /** Attempts per email address per window. */
  perEmail: number;
  /** Attempts per network address per window; higher, as a reference desk may share one address. */
  perAddress: number;
  windowMs: number;
}

export const DEFAULT_LOGIN_LIMITS: Readonly<LoginLimits> = { perEmail: 10, perAddress: 30, windowMs: 15 * 60 * 1000 };

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
    this.#key = createHmac('sha256', secret).update('atrium login throttle v1').digest();
  }

  /** Counts an attempt; throws TooManyAttemptsError when either limit is passed. */
  async attempt(email: string, address: string): Promise<LoginAttempt> {
    const now = this.now().getTime();
    const emailKey = this.#keyFor('email', email.trim().toLowerCase());
    const addressKey = this.#keyFor('address', address);
    const [byEmail, byAddress] = await Promise.all([
      this.store.countAttempt(emailKey, now, this.limits.windowMs),
      this.store.countAttempt(addressKey, now, this.limits.windowMs),
    ]);
    await this.#pruneNowAndThen(now);
    const waits: number[] = [];
    if (byEmail.attempts > this.limits.perEmail) waits.push(byEmail.windowEndsAt - now);
    if (byAddress.attempts > this.limits.perAddress) waits.push(byAddress.windowEndsAt - now);
    if (waits.length > 0) throw new TooManyAttemptsError(Math.max(1000, ...waits));
    return {
      succeeded: async () => {
        await Promise.all([this.store.forgiveAttempts(emailKey, 'all'), this.store.forgiveAttempts(addressKey, 'one')]);
      },
    };
  }

  /** Counters are keyed by an HMAC, so the table never holds an email or an address. */
  #keyFor(kind: 'email' | 'address', value: string): string {
    return createHmac('sha256', this.#key).update(`${kind}:${value}`).digest('base64url');
  }

  async #pruneNowAndThen(now: number): Promise<void> {
    if (++this.#sincePrune < 100) return;
    this.#sincePrune = 0;
    await this.store.pruneAttempts(now - this.limits.windowMs);
  }
}
