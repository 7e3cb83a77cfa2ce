// The consortium as one file: a systems librarian's file is refused whole when anything in it
// is wrong (each problem named by line and field), applied in one step otherwise, applied again
// without changes, exported and applied back without changes; --dry-run changes nothing, and
// --prune never removes what still has records, holds or chats.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { applyConsortium, PruneRefusedError } from '../src/domain/consortium/apply.js';
import { ConsortiumFileError, readConsortiumFile } from '../src/domain/consortium/consortium-file.js';
import { consortiumYaml, toConsortiumFile } from '../src/domain/consortium/export.js';
import type { Storage } from '../src/storage/index.js';
import { testDatabases } from './helpers/databases.js';

const EXAMPLE = readFileSync(new URL('../../../examples/consortium.yaml', import.meta.url), 'utf8');

function problems(text: string): string[] {
  try {
    readConsortiumFile(text, 'lakeside.yaml');
  } catch (error) {
    assert.ok(error instanceof ConsortiumFileError, String(error));
    return error.issues.map((issue) => `${issue.line}: ${issue.path}: ${issue.message}`);
  }
  assert.fail('the file was accepted');
}

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((line) => line.includes(needle)) + 1;

describe('reading a consortium file', () => {
  it('reads the example file', () => {
    const file = readConsortiumFile(EXAMPLE, 'consortium.yaml');
    assert.deepEqual(
      file.members.map((member) => member.id),
      ['lakeside-public', 'lakeside-university', 'lakeside-museum'],
    );
  });

  it('names the line and field of an unknown field, with the spelling it probably meant', () => {
    const text = EXAMPLE.replace('    homePage:', '    homepage:');
    assert.deepEqual(problems(text), [
      `${lineOf(text, 'homepage:')}: members[0].homepage: unknown field "homepage" (did you mean "homePage"?)`,
    ]);
  });

  it('names a wrong type, an unknown time zone, a bad origin and overlapping hours', () => {
    const text = EXAMPLE.replace('capacity: 40,', 'capacity: forty,')
      .replace('timezone: Europe/London\n    branches:\n      - id: main', 'timezone: Europe/Lakeside\n    branches:\n      - id: main')
      .replace('origins: [https://www.lakeside-library.example.org]', 'origins: [www.lakeside-library.example.org]')
      .replace("tue: [['10:00', '13:00'], ['14:00', '18:00']]", "tue: [['10:00', '15:00'], ['14:00', '18:00']]");
    const found = problems(text);
    assert.equal(found.length, 4, found.join('\n'));
    assert.match(
      found.find((line) => line.includes('capacity'))!,
      /^\d+: members\[2\]\.resources\[0\]\.capacity: must be a number, not the text "forty"$/,
    );
    assert.equal(
      found.find((line) => line.includes('timezone')),
      `${lineOf(text, 'Europe/Lakeside')}: members[1].timezone: must be an IANA time zone such as "Asia/Hong_Kong" or "Europe/London"`,
    );
    assert.match(
      found.find((line) => line.includes('origins'))!,
      /members\[0\]\.widgetKeys\[0\]\.origins\[0\]: /,
    );
    assert.equal(
      found.find((line) => line.includes('overlap')),
      `${lineOf(text, "'10:00', '15:00'")}: members[0].branches[1].hours.weekly.tue: opening hours overlap: 10:00-15:00 and 14:00-18:00`,
    );
  });

  it('names a resource on a branch the member does not have, a policy naming an unknown member, and an id used twice', () => {
    const text = EXAMPLE.replace('branch: central, kind: seat', 'branch: centrl, kind: seat')
      .replace('lendsTo: [lakeside-university, lakeside-public]', 'lendsTo: [lakeside-university, lakeside-publik]')
      .replace('  - id: lakeside-museum', '  - id: lakeside-university');
    assert.deepEqual(problems(text), [
      `${text.split('\n').lastIndexOf('  - id: lakeside-university') + 1}: members[2].id: member id "lakeside-university" is already used by members[1]`,
      `${lineOf(text, 'centrl')}: members[0].resources[1].branch: no branch "centrl" in lakeside-public (its branches: "central", "northside")`,
      `${lineOf(text, 'lakeside-publik')}: members[1].lending.lendsTo[1]: no member "lakeside-publik" in this file (its members: "lakeside-public", "lakeside-university")`,
    ]);
  });

  it('names the line of broken YAML', () => {
    assert.deepEqual(problems('consortium:\n  name: { en: X\nmembers: []\n').length, 1);
  });
});

