// Live consultation over Socket.IO: handshakes, every event payload and every acknowledgement
// of the /patron and /librarian namespaces.
import { z } from 'zod/mini';
import { AckError, MemberId } from './common.js';

export const ConversationId = z.string().check(z.minLength(1), z.maxLength(100));

export const ConversationStatus = z.enum(['waiting', 'active', 'ended']);
export type ConversationStatus = z.infer<typeof ConversationStatus>;

/** What the patron was looking at when asking, shown to the librarian. */
export const ChatContext = z.object({
  pageUrl: z.optional(z.string().check(z.maxLength(2000))),
  recordId: z.optional(z.string().check(z.maxLength(200))),
  query: z.optional(z.string().check(z.maxLength(500))),
  language: z.optional(z.string().check(z.maxLength(35))),
});
export type ChatContext = z.infer<typeof ChatContext>;

export const PresenceStatus = z.enum(['available', 'busy', 'away']);
export type PresenceStatus = z.infer<typeof PresenceStatus>;

export const ChatRole = z.enum(['patron', 'librarian']);
export type ChatRole = z.infer<typeof ChatRole>;

/** `/patron` handshake `auth`: the site's member and the session token kept from last time. */
export const PatronHandshake = z.object({
  member: MemberId,
  session: z.optional(z.string().check(z.maxLength(4000))),
});
export type PatronHandshake = z.infer<typeof PatronHandshake>;

/** `/librarian` handshake `auth`: the token from `POST /v1/auth/login`. */
export const LibrarianHandshake = z.object({
  token: z.string().check(z.minLength(1, 'is required'), z.maxLength(4000)),
});
export type LibrarianHandshake = z.infer<typeof LibrarianHandshake>;

/** Sent by the relay (`session` event) to every patron socket: keep it and hand it back next time. */
export const PatronSession = z.object({
  /** The session id: the same for every tab and reload that presents the token. */
  id: z.string(),
  token: z.string(),
  expiresAt: z.iso.datetime(),
});
export type PatronSession = z.infer<typeof PatronSession>;

export const ChatSender = z.object({
  role: ChatRole,
  name: z.optional(z.string()),
  member: z.optional(MemberId),
});
export type ChatSender = z.infer<typeof ChatSender>;

export const ChatMessage = z.object({
  conversationId: ConversationId,
  /** Position in the conversation, assigned by the relay: 1, 2, 3, ... without gaps. */
  seq: z.number().check(z.int(), z.positive()),
  clientId: z.string(),
  from: ChatSender,
  text: z.string(),
  ts: z.iso.datetime(),
});
export type ChatMessage = z.infer<typeof ChatMessage>;

export const AssignedLibrarian = z.object({
  name: z.string(),
  member: MemberId,
});
export type AssignedLibrarian = z.infer<typeof AssignedLibrarian>;

export const Conversation = z.object({
  id: ConversationId,
  member: MemberId,
  status: ConversationStatus,
  createdAt: z.iso.datetime(),
  endedAt: z.optional(z.iso.datetime()),
  endedBy: z.optional(ChatRole),
  librarian: z.optional(AssignedLibrarian),
  context: z.optional(ChatContext),
  /** The seq of the newest message (0 before the first). */
  lastSeq: z.number().check(z.int(), z.nonnegative()),
  /** The newest seq each side has read. */
  read: z.object({ patron: z.number(), librarian: z.number() }),
});
export type Conversation = z.infer<typeof Conversation>;

// Client → relay payloads.

export const ChatStartPayload = z.object({ context: z.optional(ChatContext) });
export type ChatStartPayload = z.infer<typeof ChatStartPayload>;

export const ChatMessagePayload = z.object({
  conversationId: ConversationId,
  /** Chosen by the sender; the same clientId sent again is stored once. */
  clientId: z.string().check(z.minLength(1, 'is required'), z.maxLength(100)),
  text: z.string().check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(4000)),
});
export type ChatMessagePayload = z.infer<typeof ChatMessagePayload>;

export const ChatTypingPayload = z.object({ conversationId: ConversationId, typing: z.boolean() });
export type ChatTypingPayload = z.infer<typeof ChatTypingPayload>;

