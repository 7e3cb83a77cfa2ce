// Each member's OAI-PMH source and harvest state: where the last complete harvest got to, and
// the resumption token and counts of one under way, saved after every page so a harvest that
// is cut off resumes where it stopped.
import type { HarvestCounts, HarvestProblem, HarvestSchedule, HarvestSource, HarvestStatus } from '@atrium/sdk';
import type { Kysely, Selectable } from 'kysely';
import type { HarvestTables, HarvestsTable } from './harvest-schema.js';
import type { Database } from './schema.js';

export interface HarvestState {
  member: string;
  source: HarvestSource;
  /** The newest datestamp of the last complete harvest. */
  lastDatestamp?: string;
  status?: HarvestStatus;
  startedAt?: string;
  /** When the harvest under way last finished a page. */
  heartbeatAt?: string;
  finishedAt?: string;
  /** The `from` of the harvest under way or cut off (absent: from the beginning). */
  runFrom?: string;
  /** Where the harvest under way or cut off goes on; absent once a harvest completes. */
  resumptionToken?: string;
  runDatestamp?: string;
  pages: number;
  counts: HarvestCounts;
  error?: string;
  problems: HarvestProblem[];
  rejectedByReason: Record<string, number>;
}

export interface HarvestProgress {
  resumptionToken?: string;
  runDatestamp?: string;
  pages: number;
  counts: HarvestCounts;
  problems: HarvestProblem[];
  rejectedByReason: Record<string, number>;
}

/** Another harvest of the member is under way (its heartbeat is recent). */
export class HarvestBusyError extends Error {
  override readonly name = 'HarvestBusyError';

  constructor(
    readonly member: string,
    readonly startedAt: string | undefined,
  ) {
    super(`A harvest of ${member} is already running (started ${startedAt ?? 'at an unknown time'}).`);
  }
}

export const NO_COUNTS: HarvestCounts = { added: 0, updated: 0, unchanged: 0, deleted: 0, rejected: 0 };

function toState(row: Selectable<HarvestsTable>): HarvestState {
  const source: HarvestSource = { url: row.url, metadataPrefix: row.metadata_prefix as HarvestSource['metadataPrefix'] };
  if (row.set_spec !== null) source.set = row.set_spec;
  if (row.schedule !== null) source.schedule = JSON.parse(row.schedule) as HarvestSchedule;
  if (row.source_from !== null) source.from = row.source_from;
  const state: HarvestState = {
    member: row.member,
    source,
    pages: Number(row.pages),
    counts: {
      added: Number(row.added),
      updated: Number(row.updated),
      unchanged: Number(row.unchanged),
      deleted: Number(row.deleted),
      rejected: Number(row.rejected),
    },
    problems: JSON.parse(row.problems) as HarvestProblem[],
    rejectedByReason: JSON.parse(row.rejected_by_reason) as Record<string, number>,
  };
  if (row.last_datestamp !== null) state.lastDatestamp = row.last_datestamp;
  if (row.status !== null) state.status = row.status as HarvestStatus;
  if (row.started_at !== null) state.startedAt = row.started_at;
  if (row.heartbeat_at !== null) state.heartbeatAt = row.heartbeat_at;
  if (row.finished_at !== null) state.finishedAt = row.finished_at;
  if (row.run_from !== null) state.runFrom = row.run_from;
  if (row.resumption_token !== null) state.resumptionToken = row.resumption_token;
  if (row.run_datestamp !== null) state.runDatestamp = row.run_datestamp;
  if (row.error !== null) state.error = row.error;
  return state;
}

function sameList(a: HarvestSource, b: HarvestSource): boolean {
  return a.url === b.url && a.metadataPrefix === b.metadataPrefix && (a.set ?? null) === (b.set ?? null);
}

export class HarvestStore {
  readonly #db: Kysely<Database & HarvestTables>;

  constructor(db: Kysely<Database>) {
    this.#db = db.withTables<HarvestTables>();
  }

