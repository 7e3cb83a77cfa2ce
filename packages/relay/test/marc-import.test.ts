// MARC imports as a member's staff run them, against real records: every bibliographic record of
// the idzebra examples imports with the title, creators and identifiers yaz-marcdump reads in it;
// authority and classification records are counted by kind; the same records converted to MARC-8
// by yaz-marcdump import to the same text; a broken record is reported by position and 001; a
// Chinese record with 880 fields is found by its own script and by its romanisation.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, beforeEach, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { RecordId } from '@atrium/sdk';
import type { MarcRecord } from '../src/importers/formats/marc/marc-record.js';
import { toIsbn13 } from '../src/importers/isbn.js';
import { importCommand } from '../src/importers/import-command.js';
import { runImport, type ImportResult } from '../src/importers/run-import.js';
import type { MemberInput, RecordInput } from '../src/storage/catalog-store.js';
import { openStorage, type Storage } from '../src/storage/index.js';
import { ZEBRA_MARC21, ZEBRA_MARCXML, missingPeers, yazMarcdump, yazRecords } from './helpers/yaz-marc.js';

const skip = missingPeers();
const LIBRARY = 'riverside-library';
const MARC8_LIBRARY = 'marc8-library';
const member = (id: string): MemberInput => ({
  id,
  name: { en: id },
  kind: 'university-library',
  timezone: 'UTC',
  branches: [{ id: 'main', name: { en: 'Main Library' } }],
});

