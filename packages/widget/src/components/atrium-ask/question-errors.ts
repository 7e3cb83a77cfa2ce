// Which fields of the question form the relay (or the SDK's own check) refused, from the
// `{ path, message }` list either one gives; each field then shows its own translated message.
import { ApiError, ValidationError } from '@atrium/sdk';

export type QuestionField = 'text' | 'name' | 'email';

const FIELDS: Record<string, QuestionField> = {
  text: 'text',
  'patron.name': 'name',
  'patron.email': 'email',
};

/** The form fields named by a refusal; empty when the error is not about the fields. */
export function refusedFields(error: unknown): QuestionField[] {
  const issues = error instanceof ApiError ? error.errors : error instanceof ValidationError ? error.issues : [];
  const fields = issues.map((issue) => FIELDS[issue.path]).filter((field): field is QuestionField => field !== undefined);
  return [...new Set(fields)];
}
