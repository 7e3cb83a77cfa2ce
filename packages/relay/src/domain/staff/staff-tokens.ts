// Signed, expiring staff tokens (JWT, HS256): who the librarian is and which member they
// answer for. The key is derived from the relay secret for this one purpose, so tokens made
// for other purposes with the same secret (patron sessions) can never pass as staff tokens.
import { createHmac } from 'node:crypto';
import { SignJWT, errors as joseErrors, jwtVerify } from 'jose';
import { InvalidTokenError, TokenExpiredError } from './errors.js';

export const TOKEN_ISSUER = 'atrium';
const AUDIENCE = 'atrium:librarian';
export const TOKEN_LIFETIME_MS = 12 * 60 * 60 * 1000;

export interface StaffClaims {
  librarianId: string;
  /** The member whose desk the librarian staffs; `null` for a consortium administrator. */
  member: string | null;
}

export interface SignedToken {
  token: string;
  expiresAt: Date;
}

export interface StaffTokensOptions {
  lifetimeMs?: number;
  /** The clock; tests move it to see tokens expire. */
  now?: () => Date;
}

export class StaffTokens {
  readonly #key: Uint8Array;
  readonly #lifetimeMs: number;
  readonly #now: () => Date;

  constructor(secret: string, options: StaffTokensOptions = {}) {
    this.#key = createHmac('sha256', secret).update('atrium staff token v1').digest();
    this.#lifetimeMs = options.lifetimeMs ?? TOKEN_LIFETIME_MS;
    this.#now = options.now ?? (() => new Date());
  }

  async sign(claims: StaffClaims): Promise<SignedToken> {
    const issuedAt = this.#now();
    // JWT times are whole seconds; round the expiry down so `expiresAt` is never later than the token's.
    const expiresAt = new Date(Math.floor((issuedAt.getTime() + this.#lifetimeMs) / 1000) * 1000);
    const token = await new SignJWT({ member: claims.member })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.librarianId)
      .setIssuer(TOKEN_ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .sign(this.#key);
    return { token, expiresAt };
  }

  /** The claims of a token this relay signed and that has not expired; throws otherwise. */
  async verify(token: string): Promise<StaffClaims> {
    try {
      const { payload } = await jwtVerify(token, this.#key, {
        algorithms: ['HS256'],
        issuer: TOKEN_ISSUER,
        audience: AUDIENCE,
        currentDate: this.#now(),
        requiredClaims: ['sub', 'exp', 'member'],
      });
      // `member` is null in a consortium administrator's token.
      if (typeof payload.sub !== 'string' || (typeof payload.member !== 'string' && payload.member !== null)) throw new InvalidTokenError();
      return { librarianId: payload.sub, member: payload.member };
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw new TokenExpiredError();
      if (error instanceof InvalidTokenError) throw error;
      if (error instanceof joseErrors.JOSEError) throw new InvalidTokenError();
      throw error;
    }
  }
}
