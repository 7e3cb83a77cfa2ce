// Splits a text stream into lines without holding more than one line (plus one chunk) in
// memory, so files of any size import in constant memory.
import type { Readable } from 'node:stream';

export interface Line {
  /** 1-based. */
  lineNumber: number;
  text: string;
  /** True when the line was longer than the limit and only its start is kept. */
  truncated?: boolean;
}

/** Longer lines are cut (and marked) so a file without newlines cannot exhaust memory. */
export const MAX_LINE_LENGTH = 16 * 1024 * 1024;

/** Reads UTF-8 lines from a byte stream. */
export async function* readLines(content: Readable): AsyncGenerator<Line> {
  content.setEncoding('utf8');
  let pending = '';
  let truncated = false;
  let lineNumber = 0;
  for await (const chunk of content as AsyncIterable<string>) {
    let start = 0;
    let newline = chunk.indexOf('\n');
    while (newline !== -1) {
      lineNumber += 1;
      let line = pending + chunk.slice(start, newline);
      pending = '';
      if (line.endsWith('\r')) line = line.slice(0, -1);
      if (lineNumber === 1 && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
      yield truncated ? { lineNumber, text: line, truncated } : { lineNumber, text: line };
      truncated = false;
      start = newline + 1;
      newline = chunk.indexOf('\n', start);
    }
    if (!truncated) {
      pending += chunk.slice(start);
      if (pending.length > MAX_LINE_LENGTH) {
        pending = pending.slice(0, MAX_LINE_LENGTH);
        truncated = true;
      }
    }
  }
  if (pending !== '' || truncated) {
    lineNumber += 1;
    if (pending.endsWith('\r')) pending = pending.slice(0, -1);
    if (lineNumber === 1 && pending.charCodeAt(0) === 0xfeff) pending = pending.slice(1);
    yield truncated ? { lineNumber, text: pending, truncated } : { lineNumber, text: pending };
  }
}
