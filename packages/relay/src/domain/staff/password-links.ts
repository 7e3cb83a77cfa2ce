// One-time links that let a librarian choose their own password: for the first administrator
// that `atrium-relay init` makes, and for staff a consortium file adds (who have none). The link
// carries a random token; the database keeps only its SHA-256, so a copy of the database opens
// nothing. The token travels after `#` so it never reaches a server log or a Referer header.
import { createHash, randomBytes } from 'node:crypto';
import type { StaffStore } from '../../storage/staff-store.js';

/** How long a link works: long enough to pass on to a colleague over a weekend. */
export const PASSWORD_LINK_LIFETIME_MS = 3 * 24 * 60 * 60 * 1000;

export function passwordLinkHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Makes a new link for the librarian and gives its token, which is shown once and kept nowhere. */
export async function issuePasswordLink(
  store: StaffStore,
  librarianId: string,
  now = new Date(),
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + PASSWORD_LINK_LIFETIME_MS);
  await store.addPasswordLink({
    tokenHash: passwordLinkHash(token),
    librarianId,
    createdAt: now.toISOString(),
    expiresAt: expiresAt.toISOString(),
  });
  return { token, expiresAt };
}

/** The console page where the link's owner chooses a password, on the relay at `baseUrl`. */
export function passwordLinkUrl(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/console/#password-link=${token}`;
}
