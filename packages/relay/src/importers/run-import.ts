// Imports one catalogue file into the union catalog: reads it as a stream, turns rows into
// records, skips and reports bad rows, and writes records in batches. Each batch is one
// transaction in the store, so a failure never leaves a record half-written.
import { CatalogRecord, MemberId, type Holding } from '@atrium/sdk';
import { z } from 'zod/mini';
import type { CatalogStore, RecordInput } from '../storage/catalog-store.js';
import { ImportError } from './import-error.js';
import type { ImportFormat, MapContext, MapResult } from './import-format.js';
import { ImportTally, type ImportSummary, type RowReport } from './import-summary.js';
import { ImportFormatName, loadImportFormat } from './formats.js';
import type { HoldingsProfile } from './formats/marc/marc-holdings.js';
import { openInput } from './open-input.js';
import { readCsvRows } from './read-csv-rows.js';
import { readJsonLines } from './read-json-lines.js';
import { rowIssue } from './row-issue.js';
import type { SourceRow } from './source-row.js';

export interface ImportProgress {
  /** Bytes of the file on disk read so far (compressed bytes for gzip). */
  bytesRead: number;
  totalBytes: number;
  rows: number;
}

export interface ImportOptions {
  member: string;
  format: ImportFormatName;
  /** Plain or gzip-compressed; gzip is recognised by its content, not its name. */
  file: string;
  /** dc-csv / dc-jsonl only: a JSON file mapping record fields to the file's columns. */
  mapping?: string;
  /** marc21 / marcxml: which item fields hold the copies (default `auto`: 952, else 852). */
  holdingsProfile?: HoldingsProfile;
  /** Holdings for each record, replacing any the file has; without it records keep the file's (or none). */
  holdings?: (record: RecordInput) => Holding[];
  onProgress?: (progress: ImportProgress) => void;
  signal?: AbortSignal;
  /** Records per `upsertRecords` call. */
  batchSize?: number;
  /** The file is the member's whole catalogue: its records the file no longer has are removed at the end. */
  replace?: boolean;
  /** Read and check the whole file and count what would change, writing nothing. */
  dryRun?: boolean;
}

/** What an import did, or with `dryRun` would do. */
export interface ImportResult extends ImportSummary {
  dryRun: boolean;
  /** With `replace`: the member's records the file no longer has, removed (or to be removed). */
  removed: number;
}

const REMOVE_PER_CALL = 1000;

const OptionsSchema = z.object({
  member: MemberId,
  format: ImportFormatName,
  file: z.string().check(z.minLength(1, 'must name a file')),
  mapping: z.optional(z.string().check(z.minLength(1, 'must name a file'))),
  batchSize: z.optional(z.int().check(z.minimum(1), z.maximum(50_000))),
});

// Each batch is one transaction, and FTS5 writes and later merges one index segment per
// transaction: 5,000 records a batch spent 28% less CPU than 1,000 on the Tang poems.
export const DEFAULT_BATCH_SIZE = 5000;
const PROGRESS_EVERY_ROWS = 1000;

/**
 * When this many rows have been read and none was usable, the file is taken to be in
 * another format and the import stops rather than reporting every line.
 */
export const FORMAT_PROBE_ROWS = 10;

interface Pending {
  record: RecordInput;
  line: number;
}

/** The file broke off while being read (truncated gzip, read error), as opposed to the store failing. */
class InputFailure extends Error {}

async function* failingAsInput(rows: AsyncGenerator<SourceRow>): AsyncGenerator<SourceRow> {
  try {
    yield* rows;
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw new InputFailure((error as Error).message, { cause: error });
  }
}