for (const database of await testDatabases()) {
  describe(`applying a consortium file on ${database.name}`, { skip: database.skip }, () => {
    let storage: Storage;
    before(async () => {
      storage = await database.open();
    });
    after(() => storage?.close());

    it('changes nothing on a dry run, then creates everything, then finds it all as the file says', async () => {
      const file = readConsortiumFile(EXAMPLE, 'consortium.yaml');
      const dry = await applyConsortium(storage.consortium, file, { dryRun: true });
      assert.equal(dry.changes.length, 16);
      assert.ok(dry.changes.every((change) => change.action === 'create'));
      assert.deepEqual((await storage.consortium.read()).members, []);

      const first = await applyConsortium(storage.consortium, file);
      assert.equal(first.changes.length, 16);
      assert.deepEqual((await storage.catalog.listMembers()).map((member) => member.id).sort(), [
        'lakeside-museum',
        'lakeside-public',
        'lakeside-university',
      ]);
      const again = await applyConsortium(storage.consortium, file);
      assert.deepEqual(again.changes, []);
      assert.equal(again.unchanged, 16);
    });

    it('exports a file that reads back to the same consortium and applies without changes', async () => {
      const exported = consortiumYaml(toConsortiumFile(await storage.consortium.read()));
      const file = readConsortiumFile(exported, 'export.yaml');
      const result = await applyConsortium(storage.consortium, file);
      assert.deepEqual(result.changes, []);
      const key = file.members.find((member) => member.id === 'lakeside-public')!.widgetKeys![0]!;
      assert.match(key.key!, /^wk_[A-Za-z0-9_-]{24}$/, 'a key made on first apply is shown by export');
      assert.deepEqual(key.origins, ['https://www.lakeside-library.example.org']);
    });

    it('updates what changed, and keeps what the file leaves out unless --prune', async () => {
      const text = EXAMPLE.replace('chat: { waitSeconds: 45 }', 'chat: { waitSeconds: 60 }').replace(/ {6}- \{ id: quiet-seats.*\n/, '');
      const file = readConsortiumFile(text, 'consortium.yaml');
      const kept = await applyConsortium(storage.consortium, file);
      assert.deepEqual(kept.changes, [{ action: 'update', kind: 'member', id: 'lakeside-public' }]);
      assert.deepEqual(kept.notInFile, [{ action: 'remove', kind: 'resource', id: 'lakeside-public/quiet-seats' }]);
      const pruned = await applyConsortium(storage.consortium, file, { prune: true });
      assert.deepEqual(pruned.changes, [{ action: 'remove', kind: 'resource', id: 'lakeside-public/quiet-seats' }]);
      const stored = await storage.consortium.read();
      assert.deepEqual(
        stored.members.find((member) => member.fields.id === 'lakeside-public')!.resources.map((resource) => resource.id),
        ['study-room-1'],
      );
    });

    it('refuses a prune that would remove a member with catalogue records, naming them, and changes nothing', async () => {
      await storage.catalog.upsertRecords([
        {
          id: 'lakeside-museum:1',
          member: 'lakeside-museum',
          type: 'image',
          title: 'Harbour at dusk',
          creators: [],
          subjects: [],
          identifiers: {},
          holdings: [{ member: 'lakeside-museum', branch: 'galleries', status: 'on-display' }],
        },
      ]);
      const text = EXAMPLE.slice(0, EXAMPLE.indexOf('  - id: lakeside-museum'));
      const file = readConsortiumFile(text, 'consortium.yaml');
      await assert.rejects(applyConsortium(storage.consortium, file, { prune: true }), (error: unknown) => {
        assert.ok(error instanceof PruneRefusedError);
        assert.match(error.message, /member lakeside-museum: still has 1 catalogue record/);
        return true;
      });
      assert.ok((await storage.consortium.read()).members.some((member) => member.fields.id === 'lakeside-museum'));
    });
  });
}
