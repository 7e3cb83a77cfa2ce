// What an import did: rows read, records inserted and updated, rows skipped and why.

export interface RowReport {
  /** 1-based line in the file where the row starts (for record formats, the record's position). */
  line: number;
  reason: string;
  detail: string;
  /** The record id, when the row got far enough to have one. */
  id?: string;
}

export interface ImportSummary {
  member: string;
  format: string;
  file: string;
  /** Data rows read (header and blank lines not counted). */
  rows: number;
  inserted: number;
  updated: number;
  skipped: number;
  skippedByReason: Record<string, number>;
  /** The first few skipped rows, in file order. */
  skippedExamples: RowReport[];
  /** Records imported without some value the file had (e.g. an ISBN with a wrong check digit). */
  warnings: number;
  warningsByReason: Record<string, number>;
  warningExamples: RowReport[];
  durationMs: number;
  /** What `line` in the reports counts: lines of the file, or records (MARC). */
  rowUnit: 'line' | 'record';
  /** Records of kinds the catalogue does not take (MARC authority records, ...): not errors. */
  setAside: number;
  setAsideByKind: Record<string, number>;
}

export const MAX_EXAMPLES = 20;

/** Accumulates an import's counts as rows go by. */
export class ImportTally {
  readonly summary: ImportSummary;

  constructor(fields: { member: string; format: string; file: string; rowUnit?: 'line' | 'record' }) {
    this.summary = {
      ...fields,
      rowUnit: fields.rowUnit ?? 'line',
      setAside: 0,
      setAsideByKind: {},
      rows: 0,
      inserted: 0,
      updated: 0,
      skipped: 0,
      skippedByReason: {},
      skippedExamples: [],
      warnings: 0,
      warningsByReason: {},
      warningExamples: [],
      durationMs: 0,
    };
  }

  skip(report: RowReport): void {
    const summary = this.summary;
    summary.skipped += 1;
    summary.skippedByReason[report.reason] = (summary.skippedByReason[report.reason] ?? 0) + 1;
    if (summary.skippedExamples.length < MAX_EXAMPLES) summary.skippedExamples.push(report);
  }

  setAside(kind: string): void {
    this.summary.setAside += 1;
    this.summary.setAsideByKind[kind] = (this.summary.setAsideByKind[kind] ?? 0) + 1;
  }

  warn(report: RowReport): void {
    const summary = this.summary;
    summary.warnings += 1;
    summary.warningsByReason[report.reason] = (summary.warningsByReason[report.reason] ?? 0) + 1;
    if (summary.warningExamples.length < MAX_EXAMPLES) summary.warningExamples.push(report);
  }
}
