// The MARC import formats: `marc21` (ISO 2709, plain or gzip) and `marcxml`. Each record read
// is one row, numbered by its position in the file; broken records are reported by position
// and 001, records of other kinds (authority, classification) are counted, and copies come
// from the record's item fields by the holdings profile.
import type { Readable } from 'node:stream';
import type { ImportFormat, MapContext, MapResult } from '../../import-format.js';
import type { SourceRow } from '../../source-row.js';
import { branchResolver, holdingsOf, type HoldingsProfile } from './marc-holdings.js';
import { marcToRecord } from './marc-mapping.js';
import { controlField, describePosition, type MarcReading, type MarcRecord, type ReadingPlace } from './marc-record.js';
import { readIso2709 } from './read-iso2709.js';
import { readMarcXml } from './read-marcxml.js';

interface MarcRow {
  record: MarcRecord;
  place: ReadingPlace;
  warnings: string[];
}

async function* rows(readings: AsyncGenerator<MarcReading>): AsyncGenerator<SourceRow> {
  for await (const reading of readings) {
    const place: ReadingPlace = { position: reading.position };
    if (reading.offset !== undefined) place.offset = reading.offset;
    if (reading.line !== undefined) place.line = reading.line;
    if (reading.record !== undefined) {
      const value: MarcRow = { record: reading.record, place, warnings: reading.warnings ?? [] };
      yield { lineNumber: reading.position, value };
    } else {
      const where = describePosition(place, reading.controlNumber);
      yield { lineNumber: reading.position, error: { reason: reading.problem.reason, detail: `${where}: ${reading.problem.detail}` } };
    }
  }
}

function mapper(profile: HoldingsProfile) {
  let resolverFor: { branches: MapContext['branches']; resolve: (code: string) => string | undefined } | undefined;
  return (value: unknown, context: MapContext): MapResult => {
    const row = value as MarcRow;
    const where = describePosition(row.place, controlField(row.record, '001'));
    const mapped = marcToRecord(row.record, context.member);
    if (!mapped.ok) return { ...mapped, detail: `${where}: ${mapped.detail}` };
    const branches = { member: context.member, branches: context.branches ?? [] };
    if (resolverFor?.branches !== context.branches) resolverFor = { branches: context.branches, resolve: branchResolver(branches) };
    const copies = holdingsOf(row.record, profile, branches, resolverFor!.resolve);
    mapped.record.holdings = copies.holdings;
    const warnings = [
      ...row.warnings.map((reason) => ({ reason, detail: `${where}: ${reason}` })),
      ...mapped.warnings.map((warning) => ({ reason: warning.reason, detail: `${where}: ${warning.detail}` })),
      ...copies.warnings.map((warning) => ({ reason: warning.reason, detail: `${where}: ${warning.detail}` })),
    ];
    return warnings.length > 0 ? { ok: true, record: mapped.record, warnings } : { ok: true, record: mapped.record };
  };
}

function marcFormat(name: string, read: (content: Readable) => AsyncGenerator<MarcReading>, profile: HoldingsProfile): ImportFormat {
  return {
    name,
    input: 'records',
    rowUnit: 'record',
    // Ids, URLs and codes come from the member's file as they are, so records are checked.
    checkOutput: true,
    readRows: (content) => rows(read(content)),
    toRecord: mapper(profile),
  };
}

export function marc21Format(options: { holdings?: HoldingsProfile } = {}): ImportFormat {
  return marcFormat('marc21', readIso2709, options.holdings ?? 'auto');
}

export function marcXmlFormat(options: { holdings?: HoldingsProfile } = {}): ImportFormat {
  return marcFormat('marcxml', readMarcXml, options.holdings ?? 'auto');
}
