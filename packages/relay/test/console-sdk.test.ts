// What the librarian console relies on from the SDK, against a real relay: the desk says when it
// is reconnecting and when it is back, keeps the last queue meanwhile, and the librarian is away
// afterwards until they choose otherwise; a throttled sign-in says when to try again.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApiError, createClient, type LibrarianDesk, type PatronChat } from '@atrium/sdk';
import { DEMO_MEMBERS } from '../src/demo/consortium.js';
import { DEMO_LIBRARIAN_PASSWORD, demoLibrarianEmail, seedDemoLibrarians } from '../src/demo/librarians.js';
import { type Relay, startRelay } from '../src/index.js';

function waitUntil(check: () => boolean, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 10_000;
    const poll = () => {
      if (check()) return resolve();
      if (Date.now() > deadline) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(poll, 20);
    };
    poll();
  });
}

describe('the librarian desk across a dropped connection', () => {
  let url = '';
  let relay: Relay;
  let close: () => Promise<void>;
  let desk: LibrarianDesk | undefined;
  let chat: PatronChat | undefined;

  before(async () => {
    ({ url, relay, close } = await startRelay({ port: 0, host: '127.0.0.1', databaseUrl: 'sqlite::memory:', logLevel: 'silent' }));
    await relay.storage.catalog.upsertMembers(DEMO_MEMBERS);
    await seedDemoLibrarians(relay.storage);
  });
  after(async () => {
    chat?.close();
    desk?.close();
    await close();
  });

  it('emits reconnecting and connected, keeps the queue, and the librarian stays away', async () => {
    const client = createClient({ baseUrl: url, member: 'riverside-library', retries: 0 });
    const { token, librarian } = await client.auth.login({
      email: demoLibrarianEmail('riverside-library'),
      password: DEMO_LIBRARIAN_PASSWORD,
    });
    desk = await client.console.connect({ token });
    assert.equal(await desk.setPresence('available'), 'available');
    await waitUntil(
      () => desk!.presence.some((colleague) => colleague.id === librarian.id && colleague.status === 'available'),
      'presence available',
    );
    chat = await client.chat.connect({});
    await waitUntil(() => desk!.queue.some((item) => item.conversationId === chat!.id), 'the patron in the queue');

    const heard: string[] = [];
    desk.on('connection', (state) => heard.push(state));
    // Cut the librarian's transport from the relay's side, as a network drop does; the client reconnects by itself.
    for (const socket of relay.io.of('/librarian').sockets.values()) socket.conn.close();
    await waitUntil(() => heard.includes('reconnecting'), 'reconnecting');
    assert.ok(
      desk.queue.some((item) => item.conversationId === chat!.id),
      'the last queue is kept while reconnecting',
    );
    await waitUntil(() => heard.at(-1) === 'connected', 'connected again');
    assert.deepEqual(heard, ['reconnecting', 'connected']);
    assert.ok(desk.queue.some((item) => item.conversationId === chat!.id));

    // What the console does on 'connected': away until the librarian chooses otherwise.
    assert.equal(await desk.setPresence('away'), 'away');
    await waitUntil(() => !desk!.presence.some((colleague) => colleague.id === librarian.id), 'the librarian to be away');
  });

  it('says nothing about reconnecting when the desk is closed on purpose', async () => {
    const client = createClient({ baseUrl: url, retries: 0 });
    const { token } = await client.auth.login({ email: demoLibrarianEmail('eastern-university'), password: DEMO_LIBRARIAN_PASSWORD });
    const own = await client.console.connect({ token });
    const heard: string[] = [];
    own.on('connection', (state) => heard.push(state));
    own.close();
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.deepEqual(heard, []);
  });
});

describe('a throttled sign-in', () => {
  let url = '';
  let close: () => Promise<void>;
  before(async () => {
    let relay: Relay;
    ({ url, relay, close } = await startRelay({ port: 0, host: '127.0.0.1', databaseUrl: 'sqlite::memory:', logLevel: 'silent' }));
    await relay.storage.catalog.upsertMembers(DEMO_MEMBERS);
    await seedDemoLibrarians(relay.storage);
  });
  after(() => close());

  it('carries the wait from Retry-After on the ApiError', async () => {
    const client = createClient({ baseUrl: url, retries: 0 });
    const email = demoLibrarianEmail('harbour-museum');
    let refusal: unknown;
    // Five wrong passwords for one email from one address pass; then each waits a little longer, whatever the password.
    for (let attempt = 0; attempt <= 10 && refusal === undefined; attempt++) {
      await client.auth.login({ email, password: `wrong ${attempt}` }).catch((error: unknown) => {
        if (!(error instanceof ApiError) || error.code !== 'invalid_credentials') refusal = error;
      });
    }
    assert.ok(refusal instanceof ApiError, String(refusal));
    assert.equal(refusal.status, 429);
    assert.equal(refusal.code, 'too_many_attempts');
    assert.ok(refusal.retryAfterSeconds !== undefined && refusal.retryAfterSeconds > 0 && refusal.retryAfterSeconds <= 15 * 60);
    const invalid = await client.auth.login({ email: 'nobody@example.org', password: 'x' }).catch((error: unknown) => error);
    assert.ok(invalid instanceof ApiError && invalid.retryAfterSeconds === undefined);
  });
});
