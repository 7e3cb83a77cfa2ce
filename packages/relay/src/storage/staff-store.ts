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

export interface AttemptCount {
  /** Attempts in the current window, this one included. */
  attempts: number;
  /** When the current window ends (ms since the epoch). */
  windowEndsAt: number;
}

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
  /** Counts one attempt under `key` in a window of `windowMs` starting at its first attempt. */
  countAttempt(key: string, now: number, windowMs: number): Promise<AttemptCount>;
  /** Takes back one attempt (`'one'`) or the whole window (`'all'`). */
  forgiveAttempts(key: string, how: 'one' | 'all'): Promise<void>;
  /** Drops counters whose window started before `startedBefore` (ms since the epoch). */
  pruneAttempts(startedBefore: number): Promise<void>;
}

/** How an email is compared: trimmed and lower-cased. */
export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}
