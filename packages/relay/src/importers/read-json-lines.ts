// Reads JSON Lines: one JSON value per line; blank lines are ignored.
import type { Readable } from 'node:stream';
import { readLines } from './read-lines.js';
import type { SourceRow } from './source-row.js';

export async function* readJsonLines(content: Readable): AsyncGenerator<SourceRow> {
  for await (const { lineNumber, text: line, truncated } of readLines(content)) {
    if (truncated) {
      yield { lineNumber, error: { reason: 'line too long', detail: 'the line is longer than 16 MiB' } };
      continue;
    }
    if (line.trim() === '') continue;
    try {
      yield { lineNumber, value: JSON.parse(line) as unknown };
    } catch (error) {
      yield { lineNumber, error: { reason: 'not valid JSON', detail: (error as Error).message } };
    }
  }
}
