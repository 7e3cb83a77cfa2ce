// Creating librarian accounts (the CLI and the demo seed): checked member, email and password.
import { randomUUID } from 'node:crypto';
import { type Librarian, LoginRequest } from '@atrium/sdk';
import type { CatalogStore } from '../../storage/catalog-store.js';
import type { StaffStore } from '../../storage/staff-store.js';
import { EmailTakenError, InvalidAccountError, UnknownMemberError } from './errors.js';
import { publicLibrarian } from './librarian.js';
import { hashPassword } from './password-hash.js';
import { passwordProblem } from './password-policy.js';

export interface NewAccount {
  member: string;
  email: string;
  password: string;
  /** How patrons and colleagues see the librarian; defaults to the email's name part. */
  name?: string;
}

const MAX_NAME_LENGTH = 120;

/**
 * Adds a librarian. Throws InvalidAccountError (naming the field), UnknownMemberError or
 * EmailTakenError and then stores nothing.
 */
export async function addLibrarian(
  storage: { catalog: CatalogStore; staff: StaffStore },
  account: NewAccount,
  now: Date = new Date(),
): Promise<Librarian> {
  const email = account.email.trim();
  const emailCheck = LoginRequest.shape.email.safeParse(email);
  if (!emailCheck.success) throw new InvalidAccountError('email', `"${email}" is not an email address.`);
  const problem = passwordProblem(account.password, { email });
  if (problem) throw new InvalidAccountError('password', problem);
  const name = (account.name ?? email.slice(0, email.indexOf('@'))).trim();
  if (name === '' || name.length > MAX_NAME_LENGTH) {
    throw new InvalidAccountError('name', `The name must be 1 to ${MAX_NAME_LENGTH} characters long.`);
  }
  const members = (await storage.catalog.listMembers()).map((member) => member.id);
  if (!members.includes(account.member)) throw new UnknownMemberError(account.member, members);
  if (await storage.staff.findLibrarianByEmail(email)) throw new EmailTakenError(email);

  const stored = await storage.staff.addLibrarian({
    id: randomUUID(),
    member: account.member,
    email,
    name,
    passwordHash: await hashPassword(account.password),
    createdAt: now.toISOString(),
  });
  // Someone else took the email while the password was being hashed.
  if (!stored) throw new EmailTakenError(email);
  return publicLibrarian(stored);
}
