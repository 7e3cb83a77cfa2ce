// Guards on the built browser files: what a partner page pays for the widget, and code that
// must never reach a patron's browser.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const bundleDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../packages/widget/bundle');
const read = (name: string) => {
  const file = path.join(bundleDir, name);
  assert.ok(existsSync(file), `${name} is missing: run npm run build`);
  return readFileSync(file, 'utf8');
};
const gzipKb = (code: string) => gzipSync(code, { level: 9 }).length / 1024;

// Budgets from the "good guest" goal: the loader is all a page loads until the patron asks.
const CEILINGS_KB = { 'atrium.js': 3, 'atrium-widget.js': 45 };

const FORBIDDEN: Array<[RegExp, string]> = [
  [/\bfrom\s*["']node:|require\(["']node:/, 'Node built-in modules'],
  [/better-sqlite3|fastify|kysely|pino/i, 'relay-only dependencies'],
  [/Lit is in dev mode/, "Lit's development build"],
  [/toJSONSchema|JSONSchemaGenerator/, "zod's JSON Schema generator (relay-only)"],
  [/ZodError\b.*prettifyError|\.openapi\(/, 'classic zod'],
];

describe('widget bundle', () => {
  for (const [name, ceiling] of Object.entries(CEILINGS_KB)) {
    it(`${name} stays under ${ceiling} KB gzip`, () => {
      const size = gzipKb(read(name));
      assert.ok(size <= ceiling, `${name} is ${size.toFixed(1)} KB gzip, over its ${ceiling} KB budget`);
    });
  }

  for (const name of Object.keys(CEILINGS_KB)) {
    it(`${name} carries no server or development code`, () => {
      const code = read(name);
      for (const [pattern, what] of FORBIDDEN) assert.doesNotMatch(code, pattern, `${name} contains ${what}`);
    });
  }

  it('the loader does not import the widget statically', () => {
    const loader = read('atrium.js');
    assert.doesNotMatch(loader, /^import\s.*atrium-widget/m, 'the full widget must wait for the patron');
    assert.match(loader, /import\(/, 'the loader imports the widget on demand');
  });
});