function checkOptions(options: ImportOptions): void {
  const parsed = OptionsSchema.safeParse(options);
  if (parsed.success) return;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'options'}: ${issue.message}`);
  throw new ImportError('invalid-options', `Cannot import: ${problems.join('; ')}`);
}

function abortError(signal: AbortSignal, summary: ImportSummary): ImportError {
  return new ImportError('aborted', `Import of ${summary.file} stopped after ${summary.rows} rows`, {
    cause: signal.reason,
    summary,
  });
}

function notTheFormat(format: ImportFormat, summary: ImportSummary): ImportError {
  const examples = summary.skippedExamples
    .slice(0, 3)
    .map((example) => `line ${example.line}: ${example.detail}`)
    .join('; ');
  return new ImportError(
    'not-the-format',
    `${summary.file} does not look like a ${format.name} file: none of its first ${summary.rows} rows could be read (${examples}). Nothing was imported.`,
    { summary },
  );
}

/** Maps a row, adds its holdings and, for formats that ask for it, checks the record against the wire contract. */
function mapRow(format: ImportFormat, row: SourceRow, context: MapContext, holdings: ImportOptions['holdings']): MapResult {
  if (row.error !== undefined) return { ok: false, ...row.error };
  const result = format.toRecord(row.value, context);
  if (!result.ok) return result;
  if (holdings !== undefined) result.record.holdings = holdings(result.record);
  if (!format.checkOutput) return result;
  const checked = CatalogRecord.safeParse(result.record);
  if (!checked.success) {
    const problem = rowIssue(checked.error, result.record);
    return { ok: false, reason: `unusable record: ${problem.reason}`, detail: problem.detail };
  }
  return result;
}

export async function runImport(catalog: CatalogStore, options: ImportOptions): Promise<ImportResult> {
  const started = performance.now();
  checkOptions(options);
  const { member, file, signal, onProgress } = options;
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;

  const members = await catalog.listMembers();
  if (!members.some((known) => known.id === member)) {
    throw new ImportError(
      'unknown-member',
      `Unknown member "${member}". Known members: ${members.map((known) => known.id).join(', ') || 'none yet'}.`,
    );
  }
  const format = await loadImportFormat(options.format, {
    ...(options.mapping === undefined ? {} : { mapping: options.mapping }),
    ...(options.holdingsProfile === undefined ? {} : { holdings: options.holdingsProfile }),
  });
  const input = await openInput(file);
  const tally = new ImportTally({ member, format: format.name, file, rowUnit: format.rowUnit ?? 'line' });
  const context: MapContext = { member, branches: members.find((known) => known.id === member)!.branches };
  const summary: ImportResult = Object.assign(tally.summary, { dryRun: options.dryRun === true, removed: 0 });
  // A re-import that replaces or only counts compares the file with what the member has.
  const stored = options.replace || options.dryRun ? new Set(await catalog.listRecordIds(member)) : undefined;
  const seen = new Set<string>();
  let accepted = 0;
  let batch = new Map<string, Pending>();

  const reportProgress = () => onProgress?.({ bytesRead: input.bytesRead(), totalBytes: input.totalBytes, rows: summary.rows });

  const write = async (entries: Pending[]) => {
    if (options.dryRun) {
      for (const entry of entries) {
        if (stored!.has(entry.record.id)) summary.updated += 1;
        else summary.inserted += 1;
        stored!.add(entry.record.id);
      }
      return;
    }
    try {
      const result = await catalog.upsertRecords(entries.map((entry) => entry.record));
      summary.inserted += result.inserted;
      summary.updated += result.updated;
      return;
    } catch (error) {
      // Find the records the store refuses so the rest of the batch still goes in; if it
      // refuses every one, the store itself is failing and the import must stop.
      let written = 0;
      const refused: RowReport[] = [];
      for (const entry of entries) {
        try {
          const result = await catalog.upsertRecords([entry.record]);
          summary.inserted += result.inserted;
          summary.updated += result.updated;
          written += 1;
        } catch (recordError) {
          refused.push({ line: entry.line, id: entry.record.id, reason: 'refused by the store', detail: (recordError as Error).message });
        }
      }
      if (written === 0) throw error;
      for (const report of refused) tally.skip(report);
    }
  };

  const flush = async () => {
    if (batch.size === 0) return;
    const entries = [...batch.values()];
    batch = new Map();
    await write(entries);
    reportProgress();
  };

  try {
    const rows = failingAsInput(
      format.input === 'records' && format.readRows !== undefined
        ? format.readRows(input.content)
        : format.input === 'csv'
          ? readCsvRows(input.content, { onHeader: (columns) => format.checkColumns?.(columns) })
          : readJsonLines(input.content),
    );
    try {
      for await (const row of rows) {
        if (signal?.aborted) throw abortError(signal, summary);
        summary.rows += 1;
        // Progress follows reading, not writing, so the bar moves steadily whatever the batch size.
        if (summary.rows % PROGRESS_EVERY_ROWS === 0) reportProgress();
        const result = mapRow(format, row, context, options.holdings);
        if (!result.ok && result.setAside) {
          tally.setAside(result.reason);
          continue;
        }
        if (!result.ok) {
          tally.skip({ line: row.lineNumber, reason: result.reason, detail: result.detail });
          if (accepted === 0 && summary.skipped >= FORMAT_PROBE_ROWS) throw notTheFormat(format, summary);
          continue;
        }
        accepted += 1;
        for (const warning of result.warnings ?? []) tally.warn({ line: row.lineNumber, id: result.record.id, ...warning });
        // A record repeated within a file is written twice, in order, so the later row wins
        // and counts as an update, as it would in a later batch.
        seen.add(result.record.id);
        if (batch.has(result.record.id)) await flush();
        batch.set(result.record.id, { record: result.record, line: row.lineNumber });
        if (batch.size >= batchSize) await flush();
      }
    } catch (error) {
      if (!(error instanceof InputFailure)) throw error;
      // The file broke off: what was read before is whole, so it is kept.
      await flush();
      throw new ImportError(
        'unreadable-file',
        `${file} could not be read to the end (${(error as Error).message}); ${summary.inserted + summary.updated} records before that point were imported.`,
        { cause: error, summary },
      );
    }
    if (signal?.aborted) throw abortError(signal, summary);
    if (accepted === 0 && summary.skipped > 0) throw notTheFormat(format, summary);
    await flush();
    if (options.replace) await removeMissing(catalog, summary, stored!, seen);
  } catch (error) {
    summary.durationMs = performance.now() - started;
    throw error;
  } finally {
    input.close();
  }
  reportProgress();
  summary.durationMs = performance.now() - started;
  return summary;
}

/** After a whole file went in: the member's records it no longer has go (or, in a dry run, are counted). */
async function removeMissing(catalog: CatalogStore, summary: ImportResult, stored: ReadonlySet<string>, seen: ReadonlySet<string>) {
  const missing = [...stored].filter((id) => !seen.has(id));
  if (seen.size === 0 && missing.length > 0) {
    throw new ImportError(
      'invalid-options',
      `${summary.file} has no records, so --replace would remove all ${missing.length} of ${summary.member}'s records. Nothing was removed.`,
      { summary },
    );
  }
  if (summary.dryRun) {
    summary.removed = missing.length;
    return;
  }
  for (let i = 0; i < missing.length; i += REMOVE_PER_CALL) {
    summary.removed += (await catalog.deleteRecords(missing.slice(i, i + REMOVE_PER_CALL))).length;
  }
}
