// `atrium-relay librarian add|list` as an operator uses it: accounts that can sign in, clear
// refusals with exit codes, and passwords that are never printed or stored.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { StaffAuth } from '../src/domain/staff/staff-auth.js';
import { openStorage } from '../src/storage/index.js';
import { MEMBERS } from './helpers/catalog-fixtures.js';

// The installed command, as cli.test.ts runs it (`npm test` builds first).
const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../bin/atrium-relay.js');
const dir = mkdtempSync(path.join(tmpdir(), 'atrium-librarian-cli-'));
const databaseFile = path.join(dir, 'atrium.db');
const PASSWORD = 'a quiet reading room';

function cli(args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    cwd: dir,
    env: { ...process.env, DATABASE_URL: `sqlite:${databaseFile}`, ATRIUM_SECRET: '' },
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, output: result.stdout + result.stderr };
}

before(async () => {
  const storage = await openStorage({ databaseUrl: `sqlite:${databaseFile}` });
  await storage.catalog.upsertMembers(MEMBERS);
  await storage.close();
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('atrium-relay librarian', () => {
  it('documents itself', () => {
    assert.match(cli(['--help']).stdout, /librarian +Add or list librarian accounts/);
    const help = cli(['librarian', '--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /atrium-relay librarian add --member ID --email E --password P \[--name N\]/);
  });

  it('adds an account that can sign in, without printing or storing the password', async () => {
    const added = cli([
      'librarian',
      'add',
      '--member',
      'riverside-library',
      '--email',
      'Mei.Chan@riverside.example.org',
      '--password',
      PASSWORD,
      '--name',
      'Mei Chan',
    ]);
    assert.equal(added.status, 0, added.output);
    assert.match(added.stdout, /Added librarian Mei\.Chan@riverside\.example\.org \("Mei Chan"\) at riverside-library/);
    assert.ok(!added.output.includes(PASSWORD));

    const storage = await openStorage({ databaseUrl: `sqlite:${databaseFile}` });
    try {
      const auth = await StaffAuth.open(storage.staff);
      const { librarian } = await auth.login('mei.chan@riverside.example.org', PASSWORD, '192.0.2.1');
      assert.deepEqual(
        { ...librarian, id: '' },
        { id: '', member: 'riverside-library', email: 'Mei.Chan@riverside.example.org', name: 'Mei Chan' },
      );
    } finally {
      await storage.close();
    }
    for (const file of [databaseFile, `${databaseFile}-wal`]) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch {
        continue;
      }
      assert.ok(!bytes.includes(PASSWORD), `${path.basename(file)} does not hold the password`);
    }
  });

  it('names the account by its email when no name is given, and lists accounts', () => {
    const added = cli(['librarian', 'add', '--member', 'harbour-museum', '--email', 'desk@harbour.example.org', '--password', PASSWORD]);
    assert.equal(added.status, 0, added.output);
    const listed = cli(['librarian', 'list', '--member', 'harbour-museum']);
    assert.equal(listed.status, 0, listed.output);
    assert.equal(listed.stdout, 'desk@harbour.example.org\tdesk\tharbour-museum\n');
    assert.match(cli(['librarian', 'list']).stdout, /Mei\.Chan@riverside\.example\.org\tMei Chan\triverside-library/);
  });

  it('refuses a second account with the same email, in any capitalization (exit 1)', () => {
    const result = cli([
      'librarian',
      'add',
      '--member',
      'harbour-museum',
      '--email',
      'MEI.CHAN@RIVERSIDE.EXAMPLE.ORG',
      '--password',
      'another passphrase',
    ]);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /already exists/);
  });

  it('refuses an unknown member, listing the members there are (exit 1)', () => {
    const result = cli(['librarian', 'add', '--member', 'riverside-libary', '--email', 'x@riverside.example.org', '--password', PASSWORD]);
    assert.equal(result.status, 1);
    assert.match(
      result.stderr,
      /There is no member "riverside-libary"; members are: eastern-university, harbour-museum, riverside-library\./,
    );
  });

  it('refuses a weak password or a bad email, naming the flag and never echoing the password (exit 2)', () => {
    const weak = cli(['librarian', 'add', '--member', 'harbour-museum', '--email', 'y@harbour.example.org', '--password', 'tide123']);
    assert.equal(weak.status, 2);
    assert.match(weak.stderr, /--password: The password must be at least 10 characters long \(it has 7\)/);
    assert.ok(!weak.output.includes('tide123'));
    const email = cli(['librarian', 'add', '--member', 'harbour-museum', '--email', 'harbour.example.org', '--password', PASSWORD]);
    assert.equal(email.status, 2);
    assert.match(email.stderr, /--email: "harbour\.example\.org" is not an email address/);
    assert.ok(!cli(['librarian', 'list']).stdout.includes('y@harbour.example.org'), 'nothing was stored');
  });

  it('says what is missing (exit 2)', () => {
    const missing = cli(['librarian', 'add', '--email', 'z@harbour.example.org']);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /librarian add needs --member, --password/);
    const noAction = cli(['librarian']);
    assert.equal(noAction.status, 2);
    assert.match(noAction.stderr, /librarian needs an action: add, list, password or link/);
  });
});
