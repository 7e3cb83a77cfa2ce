// `atrium-relay init`: the first run of a real consortium on an empty store. It declares the
// consortium (name, languages, public address) and its first administrator, through the same
// schema and `apply` as a consortium file, so what init makes is what `export` writes back.
// The administrator's password comes from a file, from a prompt on a terminal, or is chosen
// by the administrator through a one-time link printed once.
import { readFile } from 'node:fs/promises';
import { ConsortiumFile } from '@atrium/sdk';
import { applyConsortium } from '../domain/consortium/apply.js';
import { hashPassword } from '../domain/staff/password-hash.js';
import { issuePasswordLink, passwordLinkUrl } from '../domain/staff/password-links.js';
import { MIN_PASSWORD_LENGTH, passwordProblem } from '../domain/staff/password-policy.js';
import type { Storage } from '../storage/index.js';
import { readHiddenLine, type Terminal } from './terminal.js';

export const INIT_USAGE = `Usage: atrium-relay init --name NAME --admin-email E [options]

Sets up a new consortium on an empty store: its name, languages and public address, and its
first consortium administrator, who then adds members with "atrium-relay apply FILE".

  --name NAME                The consortium's name in English, e.g. "Lakeside Libraries"
  --name-zh NAME             Its name in Chinese, e.g. 湖畔圖書館聯盟
  --languages L,L            What the widget and console offer, the first the default:
                             en, zh-Hans, zh-Hant (default en, and zh-Hant with --name-zh)
  --public-url URL           Where patrons and staff reach this relay, e.g. https://atrium.lakeside.example.org
                             (default PUBLIC_URL; used in links and emails)
  --admin-email E            The first administrator's sign-in email
  --admin-name N             How colleagues see them (default: the email's name part)
  --admin-password-file F    Read their password from F (at least ${MIN_PASSWORD_LENGTH} characters; one line)
  --database URL             sqlite:PATH or postgres://... (default DATABASE_URL or sqlite:.atrium/atrium.db)

Without --admin-password-file, init asks for the password on a terminal; where there is none
(a script, a container), it prints a one-time link with which the administrator chooses it.
A store that already has a consortium is left alone: change it with "atrium-relay apply".`;

export interface InitOptions {
  name?: string | undefined;
  nameZh?: string | undefined;
  languages?: string | undefined;
  publicUrl?: string | undefined;
  adminEmail?: string | undefined;
  adminName?: string | undefined;
  adminPasswordFile?: string | undefined;
}

