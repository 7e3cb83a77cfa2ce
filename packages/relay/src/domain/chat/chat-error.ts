// What a chat request can be refused for; the realtime adapter turns these into ok:false acks.

export type ChatErrorCode =
  | 'not_found'
  | 'not_assigned'
  | 'conversation_ended'
  | 'already_taken'
  | 'unknown_member'
  | 'not_offered'
  | 'at_capacity'
  | 'librarian_unavailable'
  | 'invalid_target';

export class ChatError extends Error {
  override name = 'ChatError';
  constructor(
    readonly code: ChatErrorCode,
    message: string,
  ) {
    super(message);
  }
}
