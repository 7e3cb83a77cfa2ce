// 880 fields hold a field in its own script (Chinese, Japanese, Korean, Cyrillic, ...) beside
// the romanised field they are linked to by $6 ("245-01/$1" in the 880, "880-01" in the 245).
// The record is shown in its own script, so the vernacular field takes the romanised one's
// place; the romanised text is kept aside so that a search in romanisation still finds it.
import type { MarcDataField, MarcRecord } from './marc-record.js';
import { subfield } from './marc-record.js';

export interface VernacularView {
  /** The record with each linked field in its own script, and unlinked 880s under their own tag. */
  record: MarcRecord;
  /** The romanised fields that a vernacular one replaced, by tag. */
  romanised: MarcDataField[];
}

/** "245-01/$1" → tag 245, occurrence 01. */
function linkage(field: MarcDataField): { tag: string; occurrence: string } | undefined {
  const link = subfield(field, '6');
  const match = link === undefined ? null : /^(\d{3})-(\d{2,})/.exec(link.trim());
  return match ? { tag: match[1]!, occurrence: match[2]! } : undefined;
}

function withoutLinkage(field: MarcDataField, tag: string): MarcDataField {
  return { ...field, tag, subfields: field.subfields.filter(([code]) => code !== '6') };
}

export function vernacularView(record: MarcRecord): VernacularView {
  const vernacular = record.dataFields.filter((field) => field.tag === '880');
  if (vernacular.length === 0) return { record, romanised: [] };
  const byLink = new Map<string, MarcDataField>();
  const unlinked: MarcDataField[] = [];
  for (const field of vernacular) {
    const link = linkage(field);
    if (link === undefined) continue;
    if (/^0+$/.test(link.occurrence)) unlinked.push(withoutLinkage(field, link.tag));
    else byLink.set(`${link.tag}-${link.occurrence}`, field);
  }
  const romanised: MarcDataField[] = [];
  const dataFields: MarcDataField[] = [];
  for (const field of record.dataFields) {
    if (field.tag === '880') continue;
    const link = linkage(field);
    const partner = link?.tag === '880' ? byLink.get(`${field.tag}-${link.occurrence}`) : undefined;
    if (partner === undefined) {
      dataFields.push(field);
      continue;
    }
    dataFields.push(withoutLinkage(partner, field.tag));
    romanised.push(field);
  }
  return { record: { ...record, dataFields: [...dataFields, ...unlinked] }, romanised };
}
