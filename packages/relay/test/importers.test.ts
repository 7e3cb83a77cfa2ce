// Catalogue imports as a member's staff run them: real lines from the demo samples, files
// with broken lines, gzip and plain files, Dublin Core files with and without a mapping,
// re-imports, all into a real SQLite database.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, before, beforeEach, describe, it } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';
import { CatalogRecord } from '@atrium/sdk';
import { DEMO_MEMBERS } from '../src/demo/consortium.js';
import { DEFAULT_DEMO_DATA_DIR } from '../src/demo/seed.js';
import { goodbooksFormat } from '../src/importers/formats/goodbooks.js';
import { tangFormat } from '../src/importers/formats/tang.js';
import { tateFormat } from '../src/importers/formats/tate.js';
import { importCommand } from '../src/importers/import-command.js';
import { ImportError } from '../src/importers/import-error.js';
import type { ImportFormat } from '../src/importers/import-format.js';
import { openInput } from '../src/importers/open-input.js';
import { createProgressReporter, formatImportSummary } from '../src/importers/progress.js';
import { readCsvRows } from '../src/importers/read-csv-rows.js';
import { readJsonLines } from '../src/importers/read-json-lines.js';
import { runImport, type ImportProgress } from '../src/importers/run-import.js';
import type { RecordInput } from '../src/storage/catalog-store.js';
import { openStorage, type Storage } from '../src/storage/index.js';

const MUSEUM = 'harbour-museum';
const LIBRARY = 'riverside-library';
const UNIVERSITY = 'eastern-university';

const sampleText = (file: string) => gunzipSync(readFileSync(join(DEFAULT_DEMO_DATA_DIR, file))).toString('utf8');
const tateLines = sampleText('tate-artworks.sample.jsonl.gz').split('\n').filter(Boolean);
const tangLines = sampleText('tang-poems.sample.jsonl.gz').split('\n').filter(Boolean);
const goodbooksCsv = sampleText('goodbooks-books.sample.csv.gz');
const [goodbooksHeader = '', ...goodbooksLines] = goodbooksCsv.split('\n').filter(Boolean);

function tateLine(test: (row: Record<string, unknown>) => boolean): string {
  const line = tateLines.find((candidate) => test(JSON.parse(candidate) as Record<string, unknown>));
  assert.ok(line, 'the Tate sample has such a line');
  return line;
}

function goodbooksLine(bookId: number): string {
  const line = goodbooksLines.find((candidate) => candidate.startsWith(`${bookId},`));
  assert.ok(line, `the goodbooks sample has book ${bookId}`);
  return line;
}

function mapped(format: ImportFormat, value: unknown, member: string): RecordInput {
  const result = format.toRecord(value, { member });
  assert.ok(result.ok, result.ok ? '' : `${result.reason}: ${result.detail}`);
  const checked = CatalogRecord.safeParse(result.record);
  assert.ok(checked.success, checked.success ? '' : checked.error.message);
  return result.record;
}

async function csvRecords(csv: string): Promise<Record<string, string>[]> {
  const dir = mkdtempSync(join(tmpdir(), 'atrium-csv-'));
  try {
    writeFileSync(join(dir, 'rows.csv'), csv);
    const input = await openInput(join(dir, 'rows.csv'));
    const rows: Record<string, string>[] = [];
    for await (const row of readCsvRows(input.content)) rows.push(row.value as Record<string, string>);
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

let dir: string;
let storage: Storage;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'atrium-import-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

beforeEach(async () => {
  await storage?.close();
  storage = await openStorage({ databaseUrl: 'sqlite::memory:' });
  await storage.catalog.upsertMembers(DEMO_MEMBERS);
});
after(async () => storage?.close());

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function importError(promise: Promise<unknown>): Promise<ImportError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ImportError, `expected an ImportError, got ${String(error)}`);
    return error;
  }
  assert.fail('the import should have failed');
}

