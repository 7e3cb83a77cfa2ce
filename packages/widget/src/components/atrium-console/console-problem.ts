// What a librarian reads when the relay refuses a console request or cannot be reached.
import { ApiError, ChatRefusedError, ConnectionError, TimeoutError } from '@atrium/sdk';
import type { ConsoleTranslation } from '../../translations/console/translations.js';

export function consoleProblem(error: unknown, t: ConsoleTranslation): string {
  if (error instanceof TimeoutError) return t.errors.timeout;
  if (error instanceof ConnectionError) return t.errors.connection;
  if (error instanceof ChatRefusedError) {
    switch (error.code) {
      case 'already_taken':
        return t.queue.alreadyTaken;
      case 'not_offered':
        return t.queue.notOffered;
      case 'at_capacity':
        return t.queue.atCapacity;
      case 'unauthorized':
        return t.signIn.expired;
    }
  }
  if (error instanceof ApiError) {
    if (error.code === 'invalid_credentials') return t.signIn.invalidCredentials;
    if (error.code === 'account_disabled') return t.signIn.disabled;
    if (error.status === 401) return t.signIn.expired;
  }
  return t.errors.unknown;
}
