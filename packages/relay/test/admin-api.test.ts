// The admin API as administrators use it, on SQLite and PostgreSQL: who may read and change
// which member (the role × action matrix), ETag and If-Match so two administrators never
// overwrite each other, a change that removes what is still in use refused, and every change,
// from the file or the API, in the audit log with who made it and the object before and after.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { ApiError, createClient, type MemberConfig } from '@atrium/sdk';
import { applyConsortium } from '../src/domain/consortium/apply.js';
import { readConsortiumFile } from '../src/domain/consortium/consortium-file.js';
import { addLibrarian } from '../src/domain/staff/librarian-accounts.js';
import { hashPassword } from '../src/domain/staff/password-hash.js';
import { type StartedRelay, testDatabases } from './helpers/databases.js';

const EXAMPLE = readConsortiumFile(readFileSync(new URL('../../../examples/consortium.yaml', import.meta.url), 'utf8'), 'consortium.yaml');
const PASSWORD = 'correct horse battery';
const PUBLIC = 'lakeside-public';
const UNIVERSITY = 'lakeside-university';
const NEW_MEMBER: MemberConfig = {
  id: 'lakeside-archive',
  name: { en: 'Lakeside Archive' },
  kind: 'archive',
  timezone: 'Europe/London',
  branches: [{ id: 'reading-room', name: { en: 'Reading Room' } }],
};

type Who = 'nobody' | 'librarian' | 'member-admin' | 'consortium-admin';

