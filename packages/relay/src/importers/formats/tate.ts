// The Tate collection (JSON Lines) as a museum's catalogue: one artwork per line.
import type { RecordInput } from '../../storage/catalog-store.js';
import type { ImportFormat, MapResult } from '../import-format.js';
import { clean, uniqueClean, withoutUndefined } from '../record-builder.js';
import { rowIssue } from '../row-issue.js';
import { parseYear } from '../year.js';
import { TateRow } from './tate-row.js';

/** Tate's ways of saying it has no date; they are left out rather than shown as a date. */
const NO_DATE = /^(?:date not known|no date|n\.\s?d\.?)$/i;

function toRecord(value: unknown, member: string): MapResult {
  const parsed = TateRow.safeParse(value);
  if (!parsed.success) return { ok: false, ...rowIssue(parsed.error, value) };
  const row = parsed.data;
  const dateText = clean(row.dateText);
  const record: RecordInput = withoutUndefined({
    id: `${member}:${row.acno}`,
    member,
    type: 'artwork',
    title: clean(row.title)!,
    creators: (row.contributors ?? []).map((contributor) =>
      withoutUndefined({ name: clean(contributor.fc)!, role: clean(contributor.role), dates: clean(contributor.date) }),
    ),
    date: dateText !== undefined && !NO_DATE.test(dateText) ? dateText : undefined,
    year: parseYear(row.dateRange?.startYear),
    subjects: uniqueClean([...(row.subjects ?? []), ...(row.movements ?? [])]),
    identifiers: { accession: [row.acno] },
    url: clean(row.url),
    thumbnail: clean(row.thumbnailUrl),
    series: clean(row.groupTitle),
    physicalDescription: uniqueClean([row.medium, row.dimensions]).join('; ') || undefined,
    creditLine: clean(row.creditLine),
    holdings: [],
  });
  return { ok: true, record };
}

export const tateFormat: ImportFormat = {
  name: 'tate',
  input: 'jsonl',
  checkOutput: false,
  toRecord: (value, { member }) => toRecord(value, member),
};
