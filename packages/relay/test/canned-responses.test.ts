// Canned responses over real HTTP and through the SDK, on SQLite and on PostgreSQL: each
// librarian sees only their own member's replies, in the member's order, filtered by language.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApiError, createClient, ValidationError } from '@atrium/sdk';
import { demoCannedResponses, seedDemoCannedResponses } from '../src/demo/canned-responses.js';
import { DEMO_LIBRARIAN_PASSWORD, demoLibrarianEmail, seedDemoLibrarians } from '../src/demo/librarians.js';
import { DEMO_MEMBERS } from '../src/demo/consortium.js';
import { testDatabases } from './helpers/databases.js';

for (const database of await testDatabases()) {
  describe(`canned responses on ${database.name}`, { skip: database.skip }, () => {
    let url = '';
    let close: () => Promise<void> = async () => {};
    let reseed: () => Promise<number> = async () => 0;

    before(async () => {
      // Not demo mode: only the members, librarians and canned responses, not the catalogue.
      const started = await database.startRelay();
      url = started.url;
      close = started.close;
      const { storage } = started.relay;
      await storage.catalog.upsertMembers(DEMO_MEMBERS);
      await seedDemoLibrarians(storage);
      assert.equal(await seedDemoCannedResponses(storage), DEMO_MEMBERS.flatMap((member) => demoCannedResponses(member.id)).length);
      reseed = () => seedDemoCannedResponses(storage);
    });
    after(() => close());

    async function signIn(member: string): Promise<string> {
      const client = createClient({ baseUrl: url, retries: 0 });
      return (await client.auth.login({ email: demoLibrarianEmail(member), password: DEMO_LIBRARIAN_PASSWORD })).token;
    }

    async function get(path: string, token?: string) {
      const response = await fetch(`${url}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
      return {
        status: response.status,
        type: response.headers.get('content-type') ?? '',
        cache: response.headers.get('cache-control'),
        body: await response.json(),
      };
    }

    it("gives each librarian their own member's replies, in the member's order, in both languages", async () => {
      for (const member of DEMO_MEMBERS) {
        const token = await signIn(member.id);
        const answer = await get('/v1/staff/canned-responses', token);
        assert.equal(answer.status, 200, JSON.stringify(answer.body));
        assert.equal(answer.cache, 'no-store');
        const expected = demoCannedResponses(member.id).map(({ position: _position, ...rest }) => rest);
        assert.deepEqual(answer.body.items, expected);
        assert.ok(answer.body.items.every((item: { member: string }) => item.member === member.id));
        assert.deepEqual(new Set(answer.body.items.map((item: { language: string }) => item.language)), new Set(['en', 'zh']));
      }
    });

    it('filters by language through the SDK', async () => {
      const token = await signIn('riverside-library');
      const client = createClient({ baseUrl: url, retries: 0 });
      const chinese = await client.cannedResponses.list({ token, language: 'zh' });
      assert.ok(chinese.items.length > 0);
      assert.ok(chinese.items.every((item) => item.language === 'zh' && item.member === 'riverside-library'));
      assert.ok(chinese.items.some((item) => item.title === '續借'));
      const all = await client.cannedResponses.list({ token });
      assert.equal(all.items.length, chinese.items.length * 2);
    });

    it('refuses a request without a valid token, and an unknown language, with problem+json', async () => {
      const anonymous = await get('/v1/staff/canned-responses');
      assert.equal(anonymous.status, 401);
      assert.match(anonymous.type, /^application\/problem\+json/);
      assert.equal(anonymous.body.code, 'unauthorized');

      const forged = await get('/v1/staff/canned-responses', 'not.a.token');
      assert.equal(forged.status, 401);

      const token = await signIn('harbour-museum');
      const badLanguage = await get('/v1/staff/canned-responses?language=fr', token);
      assert.equal(badLanguage.status, 400);
      assert.equal(badLanguage.body.code, 'invalid_request');
      assert.equal(badLanguage.body.errors[0].path, 'language');

      const client = createClient({ baseUrl: url, retries: 0 });
      await assert.rejects(
        client.cannedResponses.list({ token: 'not.a.token' }),
        (error) => error instanceof ApiError && error.status === 401,
      );
      await assert.rejects(
        client.cannedResponses.list({ token, language: 'fr' as 'en' }),
        (error) => error instanceof ValidationError && error.message.includes('canned response query'),
      );
    });

    it('adds nothing when the demo is seeded again', async () => {
      assert.equal(await reseed(), 0);
      const token = await signIn('eastern-university');
      const answer = await get('/v1/staff/canned-responses', token);
      assert.equal(answer.body.items.length, demoCannedResponses('eastern-university').length);
    });
  });
}