describe('tate format', () => {
  it('maps a real artwork: artists with diacritics, date, subjects with movements, group title, medium and size', () => {
    const line = tateLine((row) => String(row.all_artists).includes('Schütte') && row.groupTitle !== null);
    const row = JSON.parse(line) as Record<string, any>;
    const record = mapped(tateFormat, row, MUSEUM);
    assert.equal(record.id, `${MUSEUM}:${row.acno}`);
    assert.equal(record.member, MUSEUM);
    assert.equal(record.type, 'artwork');
    assert.equal(record.title, row.title);
    assert.equal(record.creators[0]?.name, 'Thomas Schütte');
    assert.equal(record.creators[0]?.role, 'artist');
    assert.equal(record.creators[0]?.dates, 'born 1954');
    assert.equal(record.series, row.groupTitle);
    assert.equal(record.year, row.dateRange.startYear);
    assert.equal(record.date, row.dateText);
    assert.deepEqual(record.identifiers, { accession: [row.acno] });
    assert.equal(record.url, row.url);
    assert.equal(record.thumbnail, row.thumbnailUrl);
    assert.equal(record.creditLine, row.creditLine);
    assert.ok(record.physicalDescription?.startsWith(row.medium), record.physicalDescription);
    assert.deepEqual(record.holdings, []);
  });

  it('adds movements to the subjects and keeps Turner sketchbooks as a searchable series', () => {
    const row = JSON.parse(tateLine((r) => (r.movements as string[]).length > 0)) as Record<string, any>;
    const record = mapped(tateFormat, row, MUSEUM);
    for (const movement of row.movements) assert.ok(record.subjects.includes(movement), movement);
    for (const subject of row.subjects) assert.ok(record.subjects.includes(subject), subject);

    const turner = JSON.parse(tateLine((r) => r.all_artists === 'Joseph Mallord William Turner' && r.groupTitle !== null)) as Record<
      string,
      any
    >;
    assert.equal(mapped(tateFormat, turner, MUSEUM).series, turner.groupTitle);
  });

  it('leaves out "date not known" but keeps the year Tate gives in dateRange', () => {
    const row = JSON.parse(tateLines[0]!) as Record<string, any>;
    row.dateText = 'date not known';
    row.dateRange = { startYear: 1814, endYear: 1825 };
    const record = mapped(tateFormat, row, MUSEUM);
    assert.equal(record.date, undefined);
    assert.equal(record.year, 1814);
  });

  it('reads a year given as text, as some Tate lines do ("c.1997-9", "2006")', () => {
    const row = JSON.parse(tateLines[0]!) as Record<string, any>;
    row.dateRange = { startYear: 'c.1997-9' };
    assert.equal(mapped(tateFormat, row, MUSEUM).year, 1997);
    row.dateRange = { startYear: 'no date' };
    row.dateText = 'no date';
    const undated = mapped(tateFormat, row, MUSEUM);
    assert.equal(undated.year, undefined);
    assert.equal(undated.date, undefined);
  });

  it('uses the member it is given, not a fixed one', () => {
    assert.match(mapped(tateFormat, JSON.parse(tateLines[0]!), 'another-museum').id, /^another-museum:/);
  });

  it('produces records that meet the wire contract for every line of the sample', () => {
    for (const line of tateLines) mapped(tateFormat, JSON.parse(line), MUSEUM);
  });
});

