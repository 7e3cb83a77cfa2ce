// Joint reference over real HTTP on a relay started with startRelay, on SQLite and on
// PostgreSQL: asking and following up by token, validation, staff sign-in, the atomic claim,
// routing (home member, then the consortium, referral), publishing to the knowledge base with
// personal data removed, and the monthly ledger.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { addLibrarian } from '../src/domain/staff/librarian-accounts.js';
import type { Relay } from '../src/index.js';
import { MEMBERS, RECORDS } from './helpers/catalog-fixtures.js';
import { testDatabases } from './helpers/databases.js';

const RIVERSIDE = 'riverside-library';
const EASTERN = 'eastern-university';
const MUSEUM = 'harbour-museum';
const PASSWORD = 'correct horse battery';

for (const database of await testDatabases()) {
  describe(`joint reference over HTTP on ${database.name}`, { skip: database.skip }, () => {
    let url = '';
    let relay: Relay;
    let close: () => Promise<void> = async () => {};
    const tokens: Record<string, string> = {};

    before(async () => {
      const started = await database.startRelay();
      url = started.url;
      relay = started.relay;
      close = started.close;
      await relay.storage.catalog.upsertMembers(MEMBERS);
      await relay.storage.catalog.upsertRecords(RECORDS);
      // Two librarians at Riverside (for the claim race), one at each other member.
      const accounts = [
        ['riverside-a', RIVERSIDE, 'Ada at Riverside'],
        ['riverside-b', RIVERSIDE, 'Bo at Riverside'],
        ['eastern', EASTERN, 'Lin at Eastern'],
        ['museum', MUSEUM, 'Mo at the Museum'],
      ] as const;
      for (const [key, member, name] of accounts) {
        const email = `${key}@reference.example.org`;
        await addLibrarian(relay.storage, { member, name, email, password: PASSWORD });
        const login = await call('POST', '/v1/auth/login', { email, password: PASSWORD });
        assert.equal(login.status, 200, JSON.stringify(login.body));
        tokens[key] = login.body.token;
      }
      // Eastern lets the consortium see its questions at once; the others keep the default wait.
      await relay.questions.policies.set(EASTERN, {
        serves: 'University members and visiting readers',
        lending: 'Four weeks',
        hours: 'Mon–Sat 08:00–22:00',
        tellPatrons: 'Visitors need a reader pass.',
        questionWaitMinutes: 0,
      });
      await relay.questions.policies.set(RIVERSIDE, {
        serves: 'Residents of the city',
        lending: 'Twenty items for three weeks',
        hours: 'Mon–Sat 09:00–20:00',
        tellPatrons: 'Cards are free with proof of address.',
      });
    });
    after(() => close());

    async function call(method: string, path: string, body?: unknown, token?: string) {
      const headers: Record<string, string> = {};
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (token) headers.authorization = `Bearer ${token}`;
      const response = await fetch(`${url}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      const text = await response.text();
      const type = response.headers.get('content-type') ?? '';
      return {
        status: response.status,
        headers: response.headers,
        text,
        body: type.includes('json') && text ? JSON.parse(text) : undefined,
      };
    }

    async function ask(member: string, text: string, extra: Record<string, unknown> = {}) {
      const asked = await call('POST', '/v1/questions', { member, text, patron: {}, ...extra });
      assert.equal(asked.status, 201, JSON.stringify(asked.body));
      return asked.body as { id: string; token: string; status: string };
    }

    const staffList = async (key: string, query = '') => {
      const listed = await call('GET', `/v1/staff/questions${query}`, undefined, tokens[key]);
      assert.equal(listed.status, 200, JSON.stringify(listed.body));
      return listed.body.items as Array<{ id: string; status: string; visibleTo: string; queueMember: string }>;
    };

    it('takes a question, shows it to its patron by token, and takes follow-ups', async () => {
      const asked = await call('POST', '/v1/questions', {
        member: RIVERSIDE,
        text: '  Do you have large-print editions of Pride and Prejudice?  ',
        patron: { name: 'Jane Reader', email: 'jane@example.net' },
        category: 'catalogue',
        context: { pageUrl: 'https://riverside.example.org/catalogue' },
      });
      assert.equal(asked.status, 201, JSON.stringify(asked.body));
      assert.match(asked.body.id, /^qs_/);
      assert.equal(asked.body.status, 'new');
      assert.match(asked.body.token, /^[A-Za-z0-9_-]{16,}$/);
      const { id, token } = asked.body;

      const read = await call('GET', `/v1/questions/${id}?token=${token}`);
      assert.equal(read.status, 200);
      assert.equal(read.headers.get('cache-control'), 'no-store');
      assert.equal(read.body.text, 'Do you have large-print editions of Pride and Prejudice?');
      assert.equal(read.body.category, 'catalogue');
      assert.deepEqual(read.body.messages, []);
      assert.ok(!read.text.includes('jane@example.net'), 'the patron view carries no contact details');
      assert.ok(!read.text.includes(token), 'nor the token');

      const followed = await call('POST', `/v1/questions/${id}/messages?token=${token}`, { text: 'Any branch is fine.' });
      assert.equal(followed.status, 201, JSON.stringify(followed.body));
      assert.deepEqual(
        followed.body.messages.map((m: { author: string; kind: string; text: string }) => [m.author, m.kind, m.text]),
        [['patron', 'message', 'Any branch is fine.']],
      );

      const wrongToken = await call('GET', `/v1/questions/${id}?token=${'x'.repeat(32)}`);
      assert.equal(wrongToken.status, 404);
      assert.equal(wrongToken.body.code, 'question_not_found');
      const noToken = await call('GET', `/v1/questions/${id}`);
      assert.equal(noToken.status, 400);
      assert.equal(noToken.body.errors[0].path, 'token');
    });

    it('refuses bad questions naming each field, and stores none of them', async () => {
      const before = (await staffList('riverside-a')).length;
      const bad = await call('POST', '/v1/questions', {
        member: 'Not A Member',
        text: '   ',
        patron: { email: 'not-an-address' },
        category: 'gossip',
        context: { pageUrl: 'javascript:alert(1)' },
      });
      assert.equal(bad.status, 400);
      assert.equal(bad.headers.get('content-type'), 'application/problem+json; charset=utf-8');
      assert.equal(bad.body.code, 'invalid_request');
      const paths = bad.body.errors.map((error: { path: string }) => error.path).sort();
      assert.deepEqual(paths, ['category', 'context.pageUrl', 'member', 'patron.email', 'text']);

      const unknown = await call('POST', '/v1/questions', { member: 'no-such-member', text: 'Hello?' });
      assert.equal(unknown.status, 422);
      assert.equal(unknown.body.code, 'unknown_member');
      assert.equal(unknown.body.errors[0].path, 'member');

      const badFollowUp = await call('POST', `/v1/questions/qs_${randomUUID()}/messages?token=${'x'.repeat(32)}`, { text: '' });
      assert.equal(badFollowUp.status, 400);
      assert.equal(badFollowUp.body.errors[0].path, 'text');
      assert.equal((await staffList('riverside-a')).length, before);
    });

    it('keeps the staff routes to signed-in librarians', async () => {
      const { id } = await ask(RIVERSIDE, 'Who may see this?');
      for (const [method, path] of [
        ['GET', '/v1/staff/questions'],
        ['GET', `/v1/staff/questions/${id}`],
        ['POST', `/v1/staff/questions/${id}/claim`],
        ['POST', `/v1/staff/questions/${id}/answer`],
        ['POST', `/v1/staff/questions/${id}/refer`],
        ['POST', `/v1/staff/questions/${id}/close`],
        ['GET', '/v1/staff/ledger?month=2026-01'],
      ] as const) {
        const refused = await call(method, path, method === 'POST' ? {} : undefined);
        assert.equal(refused.status, 401, `${method} ${path}`);
        assert.equal(refused.body.code, 'unauthorized');
        assert.match(refused.headers.get('www-authenticate') ?? '', /^Bearer/);
      }
      const badToken = await call('GET', '/v1/staff/questions', undefined, 'not.a.token');
      assert.equal(badToken.status, 401);
      const read = await call('GET', `/v1/questions/${id}?token=${(await ask(RIVERSIDE, 'another')).token}`);
      assert.equal(read.status, 404, 'one question’s token does not open another');
    });

    it('gives a question to exactly one of ten librarians claiming at once', async () => {
      const { id } = await ask(RIVERSIDE, 'Can I renew a book twice?');
      const claims = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          call('POST', `/v1/staff/questions/${id}/claim`, {}, tokens[i % 2 === 0 ? 'riverside-a' : 'riverside-b']),
        ),
      );
      const won = claims.filter((claim) => claim.status === 200);
      const lost = claims.filter((claim) => claim.status === 409);
      assert.equal(won.length, 1, JSON.stringify(claims.map((claim) => claim.status)));
      assert.equal(lost.length, 9);
      for (const claim of lost) assert.equal(claim.body.code, 'already_claimed');
      assert.equal(won[0]!.body.status, 'claimed');
      assert.ok(['Ada at Riverside', 'Bo at Riverside'].includes(won[0]!.body.claim.name));
      const detail = await call('GET', `/v1/staff/questions/${id}`, undefined, tokens['riverside-a']);
      assert.equal(detail.body.claim.librarianId, won[0]!.body.claim.librarianId, 'the stored claimant is the one who won');
    });

    it('offers a question to its home member first, and to the consortium after the member’s wait', async () => {
      // Riverside keeps the default wait (hours): another member's librarian neither sees nor claims it.
      const home = await ask(RIVERSIDE, 'Is the Hillside branch open on Sundays?');
      const riverside = await staffList('riverside-a', '?status=new');
      const mine = riverside.find((question) => question.id === home.id);
      assert.equal(mine?.visibleTo, 'member');
      assert.ok(!(await staffList('museum')).some((question) => question.id === home.id));
      const early = await call('POST', `/v1/staff/questions/${home.id}/claim`, {}, tokens.museum);
      assert.equal(early.status, 403);
      assert.equal(early.body.code, 'not_open_to_you');
      assert.equal(
        (await call('GET', `/v1/questions/${home.id}?token=${home.token}`)).body.status,
        'new',
        'the refused claim changed nothing',
      );

      // Eastern's wait is zero: its question is open to everyone at once.
      const open = await ask(EASTERN, 'Where are the Tang poetry anthologies shelved?');
      const seen = (await staffList('museum', '?status=new')).find((question) => question.id === open.id);
      assert.equal(seen?.visibleTo, 'consortium');
      assert.equal(seen?.queueMember, EASTERN);
      const claimed = await call('POST', `/v1/staff/questions/${open.id}/claim`, {}, tokens.museum);
      assert.equal(claimed.status, 200, JSON.stringify(claimed.body));
      assert.equal(claimed.body.claim.member, MUSEUM);
      // Once claimed, it stays with the home member and the claimant's member only.
      assert.ok((await staffList('eastern')).some((question) => question.id === open.id));
      assert.ok(!(await staffList('riverside-a')).some((question) => question.id === open.id));
    });

    it('shows the asking member’s policy and who holds the record, and refers the question there', async () => {
      const poem = RECORDS.find((record) => record.member === EASTERN)!;
      const asked = await ask(RIVERSIDE, 'Can I read this edition somewhere?', { context: { recordId: poem.id } });
      const detail = await call('GET', `/v1/staff/questions/${asked.id}`, undefined, tokens['riverside-a']);
      assert.equal(detail.status, 200, JSON.stringify(detail.body));
      assert.equal(detail.body.policy.member, RIVERSIDE);
      assert.equal(detail.body.policy.tellPatrons, 'Cards are free with proof of address.');
      assert.equal(detail.body.policy.questionWaitMinutes, 240);
      assert.deepEqual(detail.body.holdingMembers, [EASTERN]);
      assert.deepEqual(detail.body.context, { recordId: poem.id });

      const policy = await call('GET', `/v1/members/${EASTERN}/policy`);
      assert.equal(policy.status, 200);
      assert.equal(policy.body.questionWaitMinutes, 0);
      assert.equal((await call('GET', `/v1/members/${MUSEUM}/policy`)).body.code, 'policy_not_found');
      assert.equal((await call('GET', '/v1/members/nowhere/policy')).status, 404);

      await call('POST', `/v1/staff/questions/${asked.id}/claim`, {}, tokens['riverside-a']);
      const badReferral = await call('POST', `/v1/staff/questions/${asked.id}/refer`, { member: 'no-such-member' }, tokens['riverside-a']);
      assert.equal(badReferral.status, 422);
      assert.equal(badReferral.body.code, 'unknown_member');
      const referred = await call(
        'POST',
        `/v1/staff/questions/${asked.id}/refer`,
        { member: EASTERN, note: 'They hold it in the East Asian Library.' },
        tokens['riverside-a'],
      );
      assert.equal(referred.status, 200, JSON.stringify(referred.body));
      assert.equal(referred.body.status, 'new');
      assert.equal(referred.body.queueMember, EASTERN);
      assert.equal(referred.body.claim, undefined);
      assert.deepEqual(
        { from: referred.body.referral.from, by: referred.body.referral.by, note: referred.body.referral.note },
        { from: RIVERSIDE, by: 'Ada at Riverside', note: 'They hold it in the East Asian Library.' },
      );

      const inEastern = (await staffList('eastern', '?status=new')).find((question) => question.id === asked.id);
      assert.equal(inEastern?.queueMember, EASTERN);
      const claimed = await call('POST', `/v1/staff/questions/${asked.id}/claim`, {}, tokens.eastern);
      assert.equal(claimed.status, 200);
      const answered = await call(
        'POST',
        `/v1/staff/questions/${asked.id}/answer`,
        { text: 'Yes, in the East Asian Library reading room.' },
        tokens.eastern,
      );
      assert.equal(answered.status, 200);
      assert.equal(answered.body.status, 'answered');
      const patronView = await call('GET', `/v1/questions/${asked.id}?token=${asked.token}`);
      assert.equal(patronView.body.status, 'answered');
      assert.deepEqual(
        patronView.body.messages.map((m: { kind: string; librarianName?: string; librarianMember?: string }) => [
          m.kind,
          m.librarianName,
          m.librarianMember,
        ]),
        [['answer', 'Lin at Eastern', EASTERN]],
      );
    });

    it('moves a question new → claimed → answered → closed, with follow-ups from both sides', async () => {
      const { id, token } = await ask(RIVERSIDE, 'How do I get a library card?');
      const tooEarly = await call('POST', `/v1/staff/questions/${id}/answer`, { text: 'Like this.' }, tokens['riverside-a']);
      assert.equal(tooEarly.status, 409);
      assert.equal(tooEarly.body.code, 'not_claimed');
      await call('POST', `/v1/staff/questions/${id}/claim`, {}, tokens['riverside-a']);
      const answered = await call(
        'POST',
        `/v1/staff/questions/${id}/answer`,
        { text: 'Bring proof of address to any branch.' },
        tokens['riverside-a'],
      );
      assert.equal(answered.body.status, 'answered');
      const patronAgain = await call('POST', `/v1/questions/${id}/messages?token=${token}`, { text: 'Does a utility bill count?' });
      assert.equal(patronAgain.body.status, 'claimed', 'a patron follow-up sends it back to the librarian');
      const reply = await call(
        'POST',
        `/v1/staff/questions/${id}/messages`,
        { text: 'Yes, from the last three months.' },
        tokens['riverside-b'],
      );
      assert.equal(reply.status, 200, JSON.stringify(reply.body));
      const closed = await call('POST', `/v1/staff/questions/${id}/close`, {}, tokens['riverside-a']);
      assert.equal(closed.body.status, 'closed');
      const thread = (await call('GET', `/v1/questions/${id}?token=${token}`)).body;
      assert.equal(thread.status, 'closed');
      assert.deepEqual(
        thread.messages.map((m: { author: string; kind: string }) => `${m.author}:${m.kind}`),
        ['librarian:answer', 'patron:message', 'librarian:message'],
      );
      const late = await call('POST', `/v1/questions/${id}/messages?token=${token}`, { text: 'Thanks!' });
      assert.equal(late.status, 409);
      assert.equal(late.body.code, 'question_closed');
      const list = await staffList('riverside-a', '?status=closed');
      assert.ok(list.some((question) => question.id === id) && list.every((question) => question.status === 'closed'));
      // Several statuses as `a,b` or repeated, as every list parameter of the API takes them.
      for (const query of ['?status=closed,answered', '?status=closed&status=answered']) {
        const either = await staffList('riverside-a', query);
        assert.ok(
          either.some((question) => question.id === id),
          query,
        );
        assert.ok(
          either.every((question) => question.status === 'closed' || question.status === 'answered'),
          query,
        );
      }
      const badStatus = await call('GET', '/v1/staff/questions?status=pending', undefined, tokens['riverside-a']);
      assert.equal(badStatus.status, 400);
      assert.match(badStatus.body.errors[0].path, /^status/);
    });

    it('publishes an answer to the knowledge base without personal data, found in either Chinese script', async () => {
      const { id } = await ask(
        RIVERSIDE,
        '我是王小明，图书馆的借书证 0012345 丢了怎么办？请打电话 138 0013 8000 或写信到 xiaoming@example.cn',
        {
          patron: { name: '王小明', email: 'xiaoming@example.cn' },
          category: 'lending',
        },
      );
      await call('POST', `/v1/staff/questions/${id}/claim`, {}, tokens['riverside-a']);
      const answered = await call(
        'POST',
        `/v1/staff/questions/${id}/answer`,
        { text: '小明你好：请带身份证到任何分馆补办借书证，费用 20 元。Call us on +852 2345 6789 if the desk is closed.', publish: true },
        tokens['riverside-a'],
      );
      assert.equal(answered.status, 200, JSON.stringify(answered.body));
      assert.match(answered.body.kbId, /^kb_/);

      for (const q of ['圖書館', '图书馆', '借書證', 'desk closed']) {
        const found = await call('GET', `/v1/kb?q=${encodeURIComponent(q)}`);
        assert.equal(found.status, 200);
        assert.deepEqual(
          found.body.items.map((entry: { id: string }) => entry.id),
          [answered.body.kbId],
          q,
        );
      }
      const entry = (await call('GET', `/v1/kb/${answered.body.kbId}`)).body;
      const published = `${entry.question}\n${entry.answer}`;
      for (const personal of ['王小明', '小明', '0012345', '138 0013 8000', 'xiaoming@example.cn', '2345 6789']) {
        assert.ok(!published.includes(personal), `"${personal}" was removed from: ${published}`);
      }
      assert.match(entry.question, /图书馆的借书证 \[card number\] 丢了怎么办/);
      assert.match(entry.answer, /费用 20 元/);
      assert.equal(entry.member, RIVERSIDE);
      assert.equal(entry.answeredBy, RIVERSIDE);
      assert.equal(entry.category, 'lending');

      assert.deepEqual((await call('GET', `/v1/kb?q=${encodeURIComponent('图书馆')}&member=${EASTERN}`)).body.items, []);
      assert.deepEqual((await call('GET', `/v1/kb?q=${encodeURIComponent('图书馆 -借书证')}`)).body.items, []);
      assert.deepEqual((await call('GET', '/v1/kb?q=nothing-like-this')).body.items, []);
      const badLimit = await call('GET', '/v1/kb?q=x&limit=0');
      assert.equal(badLimit.status, 400);
      assert.equal(badLimit.body.errors[0].path, 'limit');
      assert.equal((await call('GET', `/v1/kb/kb_${randomUUID()}`)).status, 404);
      const documented = (await call('GET', '/v1/openapi.json')).body;
      for (const path of ['/v1/questions', '/v1/kb', '/v1/staff/questions/{id}/claim', '/v1/staff/ledger'])
        assert.ok(documented.paths[path], path);
    });

    it('counts questions and chats per member and month in the ledger, as JSON and CSV', async () => {
      const month = new Date().toISOString().slice(0, 7);
      const ledgerNow = async () => {
        const ledger = await call('GET', `/v1/staff/ledger?month=${month}`, undefined, tokens.museum);
        assert.equal(ledger.status, 200, JSON.stringify(ledger.body));
        return new Map(ledger.body.rows.map((row: { member: string }) => [row.member, row]));
      };
      const start = await ledgerNow();

      // Two questions from the museum's patrons, one answered by Eastern (after a referral), one by the museum.
      const first = await ask(MUSEUM, 'May I photograph the Turner watercolours?');
      const second = await ask(MUSEUM, 'Is the study room step-free?');
      await call('POST', `/v1/staff/questions/${first.id}/refer`, { member: EASTERN }, tokens.museum);
      await call('POST', `/v1/staff/questions/${first.id}/claim`, {}, tokens.eastern);
      await call('POST', `/v1/staff/questions/${first.id}/answer`, { text: 'Without flash, yes.' }, tokens.eastern);
      await call('POST', `/v1/staff/questions/${second.id}/claim`, {}, tokens.museum);
      await call('POST', `/v1/staff/questions/${second.id}/answer`, { text: 'Yes, by the lift.' }, tokens.museum);
      await call('POST', `/v1/staff/questions/${second.id}/answer`, { text: 'And there is seating.' }, tokens.museum);
      // Two chats from the museum's patrons: one taken by a Riverside librarian, one still waiting.
      const now = new Date().toISOString();
      const conversation = (librarianMember: string | null) => ({
        id: `cv_${randomUUID()}`,
        member: MUSEUM,
        status: librarianMember ? 'active' : 'waiting',
        patron_session: randomUUID(),
        librarian_member: librarianMember,
        created_at: now,
        next_seq: 1,
        queue_member: MUSEUM,
        queued_at: now,
      });
      await (relay.storage.db as never as import('kysely').Kysely<any>)
        .insertInto('conversations')
        .values([conversation(RIVERSIDE), conversation(null)])
        .execute();

      const end = await ledgerNow();
      const delta = (member: string, field: string) =>
        (end.get(member) as Record<string, number>)[field]! - (start.get(member) as Record<string, number>)[field]!;
      assert.deepEqual(
        [MUSEUM, EASTERN, RIVERSIDE].map((member) => [
          member,
          delta(member, 'questionsReceived'),
          delta(member, 'questionsAnswered'),
          delta(member, 'chatsReceived'),
          delta(member, 'chatsAnswered'),
        ]),
        [
          [MUSEUM, 2, 1, 2, 0],
          [EASTERN, 0, 1, 0, 0],
          [RIVERSIDE, 0, 0, 0, 1],
        ],
      );

      const csv = await call('GET', `/v1/staff/ledger?month=${month}&format=csv`, undefined, tokens.museum);
      assert.equal(csv.status, 200);
      assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
      assert.match(csv.headers.get('content-disposition') ?? '', new RegExp(`atrium-ledger-${month}\\.csv`));
      const lines = csv.text.trimEnd().split('\r\n');
      assert.equal(lines[0], 'month,member,questions_received,questions_answered,chats_received,chats_answered');
      const museumRow = end.get(MUSEUM) as Record<string, number>;
      assert.ok(
        lines.includes(
          `${month},${MUSEUM},${museumRow.questionsReceived},${museumRow.questionsAnswered},${museumRow.chatsReceived},${museumRow.chatsAnswered}`,
        ),
        csv.text,
      );
      assert.equal(lines.length, 1 + MEMBERS.length);

      const empty = await call('GET', '/v1/staff/ledger?month=2001-01&format=csv', undefined, tokens.museum);
      assert.deepEqual(empty.text.trimEnd().split('\r\n').slice(1), MEMBERS.map((member) => `2001-01,${member.id},0,0,0,0`).sort());
      const badMonth = await call('GET', '/v1/staff/ledger?month=2026-13', undefined, tokens.museum);
      assert.equal(badMonth.status, 400);
      assert.equal(badMonth.body.errors[0].path, 'month');
    });
  });
}
