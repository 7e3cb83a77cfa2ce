// OAI-PMH pages as repositories in the wild write them, read without a server: prefixed or
// default namespaces, fractions of a second in datestamps, pages cut off part-way, pages that
// are not OAI-PMH at all.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { HarvestRun } from '../src/harvest/oai-pmh/harvest-run.js';
import { harvestFormat } from '../src/harvest/oai-pmh/metadata-format.js';
import { MalformedResponseError, OaiResponseReader, type RawRecord, TruncatedResponseError } from '../src/harvest/oai-pmh/oai-response.js';
import { openStorage, type Storage } from '../src/storage/index.js';
import { MEMBERS } from './helpers/catalog-fixtures.js';

const MEMBER = 'harbour-museum';
const MARC_NS = 'http://www.loc.gov/MARC21/slim';
const IDENTIFY = {
  granularity: 'YYYY-MM-DDThh:mm:ssZ' as const,
  deletedRecord: 'persistent' as const,
  repositoryIdentifier: 'museum.example.org',
};

function read(xml: string): { records: RawRecord[]; response: ReturnType<OaiResponseReader['end']> } {
  const records: RawRecord[] = [];
  const reader = new OaiResponseReader((record) => records.push(record));
  // In small pieces, as a page arrives over the network.
  for (let i = 0; i < xml.length; i += 7) reader.write(xml.slice(i, i + 7));
  return { records, response: reader.end() };
}

const PAGE = `<?xml version="1.0" encoding="UTF-8"?>
<oai:OAI-PMH xmlns:oai="http://www.openarchives.org/OAI/2.0/">
  <oai:responseDate>2024-05-01T12:00:00Z</oai:responseDate>
  <oai:ListRecords>
    <oai:record>
      <oai:header><oai:identifier>oai:museum.example.org:obj/17 a</oai:identifier><oai:datestamp>2024-04-30T08:15:00.250Z</oai:datestamp><oai:setSpec>prints</oai:setSpec></oai:header>
      <oai:metadata>
        <dc xmlns="http://www.openarchives.org/OAI/2.0/oai_dc/"><title xmlns="http://purl.org/dc/elements/1.1/"><![CDATA[Harbour at dusk & dawn]]></title><date xmlns="http://purl.org/dc/elements/1.1/">1872</date><identifier xmlns="http://purl.org/dc/elements/1.1/">https://museum.example.org/obj/17</identifier></dc>
      </oai:metadata>
    </oai:record>
    <oai:record><oai:header status="deleted"><oai:identifier>oai:museum.example.org:obj/18</oai:identifier><oai:datestamp>2024-04-30T09:00:00Z</oai:datestamp></oai:header></oai:record>
    <oai:resumptionToken completeListSize="120" cursor="0">next-page</oai:resumptionToken>
  </oai:ListRecords>
</oai:OAI-PMH>`;

