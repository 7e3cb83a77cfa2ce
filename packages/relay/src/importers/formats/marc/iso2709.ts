// One ISO 2709 record (the MARC exchange format) from its bytes: the leader, the directory of
// fields, and each field's data, decoded by the coding the leader names (leader/09 `a`: UTF-8,
// blank: MARC-8). A record whose structure does not hold together is described, never guessed at.
import { isUtf8 } from 'node:buffer';
import { decodeMarc8 } from './marc8.js';
import { marcText, type MarcControlField, type MarcDataField, type MarcRecord } from './marc-record.js';

export const RECORD_TERMINATOR = 0x1d;
export const FIELD_TERMINATOR = 0x1e;
export const SUBFIELD_DELIMITER = 0x1f;
export const LEADER_LENGTH = 24;

export type ParsedRecord =
  | { record: MarcRecord; warnings: string[]; problem?: undefined }
  | { problem: { reason: string; detail: string }; controlNumber?: string; record?: undefined };

interface Layout {
  base: number;
  entrySize: number;
  lengthDigits: number;
  startDigits: number;
}

function digitsAt(bytes: Uint8Array, start: number, count: number): number | undefined {
  let value = 0;
  for (let i = start; i < start + count; i += 1) {
    const byte = bytes[i];
    if (byte === undefined || byte < 0x30 || byte > 0x39) return undefined;
    value = value * 10 + (byte - 0x30);
  }
  return value;
}

function digitOr(bytes: Uint8Array, at: number, fallback: number): number {
  return digitsAt(bytes, at, 1) ?? fallback;
}

/** The record length leader/00-04 states, or undefined when those are not digits. */
export function statedLength(bytes: Uint8Array, start: number): number | undefined {
  return digitsAt(bytes, start, 5);
}

/** Whether a record plausibly starts at `start` and ends, `length` bytes on, with its terminator. */
export function looksLikeRecordAt(bytes: Uint8Array, start: number, available: number): boolean {
  const length = statedLength(bytes, start);
  if (length === undefined || length <= LEADER_LENGTH + 1 || start + length > available) return false;
  if (bytes[start + length - 1] !== RECORD_TERMINATOR) return false;
  const base = digitsAt(bytes, start + 12, 5);
  return base !== undefined && base > LEADER_LENGTH && base < length && digitsAt(bytes, start + 24, 3) !== undefined;
}

function layout(bytes: Uint8Array, start: number, length: number): Layout | string {
  const base = digitsAt(bytes, start + 12, 5);
  if (base === undefined) return 'leader/12-16 (base address of data) is not a number';
  if (base <= LEADER_LENGTH || base > length - 1) return `base address ${base} lies outside the record of ${length} bytes`;
  const lengthDigits = digitOr(bytes, start + 20, 4);
  const startDigits = digitOr(bytes, start + 21, 5);
  const entrySize = 3 + lengthDigits + startDigits + digitOr(bytes, start + 22, 0);
  if (lengthDigits === 0 || startDigits === 0) return 'leader/20-21 (entry map) gives fields no length or start';
  if (bytes[start + base - 1] !== FIELD_TERMINATOR) return 'the directory does not end with a field terminator where the base address says';
  if ((base - 1 - LEADER_LENGTH) % entrySize !== 0)
    return `the directory's ${base - 1 - LEADER_LENGTH} bytes are not whole ${entrySize}-byte entries`;
  return { base, entrySize, lengthDigits, startDigits };
}

interface Entry {
  tag: string;
  from: number;
  to: number;
}

function directory(bytes: Uint8Array, start: number, length: number, shape: Layout): Entry[] | string {
  const entries: Entry[] = [];
  for (let at = start + LEADER_LENGTH; at < start + shape.base - 1; at += shape.entrySize) {
    const tag = Buffer.from(bytes.subarray(at, at + 3)).toString('latin1');
    const fieldLength = digitsAt(bytes, at + 3, shape.lengthDigits);
    const fieldStart = digitsAt(bytes, at + 3 + shape.lengthDigits, shape.startDigits);
    if (!/^[0-9A-Za-z]{3}$/.test(tag) || fieldLength === undefined || fieldStart === undefined) {
      return `directory entry ${entries.length + 1} ("${Buffer.from(bytes.subarray(at, at + shape.entrySize)).toString('latin1')}") is not a tag, length and start`;
    }
    const from = start + shape.base + fieldStart;
    const to = from + fieldLength;
    if (fieldLength === 0 || to > start + length - 1) return `field ${tag} (entry ${entries.length + 1}) runs past the end of the record`;
    if (bytes[to - 1] !== FIELD_TERMINATOR) return `field ${tag} (entry ${entries.length + 1}) does not end with a field terminator`;
    entries.push({ tag, from, to: to - 1 });
  }
  return entries;
}

function isControlTag(tag: string): boolean {
  return tag.startsWith('00');
}

