// Table shape of OAI-PMH harvest state for Kysely (see migrations/0013-harvests.ts).
import type { Generated } from 'kysely';

export interface HarvestsTable {
  member: string;
  url: string;
  metadata_prefix: string;
  set_spec: string | null;
  schedule: string | null;
  source_from: string | null;
  last_datestamp: string | null;
  status: string | null;
  started_at: string | null;
  heartbeat_at: string | null;
  finished_at: string | null;
  run_from: string | null;
  resumption_token: string | null;
  run_datestamp: string | null;
  pages: Generated<number>;
  added: Generated<number>;
  updated: Generated<number>;
  unchanged: Generated<number>;
  deleted: Generated<number>;
  rejected: Generated<number>;
  error: string | null;
  /** JSON: HarvestProblem[] */
  problems: Generated<string>;
  /** JSON: Record<string, number> */
  rejected_by_reason: Generated<string>;
}

/** A mapped type, which Kysely's withTables accepts. */
export type HarvestTables = {
  harvests: HarvestsTable;
};
