// Catalogue records linked in librarians' answers, over real HTTP on SQLite and PostgreSQL:
// the patron, the staff queue and the knowledge base all show them with their titles; an id
// the union catalog does not have refuses the answer and stores nothing; the answer email
// lists the titles; and the knowledge base's personal-data scrub leaves titles whole.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addLibrarian } from '../src/domain/staff/librarian-accounts.js';
import type { Relay } from '../src/index.js';
import { MEMBERS, RECORDS } from './helpers/catalog-fixtures.js';
import { testDatabases } from './helpers/databases.js';
import { type SmtpSink, startSmtpSink } from './helpers/smtp-sink.js';

const RIVERSIDE = 'riverside-library';
const PASSWORD = 'correct horse battery';
const HUNGER_GAMES = { id: 'riverside-library:2767052', title: 'The Hunger Games (The Hunger Games, #1)', member: RIVERSIDE };
const ROWLING_EFFECT = { id: 'riverside-library:9004', title: 'The Rowling Effect', member: RIVERSIDE };
const JINGYESI = { id: 'eastern-university:jingyesi', title: '靜夜思', member: 'eastern-university' };

interface Reply {
  status: number;
  body: any;
}

for (const database of await testDatabases()) {
  describe(`records linked in answers on ${database.name}`, { skip: database.skip }, () => {
    let url = '';
    let relay: Relay;
    let sink: SmtpSink;
    let close: () => Promise<void> = async () => {};
    let staff = '';

    before(async () => {
      sink = await startSmtpSink();
      const started = await database.startRelay({ smtpUrl: sink.url, publicUrl: 'https://atrium.example.org/' });
      url = started.url;
      relay = started.relay;
      close = started.close;
      await relay.storage.catalog.upsertMembers(MEMBERS);
      await relay.storage.catalog.upsertRecords(RECORDS);
      const email = 'desk@riverside.example.org';
      await addLibrarian(relay.storage, { member: RIVERSIDE, name: 'Ada at Riverside', email, password: PASSWORD });
      staff = (await call('POST', '/v1/auth/login', { email, password: PASSWORD })).body.token;
    });
    after(async () => {
      await close();
      await sink.close();
    });

    async function call(method: string, path: string, body?: unknown, token?: string): Promise<Reply> {
      const headers: Record<string, string> = {};
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (token) headers.authorization = `Bearer ${token}`;
      const response = await fetch(`${url}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    }

    /** A new question, claimed by the Riverside desk. */
    async function claimed(text: string, patron: Record<string, string> = {}) {
      const asked = await call('POST', '/v1/questions', { member: RIVERSIDE, text, patron });
      assert.equal(asked.status, 201, JSON.stringify(asked.body));
      const claim = await call('POST', `/v1/staff/questions/${asked.body.id}/claim`, {}, staff);
      assert.equal(claim.status, 200, JSON.stringify(claim.body));
      return asked.body as { id: string; token: string };
    }

    it('shows the records an answer links, in order and with their titles, to the patron and to staff', async () => {
      const question = await claimed('Anything like The Hunger Games, and a short Chinese poem?');
      const answered = await call(
        'POST',
        `/v1/staff/questions/${question.id}/answer`,
        { text: 'Try these two.', records: [HUNGER_GAMES.id, JINGYESI.id] },
        staff,
      );
      assert.equal(answered.status, 200, JSON.stringify(answered.body));
      assert.deepEqual(answered.body.messages[0].records, [HUNGER_GAMES, JINGYESI]);

      const patron = await call('GET', `/v1/questions/${question.id}?token=${question.token}`);
      assert.equal(patron.status, 200);
      assert.deepEqual(
        patron.body.messages.map((message: { records: unknown }) => message.records),
        [[HUNGER_GAMES, JINGYESI]],
      );

      // The patron's follow-up links nothing (a records field from a patron is not theirs to send).
      const followed = await call('POST', `/v1/questions/${question.id}/messages?token=${question.token}`, {
        text: 'Thanks!',
        records: [ROWLING_EFFECT.id],
      });
      assert.equal(followed.status, 201, JSON.stringify(followed.body));
      assert.deepEqual(followed.body.messages[1].records, []);

      // The librarian's follow-up links a record as an answer does.
      const reply = await call(
        'POST',
        `/v1/staff/questions/${question.id}/messages`,
        { text: 'And about the series:', records: [ROWLING_EFFECT.id] },
        staff,
      );
      assert.equal(reply.status, 200, JSON.stringify(reply.body));

      const detail = await call('GET', `/v1/staff/questions/${question.id}`, undefined, staff);
      assert.deepEqual(
        detail.body.messages.map((message: { author: string; records: unknown }) => [message.author, message.records]),
        [
          ['librarian', [HUNGER_GAMES, JINGYESI]],
          ['patron', []],
          ['librarian', [ROWLING_EFFECT]],
        ],
      );
      const listed = await call('GET', '/v1/staff/questions?status=claimed,answered', undefined, staff);
      const inList = listed.body.items.find((item: { id: string }) => item.id === question.id);
      assert.deepEqual(inList.messages[2].records, [ROWLING_EFFECT]);

      // The title is what it was when the librarian answered, whatever the catalogue says now.
      const renamed = RECORDS.find((record) => record.id === HUNGER_GAMES.id)!;
      await relay.storage.catalog.upsertRecords([{ ...renamed, title: 'The Hunger Games (new edition)' }]);
      try {
        const later = await call('GET', `/v1/questions/${question.id}?token=${question.token}`);
        assert.equal(later.body.messages[0].records[0].title, HUNGER_GAMES.title);
      } finally {
        await relay.storage.catalog.upsertRecords([renamed]);
      }
    });

    it('refuses an answer linking a record the catalogue does not have, naming it, and stores nothing', async () => {
      const question = await claimed('Do you have the sequel?');
      const refused = await call(
        'POST',
        `/v1/staff/questions/${question.id}/answer`,
        { text: 'Here it is.', publish: true, records: [HUNGER_GAMES.id, 'riverside-library:no-such-book'] },
        staff,
      );
      assert.equal(refused.status, 422, JSON.stringify(refused.body));
      assert.equal(refused.body.code, 'unknown_record');
      assert.deepEqual(refused.body.errors, [
        { path: 'records.1', message: 'no record "riverside-library:no-such-book" in the union catalog' },
      ]);
      assert.match(refused.body.detail, /records\.1: no record "riverside-library:no-such-book"/);

      const after = await call('GET', `/v1/staff/questions/${question.id}`, undefined, staff);
      assert.equal(after.body.status, 'claimed', 'still waiting for an answer');
      assert.deepEqual(after.body.messages, []);
      assert.equal(after.body.kbId, undefined, 'nothing published');
      assert.deepEqual((await call('GET', `/v1/questions/${question.id}?token=${question.token}`)).body.messages, []);

      // Malformed, repeated and too many ids are refused by the schema, naming the field.
      const malformed = await call('POST', `/v1/staff/questions/${question.id}/answer`, { text: 'x', records: ['not an id'] }, staff);
      assert.equal(malformed.status, 400);
      assert.deepEqual(
        malformed.body.errors.map((error: { path: string }) => error.path),
        ['records.0'],
      );
      const twice = await call(
        'POST',
        `/v1/staff/questions/${question.id}/answer`,
        { text: 'x', records: [HUNGER_GAMES.id, JINGYESI.id, HUNGER_GAMES.id] },
        staff,
      );
      assert.equal(twice.status, 400);
      assert.deepEqual(twice.body.errors, [{ path: 'records.2', message: `lists record "${HUNGER_GAMES.id}" twice` }]);
      const many = Array.from({ length: 11 }, (_, index) => `riverside-library:${index}`);
      const tooMany = await call('POST', `/v1/staff/questions/${question.id}/messages`, { text: 'x', records: many }, staff);
      assert.equal(tooMany.status, 400);
      assert.deepEqual(tooMany.body.errors, [{ path: 'records', message: 'must list at most 10 records' }]);
      const unknownInFollowUp = await call(
        'POST',
        `/v1/staff/questions/${question.id}/messages`,
        { text: 'x', records: ['harbour-museum:nothing'] },
        staff,
      );
      assert.equal(unknownInFollowUp.status, 422);
      assert.equal(unknownInFollowUp.body.errors[0].path, 'records.0');
      assert.deepEqual((await call('GET', `/v1/staff/questions/${question.id}`, undefined, staff)).body.messages, []);

      // An answer without records is as before.
      const plain = await call('POST', `/v1/staff/questions/${question.id}/answer`, { text: 'Not yet, sorry.' }, staff);
      assert.equal(plain.status, 200);
      assert.deepEqual(plain.body.messages[0].records, []);
    });

    it('publishes the linked records with the answer, titles untouched by the personal-data scrub', async () => {
      // A patron whose surname is in a record's title: the title stays, the name elsewhere goes.
      const question = await claimed('Rowling here: books about how Harry Potter changed publishing?', { name: 'Joanne Rowling' });
      const answer = 'Dear Rowling, "The Rowling Effect" covers exactly that; 靜夜思 is a nice change of pace.';
      const published = await call(
        'POST',
        `/v1/staff/questions/${question.id}/answer`,
        { text: answer, publish: true, records: [ROWLING_EFFECT.id, JINGYESI.id] },
        staff,
      );
      assert.equal(published.status, 200, JSON.stringify(published.body));
      const kbId = published.body.kbId as string;

      const entry = await call('GET', `/v1/kb/${kbId}`);
      assert.equal(entry.status, 200);
      assert.deepEqual(entry.body.records, [ROWLING_EFFECT, JINGYESI]);
      assert.equal(entry.body.answer, 'Dear [name], "The Rowling Effect" covers exactly that; 靜夜思 is a nice change of pace.');
      assert.equal(entry.body.question, '[name] here: books about how Harry Potter changed publishing?');

      const found = await call('GET', `/v1/kb?q=${encodeURIComponent('publishing')}`);
      assert.deepEqual(found.body.items.find((item: { id: string }) => item.id === kbId)?.records, [ROWLING_EFFECT, JINGYESI]);

      // Published again from a later answer, the entry links that answer's records.
      const again = await call(
        'POST',
        `/v1/staff/questions/${question.id}/answer`,
        { text: 'Also this.', publish: true, records: [HUNGER_GAMES.id] },
        staff,
      );
      assert.equal(again.status, 200, JSON.stringify(again.body));
      assert.equal(again.body.kbId, kbId);
      assert.deepEqual((await call('GET', `/v1/kb/${kbId}`)).body.records, [HUNGER_GAMES]);
    });

    it('lists the linked records’ titles in the answer email', async () => {
      const question = await claimed('A classic poem to learn by heart?', { name: 'Lee', email: 'lee@example.net' });
      const answered = await call(
        'POST',
        `/v1/staff/questions/${question.id}/answer`,
        { text: 'This one is short and loved.', records: [JINGYESI.id, HUNGER_GAMES.id] },
        staff,
      );
      assert.equal(answered.status, 200, JSON.stringify(answered.body));
      const mail = await sink.next();
      assert.deepEqual(mail.recipients, ['lee@example.net']);
      assert.ok(
        mail.text.includes(
          'The librarian pointed you to these records:\n- 靜夜思 (Eastern University Library)\n- The Hunger Games (The Hunger Games, #1) (Riverside Library)',
        ),
        mail.text,
      );
    });
  });
}
