// Librarian accounts, the secret staff tokens are signed with, and login attempt counters.

export interface StoredLibrarian {
  id: string;
  /** `null` for a consortium administrator. */
  member: string | null;
  email: string;
  name: string;
  /** A self-describing password hash (algorithm, parameters, salt, digest); never the password. */
  passwordHash: string;
  createdAt: string;
  disabled: boolean;
}

export interface NewLibrarian {
  id: string;
  member: string;
  email: string;
  name: string;
  passwordHash: string;
  createdAt: string;
}

/** How attempts under one throttle key are let through: a few free, then waits that double. */
export interface AttemptRule {
  /** Attempts not taken back that pass before the first wait. */
  freeAttempts: number;
  /** The wait after the last free attempt; each attempt after it doubles the wait. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** The count starts over this long after the last attempt let through. */
  forgetAfterMs: number;
}

export type AttemptAdmission = { admitted: true } | { admitted: false; retryAt: number };

export interface StaffStore {
  /** Adds the account unless its email (compared case-insensitively) is taken; `undefined` when taken. */
  addLibrarian(librarian: NewLibrarian): Promise<StoredLibrarian | undefined>;
  getLibrarian(id: string): Promise<StoredLibrarian | undefined>;
  /** Case-insensitive. */
  findLibrarianByEmail(email: string): Promise<StoredLibrarian | undefined>;
  /** All accounts, or one member's, ordered by email. */
  listLibrarians(member?: string): Promise<StoredLibrarian[]>;
  setPasswordHash(id: string, passwordHash: string): Promise<void>;
  setDisabled(id: string, disabled: boolean): Promise<void>;
  /** Keeps a one-time link (by its token's hash) that lets the librarian choose a password until `expiresAt`. */
  addPasswordLink(link: { tokenHash: string; librarianId: string; createdAt: string; expiresAt: string }): Promise<void>;
  /** Whose a link is, while it is unused and not expired at `now`; `undefined` otherwise. */
  passwordLinkOwner(tokenHash: string, now: string): Promise<string | undefined>;
  /** Marks the link used, once: `false` when it was already used or has expired at `now`. */
  usePasswordLink(tokenHash: string, now: string): Promise<boolean>;
  /**
   * The secret staff tokens are signed with: created at random the first time any node asks,
   * then the same for every node on this database and across restarts.
   */
  signingSecret(): Promise<string>;
  /** The latest time (ms since the epoch) any of `keys` is held until; none waits when it is not after now (0 for unknown keys). */
  attemptsWaitUntil(keys: readonly string[]): Promise<number>;
  /**
   * Lets one attempt under `key` through and counts it, unless the key is waiting; the check
   * and the count are one statement, so attempts arriving at once on several nodes cannot
   * all pass. A refused attempt is not counted.
   */
  takeAttempt(key: string, now: number, rule: AttemptRule): Promise<AttemptAdmission>;
  /** Takes back one attempt (`'one'`; the wait ends once the count is under the free ones) or all of them (`'all'`). */
  forgiveAttempts(key: string, how: 'one' | 'all', rule: AttemptRule): Promise<void>;
  /** Drops counters whose last attempt was before `lastBefore` (ms since the epoch). */
  pruneAttempts(lastBefore: number): Promise<void>;
}

/** How an email is compared: trimmed and lower-cased. */
export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}
