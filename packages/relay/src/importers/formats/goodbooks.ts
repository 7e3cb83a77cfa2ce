// goodbooks-10k (CSV) as a public library's catalogue: one book per row.
//
// The title keeps goodreads' full display title, series included ("The Hunger Games (The
// Hunger Games, #1)"): it names the edition the ISBN belongs to and shows the volume number,
// while `original_title` is empty for 585 books and is the original-language or first-edition
// title for others. The series name alone goes to `series`.
import type { RecordInput } from '../../storage/catalog-store.js';
import type { ImportFormat, MapResult, RowProblem } from '../import-format.js';
import { ImportError } from '../import-error.js';
import { toIso639_1 } from '../language-code.js';
import { clean, uniqueClean, withoutUndefined } from '../record-builder.js';
import { rowIssue } from '../row-issue.js';
import { parseYear, yearText } from '../year.js';
import { goodbooksIsbns } from './goodbooks-isbn.js';
import { GOODBOOKS_REQUIRED_COLUMNS, GoodbooksRow } from './goodbooks-row.js';

/** The trailing "(Series, #1)" goodreads appends to titles; also "(Series #1)" and "(A, #1; B #2)". */
const SERIES_SUFFIX = /\(([^()]*#[^()]*)\)\s*$/;

export function goodbooksSeries(title: string): string | undefined {
  const inside = SERIES_SUFFIX.exec(title)?.[1];
  if (inside === undefined) return undefined;
  const first = inside.split(';')[0] ?? '';
  return clean(first.replace(/,?\s*#.*$/, ''));
}

function isPlaceholderImage(url: string): boolean {
  return /\/nophoto\//.test(url);
}

function toRecord(value: unknown, member: string): MapResult {
  const parsed = GoodbooksRow.safeParse(value);
  if (!parsed.success) return { ok: false, ...rowIssue(parsed.error, value) };
  const row = parsed.data;
  const title = clean(row.title)!;
  const year = parseYear(row.original_publication_year);
  const { isbns, problem } = goodbooksIsbns(row.isbn, row.isbn13);
  const goodreads = clean(row.goodreads_book_id);
  const image = clean(row.image_url);
  const warnings: RowProblem[] = problem ? [problem] : [];

  const identifiers: Record<string, string[]> = {};
  if (isbns.length > 0) identifiers.isbn = isbns;
  if (goodreads !== undefined && /^\d+$/.test(goodreads)) identifiers.goodreads = [goodreads];

  const record: RecordInput = withoutUndefined({
    id: `${member}:${row.book_id}`,
    member,
    type: 'book',
    title,
    creators: uniqueClean(row.authors.split(',')).map((name) => ({ name, role: 'author' })),
    date: year === undefined ? undefined : yearText(year),
    year,
    subjects: [],
    language: toIso639_1(row.language_code),
    identifiers,
    thumbnail: image !== undefined && !isPlaceholderImage(image) ? image : undefined,
    series: goodbooksSeries(title),
    holdings: [],
  });
  return warnings.length > 0 ? { ok: true, record, warnings } : { ok: true, record };
}

export const goodbooksFormat: ImportFormat = {
  name: 'goodbooks',
  input: 'csv',
  checkOutput: false,
  checkColumns(columns) {
    const missing = GOODBOOKS_REQUIRED_COLUMNS.filter((name) => !columns.includes(name));
    if (missing.length > 0) {
      throw new ImportError(
        'missing-columns',
        `This is not a goodbooks books.csv: its header lacks ${missing.join(', ')} (it has: ${columns.slice(0, 12).join(', ')}${columns.length > 12 ? ', ...' : ''}).`,
      );
    }
  },
  toRecord: (value, { member }) => toRecord(value, member),
};
