// Why an import as a whole could not run or stopped. Single bad rows are not errors: they
// are skipped and counted in the summary.
import type { ImportSummary } from './import-summary.js';

export type ImportErrorCode =
  'invalid-options' | 'unknown-member' | 'unreadable-file' | 'bad-mapping' | 'missing-columns' | 'not-the-format' | 'aborted';

export class ImportError extends Error {
  override readonly name = 'ImportError';
  readonly code: ImportErrorCode;
  /** What had been imported before the import stopped (for `aborted` and store failures). */
  readonly summary: ImportSummary | undefined;

  constructor(code: ImportErrorCode, message: string, options: { cause?: unknown; summary?: ImportSummary } = {}) {
    super(message, { cause: options.cause });
    this.code = code;
    this.summary = options.summary;
  }
}
