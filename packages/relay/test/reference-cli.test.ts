// `atrium-relay seed-demo` and `atrium-relay policy` as an operator uses them: the demo seed
// loads the service policies and published answers too (once, however often it runs), and a
// member's policy is published from a file, with clear refusals and exit codes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { KnowledgeBase } from '../src/domain/reference/knowledge-base.js';
import { openStorage } from '../src/storage/index.js';
import { ReferenceStore } from '../src/storage/reference-store.js';

// The installed command, as cli.test.ts runs it (`npm test` builds first).
const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../bin/atrium-relay.js');
const dir = mkdtempSync(path.join(tmpdir(), 'atrium-reference-cli-'));
const databaseUrl = `sqlite:${path.join(dir, 'atrium.db')}`;
after(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    cwd: dir,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The JSON summary seed-demo prints after "loaded into <url>: ". */
function summaryOf(stdout: string): { reference: { policies: string[]; answers: number } } {
  return JSON.parse(stdout.slice(stdout.indexOf('{')));
}

function policyFile(name: string, content: unknown): string {
  const file = path.join(dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

describe('atrium-relay seed-demo and policy', () => {
  it('seeds the demo service policies and published answers, once', async () => {
    const first = cli(['seed-demo']);
    assert.equal(first.status, 0, first.stderr);
    assert.deepEqual(summaryOf(first.stdout).reference, {
      policies: ['riverside-library', 'eastern-university', 'harbour-museum'],
      answers: 3,
    });
    const again = cli(['seed-demo']);
    assert.equal(again.status, 0, again.stderr);
    assert.deepEqual(summaryOf(again.stdout).reference, { policies: [], answers: 0 });

    const storage = await openStorage({ databaseUrl });
    try {
      const published = await new KnowledgeBase(new ReferenceStore(storage.db, storage.dialect)).search('', undefined, 10);
      assert.equal(published.length, 3, 'the knowledge base holds the demo answers once');
    } finally {
      await storage.close();
    }

    const shown = cli(['policy', 'show', '--member', 'riverside-library']);
    assert.equal(shown.status, 0, shown.stderr);
    const policy = JSON.parse(shown.stdout);
    assert.equal(policy.member, 'riverside-library');
    assert.equal(policy.questionWaitMinutes, 240);
    assert.match(policy.tellPatrons, /Cards are free/);
  });

  it('publishes a policy from a file, which a later demo seed leaves as it is', () => {
    const file = policyFile('riverside.json', {
      serves: 'Everyone in the river valley.',
      lending: 'Thirty items for four weeks.',
      hours: 'Every day 08:00–22:00.',
      tellPatrons: 'No card needed to read on site.',
      questionWaitMinutes: 30,
    });
    const set = cli(['policy', 'set', '--member', 'riverside-library', '--file', file]);
    assert.equal(set.status, 0, set.stderr);
    assert.match(set.stdout, /Published riverside-library's service policy; its new questions wait 30 minutes/);

    assert.equal(cli(['seed-demo']).status, 0);
    const shown = JSON.parse(cli(['policy', 'show', '--member', 'riverside-library']).stdout);
    assert.equal(shown.lending, 'Thirty items for four weeks.');
    assert.equal(shown.questionWaitMinutes, 30);

    // What `show` prints, `set` takes back.
    const roundTrip = cli(['policy', 'set', '--member', 'riverside-library', '--file', policyFile('shown.json', shown)]);
    assert.equal(roundTrip.status, 0, roundTrip.stderr);
  });

  it('refuses a file to correct (exit 2, naming the field), an unknown member (exit 1) and missing options (exit 2)', () => {
    const bad = policyFile('bad.json', { serves: 'Everyone', lending: '', hours: 'Always', tellPatrons: 'Hello', questionWaitMinutes: -5 });
    const refused = cli(['policy', 'set', '--member', 'riverside-library', '--file', bad]);
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /bad\.json: lending: must not be empty/);
    assert.match(refused.stderr, /bad\.json: questionWaitMinutes: must be 0 or more/);

    const notJson = cli(['policy', 'set', '--member', 'riverside-library', '--file', policyFile('broken.json', '{ serves:')]);
    assert.equal(notJson.status, 2);
    assert.match(notJson.stderr, /broken\.json: not JSON/);

    const missingFile = cli(['policy', 'set', '--member', 'riverside-library', '--file', path.join(dir, 'nowhere.json')]);
    assert.equal(missingFile.status, 2);
    assert.match(missingFile.stderr, /--file: cannot read .*nowhere\.json \(ENOENT\)/);

    const good = policyFile('good.json', { serves: 'Everyone', lending: 'None', hours: 'Always', tellPatrons: 'Hello' });
    const unknown = cli(['policy', 'set', '--member', 'atlantis-library', '--file', good]);
    assert.equal(unknown.status, 1);
    assert.match(unknown.stderr, /no member "atlantis-library".*members: .*riverside-library/);

    const usage = cli(['policy', 'set', '--member', 'riverside-library']);
    assert.equal(usage.status, 2);
    assert.match(usage.stderr, /policy set needs --file/);
    assert.match(cli(['policy', '--help']).stdout, /atrium-relay policy set --member ID --file FILE/);
    assert.match(cli(['--help']).stdout, /policy +Publish or show a member's service policy/);
  });
});