interface Output {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

/** Which flag each field of the consortium file comes from, to name it in an error. */
const FLAG_OF: Record<string, string> = {
  'consortium.name.en': '--name',
  'consortium.name.zh': '--name-zh',
  'consortium.languages': '--languages',
  'consortium.publicUrl': '--public-url',
  'consortium.administrators.0.email': '--admin-email',
  'consortium.administrators.0.name': '--admin-name',
};

const flagOf = (path: ReadonlyArray<PropertyKey>): string => {
  const key = path.map(String).join('.');
  return FLAG_OF[key] ?? FLAG_OF[key.replace(/\.\d+$/, '')] ?? key;
};

/**
 * Exit code 0 when the consortium was set up; 2 for input to correct (each problem named by its
 * flag, nothing stored); 1 when the store already has a consortium.
 */
export async function initConsortium(
  storage: Storage,
  options: InitOptions,
  output: Output = process,
  terminal: Terminal | undefined = process.stdin.isTTY && process.stderr.isTTY
    ? { input: process.stdin, output: process.stderr }
    : undefined,
): Promise<number> {
  const missing = (['name', 'adminEmail'] as const).filter((key) => !options[key]?.trim());
  if (missing.length > 0) {
    output.stderr.write(
      `init needs ${missing.map((key) => (key === 'name' ? '--name' : '--admin-email')).join(' and ')}.\n\n${INIT_USAGE}\n`,
    );
    return 2;
  }
  const email = options.adminEmail!.trim();
  const languages = options.languages?.split(',').map((language) => language.trim()) ?? (options.nameZh ? ['en', 'zh-Hant'] : undefined);
  const publicUrl = options.publicUrl ?? process.env.PUBLIC_URL;
  const parsed = ConsortiumFile.safeParse({
    consortium: {
      name: { en: options.name, ...(options.nameZh === undefined ? {} : { zh: options.nameZh }) },
      ...(languages === undefined ? {} : { languages }),
      ...(publicUrl === undefined ? {} : { publicUrl }),
      administrators: [{ email, name: options.adminName ?? email.split('@')[0] }],
    },
    members: [],
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) output.stderr.write(`${flagOf(issue.path)}: ${issue.message}\n`);
    output.stderr.write('Nothing was stored.\n');
    return 2;
  }

  const stored = await storage.consortium.read();
  if (stored.settings !== undefined || stored.members.length > 0) {
    const name = stored.settings?.name.en;
    output.stderr.write(
      `This store already has a consortium${name ? ` ("${name}")` : ''}; init changed nothing.\n` +
        'Change it with "atrium-relay apply FILE" ("atrium-relay export" writes what is stored as such a file).\n',
    );
    return 1;
  }

  // The password is settled before anything is written, so a refused one leaves the store empty.
  let password: string | undefined;
  if (options.adminPasswordFile !== undefined) {
    try {
      password = (await readFile(options.adminPasswordFile, 'utf8')).replace(/\r?\n$/, '');
    } catch (error) {
      output.stderr.write(
        `--admin-password-file: cannot read ${options.adminPasswordFile}: ${(error as Error).message}\nNothing was stored.\n`,
      );
      return 2;
    }
    const problem = passwordProblem(password, { email });
    if (problem !== undefined) {
      output.stderr.write(`--admin-password-file: ${problem}\nNothing was stored.\n`);
      return 2;
    }
  } else if (terminal !== undefined) {
    password = await askPassword(terminal, email);
    if (password === undefined) {
      output.stderr.write('No password was chosen; nothing was stored.\n');
      return 2;
    }
  }
  const passwordHash = password === undefined ? undefined : await hashPassword(password);

  await applyConsortium(storage.consortium, parsed.data);
  const admin = await storage.staff.findLibrarianByEmail(email);
  if (admin === undefined) throw new Error(`init stored the consortium but not its administrator ${email}`);
  const settings = parsed.data.consortium;
  output.stdout.write(
    `Set up "${settings.name.en}"${settings.name.zh ? ` (${settings.name.zh})` : ''} with ${admin.email} as its administrator.\n`,
  );
  if (passwordHash !== undefined) {
    await storage.staff.setPasswordHash(admin.id, passwordHash);
    output.stdout.write(`They sign in at ${consoleUrl(publicUrl)} with the password chosen.\n`);
  } else {
    const { token, expiresAt } = await issuePasswordLink(storage.staff, admin.id);
    output.stdout.write(
      `They choose a password with this link, which works once, until ${expiresAt.toISOString()}; it is not shown again:\n\n` +
        `  ${passwordLinkUrl(publicUrl ?? localUrl(), token)}\n\n` +
        `(A new one: atrium-relay librarian link --email ${admin.email})\n`,
    );
  }
  output.stdout.write(
    '\nNext: start the relay ("atrium-relay serve"), then describe the members, their branches, staff and\n' +
      'widget keys in a consortium file and load it with "atrium-relay apply FILE" (see docs/consortium.md).\n',
  );
  return 0;
}

/** Asks twice, hidden; asks again while the password will not do or the two differ. */
async function askPassword(terminal: Terminal, email: string): Promise<string | undefined> {
  for (let tries = 0; tries < 3; tries += 1) {
    const first = await readHiddenLine(terminal, `Password for ${email} (at least ${MIN_PASSWORD_LENGTH} characters): `);
    if (first === undefined) return undefined;
    const problem = passwordProblem(first, { email });
    if (problem !== undefined) {
      terminal.output.write(`${problem}\n`);
      continue;
    }
    const again = await readHiddenLine(terminal, 'The same password again: ');
    if (again === undefined) return undefined;
    if (again === first) return first;
    terminal.output.write('The two passwords differ; once more.\n');
  }
  return undefined;
}

function localUrl(): string {
  return `http://localhost:${process.env.PORT ?? '8080'}`;
}

function consoleUrl(publicUrl: string | undefined): string {
  return `${(publicUrl ?? localUrl()).replace(/\/+$/, '')}/console/`;
}
