// Tang poems from chinese-poetry (JSON Lines, Traditional characters) as a university
// library's special collection: each poem a text in the 全唐詩 (Complete Tang Poems).
import type { RecordInput } from '../../storage/catalog-store.js';
import type { ImportFormat, MapResult } from '../import-format.js';
import { clean, cleanLines, withoutUndefined } from '../record-builder.js';
import { rowIssue } from '../row-issue.js';
import { TangRow } from './tang-row.js';

export const TANG_SERIES = '全唐詩';

function toRecord(value: unknown, member: string): MapResult {
  const parsed = TangRow.safeParse(value);
  if (!parsed.success) return { ok: false, ...rowIssue(parsed.error, value) };
  const row = parsed.data;
  const author = clean(row.author);
  const record: RecordInput = withoutUndefined({
    id: `${member}:${row.id}`,
    member,
    type: 'text',
    title: clean(row.title)!,
    creators: author === undefined ? [] : [{ name: author, role: 'poet' }],
    subjects: [],
    description: cleanLines(row.paragraphs.join('\n')),
    language: 'zh',
    identifiers: {},
    series: TANG_SERIES,
    holdings: [],
  });
  return { ok: true, record };
}

export const tangFormat: ImportFormat = {
  name: 'tang',
  input: 'jsonl',
  checkOutput: false,
  toRecord: (value, { member }) => toRecord(value, member),
};