/** Best effort at the 001 of a record that cannot be read whole, to name it in the report. */
export function guessControlNumber(bytes: Uint8Array, start: number, end: number): string | undefined {
  const base = digitsAt(bytes, start + 12, 5);
  for (let at = start + LEADER_LENGTH; at + 12 <= end && bytes[at] !== FIELD_TERMINATOR; at += 12) {
    if (bytes[at] !== 0x30 || bytes[at + 1] !== 0x30 || bytes[at + 2] !== 0x31) continue;
    const fieldLength = digitsAt(bytes, at + 3, 4);
    const fieldStart = digitsAt(bytes, at + 7, 5);
    if (base === undefined || fieldLength === undefined || fieldStart === undefined) return undefined;
    const from = start + base + fieldStart;
    const to = Math.min(from + fieldLength - 1, end);
    if (from >= end) return undefined;
    const text = Buffer.from(bytes.subarray(from, to)).toString('latin1');
    return /^[\x20-\x7e]+$/.test(text) ? text : undefined;
  }
  return undefined;
}

type Decode = (from: number, to: number) => string;

function decoder(bytes: Uint8Array, coding: string, warnings: Set<string>): Decode {
  if (coding === 'a') return (from, to) => marcText(Buffer.from(bytes.buffer, bytes.byteOffset + from, to - from).toString('utf8'));
  return (from, to) => {
    const decoded = decodeMarc8(bytes, from, to);
    for (const set of decoded.unsupportedSets) warnings.add(`MARC-8 ${set} characters are not decoded yet (shown as \uFFFD)`);
    if (decoded.undefinedBytes > 0) warnings.add('MARC-8 bytes that no character set defines were dropped');
    return marcText(decoded.text);
  };
}

function dataField(bytes: Uint8Array, entry: Entry, decode: Decode): MarcDataField {
  const ind = (at: number) => (at < entry.to && bytes[at] !== SUBFIELD_DELIMITER ? String.fromCharCode(bytes[at]!) : ' ');
  const field: MarcDataField = { tag: entry.tag, ind1: ind(entry.from), ind2: ind(entry.from + 1), subfields: [] };
  let at = bytes.indexOf(SUBFIELD_DELIMITER, entry.from);
  while (at !== -1 && at < entry.to) {
    const next = bytes.indexOf(SUBFIELD_DELIMITER, at + 1);
    const end = next === -1 || next > entry.to ? entry.to : next;
    if (at + 1 < end) field.subfields.push([String.fromCharCode(bytes[at + 1]!), decode(at + 2, end)]);
    at = next === -1 || next > entry.to ? -1 : next;
  }
  return field;
}

/** Parses the record of `length` bytes at `start` (its terminator already checked by the caller). */
export function parseIso2709(bytes: Uint8Array, start: number, length: number): ParsedRecord {
  const end = start + length;
  const broken = (reason: string, detail: string): ParsedRecord => {
    const controlNumber = guessControlNumber(bytes, start, end);
    return controlNumber === undefined ? { problem: { reason, detail } } : { problem: { reason, detail }, controlNumber };
  };
  const leader = Buffer.from(bytes.subarray(start, start + LEADER_LENGTH)).toString('latin1');
  const shape = layout(bytes, start, length);
  if (typeof shape === 'string') return broken('bad leader', shape);
  const entries = directory(bytes, start, length, shape);
  if (typeof entries === 'string') return broken('bad directory', entries);
  const coding = leader[9]!;
  if (coding !== 'a' && coding !== ' ')
    return broken('unknown character coding', `leader/09 is "${coding}", neither "a" (UTF-8) nor blank (MARC-8)`);
  if (coding === 'a' && !isUtf8(bytes.subarray(start + shape.base, end - 1))) {
    return broken('not valid UTF-8', 'leader/09 says UTF-8 but the data holds byte sequences that are not UTF-8 (perhaps Latin-1)');
  }
  const warnings = new Set<string>();
  const decode = decoder(bytes, coding, warnings);
  const controlFields: MarcControlField[] = [];
  const dataFields: MarcDataField[] = [];
  for (const entry of entries) {
    if (!isControlTag(entry.tag)) {
      dataFields.push(dataField(bytes, entry, decode));
      continue;
    }
    if (bytes.subarray(entry.from, entry.to).includes(SUBFIELD_DELIMITER)) {
      const subfieldA = dataField(bytes, entry, decode).subfields.find(([code]) => code === 'a')?.[1];
      return {
        problem: {
          reason: 'not MARC 21',
          detail: `control field ${entry.tag} has subfields, as danMARC2 and other national formats write it`,
        },
        ...(subfieldA === undefined ? {} : { controlNumber: subfieldA }),
      };
    }
    controlFields.push({ tag: entry.tag, value: decode(entry.from, entry.to) });
  }
  return { record: { leader, controlFields, dataFields }, warnings: [...warnings] };
}
