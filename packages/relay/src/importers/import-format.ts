// What every import format provides: how its file is read and how one row becomes a record.
import type { Readable } from 'node:stream';
import type { MemberInput, RecordInput } from '../storage/catalog-store.js';
import type { SourceRow } from './source-row.js';

export interface RowProblem {
  /** Short and stable, for counting ("missing title", "not valid JSON"). */
  reason: string;
  /** For the person fixing the file: which field, what was wrong. */
  detail: string;
}

export type MapResult =
  | { ok: true; record: RecordInput; warnings?: RowProblem[] }
  | ({ ok: false; setAside?: undefined } & RowProblem)
  /** Not an error of the file: a record of a kind the catalogue does not take (a MARC authority record); counted by kind. */
  | ({ ok: false; setAside: true } & RowProblem);

export interface MapContext {
  /** The member whose catalogue is imported; records are `<member>:<localId>`. */
  member: string;
  /** The member's branches, for formats that bring copies and name their branch. */
  branches?: MemberInput['branches'];
}

export interface ImportFormat {
  readonly name: string;
  /** `records`: the format reads its own records from the file's bytes (MARC). */
  readonly input: 'jsonl' | 'csv' | 'records';
  /** What a row's number counts in reports: lines of the file (the default) or records in it. */
  readonly rowUnit?: 'line' | 'record';
  /**
   * Whether each record is checked against the wire contract before it is stored. Formats
   * whose records are built only from schema-checked fields skip it to keep imports fast;
   * generic formats, where ids and values come from a member's file as is, keep it.
   */
  readonly checkOutput: boolean;
  /** CSV only: rejects a header that lacks what the format needs, before any row is read. */
  checkColumns?(columns: readonly string[]): void;
  /** `records` only: the file's records, one row each, numbered by position. */
  readRows?(content: Readable): AsyncGenerator<SourceRow>;
  toRecord(value: unknown, context: MapContext): MapResult;
}
