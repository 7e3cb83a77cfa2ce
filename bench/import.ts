// Import throughput on the three full collections: how fast records go into a fresh SQLite
// database (and PostgreSQL when asked), next to the floor of only reading, gunzipping and
// parsing the same files, so the cost of storage shows on its own.
//
//   node --import tsx bench/import.ts [DATA_DIR] [--pg] [--demo-holdings]
//
// DATA_DIR defaults to ../shared/data relative to the repository root. PostgreSQL runs with
// --pg (postgres://postgres@127.0.0.1:5432/test) or ATRIUM_BENCH_PG_URL, in a schema of its
// own that is dropped afterwards. --demo-holdings gives every record generated holdings, as
// the demo seed does. Each target runs in a child process of its own so its peak RSS is its own.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { DEMO_MEMBERS } from '../packages/relay/src/demo/consortium.js';
import { createDemoHoldings } from '../packages/relay/src/demo/holdings.js';
import type { ImportFormatName } from '../packages/relay/src/importers/formats.js';
import { runImport } from '../packages/relay/src/importers/run-import.js';
import type { CatalogStore, RecordInput } from '../packages/relay/src/storage/catalog-store.js';
import { openStorage, type Storage } from '../packages/relay/src/storage/index.js';

const FILES: { file: string; member: string; format: ImportFormatName }[] = [
  { file: 'tate-artworks.jsonl.gz', member: 'harbour-museum', format: 'tate' },
  { file: 'goodbooks-books.csv.gz', member: 'riverside-library', format: 'goodbooks' },
  { file: 'tang-poems.jsonl.gz', member: 'eastern-university', format: 'tang' },
];

type Target = 'floor' | 'sqlite' | 'postgres';

interface Row {
  target: Target;
  file: string;
  records: number;
  seconds: number;
  /** Bytes on disk after this file: the whole database, and the search index within it. */
  databaseBytes?: number;
  indexBytes?: number;
  peakRssBytes: number;
}

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const childTarget = args.find((arg) => arg.startsWith('--child='))?.slice('--child='.length) as Target | undefined;
const demoHoldings = args.includes('--demo-holdings');
const positional = args.filter((arg) => !arg.startsWith('--'));
const dataDir = resolve(positional[0] ?? join(here, '../../shared/data'));
const pgUrl = process.env.ATRIUM_BENCH_PG_URL ?? (args.includes('--pg') ? 'postgres://postgres@127.0.0.1:5432/test' : undefined);

/** Accepts records and keeps nothing: what an import costs before storage. */
function discardingCatalog(): CatalogStore {
  return {
    async upsertMembers() {},
    async listMembers() {
      return [...DEMO_MEMBERS];
    },
    async upsertRecords(records: readonly RecordInput[]) {
      return { inserted: records.length, updated: 0 };
    },
    async getRecord() {
      return undefined;
    },
    async getRecords() {
      return [];
    },
    async countRecords() {
      return 0;
    },
    async listRecordIds() {
      return [];
    },
    async deleteRecords() {
      return [];
    },
  };
}

function peakRss(): number {
  // resourceUsage reports maxRSS in kilobytes.
  return process.resourceUsage().maxRSS * 1024;
}

function sqliteBytes(dir: string): number {
  return readdirSync(dir).reduce((sum, name) => sum + statSync(join(dir, name)).size, 0);
}

async function sqliteIndexBytes(storage: Storage): Promise<number | undefined> {
  try {
    const { rows } = await sql<{ bytes: number }>`select sum(pgsize) as bytes from dbstat where name like 'record_search%'`.execute(
      storage.db,
    );
    return Number(rows[0]?.bytes ?? 0);
  } catch {
    return undefined; // SQLite built without the dbstat table.
  }
}

async function postgresBytes(storage: Storage, schema: string): Promise<{ databaseBytes: number; indexBytes: number }> {
  const { rows } = await sql<{ total: string; search: string }>`
    select coalesce(sum(pg_total_relation_size(c.oid)), 0) as total,
           coalesce(sum(pg_total_relation_size(c.oid)) filter (where c.relname = 'record_search'), 0) as search
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = ${schema} and c.relkind = 'r'`.execute(storage.db);
  return { databaseBytes: Number(rows[0]?.total ?? 0), indexBytes: Number(rows[0]?.search ?? 0) };
}

