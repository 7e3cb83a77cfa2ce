// Librarian accounts and sign-in on SQLite and PostgreSQL: accounts, the shared signing
// secret, login answers that give nothing away, tokens that expire or are refused when
// altered. How attempts are throttled is in login-throttle.test.ts.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SignJWT } from 'jose';
import {
  AccountDisabledError,
  EmailTakenError,
  InvalidAccountError,
  InvalidCredentialsError,
  InvalidTokenError,
  TokenExpiredError,
  UnknownMemberError,
} from '../src/domain/staff/errors.js';
import { DEMO_MEMBERS } from '../src/demo/consortium.js';
import { DEMO_LIBRARIAN_PASSWORD, demoLibrarianEmail, seedDemoLibrarians } from '../src/demo/librarians.js';
import { addLibrarian } from '../src/domain/staff/librarian-accounts.js';
import { hashPassword } from '../src/domain/staff/password-hash.js';
import { StaffAuth } from '../src/domain/staff/staff-auth.js';
import { type Storage, openStorage } from '../src/storage/index.js';
import { MEMBERS } from './helpers/catalog-fixtures.js';
import { testDatabases } from './helpers/databases.js';

const PASSWORD = 'reading room 42';

/** A clock the test moves by hand. */
function manualClock(start = '2026-03-02T09:00:00Z') {
  let now = new Date(start).getTime();
  return { now: () => new Date(now), advance: (ms: number) => void (now += ms) };
}

