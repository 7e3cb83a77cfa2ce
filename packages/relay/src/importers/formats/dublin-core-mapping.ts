// Which columns of a member's Dublin Core file feed which record fields. Without a mapping
// file the Dublin Core element names are used (identifier, title, creator, ...); a mapping
// file (`--mapping FILE`, JSON) names other columns for any field.
import { readFile } from 'node:fs/promises';
import { z } from 'zod/mini';
import { RecordType } from '@atrium/sdk';
import { ImportError } from '../import-error.js';

const Columns = z.union(
  [z.string().check(z.trim(), z.minLength(1)), z.array(z.string().check(z.trim(), z.minLength(1))).check(z.minLength(1))],
  'must be a column name or a non-empty list of column names',
);

export const MAPPED_FIELDS = [
  'id',
  'title',
  'creators',
  'contributors',
  'subjects',
  'description',
  'date',
  'year',
  'type',
  'language',
  'isbn',
  'url',
  'thumbnail',
  'series',
  'physicalDescription',
  'creditLine',
] as const;
export type MappedField = (typeof MAPPED_FIELDS)[number];

export const DublinCoreMapping = z.strictObject({
  id: z.optional(Columns),
  title: z.optional(Columns),
  creators: z.optional(Columns),
  contributors: z.optional(Columns),
  subjects: z.optional(Columns),
  description: z.optional(Columns),
  date: z.optional(Columns),
  year: z.optional(Columns),
  type: z.optional(Columns),
  language: z.optional(Columns),
  isbn: z.optional(Columns),
  url: z.optional(Columns),
  thumbnail: z.optional(Columns),
  series: z.optional(Columns),
  physicalDescription: z.optional(Columns),
  creditLine: z.optional(Columns),
  /** Values for records whose row leaves the field empty, e.g. a file holding only books. */
  defaults: z.optional(
    z.strictObject({
      type: z.optional(RecordType),
      language: z.optional(z.string().check(z.minLength(2))),
    }),
  ),
});
export type DublinCoreMapping = z.infer<typeof DublinCoreMapping>;

/**
 * Column names tried when the mapping does not name a field, compared case-insensitively
 * and with any `dc:` / `dcterms:` / `dc.` prefix removed.
 */
export const DEFAULT_COLUMNS: Record<MappedField, readonly string[]> = {
  id: ['identifier', 'id'],
  title: ['title'],
  creators: ['creator'],
  contributors: ['contributor'],
  subjects: ['subject'],
  description: ['description', 'abstract'],
  date: ['date', 'created', 'issued'],
  year: ['year'],
  type: ['type'],
  language: ['language'],
  isbn: ['isbn'],
  url: ['url', 'source', 'relation'],
  thumbnail: ['thumbnail'],
  series: ['series', 'ispartof'],
  physicalDescription: ['format', 'extent', 'medium'],
  creditLine: ['creditline', 'provenance'],
};

/** How a column name is compared with the default names. */
export function normalizeColumnName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/^(?:dc|dcterms)[:.]/, '');
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    const where = issue.path.length > 0 ? ` in "${issue.path.join('.')}"` : '';
    const allowed = issue.path[0] === 'defaults' ? 'type, language' : [...MAPPED_FIELDS, 'defaults'].join(', ');
    return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${key}"`).join(', ')}${where} (allowed: ${allowed})`;
  }
  const path = issue.path.map(String).join('.');
  return path === '' ? issue.message : `"${path}" ${issue.message}`;
}

/** Validates a mapping given as a value (already parsed JSON). */
export function parseDublinCoreMapping(value: unknown, source = 'mapping'): DublinCoreMapping {
  const parsed = DublinCoreMapping.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new ImportError('bad-mapping', `${source}: ${parsed.error.issues.map(describeIssue).join('; ')}`);
}

export async function loadDublinCoreMapping(file: string): Promise<DublinCoreMapping> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ImportError('bad-mapping', `Cannot read mapping file ${file}: ${(error as Error).message}`, { cause: error });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ImportError('bad-mapping', `Mapping file ${file} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  return parseDublinCoreMapping(value, `Mapping file ${file}`);
}
