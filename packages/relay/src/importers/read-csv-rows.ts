// Reads CSV with a header row through csv-parse's streaming parser. Rows the parser cannot
// read (a stray quote, a wrong number of cells) come out as errors in file order, and
// parsing carries on with the next row.
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { CsvError, Info, Options } from 'csv-parse';
import type { SourceRow } from './source-row.js';

export interface CsvRowsOptions {
  /**
   * Sees the header before any row is read; throwing stops the import at once (a file
   * without the columns a format needs is not worth reading to the end).
   */
  onHeader?: (columns: string[]) => void;
}

function countNewlines(record: Record<string, string>): number {
  let count = 0;
  for (const value of Object.values(record)) {
    let index = value.indexOf('\n');
    while (index !== -1) {
      count += 1;
      index = value.indexOf('\n', index + 1);
    }
  }
  return count;
}

function describe(error: CsvError | undefined): { lineNumber: number; reason: string; detail: string } {
  const lineNumber = Number((error as (CsvError & { lines?: number }) | undefined)?.lines ?? 0);
  const code = error?.code ?? 'CSV_ERROR';
  const reason =
    code === 'CSV_RECORD_INCONSISTENT_COLUMNS' || code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH'
      ? 'wrong number of cells'
      : code === 'CSV_QUOTE_NOT_CLOSED'
        ? 'unclosed quote'
        : 'unreadable CSV row';
  return { lineNumber, reason, detail: error?.message ?? 'the CSV parser rejected the row' };
}

/** Records buffered between the parser and the importer; fewer means more hand-offs. */
const RECORDS_BUFFERED = 1024;

/** Reads CSV rows from a UTF-8 byte stream. */
export async function* readCsvRows(content: Readable, options: CsvRowsOptions = {}): AsyncGenerator<SourceRow> {
  const pending: SourceRow[] = [];
  const parserOptions: Options & { readableHighWaterMark: number } = {
    readableHighWaterMark: RECORDS_BUFFERED,
    bom: true,
    info: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    columns: (header: string[]) => {
      const columns = header.map((name) => name.trim());
      options.onHeader?.(columns);
      return columns;
    },
    on_skip: (error) => {
      const { lineNumber, reason, detail } = describe(error);
      pending.push({ lineNumber, error: { reason, detail } });
      return undefined;
    },
  };
  const parser = parse(parserOptions);
  content.on('error', (error) => parser.destroy(error));
  content.pipe(parser);
  let previousEnd = 1;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: Info }>) {
      // A record ending on the line after the previous one cannot span lines; only others
      // (quoted line breaks, skipped blank lines) need their cells searched for newlines.
      const lineNumber = info.lines === previousEnd + 1 ? info.lines : info.lines - countNewlines(record);
      previousEnd = info.lines;
      while (pending.length > 0 && pending[0]!.lineNumber < lineNumber) yield pending.shift()!;
      yield { lineNumber, value: record };
    }
    while (pending.length > 0) yield pending.shift()!;
  } finally {
    content.unpipe(parser);
    parser.destroy();
  }
}
