// A librarian publishes their member's service policy, over HTTP and through client.staff, on
// SQLite and PostgreSQL: only with a token, only for their own member, every field checked, and
// what is published is what everyone then reads.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApiError, createClient, type ServicePolicyRequest, ValidationError } from '@atrium/sdk';
import { addLibrarian } from '../src/domain/staff/librarian-accounts.js';
import type { Relay } from '../src/index.js';
import { MEMBERS } from './helpers/catalog-fixtures.js';
import { testDatabases } from './helpers/databases.js';

const RIVERSIDE = 'riverside-library';
const EASTERN = 'eastern-university';
const PASSWORD = 'correct horse battery';

const POLICY: ServicePolicyRequest = {
  serves: '  Residents of the city; visitors may read on site.  ',
  lending: 'Twenty items for three weeks.',
  hours: 'Mon–Sat 09:00–20:00.',
  tellPatrons: 'Cards are free with proof of address.',
  contact: { email: 'ask@riverside.example.org', url: 'https://riverside.example.org/ask' },
  questionWaitMinutes: 90,
};

for (const database of await testDatabases()) {
  describe(`publishing a service policy on ${database.name}`, { skip: database.skip }, () => {
    let url = '';
    let relay: Relay;
    let close: () => Promise<void> = async () => {};
    let token = '';

    before(async () => {
      ({ url, relay, close } = await database.startRelay());
      await relay.storage.catalog.upsertMembers(MEMBERS);
      await addLibrarian(relay.storage, { member: RIVERSIDE, name: 'Ada', email: 'ada@riverside.test', password: PASSWORD });
      token = (await createClient({ baseUrl: url }).auth.login({ email: 'ada@riverside.test', password: PASSWORD })).token;
    });
    after(() => close());

    async function put(member: string, body: unknown, bearer?: string) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (bearer) headers.authorization = `Bearer ${bearer}`;
      const response = await fetch(`${url}/v1/members/${member}/policy`, { method: 'PUT', headers, body: JSON.stringify(body) });
      return { status: response.status, type: response.headers.get('content-type'), body: await response.json() };
    }
    const get = async (member: string) => {
      const response = await fetch(`${url}/v1/members/${member}/policy`);
      return { status: response.status, body: await response.json() };
    };

    it('refuses without a token (401) and for another member (403), changing nothing', async () => {
      const anonymous = await put(RIVERSIDE, POLICY);
      assert.equal(anonymous.status, 401);
      assert.equal(anonymous.body.code, 'unauthorized');
      const elsewhere = await put(EASTERN, POLICY, token);
      assert.equal(elsewhere.status, 403);
      assert.equal(elsewhere.type, 'application/problem+json; charset=utf-8');
      assert.equal(elsewhere.body.code, 'forbidden');
      assert.equal((await get(EASTERN)).body.code, 'policy_not_found');
      assert.equal((await get(RIVERSIDE)).body.code, 'policy_not_found');
    });

    it('refuses a bad field with 400 naming it, changing nothing', async () => {
      const empty = await put(RIVERSIDE, { ...POLICY, lending: '   ' }, token);
      assert.equal(empty.status, 400);
      assert.deepEqual(
        empty.body.errors.map((error: { path: string }) => error.path),
        ['lending'],
      );
      const several = await put(
        RIVERSIDE,
        { ...POLICY, hours: undefined, contact: { email: 'not-an-address' }, questionWaitMinutes: 1.5 },
        token,
      );
      assert.equal(several.status, 400);
      assert.deepEqual(several.body.errors.map((error: { path: string }) => error.path).sort(), [
        'contact.email',
        'hours',
        'questionWaitMinutes',
      ]);
      assert.equal((await get(RIVERSIDE)).status, 404);
    });

    it('publishes the policy, which every reader then sees, and keeps the wait when it is left out', async () => {
      const published = await put(RIVERSIDE, POLICY, token);
      assert.equal(published.status, 200, JSON.stringify(published.body));
      const expected = {
        member: RIVERSIDE,
        serves: 'Residents of the city; visitors may read on site.',
        lending: 'Twenty items for three weeks.',
        hours: 'Mon–Sat 09:00–20:00.',
        tellPatrons: 'Cards are free with proof of address.',
        contact: { email: 'ask@riverside.example.org', url: 'https://riverside.example.org/ask' },
        questionWaitMinutes: 90,
      };
      assert.deepEqual(published.body, expected);
      assert.deepEqual((await get(RIVERSIDE)).body, expected);

      // The wait is the member's routing: new questions are offered to the consortium after it.
      const asked = await relay.questions.ask({ member: RIVERSIDE, text: 'When do others see this?', patron: {} });
      assert.ok(asked.ok);
      const staffView = await fetch(`${url}/v1/staff/questions/${asked.value.id}`, { headers: { authorization: `Bearer ${token}` } });
      const question = await staffView.json();
      assert.equal(Date.parse(question.openToAllAt) - Date.parse(question.createdAt), 90 * 60_000);
      assert.equal(question.policy.lending, 'Twenty items for three weeks.');

      const { questionWaitMinutes: _wait, contact: _contact, ...withoutWait } = POLICY;
      const replaced = await put(RIVERSIDE, { ...withoutWait, lending: 'Thirty items for four weeks.' }, token);
      assert.equal(replaced.status, 200);
      assert.equal(replaced.body.questionWaitMinutes, 90, 'left out, the wait stays');
      assert.equal(replaced.body.lending, 'Thirty items for four weeks.');
      assert.equal(replaced.body.contact, undefined, 'the text is replaced as a whole');
    });

    it('publishes through client.staff.setServicePolicy, checking the policy before sending', async () => {
      const client = createClient({ baseUrl: url });
      const published = await client.staff.setServicePolicy({ token }, RIVERSIDE, { ...POLICY, questionWaitMinutes: 120 });
      assert.equal(published.questionWaitMinutes, 120);
      assert.deepEqual(await client.questions.servicePolicy(RIVERSIDE), published);
      await assert.rejects(
        client.staff.setServicePolicy({ token }, EASTERN, POLICY),
        (error: unknown) => error instanceof ApiError && error.status === 403 && error.code === 'forbidden',
      );
      await assert.rejects(
        client.staff.setServicePolicy({ token }, RIVERSIDE, { ...POLICY, tellPatrons: '' }),
        (error: unknown) => error instanceof ValidationError && error.issues.some((issue) => issue.path === 'tellPatrons'),
      );
    });
  });
}