  async get(member: string): Promise<HarvestState | undefined> {
    const row = await this.#db.selectFrom('harvests').selectAll().where('member', '=', member).executeTakeFirst();
    return row && toState(row);
  }

  async list(): Promise<HarvestState[]> {
    const rows = await this.#db.selectFrom('harvests').selectAll().orderBy('member').execute();
    return rows.map(toState);
  }

  /**
   * Records the member's source. A different repository, format or set is a different list
   * of records, so where the old one got to is forgotten; a new schedule or `from` keeps it.
   */
  async saveSource(member: string, source: HarvestSource): Promise<HarvestState> {
    const current = await this.get(member);
    const fields = {
      url: source.url,
      metadata_prefix: source.metadataPrefix,
      set_spec: source.set ?? null,
      schedule: source.schedule === undefined ? null : JSON.stringify(source.schedule),
      source_from: source.from ?? null,
    };
    if (current === undefined) {
      await this.#db
        .insertInto('harvests')
        .values({ member, ...fields })
        .execute();
    } else if (sameList(current.source, source)) {
      await this.#db.updateTable('harvests').set(fields).where('member', '=', member).execute();
    } else {
      await this.#db
        .updateTable('harvests')
        .set({ ...fields, last_datestamp: null, resumption_token: null, run_from: null, run_datestamp: null })
        .where('member', '=', member)
        .execute();
    }
    return (await this.get(member))!;
  }

  /**
   * Claims the member's harvest and starts it (or resumes it, keeping its token and counts
   * when `progress` is given). Throws HarvestBusyError while another harvest is running and
   * has shown a heartbeat since `staleBefore`; one older than that was cut off and is taken over.
   */
  async begin(
    member: string,
    run: { startedAt: string; staleBefore: string; runFrom?: string; progress?: HarvestProgress },
  ): Promise<void> {
    const progress = run.progress ?? { pages: 0, counts: NO_COUNTS, problems: [], rejectedByReason: {} };
    const claimed = await this.#db
      .updateTable('harvests')
      .set({
        status: 'running',
        started_at: run.startedAt,
        heartbeat_at: run.startedAt,
        finished_at: null,
        error: null,
        run_from: run.runFrom ?? null,
        ...progressFields(progress),
      })
      .where('member', '=', member)
      .where((eb) =>
        eb.or([
          eb('status', 'is', null),
          eb('status', '!=', 'running'),
          eb('heartbeat_at', 'is', null),
          eb('heartbeat_at', '<', run.staleBefore),
        ]),
      )
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) throw new HarvestBusyError(member, (await this.get(member))?.startedAt);
  }

  /** After each page: the token of the next page and the counts so far. */
  async saveProgress(member: string, at: string, progress: HarvestProgress): Promise<void> {
    await this.#db
      .updateTable('harvests')
      .set({ ...progressFields(progress), heartbeat_at: at })
      .where('member', '=', member)
      .execute();
  }

  /** The harvest reached the end of the list: the next one asks for changes from `lastDatestamp`. */
  async complete(member: string, finishedAt: string, lastDatestamp: string | undefined): Promise<void> {
    await this.#db
      .updateTable('harvests')
      .set((eb) => ({
        status: 'succeeded',
        finished_at: finishedAt,
        resumption_token: null,
        run_datestamp: null,
        last_datestamp: lastDatestamp ?? eb.ref('last_datestamp'),
      }))
      .where('member', '=', member)
      .execute();
  }

  /** The harvest stopped; its token stays, so the next one resumes there. */
  async fail(member: string, finishedAt: string, error: string): Promise<void> {
    await this.#db.updateTable('harvests').set({ status: 'failed', finished_at: finishedAt, error }).where('member', '=', member).execute();
  }
}

function progressFields(progress: HarvestProgress) {
  return {
    resumption_token: progress.resumptionToken ?? null,
    run_datestamp: progress.runDatestamp ?? null,
    pages: progress.pages,
    ...progress.counts,
    problems: JSON.stringify(progress.problems),
    rejected_by_reason: JSON.stringify(progress.rejectedByReason),
  };
}
