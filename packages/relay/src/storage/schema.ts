// Table shapes for Kysely. JSON-valued columns hold text in both dialects. The search tables
// (an FTS5 table in SQLite, a tsvector table in PostgreSQL) differ by dialect and are
// reached with raw SQL from the search index, so they are not listed here.
import type { Generated } from 'kysely';
import type { StaffTables } from './staff-schema.js';

export interface MembersTable {
  id: string;
  name_en: string;
  name_zh: string | null;
  kind: string;
  timezone: string;
}

export interface BranchesTable {
  member_id: string;
  id: string;
  name_en: string;
  name_zh: string | null;
  /** Keeps the order the member listed its branches in. */
  position: number;
}

export interface RecordsTable {
  /** Internal row number shared with the search table's rows. */
  seq: Generated<number>;
  id: string;
  member: string;
  type: string;
  title: string;
  /** The folded title: what title order sorts on. */
  title_sort: string;
  /** JSON: Creator[] */
  creators: string;
  date: string | null;
  year: number | null;
  /** Start of the decade of `year`, for the decade facet. */
  decade: number | null;
  /** JSON: string[] */
  subjects: string;
  description: string | null;
  language: string | null;
  /** JSON: Record<string, string[]> */
  identifiers: string;
  url: string | null;
  thumbnail: string | null;
  series: string | null;
  physical_description: string | null;
  credit_line: string | null;
  /** 1 when any holding is in a status a patron can use today. */
  available: number;
}

export interface HoldingsTable {
  record_id: string;
  /** Keeps the holdings in the order the member's system gave them. */
  position: number;
  member: string;
  branch: string;
  call_number: string | null;
  status: string;
  due_date: string | null;
}

export interface Database extends StaffTables {
  members: MembersTable;
  branches: BranchesTable;
  records: RecordsTable;
  holdings: HoldingsTable;
}
