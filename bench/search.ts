// Search latency over HTTP on the full union catalog (~110,000 records), on SQLite and, with
// --pg, on PostgreSQL in the same run; beside the floor: the same words against a bare SQLite
// FTS5 table (default tokenizer, no facets, no HTTP).
//
//   node --import tsx bench/search.ts [--data DIR] [--db sqlite:PATH] [--queries N] [--pg [--keep]]
//
// With no --db, the three full files are imported into a temporary SQLite database first.
// --pg imports them into the schema atrium_bench_search of postgres://postgres@127.0.0.1:5432/test
// (or ATRIUM_BENCH_PG_URL) and drops it afterwards; --keep leaves it for the next run, which
// then skips the import.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
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
    pg: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});
const dataDir = values.data!;
const queryCount = Number(values.queries);
const PG_SCHEMA = 'atrium_bench_search';

interface Target {
  name: string;
  databaseUrl: string;
  pgSchema?: string;
  cleanUp(): Promise<void>;
}

const targets: Target[] = [];
if (values.db) {
  targets.push({ name: values.db.startsWith('postgres') ? 'PostgreSQL' : 'SQLite', databaseUrl: values.db, cleanUp: async () => {} });
} else {
  const tempDir = mkdtempSync(path.join(tmpdir(), 'atrium-bench-search-'));
  targets.push({
    name: 'SQLite',
    databaseUrl: `sqlite:${path.join(tempDir, 'atrium.db')}`,
    cleanUp: async () => rmSync(tempDir, { recursive: true, force: true }),
  });
}
if (values.pg) {
  const databaseUrl = process.env.ATRIUM_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  targets.push({
    name: 'PostgreSQL',
    databaseUrl,
    pgSchema: PG_SCHEMA,
    cleanUp: async () => {
      if (values.keep) return;
      const storage = await openStorage({ databaseUrl, pgSchema: PG_SCHEMA });
      try {
        await sql`drop schema if exists ${sql.id(PG_SCHEMA)} cascade`.execute(storage.db);
      } finally {
        await storage.close();
      }
    },
  });
}

const loadAtStart = loadavg()[0]!;

// Queries drawn (seeded) from the collections themselves.
const corpus = await readCorpus(dataDir);
// Twice as many as measured: the first half warms the process, so the measured half is made
// of queries the relay has never seen (its match cache cannot help), then measured again repeated.
const allQueries = buildQueries(corpus, queryCount * 2);
const warmUp = allQueries.slice(0, queryCount);
const queries = allQueries.slice(queryCount);
const commonWords = commonWordQueries(corpus);

interface TargetFigures {
  target: Target;
  firstTime: number[];
  repeated: number[];
  common: number[];
  commonTotals: number[];
  zeroHits: string[];
}

const figures: TargetFigures[] = [];
try {
  for (const target of targets) figures.push(await measure(target));
} finally {
  for (const target of targets) await target.cleanUp();
}

// The floor: bare FTS5 on the raw text, same words, top 20 by bm25, in process.
const bare = new Database(':memory:');
bare.exec('CREATE VIRTUAL TABLE bare USING fts5(title, creators, body)');
const insert = bare.prepare('INSERT INTO bare (title, creators, body) VALUES (?, ?, ?)');
bare.transaction(() => {
  for (const entry of corpus) insert.run(entry.title, entry.creators, entry.body);
})();
const bareQuery = bare.prepare('SELECT rowid FROM bare WHERE bare MATCH ? ORDER BY rank LIMIT 20');
const floor: number[] = [];
for (const [pass, list] of [
  ['warm-up', warmUp],
  ['measure', queries],
] as const) {
  for (const query of list) {
    const words = query.words.map((word) => `"${word.replaceAll('"', '""')}"`).join(' ');
    const started = performance.now();
    if (words) bareQuery.all(words);
    if (pass === 'measure') floor.push(performance.now() - started);
  }
}
bare.close();

const base = percentiles(floor);
const rows: Array<Array<string | number>> = [];
for (const { target, firstTime, repeated, common } of figures) {
  for (const [label, samples] of [
    ['with facets, first time', firstTime],
    ['with facets, repeated', repeated],
    [`common words (${common.length}), first time`, common],
  ] as const) {
    const p = percentiles(samples);
    rows.push([`${target.name} over HTTP, ${label}`, p.p50, p.p95, p.p99, p.max]);
  }
}
rows.push(['bare FTS5, same words, in process', base.p50, base.p95, base.p99, base.max]);
const first = percentiles(figures[0]!.firstTime);
rows.push([
  `ratio ${figures[0]!.target.name} first time / bare`,
  first.p50 / base.p50,
  first.p95 / base.p95,
  first.p99 / base.p99,
  first.max / base.max,
]);

