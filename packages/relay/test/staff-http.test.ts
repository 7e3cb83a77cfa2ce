// Staff sign-in as the librarian console and SDK users meet it: real relays on port 0, real
// HTTP, the demo librarians, problem+json refusals, rate limits and bearer tokens.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ApiError, createClient } from '@atrium/sdk';
import { DEMO_LIBRARIAN_PASSWORD, demoLibrarianEmail } from '../src/demo/librarians.js';
import { addLibrarian } from '../src/domain/staff/librarian-accounts.js';
import { ConfigError, loadConfig, startRelay } from '../src/index.js';
import { MEMBERS } from './helpers/catalog-fixtures.js';
import { startDemoRelay } from './helpers/demo-relay.js';

const DEMO_MEMBERS = ['harbour-museum', 'riverside-library', 'eastern-university'];

async function call(url: string, method: 'GET' | 'POST', route: string, options: { body?: unknown; raw?: string; token?: string } = {}) {
  const headers: Record<string, string> = {};
  if (options.body !== undefined || options.raw !== undefined) headers['content-type'] = 'application/json';
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  const response = await fetch(`${url}${route}`, {
    method,
    headers,
    ...(options.raw !== undefined ? { body: options.raw } : options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

describe('staff sign-in on the demo relay', () => {
  let url = '';
  let close: () => Promise<void>;
  before(async () => {
    ({ url, close } = await startDemoRelay());
  });
  after(() => close());

  it('lets each demo librarian sign in and see who they are', async () => {
    for (const member of DEMO_MEMBERS) {
      const login = await call(url, 'POST', '/v1/auth/login', {
        body: { email: demoLibrarianEmail(member), password: DEMO_LIBRARIAN_PASSWORD },
      });
      assert.equal(login.status, 200, JSON.stringify(login.body));
      assert.equal(login.headers.get('cache-control'), 'no-store');
      assert.equal(login.body.librarian.member, member);
      assert.equal(login.body.librarian.email, `librarian@${member}.example.org`);
      assert.deepEqual(Object.keys(login.body.librarian).sort(), ['email', 'id', 'member', 'name']);
      assert.ok(Date.parse(login.body.expiresAt) > Date.now() + 11 * 3_600_000);
      const me = await call(url, 'GET', '/v1/auth/me', { token: login.body.token });
      assert.equal(me.status, 200);
      assert.deepEqual(me.body, login.body.librarian);
    }
  });

  it('answers a wrong password and an unknown email alike, with 401 invalid_credentials', async () => {
    const wrongPassword = await call(url, 'POST', '/v1/auth/login', {
      body: { email: demoLibrarianEmail('riverside-library'), password: 'not-the-password' },
    });
    const unknownEmail = await call(url, 'POST', '/v1/auth/login', {
      body: { email: 'nobody@riverside-library.example.org', password: DEMO_LIBRARIAN_PASSWORD },
    });
    for (const answer of [wrongPassword, unknownEmail]) {
      assert.equal(answer.status, 401);
      assert.match(answer.headers.get('content-type') ?? '', /^application\/problem\+json/);
      assert.equal(answer.body.code, 'invalid_credentials');
    }
    const { requestId: _a, ...first } = wrongPassword.body;
    const { requestId: _b, ...second } = unknownEmail.body;
    assert.deepEqual(first, second);
  });

  it('names the field when the body is malformed', async () => {
    const badEmail = await call(url, 'POST', '/v1/auth/login', { body: { email: 'librarian', password: 'x' } });
    assert.equal(badEmail.status, 400);
    assert.equal(badEmail.body.code, 'invalid_request');
    assert.deepEqual(
      badEmail.body.errors.map((error: { path: string }) => error.path),
      ['email'],
    );
    const noPassword = await call(url, 'POST', '/v1/auth/login', { body: { email: demoLibrarianEmail('harbour-museum') } });
    assert.equal(noPassword.status, 400);
    assert.deepEqual(
      noPassword.body.errors.map((error: { path: string }) => error.path),
      ['password'],
    );
    const notJson = await call(url, 'POST', '/v1/auth/login', { raw: '{"email":' });
    assert.equal(notJson.status, 400);
  });

  it('refuses /v1/auth/me without a token, or with a bad one, with a Bearer challenge', async () => {
    const none = await call(url, 'GET', '/v1/auth/me');
    assert.equal(none.status, 401);
    assert.equal(none.body.code, 'unauthorized');
    assert.equal(none.headers.get('www-authenticate'), 'Bearer realm="atrium"');

    const login = await call(url, 'POST', '/v1/auth/login', {
      body: { email: demoLibrarianEmail('harbour-museum'), password: DEMO_LIBRARIAN_PASSWORD },
    });
    const token: string = login.body.token;
    const tampered = `${token.slice(0, -3)}${token.at(-3) === 'x' ? 'y' : 'x'}${token.slice(-2)}`;
    for (const bad of [tampered, 'nonsense']) {
      const answer = await call(url, 'GET', '/v1/auth/me', { token: bad });
      assert.equal(answer.status, 401);
      assert.equal(answer.body.code, 'unauthorized');
      assert.match(answer.headers.get('www-authenticate') ?? '', /^Bearer realm="atrium", error="invalid_token"/);
    }
    const basic = await fetch(`${url}/v1/auth/me`, { headers: { authorization: 'Basic YTpi' } });
    assert.equal(basic.status, 401);
    assert.match(basic.headers.get('www-authenticate') ?? '', /error="invalid_request"/);
  });

  it('signs in through the SDK, with errors as ApiError', async () => {
    const client = createClient({ baseUrl: url });
    const { token, expiresAt, librarian } = await client.auth.login({
      email: 'LIBRARIAN@eastern-university.example.org',
      password: DEMO_LIBRARIAN_PASSWORD,
    });
    assert.equal(librarian.member, 'eastern-university');
    assert.ok(!Number.isNaN(Date.parse(expiresAt)));
    assert.deepEqual(await client.auth.me({ token }), librarian);
    await assert.rejects(client.auth.login({ email: librarian.email, password: 'not-the-password' }), (error: unknown) => {
      assert.ok(error instanceof ApiError);
      assert.equal(error.status, 401);
      assert.equal(error.code, 'invalid_credentials');
      return true;
    });
    await assert.rejects(
      client.auth.me({ token: 'expired.or.forged' }),
      (error: unknown) => error instanceof ApiError && error.code === 'unauthorized',
    );
  });

  it('describes the sign-in routes in the OpenAPI document', async () => {
    const { body } = await call(url, 'GET', '/v1/openapi.json');
    assert.ok(body.paths['/v1/auth/login'].post);
    assert.deepEqual(body.components.schemas.LoginRequest.required.sort(), ['email', 'password']);
    assert.deepEqual(body.paths['/v1/auth/me'].get.security, [{ librarianToken: [] }]);
    assert.equal(body.components.securitySchemes.librarianToken.scheme, 'bearer');
  });
});

describe('sign-in rate limits', () => {
  let url = '';
  let close: () => Promise<void>;
  before(async () => {
    const started = await startRelay({ port: 0, host: '127.0.0.1', databaseUrl: 'sqlite::memory:', logLevel: 'silent' });
    ({ url, close } = started);
    await started.relay.storage.catalog.upsertMembers(MEMBERS);
    await addLibrarian(started.relay.storage, {
      member: 'riverside-library',
      email: 'ann@riverside.example.org',
      password: 'reading room 42',
    });
  });
  after(() => close());

  it('answers 429 too_many_attempts as problem+json with Retry-After once one email from one address has used its free attempts', async () => {
    // Sent at once, so all arrive within the first one-second wait.
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, attempt) =>
        call(url, 'POST', '/v1/auth/login', { body: { email: 'Ann@Riverside.example.org', password: `guess number ${attempt}` } }),
      ),
    );
    assert.deepEqual(answers.map((answer) => answer.status).sort(), [401, 401, 401, 401, 401, 429, 429, 429]);
    const blocked = answers.find((answer) => answer.status === 429)!;
    assert.match(blocked.headers.get('content-type') ?? '', /^application\/problem\+json/);
    assert.equal(blocked.body.code, 'too_many_attempts');
    assert.equal(blocked.body.status, 429);
    assert.equal(blocked.headers.get('retry-after'), '1');
    assert.match(blocked.body.detail, /try again in 1 second\./);
  });

  it('answers 429 after 30 attempts from one address, whatever the emails', async () => {
    // 5 attempts from this address were let through in the test before; each counts.
    for (let attempt = 5; attempt < 29; attempt++) {
      const answer = await call(url, 'POST', '/v1/auth/login', {
        body: { email: `guess${attempt}@riverside.example.org`, password: 'reading room 42' },
      });
      assert.equal(answer.status, 401);
    }
    // The 30th attempt begins the address's wait; those arriving with it are refused.
    const last = await Promise.all(
      [29, 30, 31].map((attempt) =>
        call(url, 'POST', '/v1/auth/login', { body: { email: `guess${attempt}@riverside.example.org`, password: 'reading room 42' } }),
      ),
    );
    assert.deepEqual(last.map((answer) => answer.status).sort(), [401, 429, 429]);
  });
});

describe('the signing secret across relay nodes', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'atrium-nodes-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('accepts on one node a token signed on another sharing the database, and ATRIUM_SECRET replaces the stored secret', async () => {
    const databaseUrl = `sqlite:${path.join(dir, 'atrium.db')}`;
    const options = { port: 0, host: '127.0.0.1', databaseUrl, logLevel: 'silent' } as const;
    const first = await startRelay(options);
    const nodes = [first];
    try {
      await first.relay.storage.catalog.upsertMembers(MEMBERS);
      await addLibrarian(first.relay.storage, { member: 'harbour-museum', email: 'kim@harbour.example.org', password: 'reading room 42' });
      nodes.push(await startRelay(options));
      const login = await call(first.url, 'POST', '/v1/auth/login', {
        body: { email: 'kim@harbour.example.org', password: 'reading room 42' },
      });
      assert.equal((await call(nodes[1]!.url, 'GET', '/v1/auth/me', { token: login.body.token })).body.email, 'kim@harbour.example.org');

      const secret = 'a deployment secret of at least 32 characters';
      nodes.push(await startRelay({ ...options, secret }), await startRelay({ ...options, secret }));
      const withSecret = await call(nodes[2]!.url, 'POST', '/v1/auth/login', {
        body: { email: 'kim@harbour.example.org', password: 'reading room 42' },
      });
      assert.equal((await call(nodes[3]!.url, 'GET', '/v1/auth/me', { token: withSecret.body.token })).status, 200);
      assert.equal((await call(first.url, 'GET', '/v1/auth/me', { token: withSecret.body.token })).status, 401);
      assert.equal((await call(nodes[2]!.url, 'GET', '/v1/auth/me', { token: login.body.token })).status, 401);
    } finally {
      for (const node of nodes) await node.close();
    }
  });

  it('refuses an ATRIUM_SECRET shorter than 32 characters without echoing it', () => {
    assert.throws(
      () => loadConfig({}, { ATRIUM_SECRET: 'hunter2-hunter2' }),
      (error: Error) =>
        error instanceof ConfigError &&
        /ATRIUM_SECRET: must be at least 32 characters/.test(error.message) &&
        !error.message.includes('hunter2'),
    );
    assert.equal(loadConfig({}, { ATRIUM_SECRET: 'x'.repeat(32) }).secret, 'x'.repeat(32));
  });
});