describe('goodbooks format', () => {
  it('maps The Hunger Games: full title, series, authors, year, language, ISBN-13, cover', async () => {
    const [row] = await csvRecords(`${goodbooksHeader}\n${goodbooksLine(1)}\n`);
    const record = mapped(goodbooksFormat, row, LIBRARY);
    assert.equal(record.id, `${LIBRARY}:1`);
    assert.equal(record.type, 'book');
    assert.equal(record.title, 'The Hunger Games (The Hunger Games, #1)');
    assert.equal(record.series, 'The Hunger Games');
    assert.deepEqual(record.creators, [{ name: 'Suzanne Collins', role: 'author' }]);
    assert.equal(record.year, 2008);
    assert.equal(record.date, '2008');
    assert.equal(record.language, 'en');
    assert.deepEqual(record.identifiers.isbn, ['9780439023481']);
    assert.equal(record.thumbnail, 'https://images.gr-assets.com/books/1447303603m/2767052.jpg');
  });

  it('splits several authors and keeps their diacritics (Harry Potter, book 2)', async () => {
    const [row] = await csvRecords(`${goodbooksHeader}\n${goodbooksLine(2)}\n`);
    const record = mapped(goodbooksFormat, row, LIBRARY);
    assert.deepEqual(
      record.creators.map((creator) => creator.name),
      ['J.K. Rowling', 'Mary GrandPré'],
    );
    assert.equal(record.series, 'Harry Potter');
  });

  it('reads negative years as BCE (The Odyssey, book 79)', async () => {
    const [row] = await csvRecords(`${goodbooksHeader}\n${goodbooksLine(79)}\n`);
    const record = mapped(goodbooksFormat, row, LIBRARY);
    assert.equal(record.year, -720);
    assert.equal(record.date, '720 BCE');
  });

  it('drops goodreads\' "nophoto" placeholder instead of showing it as a cover', async () => {
    const line = goodbooksLines.find((candidate) => candidate.includes('/nophoto/'));
    assert.ok(line);
    const [row] = await csvRecords(`${goodbooksHeader}\n${line}\n`);
    assert.equal(mapped(goodbooksFormat, row, LIBRARY).thumbnail, undefined);
  });

  it('maps language codes to ISO 639-1 and drops codes that are not one language', async () => {
    const rows = await csvRecords(`${goodbooksHeader}\n${goodbooksLines.join('\n')}\n`);
    const byCode = new Map<string, string | undefined>();
    for (const row of rows) byCode.set(row.language_code ?? '', mapped(goodbooksFormat, row, LIBRARY).language);
    const expected: Record<string, string | undefined> = {
      eng: 'en',
      'en-US': 'en',
      'en-GB': 'en',
      'en-CA': 'en',
      spa: 'es',
      fre: 'fr',
      ger: 'de',
      ara: 'ar',
      jpn: 'ja',
      per: 'fa',
      ind: 'id',
      mul: undefined,
      fil: undefined,
      '': undefined,
    };
    for (const [code, language] of Object.entries(expected)) {
      assert.ok(byCode.has(code), `the sample has language code "${code}"`);
      assert.equal(byCode.get(code), language, code);
    }
  });

  it('parses the series forms goodreads uses', async () => {
    const { goodbooksSeries } = await import('../src/importers/formats/goodbooks.js');
    assert.equal(goodbooksSeries('Dune (Dune Chronicles #1)'), 'Dune Chronicles');
    assert.equal(goodbooksSeries('The Color of Magic (Discworld, #1; Rincewind #1)'), 'Discworld');
    assert.equal(goodbooksSeries('A Storm of Swords: Blood and Gold (A Song of Ice and Fire, #3: Part 2 of 2)'), 'A Song of Ice and Fire');
    assert.equal(goodbooksSeries('To Kill a Mockingbird'), undefined);
    assert.equal(goodbooksSeries('Nineteen Eighty-Four (Signet Classics)'), undefined);
  });

  it('produces records that meet the wire contract for every row of the sample', async () => {
    const rows = await csvRecords(goodbooksCsv);
    assert.equal(rows.length, goodbooksLines.length);
    for (const row of rows) mapped(goodbooksFormat, row, LIBRARY);
  });
});

describe('tang format', () => {
  it('maps 靜夜思 by 李白: a text in Chinese, the poet, the lines as its description, the 全唐詩 series', () => {
    const row = JSON.parse(tangLines.find((line) => line.includes('"title":"靜夜思","author":"李白"'))!) as Record<string, any>;
    const record = mapped(tangFormat, row, UNIVERSITY);
    assert.equal(record.id, `${UNIVERSITY}:${row.id}`);
    assert.equal(record.type, 'text');
    assert.equal(record.language, 'zh');
    assert.equal(record.title, '靜夜思');
    assert.deepEqual(record.creators, [{ name: '李白', role: 'poet' }]);
    assert.equal(record.description, '牀前看月光，疑是地上霜。\n舉頭望山月，低頭思故鄉。');
    assert.equal(record.series, '全唐詩');
  });

  it('produces records that meet the wire contract for every line of the sample', () => {
    for (const line of tangLines) mapped(tangFormat, JSON.parse(line), UNIVERSITY);
  });
});

