// Reading a consortium file (YAML or JSON: JSON is read as the YAML it also is) into the one
// shape the shared schema gives, with every problem named by line, path and reason, e.g.
//   consortium.yaml:42: members[1].branches[0].hours.weekly.mon[0]: closing time must be after opening time
// Nothing is applied from a file with any problem in it.
import { ConsortiumFile } from '@atrium/sdk';
import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { formatPath, type IssuePath } from './issue-path.js';
import { checkReferences } from './references.js';

export interface FileIssue {
  /** 1-based line of the value the issue is about (the nearest one the file has). */
  line: number;
  path: string;
  message: string;
}

export class ConsortiumFileError extends Error {
  constructor(
    readonly fileName: string,
    readonly issues: readonly FileIssue[],
  ) {
    super(
      `${fileName} has ${issues.length} problem${issues.length === 1 ? '' : 's'}; nothing was applied:\n` +
        issues.map((issue) => `  ${fileName}:${issue.line}: ${issue.path === '' ? '' : `${issue.path}: `}${issue.message}`).join('\n'),
    );
    this.name = 'ConsortiumFileError';
  }
}

/** Parses and validates a consortium file; throws ConsortiumFileError listing every problem. */
export function readConsortiumFile(text: string, fileName: string): ConsortiumFile {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  if (document.errors.length > 0) {
    throw new ConsortiumFileError(
      fileName,
      document.errors.map((error) => ({ line: lines.linePos(error.pos[0]).line, path: '', message: firstLine(error.message) })),
    );
  }
  const data: unknown = document.toJS();
  const lineOf = (path: IssuePath) => lineAt(document, lines, path);
  const parsed = ConsortiumFile.safeParse(data);
  if (!parsed.success) {
    throw new ConsortiumFileError(
      fileName,
      dedupe(
        parsed.error.issues.flatMap((issue) => {
          const path = issue.path as Array<string | number>;
          if (issue.code === 'unrecognized_keys') {
            return issue.keys.map((key) => ({
              line: lineOf([...path, key]),
              path: formatPath([...path, key]),
              message: `unknown field "${key}"${suggestion(key)}`,
            }));
          }
          return [{ line: lineOf(path), path: formatPath(path), message: describe(issue, data, path) }];
        }),
      ),
    );
  }
  const references = checkReferences(parsed.data);
  if (references.length > 0) {
    throw new ConsortiumFileError(
      fileName,
      references.map((issue) => ({ line: lineOf(issue.path), path: formatPath(issue.path), message: issue.message })),
    );
  }
  return parsed.data;
}

function describe(issue: { code: string; message: string; expected?: unknown }, data: unknown, path: IssuePath): string {
  if (issue.code === 'invalid_type') {
    const value = valueAt(data, path);
    if (value === undefined) return 'is required';
    return `must be ${article(String(issue.expected))}, not ${kindOf(value)}`;
  }
  return issue.message;
}

function valueAt(data: unknown, path: IssuePath): unknown {
  let value = data;
  for (const part of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[part];
  }
  return value;
}

function kindOf(value: unknown): string {
  if (value === null) return 'empty (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the text "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return `${typeof value === 'number' ? 'the number' : 'the value'} ${String(value)}`;
}

function article(expected: string): string {
  const names: Record<string, string> = {
    object: 'a mapping',
    array: 'a list',
    string: 'text',
    number: 'a number',
    int: 'a whole number',
    boolean: 'true or false',
  };
  return names[expected] ?? expected;
}

/** The line of the deepest node of `path` the document has (a missing field: its parent's). */
function lineAt(document: Document, lines: LineCounter, path: IssuePath): number {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? document.contents : document.getIn(path.slice(0, depth), true);
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    if (range !== undefined) {
      // A key's line rather than its value's, where the value is a block on the lines below.
      if (depth > 0 && (isMap(node) || isSeq(node))) {
        const parent = depth === 1 ? document.contents : document.getIn(path.slice(0, depth - 1), true);
        const key = path[depth - 1];
        if (isMap(parent)) {
          const pair = parent.items.find((item) => (item.key as { value?: unknown } | null)?.value === key);
          const keyRange = (pair?.key as { range?: [number, number, number] } | undefined)?.range;
          if (keyRange !== undefined) return lines.linePos(keyRange[0]).line;
        }
      }
      return lines.linePos(range[0]).line;
    }
  }
  return 1;
}

/** "did you mean" for a misspelt field, from the fields a consortium file knows. */
function suggestion(key: string): string {
  const known = KNOWN_FIELDS.filter((field) => field !== key && distance(field.toLowerCase(), key.toLowerCase()) <= 2);
  return known.length > 0 ? ` (did you mean "${known[0]}"?)` : '';
}

/** Every field name the file's schema knows, read from the schema so the two never drift. */
const KNOWN_FIELDS = [...fieldNames(ConsortiumFile)];

interface SchemaDef {
  type: string;
  shape?: Record<string, { _zod: { def: SchemaDef } }>;
  innerType?: { _zod: { def: SchemaDef } };
  element?: { _zod: { def: SchemaDef } };
  options?: Array<{ _zod: { def: SchemaDef } }>;
  items?: Array<{ _zod: { def: SchemaDef } }>;
  in?: { _zod: { def: SchemaDef } };
  valueType?: { _zod: { def: SchemaDef } };
}

function fieldNames(schema: { _zod: { def: unknown } }, names = new Set<string>()): Set<string> {
  const def = schema._zod.def as SchemaDef;
  const inner = [
    ...Object.values(def.shape ?? {}),
    ...(def.options ?? []),
    ...(def.items ?? []),
    ...[def.innerType, def.element, def.in, def.valueType].filter((child) => child !== undefined),
  ];
  for (const name of Object.keys(def.shape ?? {})) names.add(name);
  for (const child of inner) fieldNames(child, names);
  return names;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

function dedupe(issues: FileIssue[]): FileIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.line}\u0000${issue.path}\u0000${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}