const totals = [...figures[0]!.commonTotals].sort((a, b) => a - b);
const zeroHits = figures[0]!.zeroHits;
process.stdout.write(
  `\nSearch latency, ${queries.length} queries (${describeMix(queries)}), ${corpus.length} records\n\n` +
    formatTable(['', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'], rows) +
    `\nCommon words: ${commonWords.length} queries (${describeMix(commonWords)}) with all facets, on a relay that has\n` +
    `not seen them; ${totals[0]}–${totals.at(-1)} matches each (median ${totals[Math.floor(totals.length / 2)]}).\n` +
    `Queries with no hits: ${zeroHits.length} (${describeKinds(zeroHits) || 'none'}); the words come from real titles, so\n` +
    `these are queries whose member, availability or year filter excludes the title they came from.\n` +
    `Load average (1 min): ${loadAtStart.toFixed(2)} at the start, ${loadavg()[0]!.toFixed(2)} at the end.\n`,
);

async function measure(target: Target): Promise<TargetFigures> {
  const store = { databaseUrl: target.databaseUrl, ...(target.pgSchema ? { pgSchema: target.pgSchema } : {}) };
  // The catalog: members, then the full files, unless the database already has them.
  const storage = await openStorage(store);
  try {
    if ((await storage.catalog.countRecords()) < 100_000) {
      process.stderr.write(`Importing the full shared files into ${target.name} (once)…\n`);
      await seedDemo(storage, {});
      for (const file of DATA_FILES) {
        await importCommand({
          storage,
          member: file.member,
          format: file.format,
          file: path.join(dataDir, file.name),
          demoHoldings: true,
          quiet: true,
        });
      }
    }
    if (storage.dialect === 'postgres') {
      // What autovacuum does within a minute or two of an import: measure that steady state,
      // not how soon autovacuum happened to run.
      await sql`vacuum analyze records, holdings, record_search`.execute(storage.db);
    }
    process.stderr.write(`${target.name} catalog: ${await storage.catalog.countRecords()} records\n`);
  } finally {
    await storage.close();
  }

  const result: TargetFigures = { target, firstTime: [], repeated: [], common: [], commonTotals: [], zeroHits: [] };
  const relay = await startRelay({ port: 0, host: '127.0.0.1', logLevel: 'silent', ...store });
  try {
    for (const [pass, list] of [
      ['warm-up', warmUp],
      ['first time', queries],
      ['repeated', queries],
    ] as const) {
      for (const query of list) {
        const { elapsed, total } = await timedSearch(relay.url, query);
        if (pass === 'first time') {
          result.firstTime.push(elapsed);
          if (total === 0) result.zeroHits.push(query.kind);
        } else if (pass === 'repeated') result.repeated.push(elapsed);
      }
    }
  } finally {
    await relay.close();
  }

  // Common words on a relay that has not seen them (the process is warm from the run above).
  const fresh = await startRelay({ port: 0, host: '127.0.0.1', logLevel: 'silent', ...store });
  try {
    for (const query of commonWords) {
      const { elapsed, total } = await timedSearch(fresh.url, query);
      result.common.push(elapsed);
      result.commonTotals.push(total);
    }
  } finally {
    await fresh.close();
  }
  return result;
}

async function timedSearch(url: string, query: BenchQuery): Promise<{ elapsed: number; total: number }> {
  const started = performance.now();
  const response = await fetch(`${url}/v1/search?${new URLSearchParams(query.params)}`);
  const body = (await response.json()) as { total: number };
  const elapsed = performance.now() - started;
  if (response.status !== 200) throw new Error(`${response.status} for ${JSON.stringify(query.params)}: ${JSON.stringify(body)}`);
  return { elapsed, total: body.total };
}

interface BenchQuery {
  kind: string;
  params: Record<string, string>;
  /** The plain words, for the bare FTS5 floor. */
  words: string[];
}

function buildQueries(entries: CorpusEntry[], count: number): BenchQuery[] {
  let seed = 20261126;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
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
      if (kind === 'year-range')
        Object.assign(params, { year: `${1800 + Math.floor(random() * 150)}..${1950 + Math.floor(random() * 70)}`, sort: '-year' });
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

/**
 * The words a patron is most likely to type that match the most records: English words of
 * three letters or more found in at least 5,000 records (the catalog's "the", "paper",
 * "river"...), and the ten character pairs found in the most Tang poems.
 */
function commonWordQueries(entries: CorpusEntry[]): BenchQuery[] {
  const english = new Map<string, number>();
  const pairs = new Map<string, number>();
  for (const entry of entries) {
    if (entry.member === 'eastern-university') {
      const seen = new Set<string>();
      for (const run of `${entry.title} ${entry.body}`.match(/\p{Script=Han}+/gu) ?? []) {
        for (let i = 0; i + 1 < run.length; i += 1) seen.add(run.slice(i, i + 2));
      }
      for (const pair of seen) pairs.set(pair, (pairs.get(pair) ?? 0) + 1);
    } else {
      for (const word of new Set(`${entry.title} ${entry.creators} ${entry.body}`.toLowerCase().match(/[a-z]{3,}/g) ?? [])) {
        english.set(word, (english.get(word) ?? 0) + 1);
      }
    }
  }
  const mostFrequent = (counts: Map<string, number>) => [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const words = mostFrequent(english).filter(([, count]) => count >= 5_000);
  const chinese = mostFrequent(pairs).slice(0, 10);
  return [
    ...words.map(([word]) => ({ kind: 'english', params: { q: word }, words: [word] })),
    ...chinese.map(([pair]) => ({ kind: 'chinese pair', params: { q: pair }, words: [pair] })),
  ];
}

function describeMix(list: BenchQuery[]): string {
  return describeKinds(list.map((query) => query.kind));
}

function describeKinds(kinds: string[]): string {
  const counts = new Map<string, number>();
  for (const kind of kinds) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return [...counts].map(([kind, n]) => `${n} ${kind}`).join(', ');
}