async function median(runs: number, task: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await task().catch(() => {});
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

for (const database of await testDatabases()) {
  describe(`librarian accounts and sign-in on ${database.name}`, { skip: database.skip }, () => {
    let storage: Storage;
    before(async () => {
      storage = await database.open();
      await storage.catalog.upsertMembers(MEMBERS);
      await addLibrarian(storage, {
        member: 'riverside-library',
        email: 'Ann.Lee@Riverside.example.org',
        password: PASSWORD,
        name: 'Ann Lee',
      });
    });
    after(() => storage?.close());

    it('keeps one account per email, whatever its capitalization', async () => {
      const found = await storage.staff.findLibrarianByEmail('  ann.lee@riverside.EXAMPLE.org ');
      assert.equal(found?.email, 'Ann.Lee@Riverside.example.org');
      assert.equal(found?.name, 'Ann Lee');
      assert.equal(found?.disabled, false);
      assert.ok(!found?.passwordHash.includes(PASSWORD));
      await assert.rejects(
        addLibrarian(storage, { member: 'harbour-museum', email: 'ANN.LEE@riverside.example.org', password: 'another passphrase' }),
        EmailTakenError,
      );
      const direct = await storage.staff.addLibrarian({
        id: 'x',
        member: 'harbour-museum',
        email: 'ann.lee@RIVERSIDE.example.org',
        name: 'Ann',
        passwordHash: 'h',
        createdAt: new Date().toISOString(),
      });
      assert.equal(direct, undefined, 'the store itself refuses the duplicate');
      assert.deepEqual(
        (await storage.staff.listLibrarians('riverside-library')).map((l) => l.email),
        ['Ann.Lee@Riverside.example.org'],
      );
      assert.deepEqual(await storage.staff.listLibrarians('harbour-museum'), []);
    });

    it('refuses a new account with an unknown member, a bad email or a weak password, storing nothing', async () => {
      const before = (await storage.staff.listLibrarians()).length;
      await assert.rejects(
        addLibrarian(storage, { member: 'nowhere-library', email: 'a@b.example.org', password: PASSWORD }),
        (error: Error) => error instanceof UnknownMemberError && /harbour-museum, riverside-library/.test(error.message),
      );
      await assert.rejects(
        addLibrarian(storage, { member: 'harbour-museum', email: 'not-an-email', password: PASSWORD }),
        (error: Error) => error instanceof InvalidAccountError && error.field === 'email',
      );
      await assert.rejects(
        addLibrarian(storage, { member: 'harbour-museum', email: 'b@harbour.example.org', password: 'short' }),
        (error: Error) => error instanceof InvalidAccountError && error.field === 'password' && /at least 10/.test(error.message),
      );
      assert.equal((await storage.staff.listLibrarians()).length, before);
    });

    it('creates the signing secret once and gives every caller the same one', async () => {
      const [first, second] = await Promise.all([storage.staff.signingSecret(), storage.staff.signingSecret()]);
      assert.equal(first, second);
      assert.ok(first.length >= 43, 'at least 256 random bits');
      assert.equal(await storage.staff.signingSecret(), first);
    });

    it('signs a librarian in and recognizes the token afterwards', async () => {
      const auth = await StaffAuth.open(storage.staff);
      const result = await auth.login('ann.lee@riverside.example.org', PASSWORD, '192.0.2.1');
      assert.deepEqual(
        { ...result.librarian, id: undefined },
        {
          id: undefined,
          member: 'riverside-library',
          email: 'Ann.Lee@Riverside.example.org',
          name: 'Ann Lee',
        },
      );
      const hours = (result.expiresAt.getTime() - Date.now()) / 3_600_000;
      assert.ok(hours > 11.9 && hours <= 12, `expires in ${hours} h`);
      assert.deepEqual(await auth.authenticate(result.token), result.librarian);
      // Another node on the same database, with no secret of its own, accepts the token.
      const otherNode = await StaffAuth.open(storage.staff);
      assert.deepEqual(await otherNode.authenticate(result.token), result.librarian);
    });

    it('gives the same answer, after the same work, for a wrong password and an unknown email', async () => {
      const auth = await StaffAuth.open(storage.staff);
      await assert.rejects(auth.login('ann.lee@riverside.example.org', 'not the password', '192.0.2.2'), InvalidCredentialsError);
      await assert.rejects(auth.login('nobody@riverside.example.org', PASSWORD, '192.0.2.2'), InvalidCredentialsError);
      const wrongPassword = await median(3, () => auth.login('ann.lee@riverside.example.org', 'not the password', '192.0.2.3'));
      const unknownEmail = await median(3, () => auth.login('nobody@riverside.example.org', 'not the password', '192.0.2.4'));
      // Without the decoy hash an unknown email would answer in a small fraction of the time.
      assert.ok(unknownEmail > wrongPassword * 0.4, `unknown email ${unknownEmail} ms, wrong password ${wrongPassword} ms`);
    });

    it('lets a token expire after its lifetime', async () => {
      const clock = manualClock();
      const auth = await StaffAuth.open(storage.staff, { now: clock.now });
      const { token, expiresAt } = await auth.login('ann.lee@riverside.example.org', PASSWORD, '192.0.2.5');
      assert.equal(expiresAt.toISOString(), '2026-03-02T21:00:00.000Z');
      clock.advance(12 * 3_600_000 - 1000);
      assert.equal((await auth.authenticate(token)).name, 'Ann Lee');
      clock.advance(2000);
      await assert.rejects(auth.authenticate(token), TokenExpiredError);
    });

    it('refuses altered tokens, tokens signed with another secret and tokens for other purposes', async () => {
      const auth = await StaffAuth.open(storage.staff);
      const { token, librarian } = await auth.login('ann.lee@riverside.example.org', PASSWORD, '192.0.2.6');
      const [header, payload, signature] = token.split('.') as [string, string, string];
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      const forged = Buffer.from(JSON.stringify({ ...claims, member: 'harbour-museum' })).toString('base64url');
      await assert.rejects(auth.authenticate(`${header}.${forged}.${signature}`), InvalidTokenError);
      const flipped = signature.slice(0, -2) + (signature.at(-2) === 'A' ? 'B' : 'A') + signature.at(-1);
      await assert.rejects(auth.authenticate(`${header}.${payload}.${flipped}`), InvalidTokenError);
      await assert.rejects(auth.authenticate('not.a.token'), InvalidTokenError);
      await assert.rejects(auth.authenticate(''), InvalidTokenError);

      const elsewhere = await StaffAuth.open(storage.staff, { secret: 'another relay entirely, 32+ characters long' });
      const foreign = await elsewhere.login('ann.lee@riverside.example.org', PASSWORD, '192.0.2.6');
      await assert.rejects(auth.authenticate(foreign.token), InvalidTokenError);

      // The raw database secret used directly (as another kind of token might) is not the staff key.
      const secret = new TextEncoder().encode(await storage.staff.signingSecret());
      const unscoped = await new SignJWT({ member: librarian.member })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(librarian.id)
        .setIssuer('atrium')
        .setAudience('atrium:librarian')
        .setExpirationTime('1h')
        .sign(secret);
      await assert.rejects(auth.authenticate(unscoped), InvalidTokenError);
    });

    it('stops a disabled account from signing in and its tokens from working', async () => {
      const librarian = await addLibrarian(storage, { member: 'harbour-museum', email: 'leaving@harbour.example.org', password: PASSWORD });
      const auth = await StaffAuth.open(storage.staff);
      const { token } = await auth.login('leaving@harbour.example.org', PASSWORD, '192.0.2.7');
      await storage.staff.setDisabled(librarian.id, true);
      await assert.rejects(auth.authenticate(token), InvalidTokenError);
      await assert.rejects(auth.login('leaving@harbour.example.org', PASSWORD, '192.0.2.7'), AccountDisabledError);
      await assert.rejects(auth.login('leaving@harbour.example.org', 'wrong password', '192.0.2.7'), InvalidCredentialsError);
    });

    it('upgrades a hash made with older parameters at the next sign-in', async () => {
      const librarian = await addLibrarian(storage, { member: 'harbour-museum', email: 'veteran@harbour.example.org', password: PASSWORD });
      await storage.staff.setPasswordHash(librarian.id, await hashPassword(PASSWORD, { ln: 12, r: 8, p: 1 }));
      const auth = await StaffAuth.open(storage.staff);
      await auth.login('veteran@harbour.example.org', PASSWORD, '192.0.2.8');
      const upgraded = (await storage.staff.getLibrarian(librarian.id))!.passwordHash;
      assert.match(upgraded, /^\$scrypt\$ln=15,/);
      await auth.login('veteran@harbour.example.org', PASSWORD, '192.0.2.8');
    });
  });
}

describe('signing secret on a SQLite file', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'atrium-staff-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('is shared by two storages opened on the same file and survives reopening', async () => {
    const url = `sqlite:${path.join(dir, 'atrium.db')}`;
    const first = await openStorage({ databaseUrl: url });
    const second = await openStorage({ databaseUrl: url });
    let token: string;
    try {
      assert.equal(await first.staff.signingSecret(), await second.staff.signingSecret());
      await first.catalog.upsertMembers(MEMBERS);
      await addLibrarian(first, { member: 'riverside-library', email: 'ann@riverside.example.org', password: PASSWORD });
      token = (await (await StaffAuth.open(first.staff)).login('ann@riverside.example.org', PASSWORD, '192.0.2.1')).token;
      assert.equal((await (await StaffAuth.open(second.staff)).authenticate(token)).email, 'ann@riverside.example.org');
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
    const reopened = await openStorage({ databaseUrl: url });
    try {
      assert.equal((await (await StaffAuth.open(reopened.staff)).authenticate(token)).email, 'ann@riverside.example.org');
    } finally {
      await reopened.close();
    }
  });
});

