import type { FieldError } from '../schemas/common.js';

interface IssueLike {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/** Turns schema issues into the `{ path, message }` list used on the wire (`patron.email`). */
export function toFieldErrors(issues: readonly IssueLike[]): FieldError[] {
  return issues.map((issue) => ({
    path: issue.path.map((key) => (typeof key === 'symbol' ? key.toString() : String(key))).join('.'),
    message: issue.message,
  }));
}
