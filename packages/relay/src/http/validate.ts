import { toFieldErrors } from '@atrium/sdk';
import type { z } from 'zod/mini';
import { ProblemError } from './problem.js';

/**
 * Checks an input against its shared schema; a failure is a 400 that names every bad field,
 * prefixed by where it was (`query`, `body`), so the caller can fix them all at once.
 */
export function parseInput<S extends z.ZodMiniType>(schema: S, input: unknown, where: 'query' | 'body' | 'params'): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data as z.output<S>;
  const errors = toFieldErrors(result.error.issues);
  const summary = errors.map((error) => `${error.path || where}: ${error.message}`).join('; ');
  throw new ProblemError(400, 'invalid_request', `Invalid ${where}: ${summary}`, errors);
}
