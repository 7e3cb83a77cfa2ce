// Import progress for people watching a terminal: a bar redrawn in place when stderr is a
// TTY, a plain line every few seconds when it is a log file or a pipe, and the summary.
import type { Writable } from 'node:stream';
import type { ImportSummary } from './import-summary.js';
import type { ImportProgress } from './run-import.js';

export interface ProgressReporter {
  update(progress: ImportProgress): void;
  /** Clears the bar so the next output starts on a clean line. */
  finish(): void;
}

export interface ProgressOptions {
  /** What is being imported, e.g. the file name. */
  label: string;
  stream?: Writable & { isTTY?: boolean; columns?: number };
  quiet?: boolean;
  /** Minimum time between redraws of the bar. */
  redrawMs?: number;
  /** Time between plain lines when the stream is not a TTY. */
  lineEveryMs?: number;
  now?: () => number;
}

const integer = new Intl.NumberFormat('en');

function duration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '--';
  if (seconds < 60) return `${Math.ceil(seconds)}s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes}m${String(Math.round(seconds % 60)).padStart(2, '0')}s`;
}

interface Figures {
  percent: number;
  rate: number;
  eta: number;
}

function figures(progress: ImportProgress, elapsedSeconds: number): Figures {
  const fraction = progress.totalBytes > 0 ? Math.min(1, progress.bytesRead / progress.totalBytes) : 0;
  const rate = elapsedSeconds > 0 ? progress.rows / elapsedSeconds : 0;
  const eta = fraction > 0 ? (elapsedSeconds * (1 - fraction)) / fraction : Number.NaN;
  return { percent: fraction * 100, rate, eta };
}

export function createProgressReporter(options: ProgressOptions): ProgressReporter {
  const stream = options.stream ?? process.stderr;
  const now = options.now ?? (() => performance.now());
  const started = now();
  if (options.quiet) return { update() {}, finish() {} };

  if (stream.isTTY) {
    const redrawMs = options.redrawMs ?? 100;
    let lastDraw = -Infinity;
    let drawn = false;
    return {
      update(progress) {
        const at = now();
        if (at - lastDraw < redrawMs && progress.bytesRead < progress.totalBytes) return;
        lastDraw = at;
        const { percent, rate, eta } = figures(progress, (at - started) / 1000);
        const stats = ` ${percent.toFixed(0).padStart(3)}%  ${integer.format(progress.rows)} rows  ${integer.format(Math.round(rate))} rows/s  ETA ${duration(eta)}`;
        const width = Math.max(10, Math.min(30, (stream.columns ?? 80) - options.label.length - stats.length - 6));
        const filled = Math.round((percent / 100) * width);
        stream.write(`\r\x1b[2K${options.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}]${stats}`);
        drawn = true;
      },
      finish() {
        if (drawn) stream.write('\r\x1b[2K');
      },
    };
  }

  const lineEveryMs = options.lineEveryMs ?? 5000;
  let lastLine = started;
  return {
    update(progress) {
      const at = now();
      if (at - lastLine < lineEveryMs) return;
      lastLine = at;
      const { percent, rate, eta } = figures(progress, (at - started) / 1000);
      stream.write(
        `${options.label}: ${percent.toFixed(0)}%, ${integer.format(progress.rows)} rows, ${integer.format(Math.round(rate))} rows/s, ETA ${duration(eta)}\n`,
      );
    },
    finish() {},
  };
}

function reasons(counts: Record<string, number>): string[] {
  return Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .map(([reason, count]) => `    ${integer.format(count).padStart(7)}  ${reason}`);
}

/** The summary as a few lines of text: counts, then the reasons rows were skipped with examples. */
export function formatImportSummary(summary: ImportSummary): string {
  const seconds = summary.durationMs / 1000;
  const stored = summary.inserted + summary.updated;
  const lines = [
    `Imported ${summary.file} into ${summary.member} (${summary.format}) in ${seconds.toFixed(1)} s` +
      (seconds > 0 ? `, ${integer.format(Math.round(stored / seconds))} records/s` : ''),
    `  ${summary.rowUnit === 'record' ? 'records' : 'rows'} read ${integer.format(summary.rows)}, inserted ${integer.format(summary.inserted)}, updated ${integer.format(summary.updated)}, skipped ${integer.format(summary.skipped)}`,
  ];
  const unit = summary.rowUnit;
  if (summary.setAside > 0)
    lines.push(`  not imported, not being catalogue records (${integer.format(summary.setAside)}):`, ...reasons(summary.setAsideByKind));
  if (summary.skipped > 0) {
    lines.push('  skipped rows by reason:', ...reasons(summary.skippedByReason));
    lines.push('  first skipped rows:');
    for (const example of summary.skippedExamples) lines.push(`    ${unit} ${example.line}: ${example.detail}`);
    if (summary.skipped > summary.skippedExamples.length) {
      lines.push(`    ... and ${integer.format(summary.skipped - summary.skippedExamples.length)} more`);
    }
  }
  if (summary.warnings > 0) {
    lines.push(`  imported with a value dropped (${integer.format(summary.warnings)}):`, ...reasons(summary.warningsByReason));
    for (const example of summary.warningExamples.slice(0, 5)) lines.push(`    ${unit} ${example.line}: ${example.detail}`);
  }
  return `${lines.join('\n')}\n`;
}

export function printImportSummary(summary: ImportSummary, stream: Writable = process.stdout): void {
  stream.write(formatImportSummary(summary));
}
