// Loads the demo consortium: its three members, their catalogue samples (shipped in
// packages/relay/demo-data) and generated demo holdings, booking, librarians, widget keys,
// canned responses, service policies and a few published answers. Running it again updates
// the same records and changes no counts.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runImport, type ImportProgress } from '../importers/run-import.js';
import type { Kysely } from 'kysely';
import type { CatalogStore } from '../storage/catalog-store.js';
import type { Database } from '../storage/schema.js';
import type { SqlDialect } from '../storage/sql-dialect.js';
import type { StaffStore } from '../storage/staff-store.js';
import type { ConsortiumStore } from '../storage/consortium-store.js';
import { ReferenceStore } from '../storage/reference-store.js';
import { QuestionNotifier } from '../domain/reference/question-notifier.js';
import { QuestionService } from '../domain/reference/question-service.js';
import { DEMO_CATALOGUES, DEMO_MEMBERS, seedDemoConsortium } from './consortium.js';
import { createDemoHoldings } from './holdings.js';
import { seedDemoLibrarians } from './librarians.js';
import { seedDemoCannedResponses } from './canned-responses.js';
import { type SeedDemoReferenceSummary, seedDemoReference } from './reference.js';

export const DEFAULT_DEMO_DATA_DIR = fileURLToPath(new URL('../../demo-data/', import.meta.url));

export interface SeedDemoOptions {
  /** Folder holding the sample files; default packages/relay/demo-data. */
  dataDir?: string;
  /** The day demo loans are due from (Date or YYYY-MM-DD). Default: now. */
  today?: Date | string;
  onProgress?: (progress: ImportProgress & { member: string; file: string }) => void;
  signal?: AbortSignal;
}

export interface SeedDemoSummary {
  members: string[];
  catalogues: { member: string; file: string; rows: number; inserted: number; updated: number; skipped: number }[];
  /** Emails of the demo librarians created by this run (none when they already existed). */
  librarians: string[];
  /** Objects of the demo consortium file created, updated and already as it says. */
  consortium: { created: number; updated: number; unchanged: number };
  /** Service policies and published demo answers written (none when they were there already). */
  reference: SeedDemoReferenceSummary;
  durationMs: number;
}

export async function seedDemo(
  storage: { catalog: CatalogStore; staff: StaffStore; consortium: ConsortiumStore; db: Kysely<Database>; dialect: SqlDialect },
  options: SeedDemoOptions = {},
): Promise<SeedDemoSummary> {
  const started = performance.now();
  const dataDir = options.dataDir ?? DEFAULT_DEMO_DATA_DIR;
  const applied = await seedDemoConsortium(storage.consortium);
  const count = (action: string) => applied.changes.filter((change) => change.action === action).length;
  const catalogues: SeedDemoSummary['catalogues'] = [];
  for (const catalogue of DEMO_CATALOGUES) {
    const member = DEMO_MEMBERS.find((candidate) => candidate.id === catalogue.member)!;
    const file = join(dataDir, catalogue.file);
    const onProgress = options.onProgress;
    const summary = await runImport(storage.catalog, {
      member: member.id,
      format: catalogue.format,
      file,
      holdings: createDemoHoldings(member, options.today === undefined ? {} : { today: options.today }),
      ...(onProgress === undefined
        ? {}
        : { onProgress: (progress: ImportProgress) => onProgress({ ...progress, member: member.id, file }) }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    const { rows, inserted, updated, skipped } = summary;
    catalogues.push({ member: member.id, file: catalogue.file, rows, inserted, updated, skipped });
  }
  const librarians = await seedDemoLibrarians(storage);
  await seedDemoCannedResponses(storage);
  // Demo questions carry no email address, so no mailer is needed to answer them.
  const questions = new QuestionService(
    new ReferenceStore(storage.db, storage.dialect),
    storage.catalog,
    new QuestionNotifier(undefined, { log: { warn: () => {} } }),
  );
  const reference = await seedDemoReference(questions);
  return {
    members: DEMO_MEMBERS.map((member) => member.id),
    catalogues,
    librarians,
    consortium: { created: count('create'), updated: count('update'), unchanged: applied.unchanged },
    reference,
    durationMs: performance.now() - started,
  };
}

/** True when no member has any record yet: the relay then offers to load the demo. */
export async function isCatalogEmpty(storage: { catalog: CatalogStore }): Promise<boolean> {
  return (await storage.catalog.countRecords()) === 0;
}
