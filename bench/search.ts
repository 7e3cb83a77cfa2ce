// Search latency over HTTP on the full union catalog (~110,000 records), beside the floor:
// the same words against a bare SQLite FTS5 table (default tokenizer, no facets, no HTTP).
//
//   node --import tsx bench/search.ts [--data DIR] [--db sqlite:PATH] [--queries N]
//
// With no --db, the three full files are imported into a temporary SQLite database first.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import * as OpenCC from 'opencc-js';
import { startRelay } from '../packages/relay/src/index.js';
import { openStorage } from '../packages/relay/src/storage/index.js';
import { importCommand } from '../packages/relay/src/importers/import-command.js';
import { seedDemo } from '../packages/relay/src/demo/seed.js';
import { DATA_FILES, readCorpus, type CorpusEntry } from './support/corpus.js';
import { percentiles, formatTable } from './support/stats.js';

const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: path.resolve(import.meta.dirname ?? '.', '../../shared/data') },
    db: { type: 'string' },
    queries: { type: 'string', default: '300' },
  },
});
const dataDir = values.data!;
const queryCount = Number(values.queries);

let tempDir: string | undefined;
let databaseUrl = values.db;
if (!databaseUrl) {
  tempDir = mkdtempSync(path.join(tmpdir(), 'atrium-bench-search-'));
  databaseUrl = `sqlite:${path.join(tempDir, 'atrium.db')}`;
}

// 1. The catalog: members, then the full files, unless the database already has them.
{
  const storage = await openStorage({ databaseUrl });
  try {
    if ((await storage.catalog.countRecords()) < 100_000) {
      process.stderr.write('Importing the full shared files (once)…\n');
      await seedDemo(storage, {});
      for (const file of DATA_FILES) {
        await importCommand({ storage, member: file.member, format: file.format, file: path.join(dataDir, file.name), demoHoldings: true, quiet: true });
      }
    }
    process.stderr.write(`Catalog: ${await storage.catalog.countRecords()} records\n`);
  } finally {
    await storage.close();
  }
}

// 2. Queries drawn (seeded) from the collections themselves.
const corpus = await readCorpus(dataDir);
// Twice as many as measured: the first half warms the process, so the measured half is made
// of queries the relay has never seen (its match cache cannot help), then measured again repeated.
const allQueries = buildQueries(corpus, queryCount * 2);
const warmUp = allQueries.slice(0, queryCount);
const queries = allQueries.slice(queryCount);

// 3. Atrium over HTTP, with the default facets.
const relay = await startRelay({ port: 0, host: '127.0.0.1', databaseUrl, logLevel: 'silent' });
const http: number[] = [];
const repeated: number[] = [];
const zeroHits: string[] = [];
for (const [pass, list] of [['warm-up', warmUp], ['first time', queries], ['repeated', queries]] as const) {
  for (const query of list) {
    const started = performance.now();
    const response = await fetch(`${relay.url}/v1/search?${new URLSearchParams(query.params)}`);
    const body = (await response.json()) as { total: number };
    const elapsed = performance.now() - started;
    if (response.status !== 200) throw new Error(`${response.status} for ${JSON.stringify(query.params)}: ${JSON.stringify(body)}`);
    if (pass === 'first time') {
      http.push(elapsed);
      if (body.total === 0) zeroHits.push(query.kind);
    } else if (pass === 'repeated') repeated.push(elapsed);
  }
}
await relay.close();

// 4. The floor: bare FTS5 on the raw text, same words, top 20 by bm25, in process.
const bare = new Database(':memory:');
bare.exec('CREATE VIRTUAL TABLE bare USING fts5(title, creators, body)');
const insert = bare.prepare('INSERT INTO bare (title, creators, body) VALUES (?, ?, ?)');
bare.transaction(() => {
  for (const entry of corpus) insert.run(entry.title, entry.creators, entry.body);
})();
const bareQuery = bare.prepare('SELECT rowid FROM bare WHERE bare MATCH ? ORDER BY rank LIMIT 20');
const floor: number[] = [];
for (const [pass, list] of [['warm-up', warmUp], ['measure', queries]] as const) {
  for (const query of list) {
    const words = query.words.map((word) => `"${word.replaceAll('"', '""')}"`).join(' ');
    const started = performance.now();
    if (words) bareQuery.all(words);
    if (pass === 'measure') floor.push(performance.now() - started);
  }
}
bare.close();
if (tempDir) rmSync(tempDir, { recursive: true, force: true });

