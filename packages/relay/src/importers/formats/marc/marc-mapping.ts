// The default mapping from a MARC 21 bibliographic record to an Atrium record (documented in
// docs/importing.md): title 245, creators 1XX/7XX, date 264/260 and 008, identifiers 010/020/
// 022/024/035, language 008/041, subjects 6XX, notes 5XX, series 490/830, extent 300, link 856.
import type { Creator } from '@atrium/sdk';
import type { RecordInput } from '../../../storage/catalog-store.js';
import type { RowProblem } from '../../import-format.js';
import { toIsbn13 } from '../../isbn.js';
import { toIso639_1 } from '../../language-code.js';
import { clean, uniqueClean, withoutUndefined } from '../../record-builder.js';
import { parseYear } from '../../year.js';
import { vernacularView } from './marc-880.js';
import { marcKind } from './marc-kind.js';
import type { MarcDataField, MarcRecord } from './marc-record.js';
import { controlField, dataFields, subfield, subfields } from './marc-record.js';
import { localIdFromControlNumber } from './marc-record-id.js';
import { joinSubfields, trimPunctuation } from './marc-text.js';

export type MarcMapResult =
  | { ok: true; record: RecordInput; warnings: RowProblem[] }
  | ({ ok: false; setAside?: undefined } & RowProblem)
  /** A record that is not bibliographic (authority, classification, ...): counted by kind. */
  | { ok: false; setAside: true; reason: string; detail: string };

const TITLE_CODES = 'abnp';
const PERSON_NAME_CODES = 'abcq';
const CORPORATE_NAME_CODES = 'abn';
const MEETING_NAME_CODES = 'aencq';
const SUBJECT_SUBDIVISIONS = 'vxyz';

export function titleOf(field: MarcDataField | undefined): string | undefined {
  return field === undefined ? undefined : joinSubfields(subfields(field, TITLE_CODES));
}

function nameOf(field: MarcDataField): string | undefined {
  const kind = field.tag.slice(1);
  const codes = kind === '00' ? PERSON_NAME_CODES : kind === '10' ? CORPORATE_NAME_CODES : MEETING_NAME_CODES;
  return joinSubfields(subfields(field, codes));
}

const RELATOR_CODES: Record<string, string> = {
  aut: 'author',
  cmp: 'composer',
  ctb: 'contributor',
  drt: 'director',
  edt: 'editor',
  ill: 'illustrator',
  prf: 'performer',
  pht: 'photographer',
  trl: 'translator',
};

function creatorOf(field: MarcDataField): Creator | undefined {
  const name = nameOf(field);
  if (name === undefined) return undefined;
  const terms = uniqueClean(subfields(field, field.tag.endsWith('11') ? 'j' : 'e').map(trimPunctuation));
  const codes = subfields(field, '4').map((code) => RELATOR_CODES[code.trim()] ?? clean(code));
  const role = terms[0] ?? codes.find((code) => code !== undefined);
  const dates = trimPunctuation(field.tag.endsWith('11') ? undefined : subfield(field, 'd'));
  return withoutUndefined({ name, role, dates });
}

function creatorsOf(record: MarcRecord): Creator[] {
  const seen = new Set<string>();
  const creators: Creator[] = [];
  for (const field of dataFields(record, '100', '110', '111', '700', '710', '711')) {
    const creator = creatorOf(field);
    if (creator === undefined || seen.has(creator.name)) continue;
    seen.add(creator.name);
    creators.push(creator);
  }
  return creators;
}

function dateOf(record: MarcRecord): string | undefined {
  const published = dataFields(record, '264').find((field) => field.ind2 === '1') ?? dataFields(record, '264')[0];
  const field = published ?? dataFields(record, '260')[0];
  return field === undefined ? undefined : trimPunctuation(subfields(field, 'c').join(' '));
}

function yearOf(record: MarcRecord, date: string | undefined): number | undefined {
  const fixed = controlField(record, '008')?.slice(7, 11);
  if (fixed !== undefined && /^\d{4}$/.test(fixed) && fixed !== '0000' && fixed !== '9999') return Number(fixed);
  return parseYear(date);
}

const NO_LANGUAGE = new Set(['und', 'mul', 'zxx', '   ', '|||']);

function languageOf(record: MarcRecord): string | undefined {
  const fixed = controlField(record, '008')?.slice(35, 38);
  if (fixed !== undefined && fixed.length === 3 && !NO_LANGUAGE.has(fixed)) return toIso639_1(fixed);
  for (const field of dataFields(record, '041')) {
    // Older records run several codes together in one $a ("grchebeng").
    for (const value of subfields(field, 'a')) {
      for (let i = 0; i + 3 <= value.length; i += 3) {
        const code = toIso639_1(value.slice(i, i + 3));
        if (code !== undefined) return code;
      }
    }
  }
  return undefined;
}

