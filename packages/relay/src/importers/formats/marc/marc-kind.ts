// What a MARC record describes, from leader/06 (type of record) and /07 (bibliographic level),
// with 007/008 to tell an e-book from a printed one. Authority, classification, holdings and
// community records describe no item for the catalogue: they are counted by kind, not imported.
import type { RecordType } from '@atrium/sdk';
import type { MarcRecord } from './marc-record.js';
import { controlField } from './marc-record.js';

export type MarcKind = { bibliographic: true; type: RecordType } | { bibliographic: false; kind: string };

const OTHER_KINDS: Record<string, string> = {
  z: 'authority record',
  w: 'classification record',
  q: 'community information record',
  u: 'holdings record',
  v: 'holdings record',
  x: 'holdings record',
  y: 'holdings record',
};

/** 008/23 (form of item) for books: o online, q direct electronic, s electronic. */
function isElectronic(record: MarcRecord): boolean {
  const form = controlField(record, '008')?.[23];
  if (form === 'o' || form === 'q' || form === 's') return true;
  return controlField(record, '007')?.startsWith('cr') === true;
}

function languageMaterial(record: MarcRecord, level: string): RecordType {
  if (level === 'a' || level === 'b') return 'article';
  if (level === 's' || level === 'i') return 'text';
  return isElectronic(record) ? 'ebook' : 'book';
}

export function marcKind(record: MarcRecord): MarcKind {
  const type = record.leader[6] ?? ' ';
  const level = record.leader[7] ?? ' ';
  const other = OTHER_KINDS[type];
  if (other !== undefined) return { bibliographic: false, kind: other };
  switch (type) {
    case 'a':
      return { bibliographic: true, type: languageMaterial(record, level) };
    case 't':
    case 'd':
      return { bibliographic: true, type: 'manuscript' };
    case 'c':
      return { bibliographic: true, type: 'text' };
    case 'e':
    case 'f':
      return { bibliographic: true, type: 'map' };
    case 'g':
      return { bibliographic: true, type: 'video' };
    case 'i':
    case 'j':
      return { bibliographic: true, type: 'audio' };
    case 'k':
      return { bibliographic: true, type: 'image' };
    case 'r':
      return { bibliographic: true, type: 'object' };
    case 'm':
    case 'o':
    case 'p':
      return { bibliographic: true, type: 'other' };
    default:
      return { bibliographic: false, kind: `record of unknown type (leader/06 "${type}")` };
  }
}
