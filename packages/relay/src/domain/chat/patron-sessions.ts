// Signed patron session tokens (JWT, HS256): an anonymous visitor's tabs and reloads share one
// session and so one conversation. The key is derived from the relay secret for this purpose
// alone and the audience differs, so a patron token never passes as a staff token or back.
import { createHmac, randomUUID } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import { TOKEN_ISSUER } from '../staff/staff-tokens.js';

const AUDIENCE = 'atrium:patron';
export const PATRON_SESSION_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;

export interface IssuedSession {
  id: string;
  member: string;
  token: string;
  expiresAt: Date;
}

export class PatronSessions {
  readonly #key: Uint8Array;
  readonly #lifetimeMs: number;

  constructor(secret: string, lifetimeMs = PATRON_SESSION_LIFETIME_MS) {
    this.#key = createHmac('sha256', secret).update('atrium patron session v1').digest();
    this.#lifetimeMs = lifetimeMs;
  }

  async issue(member: string): Promise<IssuedSession> {
    const id = randomUUID();
    const now = new Date();
    const expiresAt = new Date(Math.floor((now.getTime() + this.#lifetimeMs) / 1000) * 1000);
    const token = await new SignJWT({ member })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(id)
      .setIssuer(TOKEN_ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(expiresAt)
      .sign(this.#key);
    return { id, member, token, expiresAt };
  }

  /** The session a token stands for, when this relay signed it for this member and it is still valid. */
  async verify(token: string, member: string): Promise<IssuedSession | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.#key, {
        algorithms: ['HS256'],
        issuer: TOKEN_ISSUER,
        audience: AUDIENCE,
        requiredClaims: ['sub', 'exp', 'member'],
      });
      if (typeof payload.sub !== 'string' || payload.member !== member || typeof payload.exp !== 'number') return undefined;
      return { id: payload.sub, member, token, expiresAt: new Date(payload.exp * 1000) };
    } catch {
      return undefined;
    }
  }

  /** The session a token stands for, or a new one when it is missing, invalid or for another member. */
  async resolve(token: string | undefined, member: string): Promise<IssuedSession> {
    return (token ? await this.verify(token, member) : undefined) ?? (await this.issue(member));
  }
}