describe('OAI-PMH pages', () => {
  let storage: Storage;
  before(async () => {
    storage = await openStorage({ databaseUrl: 'sqlite::memory:' });
    await storage.catalog.upsertMembers(MEMBERS);
  });
  after(() => storage?.close());

  it('reads prefixed and default namespaces, CDATA, deletions and the resumption token', () => {
    const { records, response } = read(PAGE);
    assert.equal(response.verb, 'ListRecords');
    assert.deepEqual(response.resumptionToken, { value: 'next-page', completeListSize: 120, cursor: 0 });
    assert.equal(records.length, 2);
    assert.equal(records[0]!.header.identifier, 'oai:museum.example.org:obj/17 a');
    assert.deepEqual(records[0]!.header.setSpecs, ['prints']);
    assert.equal(records[1]!.header.status, 'deleted');
    assert.equal(records[1]!.metadata, undefined);
  });

  it('maps the oai_dc record to an Atrium record; a datestamp with a fraction counts by its second', async () => {
    const run = new HarvestRun(storage.catalog, MEMBER, harvestFormat('oai_dc'), IDENTIFY);
    await run.apply(read(PAGE).records, 1);
    assert.equal(run.counts.added, 1);
    assert.equal(run.counts.rejected, 0);
    assert.equal(run.runDatestamp, '2024-04-30T09:00:00Z');
    const [record] = await storage.catalog.getRecords([`${MEMBER}:obj/17%20a`]);
    assert.equal(record?.title, 'Harbour at dusk & dawn');
    assert.equal(record?.year, 1872);
    assert.equal(record?.url, 'https://museum.example.org/obj/17');
  });

  it('maps MARCXML records with their 880 script fields and Koha copies, naming the record by its OAI identifier', async () => {
    const fixture = readFileSync(new URL('./fixtures/marc/cjk-880.xml', import.meta.url), 'utf8');
    const koha = readFileSync(new URL('./fixtures/marc/koha-items.xml', import.meta.url), 'utf8');
    const between = (xml: string, open: string, close: string) => xml.slice(xml.indexOf(open), xml.indexOf(close) + close.length);
    // One record prefixed (marc:record, as the fixture has it), one unprefixed inside a collection.
    const prefixed = between(fixture, '<marc:record>', '</marc:record>').replace('<marc:record>', `<marc:record xmlns:marc="${MARC_NS}">`);
    const collection = `<collection xmlns="${MARC_NS}">${between(koha, '<record>', '</record>')}</collection>`;
    const page = `<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2024-05-01T12:00:00Z</responseDate><ListRecords>
      <record><header><identifier>oai:museum.example.org:cjk-1</identifier><datestamp>2024-04-30T08:00:00Z</datestamp></header>
        <metadata>${prefixed}</metadata></record>
      <record><header><identifier>oai:museum.example.org:koha-1</identifier><datestamp>2024-04-30T08:00:00Z</datestamp></header>
        <metadata>${collection}</metadata></record>
      <record><header><identifier>oai:museum.example.org:dc-1</identifier><datestamp>2024-04-30T08:00:00Z</datestamp></header>
        <metadata><dc xmlns="http://www.openarchives.org/OAI/2.0/oai_dc/"><title xmlns="http://purl.org/dc/elements/1.1/">Not MARC</title></dc></metadata></record>
    </ListRecords></OAI-PMH>`;
    const museum = MEMBERS.find((member) => member.id === MEMBER)!;
    const run = new HarvestRun(storage.catalog, MEMBER, harvestFormat('marcxml', { member: MEMBER, branches: museum.branches }), IDENTIFY);
    await run.apply(read(page).records, 1);
    assert.deepEqual(
      run.problems.map((problem) => problem.reason),
      ['not MARCXML'],
      JSON.stringify(run.problems),
    );
    assert.equal(run.counts.added, 2);
    const [cjk, copies] = await storage.catalog.getRecords([`${MEMBER}:cjk-1`, `${MEMBER}:koha-1`]);
    assert.equal(cjk?.title, '紅樓夢');
    assert.equal(cjk?.language, 'zh');
    assert.equal(copies?.title, 'Pride and prejudice');
    assert.equal(copies?.holdings.length, 6);
    assert.deepEqual(copies?.holdings[1], {
      member: MEMBER,
      branch: 'north',
      callNumber: 'FIC AUS',
      status: 'on-loan',
      dueDate: '2026-12-24',
    });
  });

  it('reads the formats a repository offers, to name them when it cannot give the one asked for', () => {
    const { response } = read(`<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2024-05-01T12:00:00Z</responseDate>
      <ListMetadataFormats><metadataFormat><metadataPrefix>oai_dc</metadataPrefix><schema>x</schema></metadataFormat>
      <metadataFormat><metadataPrefix> marcxml </metadataPrefix></metadataFormat></ListMetadataFormats></OAI-PMH>`);
    assert.deepEqual(response.metadataPrefixes, ['oai_dc', 'marcxml']);
  });

  it('tells a page cut off part-way from one that is not OAI-PMH', () => {
    assert.throws(() => read(PAGE.slice(0, PAGE.indexOf('</oai:record>'))), TruncatedResponseError);
    assert.throws(() => read('<html><body>Service unavailable</body></html>'), MalformedResponseError);
    assert.throws(
      () => read('<oai:OAI-PMH xmlns:oai="http://www.openarchives.org/OAI/2.0/"><oai:ListRecords></oai:OAI-PMH>'),
      MalformedResponseError,
    );
  });
});