export const ChatReadPayload = z.object({
  conversationId: ConversationId,
  seq: z.number().check(z.int(), z.nonnegative()),
});
export type ChatReadPayload = z.infer<typeof ChatReadPayload>;

export const ChatEndPayload = z.object({ conversationId: ConversationId });
export type ChatEndPayload = z.infer<typeof ChatEndPayload>;

export const ChatResumePayload = z.object({
  conversationId: ConversationId,
  /** The newest seq the client has; the answer holds every message after it. */
  afterSeq: z.number().check(z.int(), z.nonnegative()),
});
export type ChatResumePayload = z.infer<typeof ChatResumePayload>;

export const ChatAcceptPayload = z.object({ conversationId: ConversationId });
export type ChatAcceptPayload = z.infer<typeof ChatAcceptPayload>;

export const PresenceSetPayload = z.object({ status: PresenceStatus });
export type PresenceSetPayload = z.infer<typeof PresenceSetPayload>;

// Relay → client events.

export const QueueItem = z.object({
  conversationId: ConversationId,
  member: MemberId,
  waitingSince: z.iso.datetime(),
  context: z.optional(ChatContext),
});
export type QueueItem = z.infer<typeof QueueItem>;

/** `queue:update`: the waiting conversations, the librarian's own member first, oldest first. */
export const QueueUpdate = z.object({ items: z.array(QueueItem) });
export type QueueUpdate = z.infer<typeof QueueUpdate>;

/** `queue:update` on /patron: where the patron's waiting conversation stands (1 = next). */
export const PatronQueuePosition = z.object({ conversationId: ConversationId, position: z.number().check(z.int(), z.positive()) });
export type PatronQueuePosition = z.infer<typeof PatronQueuePosition>;

/** `chat:assigned`: a librarian accepted the conversation. */
export const ChatAssigned = z.object({ conversationId: ConversationId, librarian: AssignedLibrarian });
export type ChatAssigned = z.infer<typeof ChatAssigned>;

/** `chat:typing` as relayed to the other side. */
export const ChatTyping = z.object({ conversationId: ConversationId, role: ChatRole, typing: z.boolean() });
export type ChatTyping = z.infer<typeof ChatTyping>;

/** `chat:read` as relayed to the other side. */
export const ChatRead = z.object({ conversationId: ConversationId, role: ChatRole, seq: z.number() });
export type ChatRead = z.infer<typeof ChatRead>;

/** `chat:end` as relayed to both sides. */
export const ChatEnded = z.object({ conversationId: ConversationId, endedBy: ChatRole, endedAt: z.iso.datetime() });
export type ChatEnded = z.infer<typeof ChatEnded>;

// Acknowledgements.

function ack<T extends z.ZodMiniObject>(success: T) {
  return z.discriminatedUnion('ok', [
    z.extend(success, { ok: z.literal(true) }),
    z.object({ ok: z.literal(false), error: AckError }),
  ]);
}

export const ChatStartAck = ack(z.object({ conversation: Conversation, session: PatronSession }));
export type ChatStartAck = z.infer<typeof ChatStartAck>;
export const ChatMessageAck = ack(z.object({ message: ChatMessage }));
export type ChatMessageAck = z.infer<typeof ChatMessageAck>;
export const ChatResumeAck = ack(z.object({ conversation: Conversation, messages: z.array(ChatMessage) }));
export type ChatResumeAck = z.infer<typeof ChatResumeAck>;
export const ChatAcceptAck = ack(z.object({ conversation: Conversation, messages: z.array(ChatMessage) }));
export type ChatAcceptAck = z.infer<typeof ChatAcceptAck>;
export const ChatEndAck = ack(z.object({ conversation: Conversation }));
export type ChatEndAck = z.infer<typeof ChatEndAck>;
export const ChatReadAck = ack(z.object({ seq: z.number() }));
export type ChatReadAck = z.infer<typeof ChatReadAck>;
export const ChatTypingAck = ack(z.object({}));
export type ChatTypingAck = z.infer<typeof ChatTypingAck>;
export const PresenceSetAck = ack(z.object({ status: PresenceStatus }));
export type PresenceSetAck = z.infer<typeof PresenceSetAck>;