describe('runImport', () => {
  const goodTate = (acno: string, title: string) => JSON.stringify({ ...JSON.parse(tateLines[0]!), acno, title });

  it('skips bad lines with their line number and reason, imports the rest, and stores nothing of the bad ones', async () => {
    const lines = [
      goodTate('X00001', 'First good work'),
      '{"acno": "X00002", "title": "Broken JSON"',
      JSON.stringify({ ...JSON.parse(tateLines[0]!), acno: 'X00003', title: '' }),
      JSON.stringify({ ...JSON.parse(tateLines[0]!), acno: 'X00004', contributors: 'Somebody' }),
      '',
      '[1, 2, 3]',
      goodTate('X00006', 'Second good work'),
    ];
    const summary = await runImport(storage.catalog, { member: MUSEUM, format: 'tate', file: file('bad-lines.jsonl', lines.join('\n')) });
    assert.equal(summary.rows, 6, 'the blank line is not a row');
    assert.equal(summary.inserted, 2);
    assert.equal(summary.skipped, 4);
    assert.deepEqual(
      summary.skippedExamples.map(({ line, reason }) => [line, reason]),
      [
        [2, 'not valid JSON'],
        [3, 'missing title'],
        [4, 'invalid contributors'],
        [6, 'not an object'],
      ],
    );
    assert.deepEqual(summary.skippedByReason, { 'not valid JSON': 1, 'missing title': 1, 'invalid contributors': 1, 'not an object': 1 });
    assert.equal(await storage.catalog.countRecords(MUSEUM), 2);
    assert.equal((await storage.catalog.getRecord(`${MUSEUM}:X00006`))?.title, 'Second good work');
    for (const id of ['X00002', 'X00003', 'X00004']) assert.equal(await storage.catalog.getRecord(`${MUSEUM}:${id}`), undefined);
  });

  it('reports CSV rows the parser cannot read, with the line they start on, and carries on', async () => {
    const csv = [
      goodbooksHeader,
      goodbooksLine(1),
      '2,3,3', // too few cells
      goodbooksLine(3).replace(/^3,/, 'three,'), // book_id not a number
      goodbooksLine(4).replace('To Kill a Mockingbird,eng', '"To Kill\na Mockingbird",eng'), // a quoted line break: one row over lines 5-6
      goodbooksLine(5).replace(/,\d{4}\.0,/, ',about 1925,'),
      goodbooksLine(6),
    ].join('\n');
    const summary = await runImport(storage.catalog, { member: LIBRARY, format: 'goodbooks', file: file('bad-rows.csv', csv) });
    assert.equal(summary.inserted, 3);
    assert.deepEqual(
      summary.skippedExamples.map(({ line, reason }) => [line, reason]),
      [
        [3, 'wrong number of cells'],
        [4, 'invalid book_id'],
        [7, 'invalid original_publication_year'],
      ],
    );
    assert.equal((await storage.catalog.getRecord(`${LIBRARY}:4`))?.title, 'To Kill a Mockingbird');
    assert.ok(await storage.catalog.getRecord(`${LIBRARY}:6`));
  });

  it('reads gzip by its content and plain text likewise, whatever the file is called', async () => {
    const text = tateLines.slice(0, 50).join('\n');
    const gzipNamedPlain = file('artworks.jsonl', gzipSync(text));
    const plainNamedGzip = file('artworks.jsonl.gz', text);
    const first = await runImport(storage.catalog, { member: MUSEUM, format: 'tate', file: gzipNamedPlain });
    assert.deepEqual([first.rows, first.inserted, first.skipped], [50, 50, 0]);
    const second = await runImport(storage.catalog, { member: MUSEUM, format: 'tate', file: plainNamedGzip });
    assert.deepEqual([second.rows, second.inserted, second.updated, second.skipped], [50, 0, 50, 0]);
  });

  it('updates records on re-import instead of duplicating them, and keeps the latest values', async () => {
    const path = join(DEFAULT_DEMO_DATA_DIR, 'tang-poems.sample.jsonl.gz');
    const first = await runImport(storage.catalog, { member: UNIVERSITY, format: 'tang', file: path });
    assert.equal(first.inserted, tangLines.length);
    assert.equal(first.updated, 0);
    const second = await runImport(storage.catalog, { member: UNIVERSITY, format: 'tang', file: path });
    assert.deepEqual([second.inserted, second.updated], [0, tangLines.length]);
    assert.equal(await storage.catalog.countRecords(UNIVERSITY), tangLines.length);

    const changed = JSON.stringify({ ...JSON.parse(tangLines[0]!), title: '改題' });
    const third = await runImport(storage.catalog, { member: UNIVERSITY, format: 'tang', file: file('one-poem.jsonl', changed) });
    assert.deepEqual([third.inserted, third.updated], [0, 1]);
    assert.equal((await storage.catalog.getRecord(`${UNIVERSITY}:${JSON.parse(tangLines[0]!).id}`))?.title, '改題');
    assert.equal(await storage.catalog.countRecords(UNIVERSITY), tangLines.length);
  });

  it('counts a record repeated in one file once, the later line winning', async () => {
    const summary = await runImport(storage.catalog, {
      member: MUSEUM,
      format: 'tate',
      file: file('repeated.jsonl', [goodTate('R1', 'Old title'), goodTate('R2', 'Other'), goodTate('R1', 'New title')].join('\n')),
    });
    assert.deepEqual([summary.inserted, summary.updated], [2, 1]);
    assert.equal((await storage.catalog.getRecord(`${MUSEUM}:R1`))?.title, 'New title');
    assert.equal(await storage.catalog.countRecords(MUSEUM), 2);
  });

  it('stops early with a clear message when the file is in another format, and imports nothing', async () => {
    const csvAsTate = file('books.csv.gz', gzipSync(goodbooksCsv));
    const error = await importError(runImport(storage.catalog, { member: MUSEUM, format: 'tate', file: csvAsTate }));
    assert.equal(error.code, 'not-the-format');
    assert.match(error.message, /does not look like a tate file/);
    assert.match(error.message, /line 1: /);
    assert.equal(error.summary?.rows, 10, 'gives up after the first rows rather than reading the whole file');

    const tangAsTate = join(DEFAULT_DEMO_DATA_DIR, 'tang-poems.sample.jsonl.gz');
    assert.equal(
      (await importError(runImport(storage.catalog, { member: MUSEUM, format: 'tate', file: tangAsTate }))).code,
      'not-the-format',
    );

    const tateAsGoodbooks = join(DEFAULT_DEMO_DATA_DIR, 'tate-artworks.sample.jsonl.gz');
    const missing = await importError(runImport(storage.catalog, { member: LIBRARY, format: 'goodbooks', file: tateAsGoodbooks }));
    assert.equal(missing.code, 'missing-columns');
    assert.match(missing.message, /book_id, title, authors/);
    assert.equal(await storage.catalog.countRecords(), 0);
  });

  it('fails a file where no row at all is usable, even a short one', async () => {
    const error = await importError(
      runImport(storage.catalog, { member: MUSEUM, format: 'tate', file: file('short.jsonl', '{}\n{"acno": 1}\n') }),
    );
    assert.equal(error.code, 'not-the-format');
  });

  it('rejects an unknown member, format or missing file before reading anything', async () => {
    const unknown = await importError(
      runImport(storage.catalog, { member: 'nowhere-library', format: 'tate', file: file('x.jsonl', goodTate('A', 'a')) }),
    );
    assert.equal(unknown.code, 'unknown-member');
    assert.match(unknown.message, /nowhere-library/);
    assert.match(unknown.message, /harbour-museum/);

    const badFormat = await importError(runImport(storage.catalog, { member: MUSEUM, format: 'marc' as never, file: file('y.jsonl', '') }));
    assert.equal(badFormat.code, 'invalid-options');
    assert.match(badFormat.message, /format/);

    const missingFile = await importError(
      runImport(storage.catalog, { member: MUSEUM, format: 'tate', file: join(dir, 'no-such-file.jsonl') }),
    );
    assert.equal(missingFile.code, 'unreadable-file');
    assert.match(missingFile.message, /no-such-file\.jsonl/);
  });

  it('keeps what was read before a truncated gzip file breaks off and says so', async () => {
    const whole = gzipSync(tateLines.join('\n'));
    const truncated = file('truncated.jsonl.gz', whole.subarray(0, Math.floor(whole.length / 2)));
    const error = await importError(runImport(storage.catalog, { member: MUSEUM, format: 'tate', file: truncated, batchSize: 100 }));
    assert.equal(error.code, 'unreadable-file');
    assert.ok(error.summary);
    assert.ok(error.summary.inserted > 100, `${error.summary.inserted} records before the break`);
    assert.equal(await storage.catalog.countRecords(MUSEUM), error.summary.inserted);
  });

  it('reports progress in compressed bytes up to the whole file, and stops when aborted', async () => {
    const path = join(DEFAULT_DEMO_DATA_DIR, 'tate-artworks.sample.jsonl.gz');
    const updates: ImportProgress[] = [];
    await runImport(storage.catalog, { member: MUSEUM, format: 'tate', file: path, onProgress: (p) => updates.push(p) });
    assert.ok(updates.length >= 3, `${updates.length} progress updates`);
    const last = updates[updates.length - 1]!;
    assert.equal(last.bytesRead, readFileSync(path).length);
    assert.equal(last.totalBytes, readFileSync(path).length);
    assert.equal(last.rows, tateLines.length);
    for (let i = 1; i < updates.length; i += 1) assert.ok(updates[i]!.rows >= updates[i - 1]!.rows);

    const controller = new AbortController();
    const aborted = await importError(
      runImport(storage.catalog, {
        member: UNIVERSITY,
        format: 'tang',
        file: join(DEFAULT_DEMO_DATA_DIR, 'tang-poems.sample.jsonl.gz'),
        onProgress: () => controller.abort(),
        signal: controller.signal,
      }),
    );
    assert.equal(aborted.code, 'aborted');
    assert.ok((await storage.catalog.countRecords(UNIVERSITY)) < tangLines.length);
  });

  it('gives records the holdings the caller supplies', async () => {
    await runImport(storage.catalog, {
      member: MUSEUM,
      format: 'tate',
      file: file('held.jsonl', goodTate('H1', 'Held work')),
      holdings: (record) => [{ member: record.member, branch: 'collection-store', status: 'in-storage', callNumber: 'H1 store' }],
    });
    assert.deepEqual((await storage.catalog.getRecord(`${MUSEUM}:H1`))?.holdings, [
      { member: MUSEUM, branch: 'collection-store', status: 'in-storage', callNumber: 'H1 store' },
    ]);
  });
});

