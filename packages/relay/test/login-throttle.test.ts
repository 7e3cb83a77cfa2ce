// Sign-in throttling on SQLite and PostgreSQL, as librarians and strangers meet it: a stranger
// guessing a librarian's password from elsewhere slows only themselves, with waits that grow,
// refused attempts that cost no password hashing, and attempts sent at once that cannot all
// slip through. The clock is moved by hand; nothing sleeps.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { InvalidCredentialsError, TooManyAttemptsError } from '../src/domain/staff/errors.js';
import { addLibrarian } from '../src/domain/staff/librarian-accounts.js';
import { DEFAULT_LOGIN_LIMITS, type LoginLimits, networkOf } from '../src/domain/staff/login-throttle.js';
import { verifyPassword } from '../src/domain/staff/password-hash.js';
import { StaffAuth } from '../src/domain/staff/staff-auth.js';
import type { Storage } from '../src/storage/index.js';
import { MEMBERS } from './helpers/catalog-fixtures.js';
import { testDatabases } from './helpers/databases.js';

const PASSWORD = 'reading room 42';
const MINUTE = 60_000;

/** A clock the test moves by hand. */
function manualClock(start = '2026-03-02T09:00:00Z') {
  let now = new Date(start).getTime();
  return { now: () => new Date(now), advance: (ms: number) => void (now += ms) };
}

/** What a sign-in came to: signed in, a wrong password, or a wait of so many ms. */
async function outcome(attempt: Promise<unknown>): Promise<'signed in' | 'wrong' | number> {
  try {
    await attempt;
    return 'signed in';
  } catch (error) {
    if (error instanceof InvalidCredentialsError) return 'wrong';
    if (error instanceof TooManyAttemptsError) return error.retryAfterMs;
    throw error;
  }
}

let emails = 0;

