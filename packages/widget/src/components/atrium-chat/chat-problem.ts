// What a patron reads when the chat cannot start, reconnect or do what was asked.
import { ChatRefusedError, ConnectionError, TimeoutError } from '@atrium/sdk';
import type { Translation } from '../../translations/translations.js';

export function chatProblem(error: unknown, t: Translation, time: (at: Date) => string): string {
  const { errors } = t.chat;
  if (error instanceof TimeoutError) return errors.timeout;
  if (error instanceof ConnectionError) return errors.connection;
  if (error instanceof ChatRefusedError) {
    switch (error.code) {
      case 'origin_not_allowed':
      case 'unknown_widget_key':
      case 'invalid_handshake':
        return errors.refused;
      case 'unknown_member':
        return errors.unknownMember;
      case 'rate_limited':
        return errors.rateLimited(time(new Date(Date.now() + Math.max(1, error.retryAfterSeconds ?? 60) * 1000)));
      case 'conversation_ended':
        return errors.ended;
      case 'not_found':
        return errors.notFound;
    }
  }
  return errors.unknown;
}
