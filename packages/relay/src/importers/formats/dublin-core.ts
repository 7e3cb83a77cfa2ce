// Generic Dublin Core importers (CSV and JSON Lines), so a new member loads its catalogue
// without code: columns named after the DC elements, or a mapping file naming its own.
import type { RecordType } from '@atrium/sdk';
import type { RecordInput } from '../../storage/catalog-store.js';
import { ImportError } from '../import-error.js';
import type { ImportFormat, MapResult, RowProblem } from '../import-format.js';
import { toIsbn13 } from '../isbn.js';
import { toIso639_1 } from '../language-code.js';
import { clean, cleanLines, uniqueClean, withoutUndefined } from '../record-builder.js';
import { rowIssue } from '../row-issue.js';
import { parseYear } from '../year.js';
import { recordTypeFromDc } from './dcmi-type.js';
import { DcCsvRow, DcJsonRow, DcJsonValue } from './dublin-core-row.js';
import { DEFAULT_COLUMNS, MAPPED_FIELDS, normalizeColumnName, type DublinCoreMapping, type MappedField } from './dublin-core-mapping.js';

/** Separators of values inside one cell of a multi-valued element. */
const MULTI_VALUE_SEPARATOR = /\s*[;|]\s*/;
/** Fields whose cells may hold several values; `type` and `language` then use the first. */
const MULTI_VALUED: ReadonlySet<MappedField> = new Set(['id', 'creators', 'contributors', 'subjects', 'isbn', 'url', 'type', 'language']);
const MAX_LOCAL_ID_LENGTH = 200;

/** For each field, the keys of the row to read, in order. */
type ColumnPlan = Record<MappedField, readonly string[]>;

function toList(columns: string | readonly string[] | undefined): readonly string[] | undefined {
  return columns === undefined ? undefined : typeof columns === 'string' ? [columns] : columns;
}

/** Matches fields to the keys a row (or CSV header) actually has. */
function planColumns(keys: readonly string[], mapping: DublinCoreMapping | undefined): ColumnPlan {
  const byNormalName = new Map<string, string>();
  for (const key of keys) {
    const normal = normalizeColumnName(key);
    if (!byNormalName.has(normal)) byNormalName.set(normal, key);
  }
  const plan = {} as Record<MappedField, readonly string[]>;
  for (const field of MAPPED_FIELDS) {
    const mapped = toList(mapping?.[field]);
    plan[field] =
      mapped !== undefined
        ? mapped
        : DEFAULT_COLUMNS[field].map((name) => byNormalName.get(name)).filter((key): key is string => key !== undefined);
  }
  return plan;
}

function cellValues(cell: unknown, split: boolean): string[] {
  if (cell === undefined || cell === null) return [];
  if (Array.isArray(cell)) return cell.flatMap((item) => cellValues(item, false));
  const text = String(cell).trim();
  if (text === '') return [];
  return split ? text.split(MULTI_VALUE_SEPARATOR).filter((part) => part !== '') : [text];
}

function read(row: Record<string, unknown>, plan: ColumnPlan, field: MappedField): string[] {
  const values: string[] = [];
  for (const key of plan[field]) values.push(...cellValues(row[key], MULTI_VALUED.has(field)));
  return values;
}

function first(row: Record<string, unknown>, plan: ColumnPlan, field: MappedField): string | undefined {
  return read(row, plan, field)[0];
}

function isHttpUrl(value: string): boolean {
  return /^https?:\/\/\S+$/i.test(value);
}

/** Record ids cannot hold whitespace; encoding it keeps distinct identifiers distinct. */
function localIdOf(identifier: string): string {
  return identifier.replace(/\s/g, (space) => encodeURIComponent(space));
}

