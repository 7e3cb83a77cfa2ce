// `npm test`: build, then every suite in turn: Node tests (SDK, relay, storage on SQLite and
// PostgreSQL), browser tests of the components in Chromium, and the end-to-end test.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from './build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function findTests(dir, pattern = /\.test\.ts$/) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && pattern.test(entry.name))
    .map((entry) => path.relative(root, path.join(entry.parentPath ?? entry.path, entry.name)))
    .filter((file) => !file.includes('node_modules'))
    .sort();
}

function run(label, command, args) {
  process.stderr.write(`\n━━ ${label}\n`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (result.status !== 0) {
    process.stderr.write(`\n✗ ${label} failed (exit ${result.status ?? result.signal})\n`);
    process.exit(result.status || 1);
  }
}

const only = process.argv[2];
build();
const nodeTests = ['packages/sdk/test', 'packages/relay/test', 'test/node'].flatMap((dir) => findTests(path.join(root, dir)));
const e2eTests = findTests(path.join(root, 'test/e2e'));
const node = process.execPath;
const tsc = path.join(root, 'node_modules/typescript/bin/tsc');

if (!only) {
  // Style and the lit/lit-a11y template rules first: the quickest failure to read.
  run('Lint (ESLint)', node, [path.join(root, 'node_modules/eslint/bin/eslint.js'), '.']);
  run('Formatting (Prettier)', node, [path.join(root, 'node_modules/prettier/bin/prettier.cjs'), '--check', '.']);
  // tsx runs tests without type-checking them; this keeps tests and benchmarks honest.
  run('Type-check tests and benchmarks', node, [tsc, '-p', 'tsconfig.json']);
  run('Type-check browser tests', node, [tsc, '-p', 'packages/widget/tsconfig.test.json']);
}

if (!only || only === 'node') {
  run(`Node tests (${nodeTests.length} files)`, node, ['--import', 'tsx', '--test', '--test-concurrency=1', ...nodeTests]);
}
if (!only || only === 'browser') {
  run('Browser tests (Chromium)', node, [path.join(root, 'node_modules/@web/test-runner/dist/bin.js')]);
}
if ((!only || only === 'e2e') && e2eTests.length > 0) {
  run(`End-to-end tests (${e2eTests.length} files)`, node, ['--import', 'tsx', '--test', '--test-concurrency=1', ...e2eTests]);
}
process.stderr.write('\n✓ All test suites passed\n');
