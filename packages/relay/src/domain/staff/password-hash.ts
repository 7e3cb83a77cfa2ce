// Librarian passwords, hashed with scrypt. The stored form names its parameters
// (`$scrypt$ln=15,r=8,p=1$<salt>$<digest>`, base64) so they can be raised later while older
// hashes keep verifying, and are upgraded at the account's next sign-in.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

export interface ScryptParameters {
  /** log2 of the CPU/memory cost N. */
  ln: number;
  r: number;
  p: number;
}

/** ~32 MiB and some tens of milliseconds per hash: slow for a guesser, fine for a sign-in. */
export const CURRENT_PARAMETERS: Readonly<ScryptParameters> = { ln: 15, r: 8, p: 1 };

const SALT_BYTES = 16;
const DIGEST_BYTES = 32;
const FORMAT = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,3}),p=(\d{1,3})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

function derive(password: string, salt: Buffer, parameters: ScryptParameters, length: number): Promise<Buffer> {
  const N = 2 ** parameters.ln;
  return new Promise((resolve, reject) => {
    scrypt(
      password.normalize('NFC'),
      salt,
      length,
      // Node refuses above 32 MiB by default; allow what the parameters need, with headroom.
      { N, r: parameters.r, p: parameters.p, maxmem: 256 * N * parameters.r },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

const b64 = (bytes: Buffer) => bytes.toString('base64').replace(/=+$/, '');

export async function hashPassword(password: string, parameters: ScryptParameters = CURRENT_PARAMETERS): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const digest = await derive(password, salt, parameters, DIGEST_BYTES);
  return `$scrypt$ln=${parameters.ln},r=${parameters.r},p=${parameters.p}$${b64(salt)}$${b64(digest)}`;
}

interface ParsedHash {
  parameters: ScryptParameters;
  salt: Buffer;
  digest: Buffer;
}

function parse(stored: string): ParsedHash | undefined {
  const match = FORMAT.exec(stored);
  if (!match) return undefined;
  const [, ln, r, p, salt, digest] = match;
  const parameters = { ln: Number(ln), r: Number(r), p: Number(p) };
  // Bounds keep a corrupted row from asking for gigabytes of memory.
  if (parameters.ln < 10 || parameters.ln > 22 || parameters.r < 1 || parameters.r > 32 || parameters.p < 1 || parameters.p > 16) {
    return undefined;
  }
  return { parameters, salt: Buffer.from(salt!, 'base64'), digest: Buffer.from(digest!, 'base64') };
}

/** True when `password` is the one `stored` was made from. A malformed hash matches nothing. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed || parsed.digest.length === 0) return false;
  const candidate = await derive(password, parsed.salt, parsed.parameters, parsed.digest.length);
  return timingSafeEqual(candidate, parsed.digest);
}

/** True when `stored` was made with weaker parameters than today's (or cannot be read). */
export function needsRehash(stored: string, parameters: ScryptParameters = CURRENT_PARAMETERS): boolean {
  const parsed = parse(stored);
  if (!parsed) return true;
  return parsed.parameters.ln < parameters.ln || parsed.parameters.r < parameters.r || parsed.parameters.p < parameters.p;
}