describe('Dublin Core formats', () => {
  const MEMBER = 'riverside-library';

  it('imports a CSV named after the DC elements, splitting multi-valued cells and mapping DC types', async () => {
    const csv = [
      'identifier,title,creator,subject,description,date,type,language,format,source',
      'LH-1,"Harbour charts, 1850",Admiralty; Hydrographic Office,Maps | Harbours,A set of charts,c.1850,Image,eng,ink on paper,https://example.org/LH-1',
      'LH-2,A reader,Jane Doe,,,"2001",Text,fre,,not-a-url',
      'ISBN 978-0-306-40615-7,A book with an ISBN,,,,,Text,,,',
      'LH-4,A ship model,,,,1790,PhysicalObject,,,',
      'LH-5,A recording,,,,1962,Sound,,,',
      'LH-6,A film,,,,1931,MovingImage,,,',
      'LH-7,Something else,,,,,Hologram,zz,,',
      ',No identifier,,,,,,,,',
      'LH-9,,,,,,,,,',
      'LH 10,Spaces in the identifier,,,,,,,,',
    ].join('\n');
    const summary = await runImport(storage.catalog, { member: MEMBER, format: 'dc-csv', file: file('dc.csv', csv) });
    assert.equal(summary.inserted, 8);
    assert.deepEqual(
      summary.skippedExamples.map(({ line, reason }) => [line, reason]),
      [
        [9, 'missing identifier'],
        [10, 'missing title'],
      ],
    );
    const charts = await storage.catalog.getRecord(`${MEMBER}:LH-1`);
    assert.deepEqual(
      charts?.creators.map((creator) => creator.name),
      ['Admiralty', 'Hydrographic Office'],
    );
    assert.deepEqual(charts?.subjects, ['Maps', 'Harbours']);
    assert.equal(charts?.type, 'image');
    assert.equal(charts?.year, 1850);
    assert.equal(charts?.date, 'c.1850');
    assert.equal(charts?.language, 'en');
    assert.equal(charts?.physicalDescription, 'ink on paper');
    assert.equal(charts?.url, 'https://example.org/LH-1');
    assert.equal(charts?.description, 'A set of charts');

    const reader = await storage.catalog.getRecord(`${MEMBER}:LH-2`);
    assert.equal(reader?.type, 'text');
    assert.equal(reader?.language, 'fr');
    assert.equal(reader?.url, undefined);

    const book = await storage.catalog.getRecord(`${MEMBER}:ISBN%20978-0-306-40615-7`);
    assert.equal(book?.type, 'book');
    assert.deepEqual(book?.identifiers.isbn, ['9780306406157']);

    const types = await Promise.all(
      ['LH-4', 'LH-5', 'LH-6', 'LH-7'].map(async (id) => (await storage.catalog.getRecord(`${MEMBER}:${id}`))?.type),
    );
    assert.deepEqual(types, ['object', 'audio', 'video', 'other']);
    assert.equal((await storage.catalog.getRecord(`${MEMBER}:LH-7`))?.language, undefined);
    assert.equal(summary.warningsByReason['language dropped: not a language code'], 1);
    assert.deepEqual((await storage.catalog.getRecord(`${MEMBER}:LH%2010`))?.identifiers.local, ['LH 10']);
  });

  it('finds dc:/dcterms: prefixed and capitalised column names without a mapping', async () => {
    const csv = 'dc:Identifier,DC:Title,dcterms:creator,Date\nQ1,Prefixed columns,A. Author,1999\n';
    const summary = await runImport(storage.catalog, { member: MEMBER, format: 'dc-csv', file: file('prefixed.csv', csv) });
    assert.equal(summary.inserted, 1);
    const record = await storage.catalog.getRecord(`${MEMBER}:Q1`);
    assert.deepEqual([record?.title, record?.creators[0]?.name, record?.year], ['Prefixed columns', 'A. Author', 1999]);
  });

  it('uses a mapping file to read a JSON Lines export with its own field names', async () => {
    const mapping = file(
      'mapping.json',
      JSON.stringify({
        id: 'recordNo',
        title: 'headline',
        creators: ['maker', 'author'],
        subjects: 'keywords',
        isbn: 'isbn',
        thumbnail: 'image',
        defaults: { type: 'book', language: 'en' },
      }),
    );
    const lines = [
      JSON.stringify({
        recordNo: 101,
        headline: 'Mapped',
        maker: 'First Maker',
        author: ['Second Author'],
        keywords: ['tides', 'boats'],
        isbn: '0-306-40615-2',
        image: 'https://example.org/101.jpg',
      }),
      JSON.stringify({ recordNo: 102, headline: 'Bad ISBN', isbn: '0-306-40615-3', keywords: 'a;b' }),
      JSON.stringify({ recordNo: 103, headline: { nested: true } }),
      JSON.stringify({ recordNo: 104 }),
    ];
    const summary = await runImport(storage.catalog, {
      member: MEMBER,
      format: 'dc-jsonl',
      file: file('export.jsonl', lines.join('\n')),
      mapping,
    });
    assert.equal(summary.inserted, 2);
    assert.deepEqual(
      summary.skippedExamples.map(({ line, reason }) => [line, reason]),
      [
        [3, 'invalid headline'],
        [4, 'missing title'],
      ],
    );
    const mapped101 = await storage.catalog.getRecord(`${MEMBER}:101`);
    assert.equal(mapped101?.title, 'Mapped');
    assert.deepEqual(
      mapped101?.creators.map((creator) => creator.name),
      ['First Maker', 'Second Author'],
    );
    assert.deepEqual(mapped101?.subjects, ['tides', 'boats']);
    assert.deepEqual(mapped101?.identifiers.isbn, ['9780306406157']);
    assert.equal(mapped101?.type, 'book');
    assert.equal(mapped101?.language, 'en');
    assert.equal(mapped101?.thumbnail, 'https://example.org/101.jpg');
    const mapped102 = await storage.catalog.getRecord(`${MEMBER}:102`);
    assert.equal(mapped102?.identifiers.isbn, undefined);
    assert.deepEqual(mapped102?.subjects, ['a', 'b']);
    assert.equal(summary.warningExamples[0]?.line, 2);
    assert.equal(summary.warningExamples[0]?.reason, 'isbn dropped: not a valid ISBN');
  });

  it('rejects a mapping file with an unknown key, naming the key, and imports nothing', async () => {
    const csv = file('ok.csv', 'identifier,title\nM1,Fine\n');
    const mapping = file('bad-mapping.json', JSON.stringify({ id: 'identifier', titel: 'title' }));
    const error = await importError(runImport(storage.catalog, { member: MEMBER, format: 'dc-csv', file: csv, mapping }));
    assert.equal(error.code, 'bad-mapping');
    assert.match(error.message, /unknown key "titel"/);
    assert.match(error.message, /bad-mapping\.json/);
    assert.equal(await storage.catalog.countRecords(), 0);
  });

  it('rejects a mapping whose values are not column names, or that names columns the file lacks', async () => {
    const csv = file('ok2.csv', 'identifier,title\nM1,Fine\n');
    const notColumns = await importError(
      runImport(storage.catalog, { member: MEMBER, format: 'dc-csv', file: csv, mapping: file('m1.json', '{"title": 3}') }),
    );
    assert.equal(notColumns.code, 'bad-mapping');
    assert.match(notColumns.message, /"title" must be a column name/);

    const absent = await importError(
      runImport(storage.catalog, { member: MEMBER, format: 'dc-csv', file: csv, mapping: file('m2.json', '{"title": "Headline"}') }),
    );
    assert.equal(absent.code, 'bad-mapping');
    assert.match(absent.message, /"title" names column "Headline"/);

    const notJson = await importError(
      runImport(storage.catalog, { member: MEMBER, format: 'dc-csv', file: csv, mapping: file('m3.json', '{title:') }),
    );
    assert.equal(notJson.code, 'bad-mapping');
    assert.match(notJson.message, /not valid JSON/);
    assert.equal(await storage.catalog.countRecords(), 0);
  });

  it('says which column is missing when a CSV has no identifier column', async () => {
    const error = await importError(
      runImport(storage.catalog, { member: MEMBER, format: 'dc-csv', file: file('noid.csv', 'code,title\nA,B\n') }),
    );
    assert.equal(error.code, 'missing-columns');
    assert.match(error.message, /No identifier column/);
    assert.match(error.message, /code, title/);
  });
});

