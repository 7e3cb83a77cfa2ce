// Signing librarians in and recognizing them afterwards by their token.
import { randomBytes } from 'node:crypto';
import type { Librarian } from '@atrium/sdk';
import type { StaffStore } from '../../storage/staff-store.js';
import { AccountDisabledError, InvalidAccountError, InvalidCredentialsError, InvalidTokenError, PasswordLinkError } from './errors.js';
import { publicLibrarian } from './librarian.js';
import { DEFAULT_LOGIN_LIMITS, type LoginLimits, LoginThrottle } from './login-throttle.js';
import { hashPassword, needsRehash, verifyPassword } from './password-hash.js';
import { passwordLinkHash } from './password-links.js';
import { passwordProblem } from './password-policy.js';
import { StaffTokens } from './staff-tokens.js';

export interface StaffAuthOptions {
  /** The signing secret (ATRIUM_SECRET); without one, the secret kept in the database. */
  secret?: string;
  /** How sign-in attempts are throttled; DEFAULT_LOGIN_LIMITS unless given. */
  limits?: LoginLimits;
  tokenLifetimeMs?: number;
  /** The clock; tests move it to see tokens expire and waits end. */
  now?: () => Date;
  /** The password check (scrypt); tests count its calls to see that a refused attempt costs no hashing. */
  verifyPassword?: (password: string, hash: string) => Promise<boolean>;
}

export interface LoginResult {
  token: string;
  expiresAt: Date;
  librarian: Librarian;
}

export class StaffAuth {
  private constructor(
    private readonly store: StaffStore,
    private readonly tokens: StaffTokens,
    private readonly throttle: LoginThrottle,
    /** A hash no password matches, checked when the email is unknown so both failures take as long. */
    private readonly decoyHash: string,
    private readonly now: () => Date,
    private readonly verifyPassword: (password: string, hash: string) => Promise<boolean>,
  ) {}

  static async open(store: StaffStore, options: StaffAuthOptions = {}): Promise<StaffAuth> {
    const secret = options.secret ?? (await store.signingSecret());
    const now = options.now ?? (() => new Date());
    const tokens = new StaffTokens(secret, {
      now,
      ...(options.tokenLifetimeMs === undefined ? {} : { lifetimeMs: options.tokenLifetimeMs }),
    });
    const throttle = new LoginThrottle(store, secret, options.limits ?? DEFAULT_LOGIN_LIMITS, now);
    const decoyHash = await hashPassword(randomBytes(32).toString('base64'));
    return new StaffAuth(store, tokens, throttle, decoyHash, now, options.verifyPassword ?? verifyPassword);
  }

  /**
   * Checks an email and password. A wrong email and a wrong password take the same work and
   * give the same InvalidCredentialsError. TooManyAttemptsError while this email from this
   * address (or this address for any email) must wait; then no password is checked.
   */
  async login(email: string, password: string, address: string): Promise<LoginResult> {
    const attempt = await this.throttle.attempt(email, address);
    const account = await this.store.findLibrarianByEmail(email);
    const matches = await this.verifyPassword(password, account?.passwordHash ?? this.decoyHash);
    if (!account || !matches) throw new InvalidCredentialsError();
    await attempt.succeeded();
    if (account.disabled) throw new AccountDisabledError();
    if (needsRehash(account.passwordHash)) await this.store.setPasswordHash(account.id, await hashPassword(password));
    const { token, expiresAt } = await this.tokens.sign({ librarianId: account.id, member: account.member });
    return { token, expiresAt, librarian: publicLibrarian(account) };
  }

  /**
   * Sets a password through a one-time link and signs its owner in. The password is checked
   * before the link is used, so a password that will not do leaves the link working. Throws
   * PasswordLinkError (unknown, used or expired), InvalidAccountError('password', …) or AccountDisabledError.
   */
  async choosePassword(link: string, password: string): Promise<LoginResult> {
    const hash = passwordLinkHash(link);
    const now = this.now().toISOString();
    const owner = await this.store.passwordLinkOwner(hash, now);
    const account = owner === undefined ? undefined : await this.store.getLibrarian(owner);
    if (account === undefined) throw new PasswordLinkError();
    if (account.disabled) throw new AccountDisabledError();
    const problem = passwordProblem(password, { email: account.email });
    if (problem !== undefined) throw new InvalidAccountError('password', problem);
    if (!(await this.store.usePasswordLink(hash, now))) throw new PasswordLinkError();
    await this.store.setPasswordHash(account.id, await hashPassword(password));
    const { token, expiresAt } = await this.tokens.sign({ librarianId: account.id, member: account.member });
    return { token, expiresAt, librarian: publicLibrarian(account) };
  }

  /**
   * The librarian a token was issued to. Throws TokenExpiredError or InvalidTokenError; an
   * account disabled or removed since stops its tokens at once.
   */
  async authenticate(token: string): Promise<Librarian> {
    const claims = await this.tokens.verify(token);
    const account = await this.store.getLibrarian(claims.librarianId);
    if (!account || account.disabled || account.member !== claims.member) {
      throw new InvalidTokenError('This sign-in is no longer valid; sign in again.');
    }
    return publicLibrarian(account);
  }
}