for (const database of await testDatabases()) {
  describe(`the admin API on ${database.name}`, { skip: database.skip }, () => {
    let started: StartedRelay;
    const tokens: Partial<Record<Who, string>> = {};

    before(async () => {
      started = await database.startRelay();
      const storage = started.relay.storage;
      await applyConsortium(storage.consortium, EXAMPLE);
      for (const email of ['systems@lakeside.example.org', 'desk@lakeside-library.example.org']) {
        const account = await storage.staff.findLibrarianByEmail(email);
        await storage.staff.setPasswordHash(account!.id, await hashPassword(PASSWORD));
      }
      await addLibrarian(storage, { member: PUBLIC, email: 'shelver@lakeside-library.example.org', name: 'Shelver', password: PASSWORD });
      const login = async (email: string) => {
        const response = await call('POST', '/v1/auth/login', { body: { email, password: PASSWORD } });
        assert.equal(response.status, 200, JSON.stringify(response.body));
        return response.body.token as string;
      };
      tokens['consortium-admin'] = await login('systems@lakeside.example.org');
      tokens['member-admin'] = await login('desk@lakeside-library.example.org');
      tokens.librarian = await login('shelver@lakeside-library.example.org');
    });
    after(() => started?.close());

    async function call(
      method: string,
      path: string,
      options: { as?: Who; body?: unknown; headers?: Record<string, string> } = {},
    ): Promise<{ status: number; body: any; headers: Headers; text: string }> {
      const token = options.as === undefined || options.as === 'nobody' ? undefined : tokens[options.as];
      const response = await fetch(`${started.url}${path}`, {
        method,
        headers: {
          ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
          ...options.headers,
        },
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      });
      const text = await response.text();
      const json = response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : undefined;
      return { status: response.status, body: json, headers: response.headers, text };
    }

    const read = async (id: string, as: Who = 'consortium-admin') => {
      const response = await call('GET', `/v1/admin/members/${id}`, { as });
      assert.equal(response.status, 200, JSON.stringify(response.body));
      return { member: response.body as MemberConfig, etag: response.headers.get('etag')! };
    };

    it('lets each role do what it may, and nothing more', async () => {
      const own = await read(PUBLIC);
      const other = await read(UNIVERSITY);
      // [who, method, path, body, If-Match] → the status each role gets.
      const actions: Array<[string, string, string, unknown, string | undefined, Record<Who, number>]> = [
        [
          'list members',
          'GET',
          '/v1/admin/members',
          undefined,
          undefined,
          { nobody: 401, librarian: 403, 'member-admin': 200, 'consortium-admin': 200 },
        ],
        [
          'read own member',
          'GET',
          `/v1/admin/members/${PUBLIC}`,
          undefined,
          undefined,
          { nobody: 401, librarian: 403, 'member-admin': 200, 'consortium-admin': 200 },
        ],
        [
          'read another member',
          'GET',
          `/v1/admin/members/${UNIVERSITY}`,
          undefined,
          undefined,
          { nobody: 401, librarian: 403, 'member-admin': 403, 'consortium-admin': 200 },
        ],
        [
          'save own member unchanged',
          'PUT',
          `/v1/admin/members/${PUBLIC}`,
          own.member,
          own.etag,
          { nobody: 401, librarian: 403, 'member-admin': 200, 'consortium-admin': 200 },
        ],
        [
          'save another member unchanged',
          'PUT',
          `/v1/admin/members/${UNIVERSITY}`,
          other.member,
          other.etag,
          { nobody: 401, librarian: 403, 'member-admin': 403, 'consortium-admin': 200 },
        ],
        [
          'add a member',
          'POST',
          '/v1/admin/members',
          NEW_MEMBER,
          undefined,
          { nobody: 401, librarian: 403, 'member-admin': 403, 'consortium-admin': 201 },
        ],
        [
          'read the audit log',
          'GET',
          '/v1/admin/audit',
          undefined,
          undefined,
          { nobody: 401, librarian: 403, 'member-admin': 200, 'consortium-admin': 200 },
        ],
        [
          "read another member's audit log",
          'GET',
          `/v1/admin/audit?member=${UNIVERSITY}`,
          undefined,
          undefined,
          { nobody: 401, librarian: 403, 'member-admin': 403, 'consortium-admin': 200 },
        ],
      ];
      const seen: string[] = [];
      const wanted: string[] = [];
      for (const [action, method, path, body, etag, expected] of actions) {
        for (const who of ['nobody', 'librarian', 'member-admin', 'consortium-admin'] as const) {
          const response = await call(method, path, { as: who, body, headers: etag === undefined ? {} : { 'if-match': etag } });
          seen.push(`${action} as ${who}: ${response.status}`);
          wanted.push(`${action} as ${who}: ${expected[who]}`);
        }
      }
      assert.deepEqual(seen, wanted);
      const removed = await read(NEW_MEMBER.id);
      for (const who of ['librarian', 'member-admin'] as const) {
        assert.equal(
          (await call('DELETE', `/v1/admin/members/${NEW_MEMBER.id}`, { as: who, headers: { 'if-match': removed.etag } })).status,
          403,
        );
      }
      assert.equal(
        (await call('DELETE', `/v1/admin/members/${NEW_MEMBER.id}`, { as: 'consortium-admin', headers: { 'if-match': removed.etag } }))
          .status,
        204,
      );
      assert.equal((await call('GET', `/v1/admin/members/${NEW_MEMBER.id}`, { as: 'consortium-admin' })).status, 404);
    });

    it('lists only the members an administrator may change', async () => {
      const ids = async (as: Who) =>
        (await call('GET', '/v1/admin/members', { as })).body.items.map((item: { member: MemberConfig }) => item.member.id);
      assert.deepEqual(await ids('member-admin'), [PUBLIC]);
      assert.deepEqual(await ids('consortium-admin'), ['lakeside-museum', PUBLIC, UNIVERSITY]);
    });

    it('keeps a member administrator from making anyone a consortium administrator', async () => {
      const { member, etag } = await read(PUBLIC, 'member-admin');
      const raised = { ...member, librarians: member.librarians!.map((person) => ({ ...person, role: 'consortium-admin' as const })) };
      const refused = await call('PUT', `/v1/admin/members/${PUBLIC}`, { as: 'member-admin', body: raised, headers: { 'if-match': etag } });
      assert.equal(refused.status, 403);
      assert.match(refused.body.detail, /librarians\[0\]\.role/);
    });

    it('refuses a write without If-Match (428) and one based on an older version (412), keeping the other change', async () => {
      const first = await read(PUBLIC, 'member-admin');
      const second = await read(PUBLIC, 'consortium-admin');
      assert.equal(first.etag, second.etag);
      const missing = await call('PUT', `/v1/admin/members/${PUBLIC}`, { as: 'member-admin', body: first.member });
      assert.equal(missing.status, 428);
      assert.equal(missing.headers.get('content-type'), 'application/problem+json; charset=utf-8');
      const renamed = { ...first.member, name: { ...first.member.name, en: 'Lakeside Public Libraries' } };
      const saved = await call('PUT', `/v1/admin/members/${PUBLIC}`, {
        as: 'member-admin',
        body: renamed,
        headers: { 'if-match': first.etag },
      });
      assert.equal(saved.status, 200);
      assert.notEqual(saved.headers.get('etag'), first.etag);
      const contact = { ...second.member, contact: { email: 'help@lakeside-library.example.org' } };
      const stale = await call('PUT', `/v1/admin/members/${PUBLIC}`, {
        as: 'consortium-admin',
        body: contact,
        headers: { 'if-match': second.etag },
      });
      assert.equal(stale.status, 412);
      assert.equal(stale.body.code, 'precondition_failed');
      const now = await read(PUBLIC);
      assert.equal(now.member.name.en, 'Lakeside Public Libraries');
      assert.equal(now.member.contact?.email, 'ask@lakeside-library.example.org');
      assert.equal(now.etag, saved.headers.get('etag'));
    });

    it('lets only one of two writes based on the same version through', async () => {
      const { member, etag } = await read(UNIVERSITY);
      const attempts = await Promise.all(
        ['North', 'South'].map((side) =>
          call('PUT', `/v1/admin/members/${UNIVERSITY}`, {
            as: 'consortium-admin',
            body: { ...member, name: { ...member.name, en: `Lakeside University ${side}` } },
            headers: { 'if-match': etag },
          }),
        ),
      );
      assert.deepEqual(attempts.map((attempt) => attempt.status).sort(), [200, 412]);
    });

    it('names the field of a bad member and of a broken reference, and changes nothing', async () => {
      const { member, etag } = await read(PUBLIC);
      const badType = await call('PUT', `/v1/admin/members/${PUBLIC}`, {
        as: 'consortium-admin',
        body: { ...member, timezone: 'Europe/Lakeside' },
        headers: { 'if-match': etag },
      });
      assert.equal(badType.status, 400);
      assert.deepEqual(
        badType.body.errors.map((error: { path: string }) => error.path),
        ['timezone'],
      );
      const resources = (member.resources ?? []).map((resource, index) => (index === 0 ? { ...resource, branch: 'nowhere' } : resource));
      const dangling = await call('PUT', `/v1/admin/members/${PUBLIC}`, {
        as: 'consortium-admin',
        body: { ...member, resources },
        headers: { 'if-match': etag },
      });
      assert.equal(dangling.status, 400, JSON.stringify(dangling.body));
      assert.deepEqual(
        dangling.body.errors.map((error: { path: string }) => error.path),
        ['resources[0].branch'],
      );
      assert.equal((await read(PUBLIC)).etag, etag);
    });

    it('refuses to remove a branch that copies or holds still use, naming them', async () => {
      const storage = started.relay.storage;
      const { member, etag } = await read(PUBLIC);
      const branch = member.branches[0]!.id;
      await storage.catalog.upsertRecords([
        {
          id: `${PUBLIC}:kept`,
          member: PUBLIC,
          type: 'book',
          title: 'Kept',
          creators: [],
          subjects: [],
          identifiers: {},
          holdings: [{ member: PUBLIC, branch, status: 'available' }],
        },
      ]);
      const withoutBranch = {
        ...member,
        branches: member.branches.slice(1),
        resources: (member.resources ?? []).filter((resource) => resource.branch !== branch),
      };
      const refused = await call('PUT', `/v1/admin/members/${PUBLIC}`, {
        as: 'consortium-admin',
        body: withoutBranch,
        headers: { 'if-match': etag },
      });
      assert.equal(refused.status, 409, JSON.stringify(refused.body));
      assert.equal(refused.body.code, 'still_in_use');
      assert.match(refused.body.detail, new RegExp(`branch ${PUBLIC}/${branch}: still has 1 catalogue copy`));
      assert.equal((await read(PUBLIC)).etag, etag);
    });

    it('records every change with who made it, before and after, from the file and from the API, and exports it as CSV', async () => {
      const log = await call('GET', `/v1/admin/audit?member=${PUBLIC}&limit=500`, { as: 'consortium-admin' });
      assert.equal(log.status, 200);
      const entries = log.body.items as Array<{
        actor: string;
        actorEmail?: string;
        kind: string;
        objectId: string;
        action: string;
        before?: any;
        after?: any;
      }>;
      const rename = entries.find((entry) => entry.kind === 'member' && entry.after?.name?.en === 'Lakeside Public Libraries');
      assert.ok(rename, 'the rename is in the log');
      assert.equal(rename.actorEmail, 'desk@lakeside-library.example.org');
      assert.equal(rename.action, 'update');
      assert.equal(rename.before.name.en, 'Lakeside Public Library');
      const created = entries.filter((entry) => entry.actor === 'command-line' && entry.action === 'create');
      assert.ok(created.some((entry) => entry.kind === 'member' && entry.objectId === PUBLIC));
      assert.ok(created.some((entry) => entry.kind === 'branch' && entry.objectId.startsWith(`${PUBLIC}/`)));
      assert.ok(entries.every((entry) => !JSON.stringify(entry).includes('password')));
      const mine = await call('GET', '/v1/admin/audit?limit=500', { as: 'member-admin' });
      assert.ok(mine.body.items.length > 0);
      assert.ok(mine.body.items.every((entry: { member: string | null }) => entry.member === PUBLIC));
      const archive = await call('GET', `/v1/admin/audit?member=${NEW_MEMBER.id}`, { as: 'consortium-admin' });
      assert.deepEqual(
        archive.body.items.map((entry: { action: string; kind: string }) => `${entry.action} ${entry.kind}`),
        ['remove member', 'create branch', 'create member'],
      );

      assert.deepEqual(archive.body.items[0].before.branches, NEW_MEMBER.branches, 'a removed member is logged with its branches');

      const page = await call('GET', `/v1/admin/audit?member=${PUBLIC}&limit=2`, { as: 'consortium-admin' });
      const nextPage = await call('GET', `/v1/admin/audit?member=${PUBLIC}&limit=2&before=${encodeURIComponent(page.body.next)}`, {
        as: 'consortium-admin',
      });
      assert.deepEqual(
        [...page.body.items, ...nextPage.body.items].map((entry: { id: string }) => entry.id),
        entries.slice(0, 4).map((entry: any) => entry.id),
      );

      const csv = await call('GET', `/v1/admin/audit?member=${PUBLIC}&format=csv&limit=500`, { as: 'consortium-admin' });
      assert.equal(csv.headers.get('content-type'), 'text/csv; charset=utf-8');
      const lines = csv.text.trimEnd().split('\r\n');
      assert.equal(lines[0], 'at,actor,actorEmail,member,kind,objectId,action,before,after');
      assert.equal(lines.length, entries.length + 1);
    });

    it('works through the SDK: a stale version is an ApiError 412, and the audit log pages', async () => {
      const client = createClient({ baseUrl: started.url });
      const auth = { token: tokens['consortium-admin']! };
      const members = await client.admin.members(auth);
      assert.deepEqual(
        members.map((item) => item.member.id),
        ['lakeside-museum', PUBLIC, UNIVERSITY],
      );
      const museum = await client.admin.member(auth, 'lakeside-museum');
      assert.equal(museum.etag, members[0]!.etag);
      const saved = await client.admin.replaceMember(
        auth,
        { ...museum.member, homePage: 'https://museum.lakeside.example.org' },
        museum.etag,
      );
      assert.equal(saved.member.homePage, 'https://museum.lakeside.example.org');
      await assert.rejects(
        client.admin.replaceMember(auth, museum.member, museum.etag),
        (error) => error instanceof ApiError && error.status === 412 && error.code === 'precondition_failed',
      );
      const first = await client.admin.audit(auth, { member: 'lakeside-museum', limit: 1 });
      assert.equal(first.items[0]!.after && (first.items[0]!.after as MemberConfig).homePage, 'https://museum.lakeside.example.org');
      const second = await client.admin.audit(auth, { member: 'lakeside-museum', limit: 1, before: first.next! });
      assert.notEqual(second.items[0]!.id, first.items[0]!.id);
      await assert.rejects(client.admin.audit({ token: tokens.librarian! }), (error) => error instanceof ApiError && error.status === 403);
    });
  });
}
