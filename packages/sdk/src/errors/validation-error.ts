import type { FieldError } from '../schemas/common.js';
import { AtriumError } from './atrium-error.js';

/**
 * A response, or arguments given to the SDK, broke the shared schema: usually a relay and an
 * SDK of different versions. `issues` says which fields.
 */
export class ValidationError extends AtriumError {
  override name = 'ValidationError';
  readonly issues: FieldError[];
  constructor(message: string, issues: FieldError[]) {
    super(`${message}: ${issues.map((issue) => `${issue.path || '(root)'} ${issue.message}`).join('; ')}`);
    this.issues = issues;
  }
}