class Collect extends Writable {
  text = '';
  isTTY = false;
  columns = 100;
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

describe('progress and summary output', () => {
  const progress = (rows: number, bytesRead: number) => ({ rows, bytesRead, totalBytes: 1000 });

  it('draws a bar in place on a terminal, at most every redraw interval', () => {
    const out = Object.assign(new Collect(), { isTTY: true });
    let clock = 0;
    const reporter = createProgressReporter({ label: 'books.csv.gz', stream: out, now: () => clock });
    clock = 50;
    reporter.update(progress(100, 100));
    clock = 60;
    reporter.update(progress(110, 110)); // too soon: not drawn
    clock = 1000;
    reporter.update(progress(500, 500));
    reporter.finish();
    const frames = out.text.split('\r').filter((frame) => frame.includes('books.csv.gz'));
    assert.equal(frames.length, 2);
    assert.match(frames[1]!, /50%/);
    assert.match(frames[1]!, /500 rows/);
    assert.match(frames[1]!, /500 rows\/s/);
    assert.match(frames[1]!, /ETA 1s/);
    assert.ok(out.text.endsWith('\r\x1b[2K'), 'the bar is cleared at the end');
  });

  it('writes a plain line now and then when not on a terminal, and nothing when quiet', () => {
    const out = new Collect();
    let clock = 0;
    const reporter = createProgressReporter({ label: 'poems', stream: out, now: () => clock, lineEveryMs: 5000 });
    for (clock = 1000; clock <= 12_000; clock += 1000) reporter.update(progress(clock, clock / 20));
    const lines = out.text.trim().split('\n');
    assert.equal(lines.length, 2);
    assert.doesNotMatch(out.text, /\r/);
    assert.match(lines[0]!, /^poems: 25%, 5,000 rows/);

    const quiet = new Collect();
    const silent = createProgressReporter({ label: 'poems', stream: quiet, quiet: true, now: () => clock });
    silent.update(progress(10, 1000));
    silent.finish();
    assert.equal(quiet.text, '');
  });

  it('prints the counts, the reasons and the lines of skipped rows', async () => {
    const summary = await runImport(storage.catalog, {
      member: MUSEUM,
      format: 'tate',
      file: file('summary.jsonl', [tateLines[0], 'nope', tateLines[1]].join('\n')),
    });
    const text = formatImportSummary(summary);
    assert.match(text, /rows read 3, inserted 2, updated 0, skipped 1/);
    assert.match(text, /1 {2}not valid JSON/);
    assert.match(text, /line 2: /);
  });
});

describe('importCommand', () => {
  it('imports with demo holdings, prints the summary and returns it', async () => {
    const stdout = new Collect();
    const stderr = new Collect();
    const summary = await importCommand({
      storage,
      member: LIBRARY,
      format: 'goodbooks',
      file: join(DEFAULT_DEMO_DATA_DIR, 'goodbooks-books.sample.csv.gz'),
      demoHoldings: true,
      today: '2025-03-01',
      stdout,
      stderr,
    });
    assert.equal(summary.inserted, goodbooksLines.length);
    assert.match(stdout.text, new RegExp(`inserted ${new Intl.NumberFormat('en').format(goodbooksLines.length)}`));
    const record = await storage.catalog.getRecord(`${LIBRARY}:1`);
    assert.ok(record && record.holdings.length >= 1);
    const branches = new Set(DEMO_MEMBERS.find((member) => member.id === LIBRARY)!.branches.map((branch) => branch.id));
    for (const holding of record.holdings) assert.ok(branches.has(holding.branch));
  });

  it('rejects an unknown format with the list of formats', async () => {
    const error = await importError(
      importCommand({ storage, member: LIBRARY, format: 'mods', file: 'x', stdout: new Collect(), stderr: new Collect() }),
    );
    assert.equal(error.code, 'invalid-options');
    assert.match(error.message, /tate, goodbooks, tang, dc-csv, dc-jsonl, marc21, marcxml/);
  });
});

describe('readers', () => {
  it('gives JSON Lines line numbers that count blank lines and survive CRLF and a BOM', async () => {
    const path = file('crlf.jsonl', '\ufeff{"a":1}\r\n\r\n{"a":2}\r\n{"a":3}');
    const input = await openInput(path);
    const rows = [];
    for await (const row of readJsonLines(input.content)) rows.push([row.lineNumber, row.value]);
    assert.deepEqual(rows, [
      [1, { a: 1 }],
      [3, { a: 2 }],
      [4, { a: 3 }],
    ]);
  });
});
