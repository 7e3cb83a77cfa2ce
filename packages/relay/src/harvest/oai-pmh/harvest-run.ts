// One harvest's work on the catalog: each page's records mapped, compared with what is stored
// and written, deletions applied, and the counts and rejections kept for the summary.
import type { HarvestCounts, HarvestProblem } from '@atrium/sdk';
import type { CatalogStore, RecordInput } from '../../storage/catalog-store.js';
import { type HarvestProgress, NO_COUNTS } from '../../storage/harvest-store.js';
import type { HarvestFormat } from './metadata-format.js';
import { type Identify, OaiHeader, type RawRecord } from './oai-response.js';

export const MAX_PROBLEMS = 20;

/** Same fields and values whatever order the keys were set in. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item !== null && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
}

/**
 * A record's local id from its OAI identifier: without the repository's own `oai:<repo>:`
 * prefix when Identify declares one, with whitespace encoded (record ids hold none). The
 * same identifier always gives the same id, which is how a deletion finds its record.
 */
export function localIdFor(identifier: string, identify: Identify): string {
  let local = identifier.trim();
  if (identify.repositoryIdentifier) {
    const prefix = `oai:${identify.repositoryIdentifier}${identify.delimiter ?? ':'}`;
    if (local.startsWith(prefix) && local.length > prefix.length) local = local.slice(prefix.length);
  }
  return local.replace(/\s/g, (space) => encodeURIComponent(space));
}

/** A `from` the repository accepts: a day for a repository that keeps only days. */
export function atGranularity(datestamp: string, identify: Identify): string {
  return identify.granularity === 'YYYY-MM-DD' ? datestamp.slice(0, 10) : datestamp;
}

export function later(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a >= b ? a : b;
}

/**
 * Some repositories write fractions of a second (`2024-05-01T12:00:00.123Z`), which the
 * protocol does not allow; the second they fall in keeps the record and the next `from` valid.
 */
function withoutFraction(datestamp: string | undefined): string | undefined {
  return datestamp?.trim().replace(/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\.\d+Z$/, '$1Z');
}

export class HarvestRun {
  readonly counts: HarvestCounts;
  readonly problems: HarvestProblem[];
  readonly rejectedByReason: Record<string, number>;
  pages: number;
  records = 0;
  runDatestamp: string | undefined;

  constructor(
    private readonly catalog: CatalogStore,
    private readonly member: string,
    private readonly format: HarvestFormat,
    private readonly identify: Identify,
    /** Where a harvest that was cut off had got to, when this one resumes it. */
    carried?: HarvestProgress,
  ) {
    this.counts = { ...(carried?.counts ?? NO_COUNTS) };
    this.problems = [...(carried?.problems ?? [])];
    this.rejectedByReason = { ...carried?.rejectedByReason };
    this.pages = carried?.pages ?? 0;
    this.runDatestamp = carried?.runDatestamp;
  }

  /** What to save after a page, so a harvest cut off after it resumes with the next. */
  progress(resumptionToken: string | undefined): HarvestProgress {
    return {
      ...(resumptionToken === undefined ? {} : { resumptionToken }),
      ...(this.runDatestamp === undefined ? {} : { runDatestamp: this.runDatestamp }),
      pages: this.pages,
      counts: this.counts,
      problems: this.problems,
      rejectedByReason: this.rejectedByReason,
    };
  }

  private reject(problem: HarvestProblem): void {
    this.counts.rejected += 1;
    this.rejectedByReason[problem.reason] = (this.rejectedByReason[problem.reason] ?? 0) + 1;
    if (this.problems.length < MAX_PROBLEMS) this.problems.push(problem);
  }

  /** Applies one page: the records it adds or changes and the deletions it announces. */
  async apply(records: readonly RawRecord[], page: number): Promise<void> {
    // The last word on a record within a page wins, as if the page were applied in order.
    const operations = new Map<string, { delete: true; identifier: string } | { delete: false; record: RecordInput; identifier: string }>();
    for (const raw of records) {
      this.records += 1;
      const header = OaiHeader.safeParse({
        identifier: raw.header.identifier,
        datestamp: withoutFraction(raw.header.datestamp),
        deleted: raw.header.status === 'deleted',
        setSpecs: raw.header.setSpecs,
      });
      const named = raw.header.identifier?.trim() || undefined;
      if (!header.success) {
        const issue = header.error.issues[0]!;
        this.reject({
          ...(named === undefined ? {} : { identifier: named }),
          reason: `bad header: ${String(issue.path[0] ?? 'header')}`,
          detail: `record ${raw.position} on page ${page}: ${String(issue.path[0] ?? 'header')} ${issue.message}`,
        });
        continue;
      }
      const { identifier, datestamp, deleted } = header.data;
      this.runDatestamp = later(this.runDatestamp, datestamp);
      const id = `${this.member}:${localIdFor(identifier, this.identify)}`;
      operations.delete(id);
      if (deleted) {
        operations.set(id, { delete: true, identifier });
        continue;
      }
      if (raw.metadata === undefined) {
        this.reject({ identifier, reason: 'no metadata', detail: `${identifier} has no metadata and is not marked deleted` });
        continue;
      }
      const mapped = this.format.toRecord({ localId: localIdFor(identifier, this.identify), metadata: raw.metadata }, this.member);
      if (!mapped.ok) {
        this.reject({ identifier, reason: mapped.reason, detail: `${identifier}: ${mapped.detail}` });
        continue;
      }
      operations.set(id, { delete: false, record: mapped.record, identifier });
    }

    const removals = [...operations].filter(([, operation]) => operation.delete).map(([id]) => id);
    const writes = [...operations.values()].flatMap((operation) => (operation.delete ? [] : [operation]));
    if (writes.length > 0) {
      const stored = new Map((await this.catalog.getRecords(writes.map((write) => write.record.id))).map((record) => [record.id, record]));
      const changed = writes.filter((write) => {
        const before = stored.get(write.record.id);
        if (before !== undefined && stableJson(before) === stableJson(write.record)) {
          this.counts.unchanged += 1;
          return false;
        }
        return true;
      });
      await this.write(changed);
    }
    if (removals.length > 0) this.counts.deleted += (await this.catalog.deleteRecords(removals)).length;
  }

  private async write(writes: readonly { record: RecordInput; identifier: string }[]): Promise<void> {
    if (writes.length === 0) return;
    try {
      const result = await this.catalog.upsertRecords(writes.map((write) => write.record));
      this.counts.added += result.inserted;
      this.counts.updated += result.updated;
    } catch (error) {
      // Find the records the store refuses so the rest of the page still goes in; if it
      // refuses every one, the store itself is failing and the harvest must stop.
      let written = 0;
      const refused: HarvestProblem[] = [];
      for (const write of writes) {
        try {
          const result = await this.catalog.upsertRecords([write.record]);
          this.counts.added += result.inserted;
          this.counts.updated += result.updated;
          written += 1;
        } catch (recordError) {
          refused.push({ identifier: write.identifier, reason: 'refused by the store', detail: (recordError as Error).message });
        }
      }
      if (written === 0) throw error;
      for (const problem of refused) this.reject(problem);
    }
  }
}
