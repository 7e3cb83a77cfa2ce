// The first run of a real consortium: `atrium-relay init` on an empty store sets up the
// consortium and its first administrator, who signs in with a password from a file, one typed
// at a hidden prompt, or one chosen through a one-time link in the console. Bad input is named
// by its flag and stores nothing; a store that already has a consortium is left alone.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, afterEach, beforeEach, describe, it } from 'node:test';
import { ApiError, ChatRefusedError, createClient } from '@atrium/sdk';
import { initConsortium, type InitOptions } from '../src/cli/init-command.js';
import { librarianLink } from '../src/cli/librarian-command.js';
import { applyConsortium } from '../src/domain/consortium/apply.js';
import { readConsortiumFile } from '../src/domain/consortium/consortium-file.js';
import { toConsortiumFile } from '../src/domain/consortium/export.js';
import { PasswordLinkError } from '../src/domain/staff/errors.js';
import { issuePasswordLink } from '../src/domain/staff/password-links.js';
import { StaffAuth } from '../src/domain/staff/staff-auth.js';
import type { Storage } from '../src/storage/index.js';
import { testDatabases, type StartedRelay } from './helpers/databases.js';
import { textSink } from './helpers/text-sink.js';

const dir = mkdtempSync(join(tmpdir(), 'atrium-init-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const passwordFile = (password: string) => {
  const path = join(dir, `password-${Math.random().toString(36).slice(2)}`);
  writeFileSync(path, `${password}\n`);
  return path;
};

const EXAMPLE = new URL('../../../examples/consortium.yaml', import.meta.url);
const ADMIN = 'systems@lakeside.example.org';
const PASSWORD = 'tide tables at dawn';
const BASE: InitOptions = {
  name: 'Lakeside Libraries',
  nameZh: '湖畔圖書館聯盟',
  publicUrl: 'https://atrium.lakeside.example.org',
  adminEmail: ADMIN,
  adminName: 'Morgan Reyes',
};

async function init(storage: Storage, options: InitOptions, terminalInput?: string) {
  const stdout = textSink();
  const stderr = textSink();
  const echo = textSink();
  const terminal =
    terminalInput === undefined ? undefined : { input: Object.assign(new PassThrough(), { isTTY: false }), output: echo.stream };
  terminal?.input.end(terminalInput);
  const code = await initConsortium(storage, options, { stdout: stdout.stream, stderr: stderr.stream }, terminal);
  return { code, stdout: stdout.text(), stderr: stderr.text(), terminal: echo.text() };
}

const signIn = async (storage: Storage, password: string) => (await StaffAuth.open(storage.staff)).login(ADMIN, password, '127.0.0.1');

for (const database of await testDatabases()) {
  describe(`atrium-relay init on ${database.name}`, { skip: database.skip }, () => {
    let storage: Storage;
    beforeEach(async () => (storage = await database.open()));
    afterEach(() => storage.close());

    it('sets up the consortium and its administrator, who signs in with the password from the file', async () => {
      const result = await init(storage, { ...BASE, adminPasswordFile: passwordFile(PASSWORD) });
      assert.equal(result.code, 0, result.stderr);
      assert.match(
        result.stdout,
        /Set up "Lakeside Libraries" \(湖畔圖書館聯盟\) with systems@lakeside\.example\.org as its administrator/,
      );
      assert.match(result.stdout, /atrium-relay apply FILE/);
      assert.deepEqual(toConsortiumFile(await storage.consortium.read()), {
        consortium: {
          name: { en: 'Lakeside Libraries', zh: '湖畔圖書館聯盟' },
          languages: ['en', 'zh-Hant'],
          publicUrl: 'https://atrium.lakeside.example.org',
          administrators: [{ email: ADMIN, name: 'Morgan Reyes' }],
        },
        members: [],
      });
      const session = await signIn(storage, PASSWORD);
      assert.equal(session.librarian.email, ADMIN);
      assert.equal(session.librarian.member, null);

      // The README's next step: the example file names the same administrator; their password stays.
      await applyConsortium(storage.consortium, readConsortiumFile(readFileSync(EXAMPLE, 'utf8'), 'consortium.yaml'));
      assert.equal((await signIn(storage, PASSWORD)).librarian.name, 'Lakeside systems librarian');
    });

    it('leaves a store that already has a consortium alone and points to apply', async () => {
      assert.equal((await init(storage, { ...BASE, adminPasswordFile: passwordFile(PASSWORD) })).code, 0);
      const before = await storage.consortium.read();
      const again = await init(storage, {
        ...BASE,
        name: 'Another',
        adminEmail: 'other@lakeside.example.org',
        adminPasswordFile: passwordFile(PASSWORD),
      });
      assert.equal(again.code, 1);
      assert.match(again.stderr, /already has a consortium \("Lakeside Libraries"\); init changed nothing/);
      assert.match(again.stderr, /atrium-relay apply FILE/);
      assert.deepEqual(await storage.consortium.read(), before);
    });

    it('names each bad flag and stores nothing', async () => {
      const result = await init(storage, { ...BASE, publicUrl: 'atrium.lakeside', languages: 'en,fr', adminEmail: 'systems-at-lakeside' });
      assert.equal(result.code, 2);
      const lines = result.stderr.trim().split('\n');
      assert.deepEqual(
        lines.map((line) => line.split(':')[0]),
        ['--languages', '--public-url', '--admin-email', 'Nothing was stored.'],
      );
      assert.equal((await storage.consortium.read()).settings, undefined);
      assert.deepEqual(await storage.staff.listLibrarians(), []);
    });

    it('refuses a password that will not do before storing anything', async () => {
      const result = await init(storage, { ...BASE, adminPasswordFile: passwordFile('short') });
      assert.equal(result.code, 2);
      assert.match(result.stderr, /^--admin-password-file: The password must be at least 10 characters long \(it has 5\)/);
      assert.equal((await storage.consortium.read()).settings, undefined);
      assert.deepEqual(await storage.staff.listLibrarians(), []);
    });

    it('asks on a terminal without echoing, again when the password will not do or the two differ', async () => {
      const result = await init(storage, BASE, `short\n${PASSWORD}\nsomething else\n${PASSWORD}\r\n${PASSWORD}\n`);
      assert.equal(result.code, 0, result.stderr);
      assert.ok(!result.terminal.includes(PASSWORD) && !result.terminal.includes('short\n'), result.terminal);
      assert.match(result.terminal, /at least 10 characters long \(it has 5\)[\s\S]*The two passwords differ/);
      assert.equal((await signIn(storage, PASSWORD)).librarian.email, ADMIN);
    });

    it('stores nothing when the terminal closes before a password is chosen', async () => {
      const result = await init(storage, BASE, '');
      assert.equal(result.code, 2);
      assert.equal((await storage.consortium.read()).settings, undefined);
    });

    it('refuses a one-time link once used or past its time', async () => {
      assert.equal((await init(storage, { ...BASE, adminPasswordFile: passwordFile(PASSWORD) })).code, 0);
      const admin = (await storage.staff.findLibrarianByEmail(ADMIN))!;
      const old = await issuePasswordLink(storage.staff, admin.id, new Date(Date.now() - 4 * 24 * 3600_000));
      const auth = await StaffAuth.open(storage.staff);
      await assert.rejects(auth.choosePassword(old.token, 'a brand new passphrase'), PasswordLinkError);
      await assert.rejects(auth.choosePassword('never-made-here', 'a brand new passphrase'), PasswordLinkError);
      await signIn(storage, PASSWORD);
    });
  });

  describe(`choosing a password through the link init prints, on ${database.name}`, { skip: database.skip }, () => {
    let started: StartedRelay;
    beforeEach(async () => (started = await database.startRelay()));
    afterEach(() => started.close());

    it('prints the link once; the console address takes it; a weak password keeps it working; used, it stops', async () => {
      const result = await init(started.relay.storage, BASE);
      assert.equal(result.code, 0, result.stderr);
      const link = /https:\/\/atrium\.lakeside\.example\.org\/console\/#password-link=([A-Za-z0-9_-]{43})\n/.exec(result.stdout);
      assert.ok(link, result.stdout);
      const token = link[1]!;
      const client = createClient({ baseUrl: started.url });

      const weak = await client.auth.choosePassword({ link: token, password: 'aaaaaaaaaaaa' }).catch((error: unknown) => error);
      assert.ok(weak instanceof ApiError && weak.status === 400, String(weak));
      assert.deepEqual(
        weak.errors.map((error) => error.path),
        ['password'],
      );

      const session = await client.auth.choosePassword({ link: token, password: PASSWORD });
      assert.equal(session.librarian.email, ADMIN);
      assert.equal((await client.auth.me({ token: session.token })).email, ADMIN);
      assert.equal((await client.auth.login({ email: ADMIN, password: PASSWORD })).librarian.email, ADMIN);

      const reused = await client.auth
        .choosePassword({ link: token, password: 'another good passphrase' })
        .catch((error: unknown) => error);
      assert.ok(reused instanceof ApiError && reused.status === 410 && reused.code === 'link_expired', String(reused));
      await client.auth.login({ email: ADMIN, password: PASSWORD });

      // An administrator has no desk: staff routes and the desk's socket say so by name.
      const desk = await fetch(`${started.url}/v1/staff/canned-responses`, { headers: { authorization: `Bearer ${session.token}` } });
      assert.equal(desk.status, 403);
      assert.equal(((await desk.json()) as { code: string }).code, 'no_desk');
      const refused = await client.console.connect({ token: session.token }).catch((error: unknown) => error);
      assert.ok(refused instanceof ChatRefusedError && refused.code === 'no_desk', String(refused));
    });

    it('gives a new link to an account a consortium file made without a password', async () => {
      assert.equal((await init(started.relay.storage, { ...BASE, adminPasswordFile: passwordFile(PASSWORD) })).code, 0);
      const stdout = textSink();
      assert.equal(
        await librarianLink(started.relay.storage, ADMIN, 'https://atrium.lakeside.example.org', {
          stdout: stdout.stream,
          stderr: stdout.stream,
        }),
        0,
      );
      const token = /#password-link=([A-Za-z0-9_-]+)/.exec(stdout.text())![1]!;
      const client = createClient({ baseUrl: started.url });
      await client.auth.choosePassword({ link: token, password: 'a second good passphrase' });
      await client.auth.login({ email: ADMIN, password: 'a second good passphrase' });
    });
  });
}
