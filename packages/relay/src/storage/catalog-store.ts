// Reading and writing the union catalog: members, records and their holdings.
import type { CatalogRecord, Member } from '@atrium/sdk';

/** A record as an importer produces it: everything but the search-time highlight. */
export type RecordInput = Omit<CatalogRecord, 'highlight'>;

/** A member as configured; `online` is computed from librarian presence, not stored. */
export type MemberInput = Omit<Member, 'online'>;

export interface UpsertSummary {
  inserted: number;
  updated: number;
}

export interface CatalogStore {
  /** Insert or replace members and their branches (by id). */
  upsertMembers(members: readonly MemberInput[]): Promise<void>;
  listMembers(): Promise<MemberInput[]>;
  /**
   * Insert or update records by id, replacing their holdings, and keep the search index
   * in step within the same transaction: a failed batch leaves nothing half-written.
   */
  upsertRecords(records: readonly RecordInput[]): Promise<UpsertSummary>;
  getRecord(id: string): Promise<RecordInput | undefined>;
  /** The records with these ids that exist, in the order asked for (ids not found are left out). */
  getRecords(ids: readonly string[]): Promise<RecordInput[]>;
  countRecords(member?: string): Promise<number>;
  /** The ids of every record of the member (what a full re-import compares its file with). */
  listRecordIds(member: string): Promise<string[]>;
  /**
   * Removes records (with their holdings) from the union catalog and the search index in one
   * transaction; ids not in the catalog are passed over. Resolves to the ids that were removed.
   */
  deleteRecords(ids: readonly string[]): Promise<string[]>;
}