function toRecord(row: Record<string, unknown>, plan: ColumnPlan, mapping: DublinCoreMapping | undefined, member: string): MapResult {
  const ids = uniqueClean(read(row, plan, 'id'));
  const title = clean(first(row, plan, 'title'));
  if (ids.length === 0) {
    return { ok: false, reason: 'missing identifier', detail: `no identifier (looked in: ${plan.id.join(', ') || 'no such column'})` };
  }
  if (title === undefined) {
    return { ok: false, reason: 'missing title', detail: `no title (looked in: ${plan.title.join(', ') || 'no such column'})` };
  }
  const localId = localIdOf(ids[0]!);
  if (localId.length > MAX_LOCAL_ID_LENGTH) {
    return {
      ok: false,
      reason: 'identifier too long',
      detail: `identifier "${ids[0]!.slice(0, 40)}..." is longer than ${MAX_LOCAL_ID_LENGTH} characters`,
    };
  }

  const warnings: RowProblem[] = [];
  const isbns: string[] = [];
  const isbnCandidates = [...read(row, plan, 'isbn'), ...ids.filter((id) => /^(?:ISBN|urn:isbn:)/i.test(id))];
  for (const candidate of isbnCandidates) {
    const isbn = toIsbn13(candidate.replace(/^urn:isbn:/i, ''));
    if (isbn === undefined) {
      warnings.push({ reason: 'isbn dropped: not a valid ISBN', detail: `"${candidate}" is not an ISBN (wrong check digit or shape)` });
    } else if (!isbns.includes(isbn)) {
      isbns.push(isbn);
    }
  }

  const typeValue = first(row, plan, 'type');
  const type: RecordType = typeValue !== undefined ? recordTypeFromDc(typeValue, isbns.length > 0) : (mapping?.defaults?.type ?? 'other');
  const languageValue = first(row, plan, 'language') ?? mapping?.defaults?.language;
  const language = toIso639_1(languageValue);
  if (languageValue !== undefined && language === undefined) {
    warnings.push({ reason: 'language dropped: not a language code', detail: `language "${languageValue}" has no ISO 639-1 code` });
  }
  const date = clean(first(row, plan, 'date'));
  const yearValue = first(row, plan, 'year');
  const thumbnail = first(row, plan, 'thumbnail');

  const identifiers: Record<string, string[]> = { local: ids };
  if (isbns.length > 0) identifiers.isbn = isbns;

  const record: RecordInput = withoutUndefined({
    id: `${member}:${localId}`,
    member,
    type,
    title,
    creators: [
      ...uniqueClean(read(row, plan, 'creators')).map((name) => ({ name })),
      ...uniqueClean(read(row, plan, 'contributors')).map((name) => ({ name, role: 'contributor' })),
    ],
    date,
    year: parseYear(yearValue ?? date),
    subjects: uniqueClean(read(row, plan, 'subjects')),
    description: cleanLines(read(row, plan, 'description').join('\n')),
    language,
    identifiers,
    url: read(row, plan, 'url').find(isHttpUrl),
    thumbnail: thumbnail !== undefined && isHttpUrl(thumbnail) ? thumbnail : undefined,
    series: clean(first(row, plan, 'series')),
    physicalDescription: uniqueClean(read(row, plan, 'physicalDescription')).join('; ') || undefined,
    creditLine: clean(first(row, plan, 'creditLine')),
    holdings: [],
  });
  return warnings.length > 0 ? { ok: true, record, warnings } : { ok: true, record };
}

/** A CSV Dublin Core format; the header decides which columns are read. */
export function dcCsvFormat(mapping?: DublinCoreMapping): ImportFormat {
  let plan: ColumnPlan | undefined;
  return {
    name: 'dc-csv',
    input: 'csv',
    checkOutput: true,
    checkColumns(columns) {
      const present = new Set(columns);
      const absent: string[] = [];
      for (const field of MAPPED_FIELDS) {
        for (const column of toList(mapping?.[field]) ?? []) {
          if (!present.has(column)) absent.push(`"${field}" names column "${column}"`);
        }
      }
      if (absent.length > 0) {
        throw new ImportError(
          'bad-mapping',
          `The mapping does not fit this file: ${absent.join('; ')}, which the file does not have (its columns: ${columns.join(', ')}).`,
        );
      }
      plan = planColumns(columns, mapping);
      for (const field of ['id', 'title'] as const) {
        if (plan[field].length === 0) {
          throw new ImportError(
            'missing-columns',
            `No ${field === 'id' ? 'identifier' : 'title'} column: the file has ${columns.join(', ')}. ` +
              `Name one in a mapping file (--mapping), e.g. {"${field}": "${columns[0] ?? 'column'}"}.`,
          );
        }
      }
    },
    toRecord(value, { member }) {
      const parsed = DcCsvRow.safeParse(value);
      if (!parsed.success) return { ok: false, ...rowIssue(parsed.error, value) };
      if (plan === undefined) plan = planColumns(Object.keys(parsed.data), mapping);
      return toRecord(parsed.data, plan, mapping, member);
    },
  };
}

/** A JSON Lines Dublin Core format; each object's own keys decide which are read. */
export function dcJsonlFormat(mapping?: DublinCoreMapping): ImportFormat {
  // Lines of one file nearly always share their keys, so plans are reused by key set.
  const plans = new Map<string, ColumnPlan>();
  return {
    name: 'dc-jsonl',
    input: 'jsonl',
    checkOutput: true,
    toRecord(value, { member }) {
      const parsed = DcJsonRow.safeParse(value);
      if (!parsed.success) return { ok: false, ...rowIssue(parsed.error, value) };
      const row = parsed.data;
      const keys = Object.keys(row);
      const signature = keys.join('\u0000');
      let plan = plans.get(signature);
      if (plan === undefined) {
        plan = planColumns(keys, mapping);
        if (plans.size < 256) plans.set(signature, plan);
      }
      for (const field of MAPPED_FIELDS) {
        for (const key of plan[field]) {
          if (row[key] === undefined) continue;
          const checked = DcJsonValue.safeParse(row[key]);
          if (!checked.success) {
            return { ok: false, reason: `invalid ${key}`, detail: `${key}: ${checked.error.issues[0]?.message ?? 'unreadable value'}` };
          }
        }
      }
      return toRecord(row, plan, mapping, member);
    },
  };
}
