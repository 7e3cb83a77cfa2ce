// Turns a schema failure on an imported row into a reason that can be counted across a file
// ("missing title", "invalid dateRange.startYear") and a detail that names the field.
import type { z } from 'zod/mini';
import type { RowProblem } from './import-format.js';

type Issue = z.core.$ZodIssue;

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function pathText(path: readonly PropertyKey[], keepIndexes: boolean): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += keepIndexes ? `[${key}]` : '[]';
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text;
}

function issueProblem(issue: Issue, input: unknown): RowProblem {
  const value = valueAt(input, issue.path);
  const where = pathText(issue.path, true);
  if (issue.path.length === 0) {
    return {
      reason: 'not an object',
      detail: `expected one object per row, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`,
    };
  }
  const missing = value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
  return {
    reason: `${missing ? 'missing' : 'invalid'} ${pathText(issue.path, false)}`,
    detail: missing ? `${where} is missing or empty` : `${where}: ${issue.message}`,
  };
}

export function rowIssue(error: z.core.$ZodError, input: unknown): RowProblem {
  const first = error.issues[0];
  if (first === undefined) return { reason: 'invalid row', detail: error.message };
  const problem = issueProblem(first, input);
  const more = error.issues.length - 1;
  return more > 0 ? { reason: problem.reason, detail: `${problem.detail} (and ${more} more problem${more > 1 ? 's' : ''})` } : problem;
}