async function runTarget(target: Target): Promise<Row[]> {
  const rows: Row[] = [];
  let storage: Storage | undefined;
  let folder: string | undefined;
  const schema = `atrium_bench_${process.pid}`;
  if (target === 'sqlite') {
    folder = mkdtempSync(join(tmpdir(), 'atrium-bench-'));
    storage = await openStorage({ databaseUrl: `sqlite:${join(folder, 'atrium.db')}` });
  } else if (target === 'postgres') {
    storage = await openStorage({ databaseUrl: pgUrl!, pgSchema: schema });
  }
  const catalog = storage?.catalog ?? discardingCatalog();
  try {
    await catalog.upsertMembers(DEMO_MEMBERS);
    for (const { file, member, format } of FILES) {
      const memberInput = DEMO_MEMBERS.find((candidate) => candidate.id === member)!;
      const started = performance.now();
      const summary = await runImport(catalog, {
        member,
        format,
        file: join(dataDir, file),
        ...(demoHoldings ? { holdings: createDemoHoldings(memberInput, { today: '2025-03-01' }) } : {}),
      });
      const seconds = (performance.now() - started) / 1000;
      const row: Row = { target, file, records: summary.inserted + summary.updated, seconds, peakRssBytes: peakRss() };
      if (target === 'sqlite' && storage && folder) {
        row.databaseBytes = sqliteBytes(folder);
        const indexBytes = await sqliteIndexBytes(storage);
        if (indexBytes !== undefined) row.indexBytes = indexBytes;
      } else if (target === 'postgres' && storage) {
        Object.assign(row, await postgresBytes(storage, schema));
      }
      rows.push(row);
    }
  } finally {
    if (target === 'postgres' && storage) await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(storage.db);
    await storage?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  }
  return rows;
}

function runChild(target: Target): Row[] {
  const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), `--child=${target}`, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 16 * 1024 * 1024,
  });
  if (child.status !== 0) throw new Error(`the ${target} run failed (exit ${child.status})`);
  const last = child.stdout.trim().split('\n').pop() ?? '[]';
  return JSON.parse(last) as Row[];
}

const megabytes = (bytes: number | undefined) => (bytes === undefined ? '-' : `${(bytes / 1024 / 1024).toFixed(1)} MB`);
const integer = new Intl.NumberFormat('en');

function printTable(rows: Row[]): void {
  const header = ['target', 'file', 'records', 'seconds', 'records/s', 'db size', 'index', 'peak RSS'];
  const lines = rows.map((row) => [
    row.target,
    row.file,
    integer.format(row.records),
    row.seconds.toFixed(2),
    integer.format(Math.round(row.records / row.seconds)),
    megabytes(row.databaseBytes),
    megabytes(row.indexBytes),
    megabytes(row.peakRssBytes),
  ]);
  for (const target of new Set(rows.map((row) => row.target))) {
    const mine = rows.filter((row) => row.target === target);
    const records = mine.reduce((sum, row) => sum + row.records, 0);
    const seconds = mine.reduce((sum, row) => sum + row.seconds, 0);
    const last = mine[mine.length - 1]!;
    lines.push([
      target,
      'all three',
      integer.format(records),
      seconds.toFixed(2),
      integer.format(Math.round(records / seconds)),
      megabytes(last.databaseBytes),
      megabytes(last.indexBytes),
      megabytes(Math.max(...mine.map((row) => row.peakRssBytes))),
    ]);
  }
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column]!.length)));
  const format = (cells: string[]) =>
    cells.map((cell, column) => (column < 2 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ');
  process.stdout.write(`${format(header)}\n${widths.map((width) => '-'.repeat(width)).join('  ')}\n`);
  for (const line of lines) process.stdout.write(`${format(line)}\n`);
}

if (childTarget) {
  process.stdout.write(`${JSON.stringify(await runTarget(childTarget))}\n`);
} else {
  for (const { file } of FILES) {
    if (!existsSync(join(dataDir, file))) {
      process.stderr.write(`Missing ${join(dataDir, file)}: pass the folder holding the three data files.\n`);
      process.exit(2);
    }
  }
  const targets: Target[] = ['floor', 'sqlite', ...(pgUrl ? (['postgres'] as const) : [])];
  process.stdout.write(
    `Import benchmark: ${dataDir}${demoHoldings ? ', with demo holdings' : ', without holdings'}; Node ${process.version}\n` +
      `floor = read + gunzip + parse + map only, records discarded; db size after each file is cumulative.\n\n`,
  );
  const rows = targets.flatMap((target) => runChild(target));
  printTable(rows);
}
