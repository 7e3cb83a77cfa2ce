// The MARC readers against real records and a real peer: every record of the idzebra examples
// (ISO 2709 and six MARCXML collections) reads field for field as yaz-marcdump reads it; broken
// records between good ones are reported by position and 001 and the good ones still read.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import type { MarcReading, MarcRecord } from '../src/importers/formats/marc/marc-record.js';
import { readIso2709 } from '../src/importers/formats/marc/read-iso2709.js';
import { readMarcXml } from '../src/importers/formats/marc/read-marcxml.js';
import { ZEBRA_MARC21, ZEBRA_MARCXML, missingPeers, yazMarcdump, yazRecords } from './helpers/yaz-marc.js';

const skip = missingPeers();
const dir = mkdtempSync(join(tmpdir(), 'atrium-marc-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function tempFile(name: string, bytes: Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

async function readAll(readings: AsyncGenerator<MarcReading>): Promise<MarcReading[]> {
  const out: MarcReading[] = [];
  for await (const reading of readings) out.push(reading);
  return out;
}

/** The bytes in small chunks, so records and escapes straddle chunk boundaries. */
function chunked(bytes: Buffer, size = 97): Readable {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return Readable.from(chunks);
}

function records(readings: MarcReading[]): MarcRecord[] {
  return readings.flatMap((reading) => (reading.record === undefined ? [] : [reading.record]));
}

const sampleBytes = () => gunzipSync(readFileSync(ZEBRA_MARC21));

/** The ISO 2709 records of the sample, each as its own bytes. */
function sampleRecords(): Buffer[] {
  const bytes = sampleBytes();
  const out: Buffer[] = [];
  for (let at = 0; at + 24 < bytes.length && /^\d{5}$/.test(bytes.subarray(at, at + 5).toString('latin1'));) {
    const length = Number(bytes.subarray(at, at + 5).toString('latin1'));
    out.push(bytes.subarray(at, at + length));
    at += length;
  }
  return out;
}

describe('ISO 2709 reader', { skip }, () => {
  it('reads every MARC 21 record of the idzebra sample as yaz-marcdump does, and reports the danMARC2 one', async () => {
    const readings = await readAll(readIso2709(chunked(sampleBytes())));
    const expected = yazRecords(tempFile('sample.mrc', sampleBytes()));
    assert.equal(readings.length, expected.length, 'one reading per record, the trailing padding ignored');
    const danish = readings.find((reading) => reading.problem !== undefined);
    assert.equal(danish?.problem?.reason, 'not MARC 21');
    assert.equal(danish?.controlNumber, 'D000015937');
    assert.deepEqual(
      records(readings),
      expected.filter((record) => !record.leader.startsWith('00725nam0')),
    );
  });

  it('reads records that claim MARC-8 as yaz-marcdump decodes them, diacritics and all', async () => {
    for (const file of ZEBRA_MARCXML) {
      const marc8 = yazMarcdump(['-i', 'marcxml', '-o', 'marc', '-f', 'utf-8', '-t', 'marc-8', '-l', '9=32', file]);
      const path = tempFile('marc8.mrc', marc8);
      const readings = await readAll(readIso2709(chunked(marc8)));
      assert.ok(
        readings.every((reading) => reading.record !== undefined && reading.record.leader[9] === ' '),
        file,
      );
      assert.deepEqual(records(readings), yazRecords(path, ['-i', 'marc', '-f', 'marc-8', '-t', 'utf-8', '-l', '9=32']), file);
    }
  });

  it('decodes every byte of the MARC-8 Extended Latin set, diacritics before their letter, as yaz-marcdump does', async () => {
    const spacing = [...Array(0x29).keys()]
      .map((i) => 0xa1 + i)
      .filter((byte) => byte !== 0xaf && byte !== 0xbb && byte !== 0xbe && byte !== 0xbf);
    const combining = [...Array(0x1c).keys()].map((i) => 0xe0 + i).concat([0xfe]);
    const fields: [string, Buffer][] = [
      ['001', Buffer.from('ansel')],
      ['245', Buffer.concat([Buffer.from('10\x1fa'), Buffer.from(spacing.flatMap((byte) => [byte, 0x20]))])],
      ...combining.map((byte): [string, Buffer] => ['500', Buffer.from([0x20, 0x20, 0x1f, 0x61, byte, 0x61, 0x62])]),
      // Two diacritics on one letter, a ligature across two, and the subscript set.
      ['500', Buffer.from('  \x1fa\xe3\xf2a \xebi\xeca \x1bb12\x1bs.', 'latin1')],
    ];
    const bytes = iso2709(fields);
    const [reading] = await readAll(readIso2709(Readable.from([bytes])));
    assert.deepEqual(reading?.record, yazRecords(tempFile('ansel.mrc', bytes), ['-f', 'marc-8', '-t', 'utf-8'])[0]);
    assert.equal(reading?.record?.dataFields.at(-1)?.subfields[0]?.[1], 'ậ i\u0361a ₁₂.');
  });

  it('reports a bad leader, stray bytes, a bad directory and a cut-off record by position and 001, and reads the records around them', async () => {
    const [first, second, third, fourth, fifth, sixth] = sampleRecords() as [Buffer, Buffer, Buffer, Buffer, Buffer, Buffer];
    const badLeader = Buffer.from(second);
    badLeader.write('0x3', 0, 'latin1');
    const badDirectory = Buffer.from(fifth);
    badDirectory.write('X', 24 + 12 + 4, 'latin1');
    const cutOff = sixth.subarray(0, sixth.length - 40);
    const file = Buffer.concat([first, badLeader, third, Buffer.from('stray!\r\n'), fourth, badDirectory, first, cutOff]);
    const readings = await readAll(readIso2709(chunked(file, 50)));
    const summary = readings.map((reading) => reading.problem?.reason ?? controlNumber(reading.record!));
    assert.deepEqual(summary, [
      '11224466',
      'bad leader',
      '73090924 //r82',
      'stray bytes',
      '73209622 //r823',
      'bad directory',
      '11224466',
      'bad record length',
    ]);
    assert.deepEqual(
      readings.filter((reading) => reading.problem !== undefined).map((reading) => [reading.position, reading.controlNumber?.trim()]),
      [
        [2, '11224467'],
        [4, undefined],
        [6, '76357895 /MAP/r82'],
        [8, '77000348'],
      ],
    );
    assert.equal(readings[1]!.offset, first.length, 'the broken record is named by where it starts');
  });
});

/** An ISO 2709 record (leader/09 blank: MARC-8) from its fields' bytes. */
function iso2709(fields: [string, Buffer][]): Buffer {
  let directory = '';
  const data: Buffer[] = [];
  let at = 0;
  for (const [tag, body] of fields) {
    const field = Buffer.concat([body, Buffer.from([0x1e])]);
    directory += `${tag}${String(field.length).padStart(4, '0')}${String(at).padStart(5, '0')}`;
    data.push(field);
    at += field.length;
  }
  const base = 24 + directory.length + 1;
  const length = base + at + 1;
  const leader = `${String(length).padStart(5, '0')}nam  22${String(base).padStart(5, '0')} a 4500`;
  return Buffer.concat([Buffer.from(leader + directory + '\x1e', 'latin1'), ...data, Buffer.from([0x1d])]);
}

function controlNumber(record: MarcRecord): string | undefined {
  return record.controlFields.find((field) => field.tag === '001')?.value.trim();
}

describe('MARCXML reader', { skip }, () => {
  it('reads the six idzebra collections, with and without the marc: prefix, as yaz-marcdump does', async () => {
    for (const file of ZEBRA_MARCXML) {
      const bytes = file.endsWith('.gz') ? gunzipSync(readFileSync(file)) : readFileSync(file);
      const readings = await readAll(readMarcXml(chunked(bytes, 113)));
      assert.ok(readings.length > 0, file);
      assert.deepEqual(records(readings), yazRecords(file, ['-i', 'marcxml']), file);
    }
  });

  it('reads a single record without a collection, and reports a record with no leader by position and 001', async () => {
    const lone = `<?xml version="1.0"?><record xmlns="http://www.loc.gov/MARC21/slim"><leader>00000nam a2200000 a 4500</leader><controlfield tag="001">x1</controlfield><datafield tag="245" ind1="1" ind2="0"><subfield code="a">Alone</subfield></datafield></record>`;
    const [alone] = await readAll(readMarcXml(Readable.from([Buffer.from(lone)])));
    assert.deepEqual(alone?.record?.dataFields, [{ tag: '245', ind1: '1', ind2: '0', subfields: [['a', 'Alone']] }]);
    const collection = `<collection xmlns="http://www.loc.gov/MARC21/slim">
<record><controlfield tag="001">no-leader</controlfield></record>
<record><leader>00000nam a2200000 a 4500</leader><controlfield tag="001">good</controlfield></record>
</collection>`;
    const readings = await readAll(readMarcXml(Readable.from([Buffer.from(collection)])));
    assert.deepEqual(
      readings.map((reading) => [
        reading.position,
        reading.line,
        reading.problem?.reason,
        reading.problem === undefined ? undefined : reading.controlNumber,
      ]),
      [
        [1, 2, 'bad record', 'no-leader'],
        [2, 3, undefined, undefined],
      ],
    );
  });
});
