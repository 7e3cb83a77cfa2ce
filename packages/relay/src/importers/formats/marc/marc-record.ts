// A MARC record as the readers hand it on, whichever serialisation it came in (ISO 2709 or
// MARCXML): the leader, control fields (001–009) and data fields with their subfields, all
// text already decoded to Unicode (NFC).

export interface MarcDataField {
  tag: string;
  ind1: string;
  ind2: string;
  /** [code, value] pairs in the order the record gives them. */
  subfields: [code: string, value: string][];
}

export interface MarcControlField {
  tag: string;
  value: string;
}

export interface MarcRecord {
  leader: string;
  controlFields: MarcControlField[];
  dataFields: MarcDataField[];
}

/** One record read from a file, or why the bytes at that position could not be read as one. */
export type MarcReading = ReadingPlace &
  (
    | { record: MarcRecord; warnings?: string[]; problem?: undefined }
    | { controlNumber?: string; problem: { reason: string; detail: string }; record?: undefined }
  );

export interface ReadingPlace {
  /** 1-based: the how-manyeth record (or broken stretch) of the file. */
  position: number;
  /** ISO 2709: the byte in the (decompressed) file where it starts. */
  offset?: number;
  /** MARCXML: the line where its record element starts. */
  line?: number;
}

export function controlField(record: MarcRecord, tag: string): string | undefined {
  return record.controlFields.find((field) => field.tag === tag)?.value;
}

export function dataFields(record: MarcRecord, ...tags: string[]): MarcDataField[] {
  return record.dataFields.filter((field) => tags.includes(field.tag));
}

export function subfield(field: MarcDataField, code: string): string | undefined {
  for (const [key, value] of field.subfields) if (key === code) return value;
  return undefined;
}

export function subfields(field: MarcDataField, codes: string): string[] {
  const out: string[] = [];
  for (const [key, value] of field.subfields) if (codes.includes(key)) out.push(value);
  return out;
}

/**
 * Where a reading sits in its file beyond its position (which reports give as "record N"):
 * its 001 and the byte or line where it starts, as a person looking for it would want them.
 */
export function describePosition(place: ReadingPlace, controlNumber: string | undefined): string {
  const parts: string[] = [];
  if (controlNumber !== undefined && controlNumber.trim() !== '') parts.push(`001 "${controlNumber.trim()}"`);
  else parts.push('no 001');
  if (place.offset !== undefined) parts.push(`byte ${place.offset}`);
  if (place.line !== undefined) parts.push(`line ${place.line}`);
  return parts.join(', ');
}

const HALF_MARKS = /[\uFE20-\uFE23\u0098\u009C]/;

/**
 * Text as it is stored: NFC, with the non-sort marks dropped, and ligatures and double tildes
 * written as Unicode's one double mark after the first letter rather than as two half marks
 * (U+FE20–FE23, which few fonts draw), so a record reads the same whether it came in MARC-8 or UTF-8.
 */
export function marcText(value: string): string {
  if (!HALF_MARKS.test(value)) return value.normalize('NFC');
  return value
    .replace(/\u0098|\u009C|\uFE21|\uFE23/g, '')
    .replace(/\uFE20/g, '\u0361')
    .replace(/\uFE22/g, '\u0360')
    .normalize('NFC');
}
