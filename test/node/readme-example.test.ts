// The README's Node example must run as written against a real relay.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startRelay } from '../../packages/relay/src/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// Inside the repository so that `@atrium/sdk` resolves as it does for a user of the package.
const script = path.join(root, 'test/node/.readme-example.mjs');
let relay: Awaited<ReturnType<typeof startRelay>>;

before(async () => {
  relay = await startRelay({ port: 0, host: '127.0.0.1', databaseUrl: 'sqlite::memory:', demo: true, logLevel: 'silent' });
});
after(async () => {
  rmSync(script, { force: true });
  await relay?.close();
});

/** Runs the README's ```js block that starts with `// example: NAME` and returns what it printed. */
async function runExample(name: string): Promise<string> {
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
  const block = new RegExp('```js\\n(// example: ' + name + '[\\s\\S]*?)```').exec(readme);
  assert.ok(block, `README has a "${name}" example`);
  writeFileSync(script, block[1]!);
  const { stdout } = await promisify(execFile)(process.execPath, [script], {
    env: { ...process.env, ATRIUM_URL: relay.url },
    timeout: 30_000,
  });
  return stdout;
}

it('runs the README Node search example as written', async () => {
  const stdout = await runExample('node');
  assert.match(stdout, /^[1-9]\d* results/m, stdout);
  assert.match(stdout, /靜夜思/);
  assert.match(stdout, /Hobbit/);
});

it('runs the README booking example as written', async () => {
  const stdout = await runExample('booking');
  assert.match(stdout, /^confirmed \S+ http:\/\/127\.0\.0\.1:\d+\/v1\/bookings\/.+calendar\.ics/m, stdout);
  assert.match(stdout, /^hold submitted: .*Hobbit/m, stdout);
});

it('runs the README chat example as written', async () => {
  const stdout = await runExample('chat');
  assert.match(stdout, /^1 patron: Do you have Pride and Prejudice/m, stdout);
  assert.match(stdout, /^2 riverside-library librarian: Yes, at Central Library/m, stdout);
});