for (const database of await testDatabases()) {
  describe(`sign-in throttling on ${database.name}`, { skip: database.skip }, () => {
    let storage: Storage;
    before(async () => {
      storage = await database.open();
      await storage.catalog.upsertMembers(MEMBERS);
    });
    after(() => storage?.close());

    /**
     * A librarian and a stranger of its own (so tests share no counters), and a relay node's
     * sign-in with a hand-moved clock that counts password checks.
     */
    async function setUp(limits?: LoginLimits) {
      const n = ++emails;
      const email = `librarian${n}@riverside.example.org`;
      const [stranger, libraryNetwork] = [`203.0.113.${n}`, `192.0.2.${n}`];
      await addLibrarian(storage, { member: 'riverside-library', email, password: PASSWORD });
      const clock = manualClock();
      const hashing = { calls: 0 };
      const auth = await StaffAuth.open(storage.staff, {
        now: clock.now,
        ...(limits === undefined ? {} : { limits }),
        verifyPassword: (password, hash) => {
          hashing.calls++;
          return verifyPassword(password, hash);
        },
      });
      return { email, stranger, libraryNetwork, clock, hashing, auth };
    }

    it('lets the librarian sign in from their network at once while a stranger guesses their password elsewhere', async () => {
      const { email, stranger, libraryNetwork, clock, auth } = await setUp();
      // The stranger keeps guessing, waiting out every wait, until the waits reach their ceiling.
      let guesses = 0;
      for (let round = 0; round < 39; round++) {
        const answer = await outcome(auth.login(email, `guess ${round}`, stranger));
        if (answer === 'wrong') guesses++;
        else if (typeof answer === 'number') clock.advance(answer);
        else assert.fail('a guess signed in');
      }
      assert.equal(await outcome(auth.login(email, 'one more guess', stranger)), 15 * MINUTE);
      assert.equal(guesses, 22, 'five free guesses, then one per wait: 1 s, 2 s, 4 s … up to 15 minutes');
      assert.equal(await outcome(auth.login(email, PASSWORD, libraryNetwork)), 'signed in');
      // Even with the right password, the stranger's address waits.
      assert.equal(typeof (await outcome(auth.login(email, PASSWORD, stranger))), 'number');
    });

    it('makes the stranger wait longer and longer, and refuses without hashing or counting', async () => {
      const { email, stranger, clock, hashing, auth } = await setUp();
      for (let i = 0; i < 5; i++) assert.equal(await outcome(auth.login(email, `guess ${i}`, stranger)), 'wrong');
      assert.equal(hashing.calls, 5);

      const first = await outcome(auth.login(email, 'guess 5', stranger));
      assert.equal(first, 1000);
      clock.advance(1000);
      assert.equal(await outcome(auth.login(email, 'guess 6', stranger)), 'wrong');
      const second = await outcome(auth.login(email, 'guess 7', stranger));
      assert.ok(typeof first === 'number' && typeof second === 'number' && second > first, `waits ${first} then ${second}`);
      assert.equal(second, 2000);
      assert.equal(hashing.calls, 6, 'only the attempts let through checked a password');

      // Refused attempts, even with the right password, neither hash nor push the wait further out.
      clock.advance(500);
      for (let i = 0; i < 10; i++) assert.equal(await outcome(auth.login(email, PASSWORD, stranger)), 1500);
      assert.equal(hashing.calls, 6);
      clock.advance(1500);
      assert.equal(await outcome(auth.login(email, 'guess 8', stranger)), 'wrong');
      assert.equal(await outcome(auth.login(email, 'guess 9', stranger)), 4000);

      // An hour after the last attempt let through, the count starts over.
      clock.advance(60 * MINUTE);
      for (let i = 0; i < 5; i++) assert.equal(await outcome(auth.login(email, `later ${i}`, stranger)), 'wrong');
      assert.equal(await outcome(auth.login(email, 'later 5', stranger)), 1000);
    });

    it('lets no more than the free attempts through when many arrive at once', async () => {
      const { email, stranger, hashing, auth } = await setUp();
      const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => outcome(auth.login(email, `guess ${i}`, stranger))));
      assert.equal(answers.filter((answer) => answer === 'wrong').length, 5);
      assert.equal(answers.filter((answer) => typeof answer === 'number').length, 45);
      assert.equal(hashing.calls, 5);
      // Another node on the same database sees the same wait.
      const otherNode = await StaffAuth.open(storage.staff, { now: () => new Date('2026-03-02T09:00:00Z') });
      assert.equal(await outcome(otherNode.login(email, PASSWORD, stranger)), 1000);
    });

    it('lets no more than the free attempts through the store when many take one at once', async () => {
      const rule = { freeAttempts: 5, firstDelayMs: 1000, maxDelayMs: 15 * MINUTE, forgetAfterMs: 60 * MINUTE };
      const now = Date.parse('2026-03-02T09:00:00Z');
      const key = `concurrent-${database.name}`;
      const admissions = await Promise.all(Array.from({ length: 50 }, () => storage.staff.takeAttempt(key, now, rule)));
      assert.equal(admissions.filter((admission) => admission.admitted).length, 5);
      for (const admission of admissions) if (!admission.admitted) assert.equal(admission.retryAt, now + 1000);
      assert.equal(await storage.staff.attemptsWaitUntil([key, 'never-seen']), now + 1000);
    });

    it("clears the librarian's count when they sign in, so their own typing never piles up", async () => {
      const { email, libraryNetwork, hashing, auth } = await setUp();
      for (let round = 0; round < 3; round++) {
        for (let i = 0; i < 4; i++) assert.equal(await outcome(auth.login(email, `typo ${i}`, libraryNetwork)), 'wrong');
        assert.equal(await outcome(auth.login(email, PASSWORD, libraryNetwork)), 'signed in');
      }
      assert.equal(hashing.calls, 15);
      // Without the clearing, the fifth typo of these three rounds would have begun a wait.
      for (let i = 0; i < 4; i++) assert.equal(await outcome(auth.login(email, `typo ${i}`, libraryNetwork)), 'wrong');
    });

    it('gives a successful sign-in its attempt back on the address', async () => {
      const perAddress = { ...DEFAULT_LOGIN_LIMITS.perAddress, freeAttempts: 3 };
      const { email, auth } = await setUp({ ...DEFAULT_LOGIN_LIMITS, perAddress });
      const desk = '198.51.100.20';
      assert.equal(await outcome(auth.login('colleague@riverside.example.org', 'x', desk)), 'wrong');
      assert.equal(await outcome(auth.login(email, 'typo', desk)), 'wrong');
      // The third attempt would begin the address's wait; being a success, it is taken back.
      assert.equal(await outcome(auth.login(email, PASSWORD, desk)), 'signed in');
      assert.equal(await outcome(auth.login('another@riverside.example.org', 'x', desk)), 'wrong');
      assert.equal(await outcome(auth.login('yet.another@riverside.example.org', 'x', desk)), 1000);
    });

    it('throttles one address trying many emails, and no other address', async () => {
      const { email, libraryNetwork, clock, hashing, auth } = await setUp();
      const sweeper = '198.51.100.99';
      for (let i = 0; i < 30; i++) assert.equal(await outcome(auth.login(`guess${i}@riverside.example.org`, 'x', sweeper)), 'wrong');
      assert.equal(await outcome(auth.login('guess30@riverside.example.org', 'x', sweeper)), 1000);
      assert.equal(await outcome(auth.login(email, PASSWORD, sweeper)), 1000, 'whatever the email');
      assert.equal(hashing.calls, 30);
      assert.equal(await outcome(auth.login(email, PASSWORD, libraryNetwork)), 'signed in');
      clock.advance(1000);
      assert.equal(await outcome(auth.login('guess31@riverside.example.org', 'x', sweeper)), 'wrong');
      assert.equal(await outcome(auth.login('guess32@riverside.example.org', 'x', sweeper)), 2000);
    });

    it('holds a whole IPv6 /64 to one count, as its owner can pick any address in it', async () => {
      const { email, auth } = await setUp();
      for (let i = 1; i <= 5; i++) assert.equal(await outcome(auth.login(email, 'x', `2001:db8:5:6::${i.toString(16)}`)), 'wrong');
      assert.equal(await outcome(auth.login(email, 'x', '2001:0db8:0005:0006:abcd:1:2:3')), 1000);
      assert.equal(await outcome(auth.login(email, PASSWORD, '2001:db8:5:7::1')), 'signed in');
    });
  });
}

describe('the network an address is counted under', () => {
  it('is the IPv4 address itself, or the /64 of an IPv6 address', () => {
    assert.equal(networkOf('192.0.2.7'), '192.0.2.7');
    assert.equal(networkOf('::ffff:192.0.2.7'), '192.0.2.7');
    assert.equal(networkOf('2001:db8::1'), '2001:db8:0:0::/64');
    assert.equal(networkOf('2001:0DB8:0000:0000:ffff:1:2:3'), '2001:db8:0:0::/64');
    assert.equal(networkOf('fe80::1%eth0'), 'fe80:0:0:0::/64');
    assert.equal(networkOf('::1'), '0:0:0:0::/64');
    assert.equal(networkOf('2001:db8:1:2:3::'), '2001:db8:1:2::/64');
    assert.equal(networkOf('unknown'), 'unknown');
  });
});
