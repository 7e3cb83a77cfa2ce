// The SDK's joint reference calls against a real relay, on SQLite and PostgreSQL: a patron asks
// and follows up, librarians claim, refer, answer and publish, anyone searches the knowledge
// base, and staff read the ledger; with the demo consortium's policies and published answers.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApiError, type AtriumClient, createClient, ValidationError } from '@atrium/sdk';
import { DEMO_MEMBERS, EASTERN_UNIVERSITY, HARBOUR_MUSEUM, RIVERSIDE_LIBRARY } from '../src/demo/consortium.js';
import { seedDemoReference } from '../src/demo/reference.js';
import { addLibrarian } from '../src/domain/staff/librarian-accounts.js';
import { testDatabases } from './helpers/databases.js';

const PASSWORD = 'correct horse battery';

for (const database of await testDatabases()) {
  describe(`client.questions, client.kb and client.staff on ${database.name}`, { skip: database.skip }, () => {
    let patron: AtriumClient;
    let staff: { riverside: { token: string }; eastern: { token: string } };
    let close: () => Promise<void> = async () => {};

    before(async () => {
      const started = await database.startRelay();
      close = started.close;
      await started.relay.storage.catalog.upsertMembers(DEMO_MEMBERS);
      await seedDemoReference(started.relay.questions);
      // Running the demo seed again adds nothing.
      await seedDemoReference(started.relay.questions);
      for (const member of [RIVERSIDE_LIBRARY, EASTERN_UNIVERSITY]) {
        await addLibrarian(started.relay.storage, { member, name: `Desk of ${member}`, email: `desk@${member}.test`, password: PASSWORD });
      }
      patron = createClient({ baseUrl: started.url, member: RIVERSIDE_LIBRARY });
      const desk = createClient({ baseUrl: started.url });
      const login = async (member: string) => ({
        token: (await desk.auth.login({ email: `desk@${member}.test`, password: PASSWORD })).token,
      });
      staff = { riverside: await login(RIVERSIDE_LIBRARY), eastern: await login(EASTERN_UNIVERSITY) };
    });
    after(() => close());

    it('asks the home member, follows up, and reads the answer by token', async () => {
      const asked = await patron.questions.ask({ text: 'Can I borrow e-books?', patron: { name: 'Sam Lee' }, category: 'lending' });
      assert.equal(asked.status, 'new');
      const followed = await patron.questions.followUp(asked.id, asked.token, 'On a Kindle, ideally.');
      assert.equal(followed.messages.length, 1);
      assert.equal(followed.member, RIVERSIDE_LIBRARY);

      const queue = await patron.staff.questions.list(staff.riverside, { status: ['new'] });
      assert.ok(queue.some((question) => question.id === asked.id && question.patron.name === 'Sam Lee'));
      const detail = await patron.staff.questions.get(staff.riverside, asked.id);
      assert.match(detail.policy?.tellPatrons ?? '', /Cards are free/);
      assert.equal(detail.policy?.questionWaitMinutes, 240);

      await patron.staff.questions.claim(staff.riverside, asked.id);
      await assert.rejects(
        patron.staff.questions.claim(staff.riverside, asked.id),
        (error: unknown) => error instanceof ApiError && error.status === 409 && error.code === 'already_claimed',
      );
      const answered = await patron.staff.questions.answer(staff.riverside, asked.id, {
        text: 'Yes, through the library app.',
        publish: true,
      });
      assert.equal(answered.status, 'answered');
      assert.ok(answered.kbId);
      await patron.staff.questions.followUp(staff.riverside, asked.id, 'Kindle too, in most countries.');
      const closed = await patron.staff.questions.close(staff.riverside, asked.id);
      assert.equal(closed.status, 'closed');

      const read = await patron.questions.get(asked.id, asked.token);
      assert.deepEqual(
        read.messages.map((message) => [message.author, message.kind]),
        [
          ['patron', 'message'],
          ['librarian', 'answer'],
          ['librarian', 'message'],
        ],
      );
      const found = await patron.kb.search({ q: 'e-books' });
      assert.deepEqual(
        found.map((entry) => entry.id),
        [answered.kbId],
      );
      assert.equal((await patron.kb.get(answered.kbId!)).answer, 'Yes, through the library app.');
      assert.ok(!(await patron.kb.get(answered.kbId!)).question.includes('Sam Lee'));
    });

    it('refers a question to another member, whose librarian answers it', async () => {
      const asked = await patron.questions.ask({ text: 'Where can I read Tang dynasty poetry in the original?' });
      const referred = await patron.staff.questions.refer(staff.riverside, asked.id, {
        member: EASTERN_UNIVERSITY,
        note: 'Their East Asian Library.',
      });
      assert.equal(referred.queueMember, EASTERN_UNIVERSITY);
      await patron.staff.questions.claim(staff.eastern, asked.id);
      await patron.staff.questions.answer(staff.eastern, asked.id, { text: 'In our East Asian Library, on open shelves.' });
      const ledger = await patron.staff.ledger(staff.eastern, new Date().toISOString().slice(0, 7));
      const eastern = ledger.rows.find((row) => row.member === EASTERN_UNIVERSITY)!;
      const riverside = ledger.rows.find((row) => row.member === RIVERSIDE_LIBRARY)!;
      assert.equal(eastern.questionsAnswered, 2, 'the demo answer and this one');
      assert.equal(riverside.questionsReceived, 3, 'the demo question and the two asked here');
    });

    it('finds the demo answers in either Chinese script and gives each demo member a policy', async () => {
      const simplified = await patron.kb.search({ q: '图书馆', member: EASTERN_UNIVERSITY });
      const traditional = await patron.kb.search({ q: '圖書館' });
      assert.equal(simplified.length, 1);
      assert.deepEqual(
        traditional.map((entry) => entry.id),
        simplified.map((entry) => entry.id),
      );
      assert.equal(simplified[0]!.category, 'visit');
      for (const member of [RIVERSIDE_LIBRARY, EASTERN_UNIVERSITY, HARBOUR_MUSEUM]) {
        const policy = await patron.questions.servicePolicy(member);
        assert.equal(policy.member, member);
        assert.ok(policy.serves.length > 0 && policy.lending.length > 0 && policy.hours.length > 0);
      }
      assert.equal((await patron.kb.search({})).length, 4, 'three demo answers and the one published above');
    });

    it('checks arguments before sending, and needs a token for staff calls', async () => {
      await assert.rejects(
        patron.questions.ask({ text: 'Hello', patron: { email: 'not-an-address' } }),
        (error: unknown) => error instanceof ValidationError && error.issues[0]?.path === 'patron.email',
      );
      await assert.rejects(patron.staff.ledger(staff.riverside, '2026-3'), ValidationError);
      await assert.rejects(
        patron.staff.questions.list({ token: 'not-a-token' }),
        (error: unknown) => error instanceof ApiError && error.status === 401,
      );
    });
  });
}
