// Catalogue records a librarian links in an answer: every id must name a record of the union
// catalog, and each link keeps the record's title as it was when the librarian answered.
import type { LinkedRecord } from '@atrium/sdk';
import type { CatalogStore } from '../../storage/catalog-store.js';
import type { LinkedRecordRow } from '../../storage/reference-store.js';
import { QuestionRefusal } from './question-refusal.js';

/** The records for these ids, in the same order; a 422 naming every id the catalogue does not have. */
export async function resolveLinkedRecords(catalog: CatalogStore, ids: readonly string[]): Promise<LinkedRecordRow[]> {
  if (ids.length === 0) return [];
  const found = new Map((await catalog.getRecords(ids)).map((record) => [record.id, record]));
  const missing = ids.flatMap((id, index) =>
    found.has(id) ? [] : [{ path: `records.${index}`, message: `no record "${id}" in the union catalog` }],
  );
  if (missing.length > 0) {
    const detail = missing.map((field) => `${field.path}: ${field.message}`).join('; ');
    throw new QuestionRefusal(422, 'unknown_record', `${detail}.`, missing);
  }
  return ids.map((id) => {
    const record = found.get(id)!;
    return { record_id: record.id, member: record.member, title: record.title };
  });
}

export function toLinkedRecord(row: LinkedRecordRow): LinkedRecord {
  return { id: row.record_id, title: row.title, member: row.member };
}