const STANDARD_NUMBER_SCHEMES: Record<string, string> = { '0': 'isrc', '1': 'upc', '2': 'ismn', '3': 'ean' };

function identifiersOf(record: MarcRecord, controlNumber: string, warnings: RowProblem[]): Record<string, string[]> {
  const lists: Record<string, string[]> = { local: [controlNumber] };
  const add = (scheme: string, value: string | undefined) => {
    const text = clean(value);
    if (text === undefined) return;
    const list = (lists[scheme] ??= []);
    if (!list.includes(text)) list.push(text);
  };
  for (const field of dataFields(record, '010')) add('lccn', subfield(field, 'a'));
  for (const field of dataFields(record, '020')) {
    const raw = subfield(field, 'a');
    if (raw === undefined) continue;
    // "0839108826 (pbk.)": the number is the first word.
    const isbn = toIsbn13(raw.trim().split(/\s+/)[0] ?? '');
    if (isbn !== undefined) add('isbn', isbn);
    else warnings.push({ reason: 'invalid ISBN', detail: `020 $a "${raw.trim()}" is not an ISBN (wrong length or check digit)` });
  }
  for (const field of dataFields(record, '022')) add('issn', subfield(field, 'a'));
  for (const field of dataFields(record, '024')) {
    const scheme = STANDARD_NUMBER_SCHEMES[field.ind1] ?? clean(subfield(field, '2')) ?? 'standard';
    add(scheme, subfield(field, 'a'));
  }
  for (const field of dataFields(record, '035')) add('system', subfield(field, 'a'));
  return lists;
}

function subjectOf(field: MarcDataField): string | undefined {
  const heading = joinSubfields(subfields(field, /^6[013]/.test(field.tag) ? 'abcdnpqt' : 'ab'));
  const subdivisions = subfields(field, SUBJECT_SUBDIVISIONS).map(trimPunctuation);
  return uniqueClean([[heading, ...subdivisions].filter(Boolean).join(' -- ')])[0];
}

function descriptionOf(record: MarcRecord, romanised: readonly string[]): string | undefined {
  const notes = record.dataFields.filter((field) => field.tag.startsWith('5')).map((field) => clean(subfields(field, 'a').join(' ')));
  const lines = uniqueClean([...notes]);
  // The romanised forms of a vernacular record stay searchable where the description is.
  if (romanised.length > 0) lines.push(`Romanised: ${romanised.join(' / ')}`);
  return lines.length === 0 ? undefined : lines.join('\n');
}

function seriesOf(record: MarcRecord): string | undefined {
  const field = dataFields(record, '490', '830')[0];
  return field === undefined ? undefined : joinSubfields(subfields(field, 'anpv'));
}

function physicalDescriptionOf(record: MarcRecord): string | undefined {
  const field = dataFields(record, '300')[0];
  return field === undefined ? undefined : joinSubfields(subfields(field, 'abce'));
}

function urlOf(record: MarcRecord): string | undefined {
  for (const field of dataFields(record, '856')) {
    for (const value of subfields(field, 'u')) {
      const url = value.trim();
      if (/^https?:\/\/[^\s]+$/i.test(url)) return url;
    }
  }
  return undefined;
}

export function marcToRecord(source: MarcRecord, member: string): MarcMapResult {
  const kind = marcKind(source);
  if (!kind.bibliographic) return { ok: false, setAside: true, reason: kind.kind, detail: `leader/06 "${source.leader[6]}"` };
  const controlNumber = controlField(source, '001');
  const localId = localIdFromControlNumber(controlNumber);
  if (localId === undefined) {
    return { ok: false, reason: 'missing 001', detail: 'the record has no control number (001) to give it a stable id' };
  }
  const { record, romanised } = vernacularView(source);
  const title = titleOf(dataFields(record, '245')[0]);
  if (title === undefined) return { ok: false, reason: 'missing title', detail: 'the record has no 245 $a, $b, $n or $p' };
  const warnings: RowProblem[] = [];
  const date = dateOf(record);
  const romanisedText = uniqueClean([
    ...romanised.filter((field) => field.tag === '245').map(titleOf),
    ...romanised.filter((field) => /^[17](00|10|11)$/.test(field.tag)).map(nameOf),
  ]);
  const result: RecordInput = withoutUndefined({
    id: `${member}:${localId}`,
    member,
    type: kind.type,
    title,
    creators: creatorsOf(record),
    date,
    year: yearOf(record, date),
    subjects: uniqueClean(record.dataFields.filter((field) => /^6[0-9]{2}$/.test(field.tag)).map(subjectOf)),
    description: descriptionOf(record, romanisedText),
    language: languageOf(record),
    identifiers: identifiersOf(record, clean(controlNumber)!, warnings),
    url: urlOf(record),
    series: seriesOf(record),
    physicalDescription: physicalDescriptionOf(record),
    holdings: [],
  });
  return { ok: true, record: result, warnings };
}
