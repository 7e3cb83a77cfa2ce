// `atrium-relay librarian add|list`: staff accounts from the command line. Passwords are
// never printed, and nothing is stored unless every check passes.
import { addLibrarian } from '../domain/staff/librarian-accounts.js';
import { EmailTakenError, InvalidAccountError, UnknownMemberError } from '../domain/staff/errors.js';
import { MIN_PASSWORD_LENGTH, passwordProblem } from '../domain/staff/password-policy.js';
import { hashPassword } from '../domain/staff/password-hash.js';
import { issuePasswordLink, passwordLinkUrl } from '../domain/staff/password-links.js';
import type { Storage } from '../storage/index.js';

export const LIBRARIAN_USAGE = `Usage: atrium-relay librarian add --member ID --email E --password P [--name N] [--database URL]
       atrium-relay librarian list [--member ID] [--database URL]
       atrium-relay librarian password --email E --password P [--database URL]
       atrium-relay librarian link --email E [--database URL]

  add              Create a librarian account that signs in with POST /v1/auth/login
  list             Show librarian accounts (email, name, member), never their passwords
  password         Set an account's password, e.g. for staff a consortium file added (they have none)
  link             Print a one-time link with which the account's owner chooses their password
                   (works once, for three days; PUBLIC_URL is the address it starts with)
  --member ID      The member whose patrons the librarian answers first (e.g. riverside-library)
  --email E        The address the librarian signs in with (unique, any capitalization)
  --password P     At least ${MIN_PASSWORD_LENGTH} characters; a phrase of a few words is easy to remember
  --name N         How patrons and colleagues see the librarian (default: the email's name part)
  --database URL   sqlite:PATH or postgres://... (default DATABASE_URL or sqlite:.atrium/atrium.db)`;

interface Output {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

export interface AddOptions {
  member: string;
  email: string;
  password: string;
  name?: string | undefined;
}

/** Exit code 0 when added; 2 for input to correct (email, password, name); 1 for a conflict with what is stored. */
export async function librarianAdd(storage: Storage, options: AddOptions, output: Output = process): Promise<number> {
  try {
    const librarian = await addLibrarian(storage, {
      member: options.member,
      email: options.email,
      password: options.password,
      ...(options.name === undefined ? {} : { name: options.name }),
    });
    output.stdout.write(`Added librarian ${librarian.email} ("${librarian.name}") at ${librarian.member}; id ${librarian.id}.\n`);
    return 0;
  } catch (error) {
    if (error instanceof InvalidAccountError) {
      output.stderr.write(`--${error.field}: ${error.message}\n`);
      return 2;
    }
    if (error instanceof UnknownMemberError || error instanceof EmailTakenError) {
      output.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

export async function librarianList(storage: Storage, member: string | undefined, output: Output = process): Promise<number> {
  const librarians = await storage.staff.listLibrarians(member);
  if (librarians.length === 0) {
    output.stdout.write(member ? `No librarian accounts at ${member}.\n` : 'No librarian accounts yet.\n');
    return 0;
  }
  for (const librarian of librarians) {
    output.stdout.write(
      `${librarian.email}\t${librarian.name}\t${librarian.member ?? '(consortium administrator)'}${librarian.disabled ? '\t(disabled)' : ''}\n`,
    );
  }
  return 0;
}

/** Sets the password of an existing account; 2 when the password will not do, 1 when there is no such account. */
export async function librarianPassword(storage: Storage, email: string, password: string, output: Output = process): Promise<number> {
  const librarian = await storage.staff.findLibrarianByEmail(email);
  if (librarian === undefined) {
    output.stderr.write(`No account signs in as ${email}; "librarian list" shows them.\n`);
    return 1;
  }
  const problem = passwordProblem(password, { email });
  if (problem !== undefined) {
    output.stderr.write(`--password: ${problem}\n`);
    return 2;
  }
  await storage.staff.setPasswordHash(librarian.id, await hashPassword(password));
  output.stdout.write(`Password set for ${librarian.email}; they can sign in now.\n`);
  return 0;
}

/** Prints a one-time link for an account's owner to choose a password; 1 when there is no such account. */
export async function librarianLink(
  storage: Storage,
  email: string,
  publicUrl: string | undefined,
  output: Output = process,
): Promise<number> {
  const librarian = await storage.staff.findLibrarianByEmail(email);
  if (librarian === undefined) {
    output.stderr.write(`No account signs in as ${email}; "librarian list" shows them.\n`);
    return 1;
  }
  const { token, expiresAt } = await issuePasswordLink(storage.staff, librarian.id);
  const base = publicUrl ?? `http://localhost:${process.env.PORT ?? '8080'}`;
  output.stdout.write(
    `${librarian.email} chooses a password with this link, which works once, until ${expiresAt.toISOString()}:\n\n  ${passwordLinkUrl(base, token)}\n`,
  );
  return 0;
}
