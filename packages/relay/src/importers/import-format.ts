// What every import format provides: how its file is read and how one row becomes a record.
import type { RecordInput } from '../storage/catalog-store.js';

export interface RowProblem {
  /** Short and stable, for counting ("missing title", "not valid JSON"). */
  reason: string;
  /** For the person fixing the file: which field, what was wrong. */
  detail: string;
}

export type MapResult = { ok: true; record: RecordInput; warnings?: RowProblem[] } | ({ ok: false } & RowProblem);

export interface MapContext {
  /** The member whose catalogue is imported; records are `<member>:<localId>`. */
  member: string;
}

export interface ImportFormat {
  readonly name: string;
  readonly input: 'jsonl' | 'csv';
  /**
   * Whether each record is checked against the wire contract before it is stored. Formats
   * whose records are built only from schema-checked fields skip it to keep imports fast;
   * generic formats, where ids and values come from a member's file as is, keep it.
   */
  readonly checkOutput: boolean;
  /** CSV only: rejects a header that lacks what the format needs, before any row is read. */
  checkColumns?(columns: readonly string[]): void;
  toRecord(value: unknown, context: MapContext): MapResult;
}
