// What a patron reads when the relay refuses or cannot be reached while booking or placing a hold.
import { ApiError, ConnectionError, TimeoutError } from '@atrium/sdk';
import type { Translation } from '../translations/translations.js';

export function problemMessage(error: unknown, t: Translation): string {
  if (error instanceof TimeoutError) return t.errors.timeout;
  if (error instanceof ConnectionError) return t.errors.connection;
  if (error instanceof ApiError && error.status === 422) return t.policy(error.code, error.message);
  if (error instanceof ApiError) return t.errors.unknown;
  return t.errors.unknown;
}
