// Re-importing a member's whole catalogue: --replace removes the records the new file no
// longer has, --dry-run says what would change (how many would go) before anything does.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { importCommand } from '../src/importers/import-command.js';
import { ImportError } from '../src/importers/import-error.js';
import type { Storage } from '../src/storage/index.js';
import { MEMBERS } from './helpers/catalog-fixtures.js';
import { testDatabases } from './helpers/databases.js';
import { textSink } from './helpers/text-sink.js';

const MEMBER = 'riverside-library';
const OTHER = 'harbour-museum';

function lines(...ids: string[]): string {
  return ids.map((id) => JSON.stringify({ identifier: id, title: `Title of ${id}`, creator: 'Someone' })).join('\n') + '\n';
}

for (const database of await testDatabases()) {
  describe(`import --replace and --dry-run on ${database.name}`, { skip: database.skip }, () => {
    let storage: Storage;
    let dir: string;

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'atrium-replace-'));
      storage = await database.open();
      await storage.catalog.upsertMembers(MEMBERS);
    });
    after(async () => {
      await storage?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    async function run(member: string, content: string, flags: { replace?: boolean; dryRun?: boolean }) {
      const file = join(dir, `${member}-${Math.random().toString(36).slice(2)}.jsonl`);
      writeFileSync(file, content);
      const out = textSink();
      const summary = await importCommand({ storage, member, format: 'dc-jsonl', file, quiet: true, stdout: out.stream, ...flags });
      return { summary, text: out.text() };
    }

    const ids = async (member: string) => (await storage.catalog.listRecordIds(member)).sort();

    it('a dry run of a replacing import counts what would go and changes nothing', async () => {
      await run(MEMBER, lines('a', 'b', 'c', 'd'), {});
      await run(OTHER, lines('m1'), {});
      const { summary, text } = await run(MEMBER, lines('b', 'd', 'e'), { replace: true, dryRun: true });
      assert.equal(summary.dryRun, true);
      assert.equal(summary.removed, 2);
      assert.equal(summary.inserted, 1);
      assert.equal(summary.updated, 2);
      assert.match(text, /^Dry run: nothing was written/);
      assert.match(text, /would remove 2 of riverside-library's records that the file no longer has/);
      assert.deepEqual(await ids(MEMBER), [`${MEMBER}:a`, `${MEMBER}:b`, `${MEMBER}:c`, `${MEMBER}:d`]);
    });

    it('a replacing import removes only that member’s records the file no longer has', async () => {
      const { summary, text } = await run(MEMBER, lines('b', 'd', 'e'), { replace: true });
      assert.equal(summary.removed, 2);
      assert.match(text, /removed 2 of riverside-library's records/);
      assert.deepEqual(await ids(MEMBER), [`${MEMBER}:b`, `${MEMBER}:d`, `${MEMBER}:e`]);
      assert.deepEqual(await ids(OTHER), [`${OTHER}:m1`]);
      const hits = await storage.search.search({ q: 'Title', member: [MEMBER], sort: 'relevance', offset: 0, limit: 10, facets: [] });
      assert.equal(hits.total, 3, 'removed records are gone from search too');
    });

    it('a replacing import of an empty file is refused and removes nothing', async () => {
      await assert.rejects(
        run(MEMBER, '', { replace: true }),
        (error: unknown) => error instanceof ImportError && /would remove all 3/.test(error.message),
      );
      assert.equal((await ids(MEMBER)).length, 3);
    });

    it('an import without --replace keeps the records the file does not have', async () => {
      const { summary } = await run(MEMBER, lines('f'), {});
      assert.equal(summary.removed, 0);
      assert.equal((await ids(MEMBER)).length, 4);
    });
  });
}
