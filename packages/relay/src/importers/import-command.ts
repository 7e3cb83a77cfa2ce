// `atrium-relay import`: runs an import with a progress display and prints its summary.
import { basename } from 'node:path';
import type { Writable } from 'node:stream';
import { createDemoHoldings } from '../demo/holdings.js';
import type { CatalogStore } from '../storage/catalog-store.js';
import { ImportError } from './import-error.js';
import { detectFormat } from './detect-format.js';
import { IMPORT_FORMATS, ImportFormatName } from './formats.js';
import { HOLDINGS_PROFILES, HoldingsProfileName } from './formats/marc/marc-holdings.js';
import { createProgressReporter, formatImportSummary } from './progress.js';
import { runImport, type ImportOptions, type ImportResult } from './run-import.js';

export interface ImportCommandOptions {
  storage: { catalog: CatalogStore };
  member: string;
  /**
   * One of IMPORT_FORMATS; anything else is an `invalid-options` ImportError. Left out, a MARC
   * file's format (marc21 or marcxml) is told from its first bytes.
   */
  format?: string | undefined;
  /** For MARC: which item fields hold the copies (auto, koha, marc852, none). */
  holdings?: string | undefined;
  file: string;
  mapping?: string | undefined;
  /** Give each record generated demo holdings at the member's branches (demo and benchmarks only). */
  demoHoldings?: boolean;
  /** No progress display; the summary is still printed. */
  quiet?: boolean;
  /** The file is the member's whole catalogue: records it no longer has are removed. */
  replace?: boolean;
  /** Say what the import would do (and with `replace`, how many records would go), writing nothing. */
  dryRun?: boolean;
  /** The day demo loans are due from. Default: now. */
  today?: Date | string;
  signal?: AbortSignal;
  /** Where the summary goes (default stdout). */
  stdout?: Writable;
  /** Where progress goes (default stderr); the bar is drawn only when it is a TTY. */
  stderr?: Writable & { isTTY?: boolean; columns?: number };
}

/**
 * Imports a file for the CLI. Resolves to the summary (also printed); rejects with an
 * `ImportError` (its message is meant for the user) when the import cannot run or stops.
 */
export async function importCommand(options: ImportCommandOptions): Promise<ImportResult> {
  const named = options.format ?? (await detectFormat(options.file));
  if (named === undefined) {
    throw new ImportError(
      'invalid-options',
      `Cannot tell the format of ${options.file} from its first bytes (only MARC 21 and MARCXML are recognised): give --format, one of ${IMPORT_FORMATS.join(', ')}.`,
    );
  }
  const format = ImportFormatName.safeParse(named);
  if (!format.success) {
    throw new ImportError('invalid-options', `Unknown format "${options.format}". Formats: ${IMPORT_FORMATS.join(', ')}.`);
  }
  const profile = options.holdings === undefined ? undefined : HoldingsProfileName.safeParse(options.holdings);
  if (profile !== undefined && !profile.success) {
    throw new ImportError('invalid-options', `Unknown holdings profile "${options.holdings}". Profiles: ${HOLDINGS_PROFILES.join(', ')}.`);
  }
  const { catalog } = options.storage;
  let holdings: ImportOptions['holdings'];
  if (options.demoHoldings) {
    const member = (await catalog.listMembers()).find((known) => known.id === options.member);
    // An unknown member is reported by runImport itself.
    if (member !== undefined) holdings = createDemoHoldings(member, options.today === undefined ? {} : { today: options.today });
  }
  const progress = createProgressReporter({
    label: basename(options.file),
    quiet: options.quiet ?? false,
    ...(options.stderr === undefined ? {} : { stream: options.stderr }),
  });
  try {
    const summary = await runImport(catalog, {
      member: options.member,
      format: format.data,
      file: options.file,
      ...(options.mapping === undefined ? {} : { mapping: options.mapping }),
      ...(holdings === undefined ? {} : { holdings }),
      ...(profile === undefined ? {} : { holdingsProfile: profile.data }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      ...(options.replace ? { replace: true } : {}),
      ...(options.dryRun ? { dryRun: true } : {}),
      onProgress: (update) => progress.update(update),
    });
    progress.finish();
    (options.stdout ?? process.stdout).write(formatImportResult(summary, options.replace === true));
    return summary;
  } catch (error) {
    progress.finish();
    throw error;
  }
}

/** The import's summary, with what a dry run would do and what --replace removed. */
function formatImportResult(result: ImportResult, replace: boolean): string {
  const lines: string[] = [];
  if (result.dryRun) lines.push(`Dry run: nothing was written. The counts below say what the import would do.`);
  lines.push(formatImportSummary(result).trimEnd());
  if (replace) {
    const count = new Intl.NumberFormat('en').format(result.removed);
    lines.push(
      result.dryRun
        ? `  would remove ${count} of ${result.member}'s records that the file no longer has`
        : `  removed ${count} of ${result.member}'s records that the file no longer has`,
    );
    if (result.skipped > 0) lines.push(`  (records in the ${result.skipped} skipped rows count as no longer in the file)`);
  }
  return `${lines.join('\n')}\n`;
}