const dir = mkdtempSync(join(tmpdir(), 'atrium-marc-import-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const tempFile = (name: string, bytes: Buffer | string) => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};
const sampleFile = () => tempFile('sample.mrc', gunzipSync(readFileSync(ZEBRA_MARC21)));

let storage: Storage;
beforeEach(async () => {
  storage = await openStorage({ databaseUrl: 'sqlite::memory:' });
  await storage.catalog.upsertMembers([member(LIBRARY), member(MARC8_LIBRARY)]);
});
afterEach(() => storage.close());

const importFile = (file: string, format: 'marc21' | 'marcxml', into = LIBRARY): Promise<ImportResult> =>
  runImport(storage.catalog, { member: into, format, file });

const controlNumber = (record: MarcRecord) => record.controlFields.find((field) => field.tag === '001')?.value.trim();
const hasControlNumber = (record: MarcRecord) => controlNumber(record) !== undefined;
const isBibliographic = (record: MarcRecord) => !'zwquvxy'.includes(record.leader[6]!);
/** A control number as a record id: padding off, space, slash and percent percent-encoded. */
const recordId = (into: string, record: MarcRecord) =>
  `${into}:${controlNumber(record)!.replace(/%/g, '%25').replace(/ /g, '%20').replace(/\//g, '%2F')}`;
const values = (record: MarcRecord, tag: string, code: string) =>
  record.dataFields
    .filter((field) => field.tag === tag)
    .flatMap((field) => field.subfields.filter(([key]) => key === code).map(([, value]) => value));

/** What a reader sees as the title: 245 $a $b $n $p, without the ISBD punctuation that ends it. */
function expectedTitle(record: MarcRecord): string {
  const field = record.dataFields.find((candidate) => candidate.tag === '245')!;
  const text = field.subfields
    .filter(([code]) => 'abnp'.includes(code))
    .map(([, value]) => value.trim())
    .join(' ')
    .replace(/\s+/g, ' ');
  return text.replace(/\s*[/:;,=]$/, '').replace(/([^.])\.$/, '$1');
}

/** Checks each bibliographic record as yaz-marcdump reads it against what the import stored. */
async function assertImportedAsYazReads(expected: MarcRecord[], file: string) {
  for (const source of expected.filter(isBibliographic)) {
    const id = recordId(LIBRARY, source);
    assert.ok(RecordId.safeParse(id).success, `${id} is a valid record id`);
    const stored = await storage.catalog.getRecord(id);
    assert.ok(stored, `${file}: ${id} was imported`);
    if (!source.dataFields.some((field) => field.tag === '880')) assert.equal(stored.title, expectedTitle(source), id);
    const isbns = values(source, '020', 'a').map((value) => toIsbn13(value.trim().split(/\s+/)[0]!));
    assert.deepEqual(stored.identifiers.isbn ?? [], [...new Set(isbns.filter((isbn) => isbn !== undefined))], id);
    assert.deepEqual(stored.identifiers.local, [controlNumber(source)], id);
    const names = ['100', '110', '111', '700', '710', '711'].flatMap((tag) => values(source, tag, 'a'));
    for (const name of names) {
      const bare = name.trim().replace(/[,.]$/, '');
      assert.ok(
        stored.creators.some((creator) => creator.name.startsWith(bare)),
        `${id}: creator "${bare}" among ${JSON.stringify(stored.creators)}`,
      );
    }
  }
}

describe('MARC 21 import of the idzebra sample', { skip }, () => {
  it('imports every bibliographic record with the title, creators and identifiers yaz-marcdump reads, and reports the danMARC2 record', async () => {
    const file = sampleFile();
    const summary = await importFile(ZEBRA_MARC21, 'marc21');
    const expected = yazRecords(file).filter((record) => !record.leader.startsWith('00725nam0'));
    assert.equal(summary.rows, expected.length + 1);
    assert.equal(summary.inserted, new Set(expected.map((record) => recordId(LIBRARY, record))).size);
    assert.deepEqual(summary.skippedByReason, { 'not MARC 21': 1 });
    assert.deepEqual(
      summary.skippedExamples.map((example) => [example.line, example.detail.split(':')[0]]),
      [[24, '001 "D000015937", byte 22980']],
    );
    await assertImportedAsYazReads(expected, file);
  });

  it('maps a record as its cataloguer wrote it: title, creators with dates and roles, date, year, language, subjects, notes, extent', async () => {
    await importFile(ZEBRA_MARC21, 'marc21');
    const record = await storage.catalog.getRecord(`${LIBRARY}:73090924%20%2F%2Fr82`);
    assert.deepEqual({ ...record, description: record?.description?.split('\n') } as Partial<RecordInput>, {
      id: `${LIBRARY}:73090924%20%2F%2Fr82`,
      member: LIBRARY,
      type: 'book',
      title: 'Computer processing of dynamic images from an Anger scintillation camera : the proceedings of a workshop',
      creators: [
        // 111 $a and $c joined with the comma the cataloguer put after $a; $d (the meeting's year) is not part of the name.
        { name: 'Workshop on Computer Processing of Dynamic Images from an Anger Scintillation Camera, Washington University' },
        { name: 'Larson, Kenneth B.' },
        { name: 'Cox, Jerome R.' },
        { name: 'Washington University, St. Louis. Biomedical Computer Laboratory' },
        { name: 'Washington University, St. Louis. Nuclear Medicine Division' },
      ],
      date: '[c1974]',
      year: 1974,
      language: 'en',
      subjects: [
        'Radioisotope scanning -- Data processing -- Congresses',
        'Scintillation cameras -- Congresses',
        'Imaging systems in medicine -- Data processing -- Congresses',
      ],
      description: ['Includes bibliographical references and index.'] as unknown as string,
      identifiers: { local: ['73090924 //r82'], lccn: ['73090924 //r82'] },
      physicalDescription: 'xiv, p. : ill. ; 24 cm',
      holdings: [],
    });
  });

  it('gives a control number with spaces and slashes the same record id on every import', async () => {
    await importFile(ZEBRA_MARC21, 'marc21');
    const again = await importFile(ZEBRA_MARC21, 'marc21');
    assert.equal(again.inserted, 0);
    assert.equal(again.updated, 23);
    assert.ok((await storage.catalog.listRecordIds(LIBRARY)).includes(`${LIBRARY}:76357895%20%2FMAP%2Fr82`));
  });

  it('reports a broken record between good ones by position and 001, and imports the records after it', async () => {
    const bytes = gunzipSync(readFileSync(ZEBRA_MARC21));
    const first = bytes.subarray(0, 366);
    const second = Buffer.from(bytes.subarray(366, 732));
    second.write('00x66', 0, 'latin1');
    const rest = bytes.subarray(732, 2101);
    const summary = await importFile(tempFile('broken.mrc', Buffer.concat([first, second, Buffer.from('junk'), rest])), 'marc21');
    assert.equal(summary.inserted, 2);
    assert.deepEqual(
      summary.skippedExamples.map((example) => [example.line, example.reason, example.detail]),
      [
        [2, 'bad leader', '001 "11224467", byte 366: leader/00-04 "00x66" is not a record length'],
        [3, 'stray bytes', 'no 001, byte 732: 4 bytes that are not a record'],
      ],
    );
    assert.ok(await storage.catalog.getRecord(`${LIBRARY}:73090924%20%2F%2Fr82`));
  });
});

describe('MARCXML import of the idzebra collections', { skip }, () => {
  it('imports the bibliographic records as yaz-marcdump reads them and counts authority and classification records by kind', async () => {
    for (const file of ZEBRA_MARCXML) {
      const summary = await importFile(file, 'marcxml');
      const expected = yazRecords(file, ['-i', 'marcxml']);
      const kinds: Record<string, number> = {};
      for (const record of expected.filter((candidate) => !isBibliographic(candidate))) {
        const kind = record.leader[6] === 'z' ? 'authority record' : 'classification record';
        kinds[kind] = (kinds[kind] ?? 0) + 1;
      }
      assert.deepEqual(summary.setAsideByKind, kinds, file);
      assert.equal(summary.skipped, 0, `${file}: ${JSON.stringify(summary.skippedExamples)}`);
      await assertImportedAsYazReads(expected, file);
    }
  });
});

describe('MARC-8 records', { skip }, () => {
  it('import to the same text as the UTF-8 records yaz-marcdump converted them from', async () => {
    const sources = [
      { file: ZEBRA_MARC21, format: 'marc21' as const, args: ['-i', 'marc', '-f', 'utf-8'] },
      ...ZEBRA_MARCXML.map((file) => ({ file, format: 'marcxml' as const, args: ['-i', 'marcxml', '-f', 'utf-8'] })),
    ];
    let compared = 0;
    for (const [index, source] of sources.entries()) {
      const input = source.format === 'marc21' ? sampleFile() : source.file;
      const utf8 = await importFile(source.file, source.format);
      const marc8 = tempFile(`marc8-${index}.mrc`, yazMarcdump([...source.args, '-o', 'marc', '-t', 'marc-8', '-l', '9=32', input]));
      const summary = await importFile(marc8, 'marc21', MARC8_LIBRARY);
      // No warning of its own (an undecoded character set, a dropped byte): the same ones as the
      // UTF-8 import, such as LC's 852 location codes that are none of the member's branches.
      const reasons = (found: ImportResult) => JSON.stringify(found.warningsByReason).replaceAll(MARC8_LIBRARY, LIBRARY);
      assert.equal(reasons(summary), reasons(utf8), JSON.stringify(summary.warningExamples));
      // The danMARC2 record's 001 has subfields, so yaz reads no control number in it and neither import keeps it.
      for (const record of yazRecords(input, source.args.slice(0, 2)).filter(
        (candidate) => isBibliographic(candidate) && hasControlNumber(candidate),
      )) {
        const original = await storage.catalog.getRecord(recordId(LIBRARY, record));
        assert.ok(original, `${recordId(LIBRARY, record)} was imported from UTF-8`);
        const converted = await storage.catalog.getRecord(recordId(MARC8_LIBRARY, record));
        assert.ok(converted, `${recordId(MARC8_LIBRARY, record)} was imported from MARC-8`);
        const asOriginal = {
          ...converted,
          id: original.id,
          member: LIBRARY,
          holdings: converted.holdings.map((copy) => ({ ...copy, member: LIBRARY })),
        };
        assert.deepEqual(asOriginal, original, recordId(LIBRARY, record));
        compared += 1;
      }
    }
    // 23 in the ISO 2709 sample, 2 + 43 + 1 in the bibliographic MARCXML collections.
    assert.equal(compared, 69, 'every bibliographic record of the examples was compared');
  });

  it('puts each diacritic after its letter and stores NFC', async () => {
    const xml = `<record xmlns="http://www.loc.gov/MARC21/slim"><leader>00000nam a2200000 a 4500</leader><controlfield tag="001">d1</controlfield>
<datafield tag="245" ind1="0" ind2="0"><subfield code="a">Dvořák in São Paulo : Ångström, Łódź, Müller, ça</subfield></datafield></record>`;
    // yaz's MARC-8 encoder silently drops precomposed letters it has no table entry for (ř, ź), so it is
    // given the letters decomposed, as MARC-8 itself holds them: base letter and combining mark.
    const decomposed = tempFile('d.xml', xml.normalize('NFD'));
    const marc8 = tempFile(
      'diacritics.mrc',
      yazMarcdump(['-i', 'marcxml', '-o', 'marc', '-f', 'utf-8', '-t', 'marc-8', '-l', '9=32', decomposed]),
    );
    assert.ok(readFileSync(marc8).includes(Buffer.from([0xe9, 0x72])), 'yaz wrote the caron before the r, as MARC-8 does');
    await importFile(marc8, 'marc21');
    const record = await storage.catalog.getRecord(`${LIBRARY}:d1`);
    assert.equal(record?.title, 'Dvořák in São Paulo : Ångström, Łódź, Müller, ça'.normalize('NFC'));
  });
});

describe('880 linked fields', { skip }, () => {
  for (const format of ['marcxml', 'marc21'] as const) {
    it(`show the vernacular title and creator and find the record by either script (${format})`, async () => {
      const fixture = new URL('./fixtures/marc/cjk-880.xml', import.meta.url).pathname;
      const file = format === 'marcxml' ? fixture : tempFile('cjk.mrc', yazMarcdump(['-i', 'marcxml', '-o', 'marc', fixture]));
      await importFile(file, format);
      const id = `${LIBRARY}:ocm%2012345678`;
      const record = await storage.catalog.getRecord(id);
      assert.equal(record?.title, '紅樓夢');
      assert.deepEqual(record?.creators, [{ name: '曹雪芹', dates: 'ca. 1717-1763' }]);
      assert.deepEqual(record?.identifiers.isbn, ['9787020002207']);
      assert.equal(record?.language, 'zh');
      for (const q of ['紅樓夢', 'Hong lou meng', '曹雪芹', 'Cao Xueqin']) {
        const found = await storage.search.search({ q, sort: 'relevance', offset: 0, limit: 10, facets: [] });
        assert.deepEqual(
          found.hits.map((hit) => hit.id),
          [id],
          q,
        );
      }
    });
  }
});

describe('the import command with MARC files', { skip }, () => {
  const quietly = { quiet: true, stdout: { write: () => true } as never };

  it('tells ISO 2709 (gzip) and MARCXML (prefixed or not) apart without --format', async () => {
    const iso = await importCommand({ storage, member: LIBRARY, file: ZEBRA_MARC21, ...quietly });
    assert.equal(iso.format, 'marc21');
    assert.equal(iso.inserted, 23);
    for (const file of ZEBRA_MARCXML.filter((name) => name.includes('collection-2') || name.includes('opera'))) {
      assert.equal((await importCommand({ storage, member: LIBRARY, file, ...quietly })).format, 'marcxml', file);
    }
  });

  it('asks for --format when the first bytes do not say, and names the profiles when one is wrong', async () => {
    const csv = tempFile('titles.csv', 'id,title\n1,Emma\n');
    await assert.rejects(
      importCommand({ storage, member: LIBRARY, file: csv, ...quietly }),
      /Cannot tell the format of .*titles\.csv.*give --format, one of tate, goodbooks/,
    );
    await assert.rejects(
      importCommand({ storage, member: LIBRARY, file: ZEBRA_MARC21, holdings: 'sierra', ...quietly }),
      /Unknown holdings profile "sierra"\. Profiles: auto, koha, marc852, none\./,
    );
  });

  it('leaves copies out with --holdings none', async () => {
    const fixture = new URL('./fixtures/marc/koha-items.xml', import.meta.url).pathname;
    const summary = await importCommand({ storage, member: LIBRARY, file: fixture, holdings: 'none', ...quietly });
    assert.equal(summary.warnings, 0);
    assert.deepEqual((await storage.catalog.getRecord(`${LIBRARY}:koha-1`))?.holdings, []);
  });
});