const ours = percentiles(http);
const again = percentiles(repeated);
const base = percentiles(floor);
process.stdout.write(
  `\nSearch latency, ${queries.length} queries (${describeMix(queries)}), ${corpus.length} records\n\n` +
    formatTable(
      ['', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'],
      [
        ['Atrium over HTTP, with facets, first time', ours.p50, ours.p95, ours.p99, ours.max],
        ['Atrium over HTTP, with facets, repeated', again.p50, again.p95, again.p99, again.max],
        ['bare FTS5, same words, in process', base.p50, base.p95, base.p99, base.max],
        ['ratio first time / bare', ours.p50 / base.p50, ours.p95 / base.p95, ours.p99 / base.p99, ours.max / base.max],
      ],
    ) +
    `\nQueries with no hits: ${zeroHits.length} (${describeKinds(zeroHits) || 'none'}); the words come from real titles, so\n` +
    `these are queries whose member, availability or year filter excludes the title they came from.\n`,
);

interface BenchQuery {
  kind: string;
  params: Record<string, string>;
  /** The plain words, for the bare FTS5 floor. */
  words: string[];
}

function buildQueries(entries: CorpusEntry[], count: number): BenchQuery[] {
  let seed = 20261126;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const byMember = (member: string) => entries.filter((entry) => entry.member === member);
  const english = [...byMember('riverside-library'), ...byMember('harbour-museum')];
  const chinese = byMember('eastern-university');
  // Every word, so that two picked side by side really are adjacent in the title.
  const wordsOf = (text: string) => text.toLowerCase().match(/[a-z]+/g) ?? [];
  const out: BenchQuery[] = [];
  const kinds = ['word', 'two-words', 'phrase', 'creator', 'chinese', 'chinese-simplified', 'filtered', 'year-range'];
  while (out.length < count) {
    const kind = kinds[out.length % kinds.length]!;
    if (kind === 'word' || kind === 'two-words' || kind === 'phrase' || kind === 'filtered' || kind === 'year-range') {
      const words = wordsOf(pick(english).title);
      if (words.length < 2) continue;
      const start = Math.floor(random() * (words.length - 1));
      if (words[start]!.length < 4 || words[start + 1]!.length < 4) continue;
      const chosen = kind === 'word' ? [words[start]!] : [words[start]!, words[start + 1]!];
      const q = kind === 'phrase' ? `"${chosen.join(' ')}"` : chosen.join(' ');
      const params: Record<string, string> = { q };
      if (kind === 'filtered') Object.assign(params, { member: pick(['riverside-library', 'harbour-museum']), available: 'true' });
      if (kind === 'year-range') Object.assign(params, { year: `${1800 + Math.floor(random() * 150)}..${1950 + Math.floor(random() * 70)}`, sort: '-year' });
      out.push({ kind, params, words: chosen });
    } else if (kind === 'creator') {
      const name = pick(english).creators.split(/[,;]/)[0]?.trim().split(/\s+/).pop()?.toLowerCase() ?? '';
      if (name.length < 3) continue;
      out.push({ kind, params: { q: `creator:${name}` }, words: [name] });
    } else {
      const entry = pick(chinese);
      const source = random() < 0.5 ? entry.title.replace(/\s.*$/, '') : entry.creators;
      const length = 2 + Math.floor(random() * 2);
      if (source.length < length) continue;
      const start = Math.floor(random() * (source.length - length + 1));
      let q = source.slice(start, start + length);
      if (kind === 'chinese-simplified') q = toSimplified(q);
      out.push({ kind, params: { q }, words: [source.slice(start, start + length)] });
    }
  }
  return out;
}

function describeMix(list: BenchQuery[]): string {
  return describeKinds(list.map((query) => query.kind));
}

function describeKinds(kinds: string[]): string {
  const counts = new Map<string, number>();
  for (const kind of kinds) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return [...counts].map(([kind, n]) => `${n} ${kind}`).join(', ');
}
