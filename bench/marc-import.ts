// MARC import throughput and memory, next to today's Dublin Core import of the same records in
// the same run: the idzebra sample's bibliographic records, copied under new control numbers
// with two Koha 952 items each, written as UTF-8 ISO 2709, as MARCXML and as Dublin Core JSON
// lines, at two sizes so memory that grows with the file would show. Each import runs in a
// child process of its own (fresh SQLite file) so its peak RSS is its own; "floor" reads and
// maps the ISO 2709 file but keeps nothing.
//
//   node --import tsx bench/marc-import.ts [--records N[,M]]     (default 20000,100000)
//
// Needs the idzebra examples (Debian idzebra-2.0-examples), as the MARC tests do.
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { DEMO_MEMBERS } from '../packages/relay/src/demo/consortium.js';
import type { ImportFormatName } from '../packages/relay/src/importers/formats.js';
import { marcToRecord } from '../packages/relay/src/importers/formats/marc/marc-mapping.js';
import type { MarcRecord } from '../packages/relay/src/importers/formats/marc/marc-record.js';
import { readIso2709 } from '../packages/relay/src/importers/formats/marc/read-iso2709.js';
import { runImport } from '../packages/relay/src/importers/run-import.js';
import type { CatalogStore } from '../packages/relay/src/storage/catalog-store.js';
import { openStorage } from '../packages/relay/src/storage/index.js';

const SAMPLE = '/usr/share/doc/idzebra-2.0/examples/marc21/sample-marc.gz';
const MEMBER = DEMO_MEMBERS.find((member) => member.id === 'riverside-library')!;
type Kind = 'floor' | 'marc21' | 'marcxml' | 'dc-jsonl';

const args = process.argv.slice(2);
const child = args.find((arg) => arg.startsWith('--child='))?.slice('--child='.length);

