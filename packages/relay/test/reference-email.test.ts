// Answer emails through a real SMTP server (smtp-server, in this process on a free port): the
// patron who left an address gets the answer and later replies, with the private link; one
// who did not gets nothing; a mail server that cannot be reached fails nothing.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { addLibrarian } from '../src/domain/staff/librarian-accounts.js';
import { startRelay, type RelayConfigInput } from '../src/index.js';
import { MEMBERS } from './helpers/catalog-fixtures.js';
import { testDatabases } from './helpers/databases.js';
import { type SmtpSink, startSmtpSink } from './helpers/smtp-sink.js';

const PG_URL = process.env.ATRIUM_TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/test';
const RIVERSIDE = 'riverside-library';
const EMAIL = 'desk@riverside.example.org';
const PASSWORD = 'correct horse battery';

for (const database of await testDatabases()) {
  describe(`answer emails on ${database.name}`, { skip: database.skip }, () => {
    const schemas: string[] = [];
    let sink: SmtpSink;

    before(async () => {
      sink = await startSmtpSink();
    });
    after(async () => {
      await sink.close();
      if (database.name === 'postgres') {
        const client = new pg.Client({ connectionString: PG_URL });
        await client.connect();
        for (const schema of schemas) await client.query(`drop schema if exists "${schema}" cascade`);
        await client.end();
      }
    });

    /** A relay with the test members and one Riverside librarian, signed in. */
    async function relayWith(settings: RelayConfigInput) {
      const schema = `atrium_test_mail_${process.pid}_${randomBytes(4).toString('hex')}`;
      schemas.push(schema);
      const started = await startRelay({
        port: 0,
        host: '127.0.0.1',
        logLevel: 'silent',
        ...(database.name === 'sqlite' ? { databaseUrl: 'sqlite::memory:' } : { databaseUrl: PG_URL, pgSchema: schema }),
        ...settings,
      });
      await started.relay.storage.catalog.upsertMembers(MEMBERS);
      await addLibrarian(started.relay.storage, { member: RIVERSIDE, name: 'Ada at Riverside', email: EMAIL, password: PASSWORD });
      const call = async (method: string, path: string, body?: unknown, token?: string) => {
        const response = await fetch(`${started.url}${path}`, {
          method,
          headers: {
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        return { status: response.status, body: (await response.json()) as Record<string, any> };
      };
      const token = (await call('POST', '/v1/auth/login', { email: EMAIL, password: PASSWORD })).body.token as string;
      /** Asks, claims and answers; returns the question's id and token. */
      const askAndAnswer = async (text: string, patron: Record<string, string>, answer: string) => {
        const asked = await call('POST', '/v1/questions', { member: RIVERSIDE, text, patron });
        assert.equal(asked.status, 201, JSON.stringify(asked.body));
        assert.equal((await call('POST', `/v1/staff/questions/${asked.body.id}/claim`, {}, token)).status, 200);
        const answered = await call('POST', `/v1/staff/questions/${asked.body.id}/answer`, { text: answer }, token);
        assert.equal(answered.status, 200, JSON.stringify(answered.body));
        assert.equal(answered.body.status, 'answered');
        return { id: asked.body.id as string, token: asked.body.token as string };
      };
      return { ...started, call, token, askAndAnswer };
    }

    it('emails the answer and later replies to the patron who left an address, and nobody else', async () => {
      const relay = await relayWith({
        smtpUrl: sink.url,
        mailFrom: 'Riverside Ask <ask@riverside.example.org>',
        publicUrl: 'https://atrium.example.org/',
      });
      const before = sink.received.length;
      try {
        // No address: nothing to send.
        await relay.askAndAnswer('Anonymous: are the toilets step-free?', {}, 'Yes, on every floor.');
        const question = await relay.askAndAnswer(
          'Do you have large-print editions of Pride and Prejudice?',
          { name: 'Jane Reader', email: 'jane@example.net' },
          'Yes — two copies at the Central Library, call number LP AUS.',
        );
        const answerMail = await sink.next();
        assert.deepEqual(answerMail.recipients, ['jane@example.net']);
        assert.equal(answerMail.headers.get('to'), 'jane@example.net');
        assert.equal(answerMail.headers.get('from'), 'Riverside Ask <ask@riverside.example.org>');
        assert.equal(answerMail.headers.get('subject'), 'Your question to Riverside Library has been answered');
        assert.match(answerMail.text, /^Hello Jane Reader,/);
        assert.match(answerMail.text, /Ada at Riverside answered your question:/);
        assert.match(answerMail.text, /> Do you have large-print editions of Pride and Prejudice\?/);
        assert.ok(answerMail.text.includes('Yes — two copies at the Central Library, call number LP AUS.'), answerMail.text);
        assert.ok(
          answerMail.text.includes(`https://atrium.example.org/v1/questions/${question.id}?token=${question.token}`),
          'the private link, with the relay’s public address',
        );

        const reply = await relay.call(
          'POST',
          `/v1/staff/questions/${question.id}/messages`,
          { text: 'They are on the ground floor.' },
          relay.token,
        );
        assert.equal(reply.status, 200);
        const replyMail = await sink.next();
        assert.deepEqual(replyMail.recipients, ['jane@example.net']);
        assert.equal(replyMail.headers.get('subject'), 'New reply to your question to Riverside Library');
        assert.match(replyMail.text, /They are on the ground floor\./);
      } finally {
        // Closing waits for every send in flight, so nothing else can still arrive.
        await relay.close();
      }
      assert.equal(sink.received.length - before, 2, 'the anonymous question sent nothing');
    });

    it('links the email to the partner page the question was asked from, where the Ask tab opens it', async () => {
      const relay = await relayWith({ smtpUrl: sink.url, publicUrl: 'https://atrium.example.org/' });
      try {
        const asked = await relay.call('POST', '/v1/questions', {
          member: RIVERSIDE,
          text: 'Is the reading room open late on Thursdays?',
          patron: { email: 'lee@example.net' },
          context: { pageUrl: 'https://www.riverside.example.org/visit?from=home#hours' },
        });
        assert.equal(asked.status, 201, JSON.stringify(asked.body));
        await relay.call('POST', `/v1/staff/questions/${asked.body.id}/claim`, {}, relay.token);
        await relay.call('POST', `/v1/staff/questions/${asked.body.id}/answer`, { text: 'Until 9 pm.' }, relay.token);
        const mail = await sink.next();
        assert.ok(
          mail.text.includes(`https://www.riverside.example.org/visit?from=home#atrium-question=${asked.body.id}/${asked.body.token}`),
          mail.text,
        );
        assert.ok(!mail.text.includes('/v1/questions/'), 'the page, not the API');
      } finally {
        await relay.close();
      }
    });

    it('answers as usual when the mail server cannot be reached', async () => {
      // Port 1 on this machine refuses connections.
      const relay = await relayWith({ smtpUrl: 'smtp://127.0.0.1:1' });
      try {
        const question = await relay.askAndAnswer('Can I renew online?', { email: 'sam@example.net' }, 'Yes, from your account page.');
        const read = await relay.call('GET', `/v1/questions/${question.id}?token=${question.token}`);
        assert.equal(read.body.status, 'answered');
        assert.equal(read.body.messages[0].text, 'Yes, from your account page.');
      } finally {
        await relay.close();
      }
    });

    it('refuses an SMTP setting that is not an smtp:// URL, naming the flag', async () => {
      await assert.rejects(relayWith({ smtpUrl: 'mail.example.org:25' }), /--smtp: must start with smtp:\/\/ or smtps:\/\//);
      schemas.pop();
    });
  });
}
