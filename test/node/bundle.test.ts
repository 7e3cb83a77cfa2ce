// Guards on the built browser files: what a partner page pays for the widget, and code that
// must never reach a patron's browser.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
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

/** A file and every chunk it imports statically: what the browser must fetch before it runs. */
function staticClosure(name: string, seen = new Set<string>()): Set<string> {
  if (seen.has(name)) return seen;
  seen.add(name);
  const code = read(name);
  // `import … from "./x"`, a bare `import "./x"`, and `export … from "./x"` all fetch x before running.
  for (const match of code.matchAll(/(?:^|[;}\s])(?:import|export)\s*(?:[\w${},\s*]+from\s*)?["']\.\/([^"']+)["']/g)) {
    staticClosure(path.posix.join(path.posix.dirname(name), match[1]!), seen);
  }
  return seen;
}
/** Every chunk a file can ever load, on demand included, leaving out the translations a reader of English never fetches. */
function fullClosure(name: string, seen = new Set<string>()): Set<string> {
  if (seen.has(name)) return seen;
  seen.add(name);
  const code = read(name);
  const imports = [
    ...code.matchAll(/(?:^|[;}\s])(?:import|export)\s*(?:[\w${},\s*]+from\s*)?["']\.\/([^"']+)["']/g),
    ...code.matchAll(/import\(\s*["']\.\/([^"']+)["']\s*\)/g),
  ];
  for (const match of imports) {
    const file = path.posix.join(path.posix.dirname(name), match[1]!);
    if (!/\/zh-Han[st]-/.test(file)) fullClosure(file, seen);
  }
  return seen;
}
const closureKb = (name: string) => [...staticClosure(name)].reduce((sum, file) => sum + gzipKb(read(file)), 0);
const chunks = () =>
  existsSync(path.join(bundleDir, 'chunks'))
    ? readdirSync(path.join(bundleDir, 'chunks'))
        .filter((f) => f.endsWith('.js'))
        .map((f) => `chunks/${f}`)
    : [];

// Budgets from the "good guest" goal: the loader is all a page loads until the patron asks.
const CEILINGS_KB = { 'atrium.js': 3, 'atrium-widget.js': 45 };
// Realtime code, fetched only when a patron starts a chat.
const CHAT_CHUNK_CEILING_KB = 20;
// Everything the widget can load for an English reader: all tabs, Lit, the SDK and its schemas,
// socket.io-client. The goal is 45 KB; Lit, zod's core and socket.io-client alone take about 30,
// so this ceiling only keeps the total from growing while it is brought down (README, "Bundle").
const EVERYTHING_CEILING_KB = 90;

const FORBIDDEN: Array<[RegExp, string]> = [
  [/\bfrom\s*["']node:|require\(["']node:/, 'Node built-in modules'],
  [/better-sqlite3|fastify|kysely|pino/i, 'relay-only dependencies'],
  [/Lit is in dev mode/, "Lit's development build"],
  [/toJSONSchema|JSONSchemaGenerator/, "zod's JSON Schema generator (relay-only)"],
  [/ZodError\b.*prettifyError|\.openapi\(/, 'classic zod'],
];

describe('widget bundle', () => {
  for (const [name, ceiling] of Object.entries(CEILINGS_KB)) {
    it(`${name} and what it imports up front stay under ${ceiling} KB gzip`, () => {
      const size = closureKb(name);
      assert.ok(size <= ceiling, `${name} loads ${size.toFixed(1)} KB gzip up front, over its ${ceiling} KB budget`);
    });
  }

  it(`everything the widget can load stays under ${EVERYTHING_CEILING_KB} KB gzip`, () => {
    const files = [...fullClosure('atrium-widget.js')];
    assert.ok(
      files.some((file) => /engine\.io|socket\.io/.test(read(file))),
      'the closure reaches the chat chunk',
    );
    const size = files.reduce((sum, file) => sum + gzipKb(read(file)), 0);
    assert.ok(size <= EVERYTHING_CEILING_KB, `all tabs together load ${size.toFixed(1)} KB gzip, over ${EVERYTHING_CEILING_KB} KB`);
  });

  it('loads socket.io-client only when a chat starts', () => {
    const upFront = [...staticClosure('atrium-widget.js')].map(read).join('\n');
    assert.doesNotMatch(upFront, /engine\.io|transports:\["polling"/, 'socket.io-client is in the up-front bundle');
    const realtime = chunks().filter((file) => /engine\.io|socket\.io/.test(read(file)));
    assert.equal(realtime.length, 1, `one on-demand realtime chunk, found ${realtime.join(', ') || 'none'}`);
    const size = closureKb(realtime[0]!);
    assert.ok(size <= CHAT_CHUNK_CEILING_KB, `the chat chunk is ${size.toFixed(1)} KB gzip, over ${CHAT_CHUNK_CEILING_KB} KB`);
  });

  for (const name of [...Object.keys(CEILINGS_KB), ...chunks()]) {
    it(`${name} carries no server or development code`, () => {
      const code = read(name);
      for (const [pattern, what] of FORBIDDEN) assert.doesNotMatch(code, pattern, `${name} contains ${what}`);
    });
  }

  it('the loader does not import the widget statically', () => {
    assert.ok(!staticClosure('atrium.js').has('atrium-widget.js'), 'the full widget must wait for the patron');
    assert.match(read('atrium.js'), /import\(/, 'the loader imports the widget on demand');
  });
});