function isoRecord(record: MarcRecord): Buffer {
  const fields: Array<[string, Buffer]> = [
    ...record.controlFields.map((field): [string, Buffer] => [field.tag, Buffer.from(`${field.value}\x1e`)]),
    ...record.dataFields.map((field): [string, Buffer] => [
      field.tag,
      Buffer.from(`${field.ind1}${field.ind2}${field.subfields.map(([code, value]) => `\x1f${code}${value}`).join('')}\x1e`),
    ]),
  ];
  let start = 0;
  const directory = fields
    .map(([tag, bytes]) => {
      const entry = `${tag}${String(bytes.length).padStart(4, '0')}${String(start).padStart(5, '0')}`;
      start += bytes.length;
      return entry;
    })
    .join('');
  const base = 24 + directory.length + 1;
  const length = base + start + 1;
  const leader = `${String(length).padStart(5, '0')}${record.leader.slice(5, 9)}a22${String(base).padStart(5, '0')}${record.leader.slice(17)}`;
  return Buffer.concat([Buffer.from(`${leader}${directory}\x1e`), ...fields.map(([, bytes]) => bytes), Buffer.from('\x1d')]);
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
function xmlRecord(record: MarcRecord): string {
  let out = `<record><leader>${escape(record.leader)}</leader>`;
  for (const field of record.controlFields) out += `<controlfield tag="${field.tag}">${escape(field.value)}</controlfield>`;
  for (const field of record.dataFields) {
    out += `<datafield tag="${field.tag}" ind1="${field.ind1}" ind2="${field.ind2}">`;
    for (const [code, value] of field.subfields) out += `<subfield code="${escape(code)}">${escape(value)}</subfield>`;
    out += '</datafield>';
  }
  return `${out}</record>\n`;
}

async function write(path: string, lines: Iterable<string | Buffer>): Promise<void> {
  const stream = createWriteStream(path);
  for (const line of lines) if (!stream.write(line)) await new Promise<void>((resolve) => stream.once('drain', () => resolve()));
  await new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

/** The three files of `count` records made from the sample, in `dir`. */
async function makeFiles(dir: string, count: number): Promise<Record<'marc21' | 'marcxml' | 'dc-jsonl', string>> {
  const samples: MarcRecord[] = [];
  for await (const reading of readIso2709(Readable.from([gunzipSync(readFileSync(SAMPLE))]))) {
    if (reading.record !== undefined && marcToRecord(reading.record, MEMBER.id).ok) samples.push(reading.record);
  }
  const branches = MEMBER.branches.map((branch) => branch.id);
  const copies = function* (): Generator<MarcRecord> {
    for (let i = 0; i < count; i++) {
      const sample = samples[i % samples.length]!;
      yield {
        leader: sample.leader,
        controlFields: [{ tag: '001', value: `bench-${i}` }, ...sample.controlFields.filter((field) => field.tag !== '001')],
        dataFields: [
          ...sample.dataFields,
          ...[0, 1].map((copy) => ({
            tag: '952',
            ind1: ' ',
            ind2: ' ',
            subfields: [
              ['a', branches[(i + copy) % branches.length]!],
              ['b', branches[(i + copy) % branches.length]!],
              ['o', `BENCH ${i}`],
              ['p', `3${String(i * 2 + copy).padStart(9, '0')}`],
            ] as [string, string][],
          })),
        ],
      };
    }
  };
  const files = { marc21: join(dir, `${count}.mrc`), marcxml: join(dir, `${count}.xml`), 'dc-jsonl': join(dir, `${count}.jsonl`) };
  await write(
    files.marc21,
    (function* () {
      for (const record of copies()) yield isoRecord(record);
    })(),
  );
  await write(
    files.marcxml,
    (function* () {
      yield '<?xml version="1.0" encoding="UTF-8"?>\n<collection xmlns="http://www.loc.gov/MARC21/slim">\n';
      for (const record of copies()) yield xmlRecord(record);
      yield '</collection>\n';
    })(),
  );
  await write(
    files['dc-jsonl'],
    (function* () {
      for (const record of copies()) {
        const mapped = marcToRecord(record, MEMBER.id);
        if (!mapped.ok) continue;
        const { title, creators, subjects, date, language } = mapped.record;
        const row = {
          identifier: [String(record.controlFields[0]!.value)],
          title: [title],
          creator: creators.map((creator) => creator.name),
          subject: subjects,
          ...(date === undefined ? {} : { date: [date] }),
          ...(language === undefined ? {} : { language: [language] }),
        };
        yield `${JSON.stringify(row)}\n`;
      }
    })(),
  );
  return files;
}

const discarding = (): CatalogStore =>
  ({
    async upsertMembers() {},
    async listMembers() {
      return [MEMBER];
    },
    async upsertRecords(records: readonly unknown[]) {
      return { inserted: records.length, updated: 0 };
    },
    async listRecordIds() {
      return [];
    },
  }) as unknown as CatalogStore;

async function runOne(kind: Kind, file: string): Promise<{ records: number; seconds: number; rssMb: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'atrium-marc-bench-db-'));
  const storage = kind === 'floor' ? undefined : await openStorage({ databaseUrl: `sqlite:${join(dir, 'atrium.db')}` });
  const catalog = storage?.catalog ?? discarding();
  try {
    await catalog.upsertMembers([MEMBER]);
    const format: ImportFormatName = kind === 'floor' ? 'marc21' : kind;
    const started = performance.now();
    const summary = await runImport(catalog, { member: MEMBER.id, format, file });
    const seconds = (performance.now() - started) / 1000;
    return { records: summary.inserted + summary.updated, seconds, rssMb: (process.resourceUsage().maxRSS * 1024) / 1024 / 1024 };
  } finally {
    await storage?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (child !== undefined) {
  const [kind, file] = child.split('=') as [Kind, string];
  process.stdout.write(`${JSON.stringify(await runOne(kind, file))}\n`);
} else {
  if (!existsSync(SAMPLE)) {
    process.stderr.write(`Missing ${SAMPLE}: install the Debian package idzebra-2.0-examples.\n`);
    process.exit(2);
  }
  const sizes = (args.find((arg) => arg.startsWith('--records='))?.slice('--records='.length) ?? '20000,100000').split(',').map(Number);
  const dir = mkdtempSync(join(tmpdir(), 'atrium-marc-bench-'));
  const integer = new Intl.NumberFormat('en');
  process.stdout.write(
    `MARC import benchmark: the idzebra sample's records copied under new 001s with two 952 items each; Node ${process.version}.\n` +
      `floor = read + parse + map the ISO 2709 file, records discarded; dc-jsonl = the same records as Dublin Core JSON lines.\n\n` +
      `${'format'.padEnd(10)}${'records'.padStart(10)}${'seconds'.padStart(10)}${'records/s'.padStart(12)}${'peak RSS'.padStart(12)}\n`,
  );
  try {
    for (const size of sizes) {
      const files = await makeFiles(dir, size);
      for (const kind of ['floor', 'marc21', 'marcxml', 'dc-jsonl'] as const) {
        const file = kind === 'floor' ? files.marc21 : files[kind];
        const run = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), `--child=${kind}=${file}`], {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        if (run.status !== 0) throw new Error(`the ${kind} run failed (exit ${run.status})`);
        const result = JSON.parse(run.stdout.trim().split('\n').pop()!) as { records: number; seconds: number; rssMb: number };
        process.stdout.write(
          `${kind.padEnd(10)}${integer.format(result.records).padStart(10)}${result.seconds.toFixed(2).padStart(10)}` +
            `${integer.format(Math.round(result.records / result.seconds)).padStart(12)}${`${result.rssMb.toFixed(0)} MB`.padStart(12)}\n`,
        );
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
