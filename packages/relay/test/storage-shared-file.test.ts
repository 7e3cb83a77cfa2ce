// Two processes opening one SQLite file at the same moment (two relays starting after an upgrade,
// or the relay and a CLI import): each migrates it or finds it migrated, and neither fails.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { openStorage } from '../src/storage/index.js';

const storageModule = pathToFileURL(path.resolve(import.meta.dirname, '../src/storage/index.ts')).href;
const workDir = mkdtempSync(path.join(tmpdir(), 'atrium-shared-file-'));
after(() => rmSync(workDir, { recursive: true, force: true }));

/**
 * Opens (and so migrates) the file in a process of its own, starting at the moment `at` so that
 * both processes' start-up times do not keep them apart; resolves with its exit code and errors.
 */
function openInAnotherProcess(file: string, at: number): Promise<{ code: number | null; stderr: string }> {
  const script = `const { openStorage } = await import(${JSON.stringify(storageModule)});
await new Promise((resolve) => setTimeout(resolve, ${at} - Date.now()));
const storage = await openStorage({ databaseUrl: ${JSON.stringify(`sqlite:${file}`)} });
await storage.close();`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

describe('one SQLite file, two processes', () => {
  it('both migrate a new file at once without failing, and every migration runs once', async () => {
    for (let round = 1; round <= 3; round++) {
      const file = path.join(workDir, `round-${round}.db`);
      const at = Date.now() + 4000;
      const outcomes = await Promise.all([openInAnotherProcess(file, at), openInAnotherProcess(file, at)]);
      for (const { code, stderr } of outcomes)
        assert.equal(code, 0, `round ${round}: ${stderr.split('\n').find((line) => /^\w*Error\b/.test(line)) ?? stderr}`);
      const storage = await openStorage({ databaseUrl: `sqlite:${file}` });
      try {
        const names = (await storage.db
          .selectFrom('kysely_migration' as never)
          .select('name' as never)
          .execute()) as { name: string }[];
        assert.equal(new Set(names.map((row) => row.name)).size, names.length, `round ${round}: a migration was recorded twice`);
      } finally {
        await storage.close();
      }
    }
  });
});