describe('demo librarians', () => {
  it('are created once per demo member, and a changed password is never reset', async () => {
    const storage = await openStorage({ databaseUrl: 'sqlite::memory:' });
    try {
      await storage.catalog.upsertMembers(DEMO_MEMBERS);
      const created = await seedDemoLibrarians(storage);
      assert.deepEqual(created.sort(), [
        'librarian@eastern-university.example.org',
        'librarian@harbour-museum.example.org',
        'librarian@riverside-library.example.org',
      ]);
      const auth = await StaffAuth.open(storage.staff);
      const { librarian } = await auth.login(demoLibrarianEmail('riverside-library'), DEMO_LIBRARIAN_PASSWORD, '192.0.2.1');
      assert.equal(librarian.member, 'riverside-library');
      await storage.staff.setPasswordHash(librarian.id, await hashPassword('changed after the demo'));

      assert.deepEqual(await seedDemoLibrarians(storage), []);
      assert.equal((await storage.staff.listLibrarians()).length, 3);
      await auth.login(demoLibrarianEmail('riverside-library'), 'changed after the demo', '192.0.2.1');
      await assert.rejects(
        auth.login(demoLibrarianEmail('riverside-library'), DEMO_LIBRARIAN_PASSWORD, '192.0.2.1'),
        InvalidCredentialsError,
      );
    } finally {
      await storage.close();
    }
  });

  it('are only made for demo members that exist', async () => {
    const storage = await openStorage({ databaseUrl: 'sqlite::memory:' });
    try {
      await storage.catalog.upsertMembers(DEMO_MEMBERS.filter((member) => member.id === 'harbour-museum'));
      assert.deepEqual(await seedDemoLibrarians(storage), ['librarian@harbour-museum.example.org']);
    } finally {
      await storage.close();
    }
  });
});
