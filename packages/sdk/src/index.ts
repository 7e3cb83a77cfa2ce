export * from './schemas/index.js';
export * from './errors/index.js';
export { toFieldErrors } from './client/issues.js';
export { createClient, type AtriumClient, type ClientOptions } from './client/create-client.js';
export type { SearchApi, SearchQuery } from './client/search.js';
export type { RecordsApi } from './client/records.js';
export type { MembersApi } from './client/members.js';
export type { AvailabilityRange, BookingsApi, NewBooking, ResourceFilter, StaffBookingQuery } from './client/bookings.js';
export type { HoldsApi, NewHold } from './client/holds.js';
export type { NewQuestion, QuestionsApi } from './client/questions.js';
export type { KbApi } from './client/kb.js';
export type { StaffApi, StaffQuestionsApi, StaffToken } from './client/staff.js';
export type { AdminApi, VersionedMember } from './client/admin.js';
export { newIdempotencyKey, type CreateOptions } from './client/idempotency.js';
export type { AuthApi, LoginCredentials } from './client/auth.js';
export type { CannedResponsesApi } from './client/canned-responses.js';
export type { CallOptions } from './client/transport.js';
export {
  PatronChat,
  formatTranscript,
  type TranscriptOptions,
  type TranscriptWording,
  type ChatApi,
  type ChatConnectOptions,
  type ChatTokenStorage,
} from './client/chat.js';
export { DeskConversation, LibrarianDesk, type ConsoleApi, type ConsoleConnectOptions, type DeskEvents } from './client/chat-console.js';
export {
  ChatConversation,
  type ConversationEvents,
  type OutboxEntry,
  type OutboxPersistence,
  type UndeliveredMessage,
} from './client/chat-conversation.js';
export { ChatRefusedError } from './client/chat-error.js';
