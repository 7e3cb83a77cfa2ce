// The three shared collections read straight from their files, for query words and for the
// bare FTS5 floor, independent of Atrium's importers.
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { parse } from 'csv-parse';

export const DATA_FILES = [
  { name: 'tate-artworks.jsonl.gz', member: 'harbour-museum', format: 'tate' },
  { name: 'goodbooks-books.csv.gz', member: 'riverside-library', format: 'goodbooks' },
  { name: 'tang-poems.jsonl.gz', member: 'eastern-university', format: 'tang' },
] as const;

export interface CorpusEntry {
  member: string;
  title: string;
  creators: string;
  body: string;
}

async function* jsonLines(file: string): AsyncGenerator<Record<string, unknown>> {
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of lines) if (line.trim()) yield JSON.parse(line);
}

export async function readCorpus(dataDir: string): Promise<CorpusEntry[]> {
  const entries: CorpusEntry[] = [];
  for await (const row of jsonLines(path.join(dataDir, 'tate-artworks.jsonl.gz'))) {
    entries.push({
      member: 'harbour-museum',
      title: String(row.title ?? ''),
      creators: String(row.all_artists ?? ''),
      body: [row.medium, ...((row.subjects as string[]) ?? [])].filter(Boolean).join(' '),
    });
  }
  const csv = createReadStream(path.join(dataDir, 'goodbooks-books.csv.gz'))
    .pipe(createGunzip())
    .pipe(parse({ columns: true }));
  for await (const row of csv as AsyncIterable<Record<string, string>>) {
    entries.push({ member: 'riverside-library', title: row.title ?? '', creators: row.authors ?? '', body: row.original_title ?? '' });
  }
  for await (const row of jsonLines(path.join(dataDir, 'tang-poems.jsonl.gz'))) {
    entries.push({
      member: 'eastern-university',
      title: String(row.title ?? ''),
      creators: String(row.author ?? ''),
      body: ((row.paragraphs as string[]) ?? []).join('\n'),
    });
  }
  return entries;
}
