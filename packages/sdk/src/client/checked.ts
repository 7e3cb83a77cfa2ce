import type { z } from 'zod/mini';
import { ValidationError } from '../errors/validation-error.js';
import { toFieldErrors } from './issues.js';

/** Checks arguments against the shared schema before anything is sent: the relay would refuse them anyway. */
export function checked<S extends z.ZodMiniType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(`Invalid ${what}`, toFieldErrors(result.error.issues));
  return result.data as z.output<S>;
}
