// Librarian passwords: scrypt hashes that verify, never reveal the password, carry their
// parameters, and the policy that keeps guessable passwords out.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hashPassword, needsRehash, verifyPassword } from '../src/domain/staff/password-hash.js';
import { MIN_PASSWORD_LENGTH, passwordProblem } from '../src/domain/staff/password-policy.js';

describe('password hashing', () => {
  it('verifies the password it was made from and nothing else', async () => {
    const hash = await hashPassword('correct horse battery');
    assert.equal(await verifyPassword('correct horse battery', hash), true);
    assert.equal(await verifyPassword('correct horse batterY', hash), false);
    assert.equal(await verifyPassword('', hash), false);
  });

  it('never stores the password, and salts each hash differently', async () => {
    const password = 'atrium-demo-passphrase';
    const first = await hashPassword(password);
    const second = await hashPassword(password);
    assert.notEqual(first, password);
    assert.ok(!first.includes(password));
    assert.ok(!first.includes(Buffer.from(password).toString('base64').replace(/=+$/, '')));
    assert.notEqual(first, second);
    assert.match(first, /^\$scrypt\$ln=\d+,r=\d+,p=\d+\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/);
    const salt = Buffer.from(first.split('$')[3]!, 'base64');
    assert.equal(salt.length, 16);
  });

  it('keeps verifying hashes made with older parameters and says they need upgrading', async () => {
    const old = await hashPassword('an older passphrase', { ln: 12, r: 8, p: 1 });
    assert.match(old, /^\$scrypt\$ln=12,r=8,p=1\$/);
    assert.equal(await verifyPassword('an older passphrase', old), true);
    assert.equal(needsRehash(old), true);
    assert.equal(needsRehash(await hashPassword('a current passphrase')), false);
  });

  it('matches nothing against a damaged or foreign hash', async () => {
    for (const stored of [
      '',
      'plaintext-password',
      '$scrypt$ln=15,r=8,p=1$$',
      '$scrypt$ln=40,r=8,p=1$AAAA$AAAA',
      '$argon2id$v=19$m=65536$AAAA$AAAA',
    ]) {
      assert.equal(await verifyPassword('plaintext-password', stored), false, stored);
      assert.equal(needsRehash(stored), true);
    }
  });
});

describe('password policy', () => {
  it(`asks for at least ${MIN_PASSWORD_LENGTH} characters and says how many were given`, () => {
    assert.match(passwordProblem('short') ?? '', /at least 10 characters long \(it has 5\)/);
    assert.equal(passwordProblem('atrium-demo'), undefined, 'the demo password (11 characters) is allowed');
    assert.equal(passwordProblem('十個字的中文密碼短語好'), undefined, 'characters, not bytes, are counted');
  });

  it('refuses passwords that are easy to guess from what they are made of', () => {
    assert.match(passwordProblem('          ') ?? '', /only spaces/);
    assert.match(passwordProblem('aaaaaaaaaaaa') ?? '', /repeats/);
    assert.match(passwordProblem('Ann.Lee@riverside.org', { email: 'ann.lee@riverside.org' }) ?? '', /email/);
    assert.match(passwordProblem('x'.repeat(1025) + 'yz') ?? '', /at most 1024/);
  });
});
