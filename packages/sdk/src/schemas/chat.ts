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
  /**
   * The member's public widget key (the `key` attribute of the widget). The relay checks the
   * page's origin against the origins the key is bound to.
   */
  key: z.optional(z.string().check(z.maxLength(200))),
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
  /** Whose queue a waiting conversation is in: the patron's member, or another after a transfer. */
  queueMember: z.optional(MemberId),
  /** The patron's rating once given. */
  rating: z.optional(z.object({ score: z.number().check(z.int(), z.minimum(1), z.maximum(5)), comment: z.optional(z.string()) })),
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

/** Where a librarian passes a conversation on: to a named colleague, or into another member's queue. */
export const TransferTarget = z.union([
  z.object({ librarianId: z.string().check(z.minLength(1, 'is required'), z.maxLength(100)) }),
  z.object({ member: MemberId }),
]);
export type TransferTarget = z.infer<typeof TransferTarget>;

export const ChatTransferPayload = z.object({
  conversationId: ConversationId,
  to: TransferTarget,
  /** Shown to the librarian who takes it over; never to the patron. */
  note: z.optional(z.string().check(z.maxLength(1000))),
});
export type ChatTransferPayload = z.infer<typeof ChatTransferPayload>;

/** `chat:rate` (patrons): a score from 1 to 5 and an optional comment, once the chat has ended or during it. */
export const ChatRatePayload = z.object({
  conversationId: ConversationId,
  score: z.number().check(z.int('must be a whole number'), z.minimum(1), z.maximum(5)),
  comment: z.optional(z.string().check(z.trim(), z.maxLength(2000))),
});
export type ChatRatePayload = z.infer<typeof ChatRatePayload>;

/** `chat:delete` (patrons): ends the conversation if open and erases it and its messages for good. */
export const ChatDeletePayload = z.object({ conversationId: ConversationId });
export type ChatDeletePayload = z.infer<typeof ChatDeletePayload>;

// Relay → client events.

/**
 * Who may take a waiting conversation: `member` while only the librarians of `queueMember` are
 * offered it, `consortium` once it has overflowed (nobody there free in time, or nobody online).
 */
export const QueueScope = z.enum(['member', 'consortium']);
export type QueueScope = z.infer<typeof QueueScope>;

export const QueueItem = z.object({
  conversationId: ConversationId,
  /** The patron's home member. */
  member: MemberId,
  waitingSince: z.iso.datetime(),
  context: z.optional(ChatContext),
  /** Whose librarians it is offered to first (the home member, or the member it was transferred to). */
  queueMember: z.optional(MemberId),
  scope: z.optional(QueueScope),
  /** When a `member`-scoped item opens to the whole consortium. */
  overflowAt: z.optional(z.iso.datetime()),
  /** The patron's first words, so a librarian can judge who knows best. */
  preview: z.optional(z.string()),
  /** Set when a colleague passed it on, with their note. */
  transfer: z.optional(z.object({ from: AssignedLibrarian, note: z.optional(z.string()) })),
});
export type QueueItem = z.infer<typeof QueueItem>;

/** `queue:update`: the waiting conversations, the librarian's own member first, oldest first. */
export const QueueUpdate = z.object({ items: z.array(QueueItem) });
export type QueueUpdate = z.infer<typeof QueueUpdate>;

/** `queue:update` on /patron: where the patron's waiting conversation stands (1 = next). */
export const PatronQueuePosition = z.object({
  conversationId: ConversationId,
  position: z.number().check(z.int(), z.positive()),
  /** A rough estimate from recent waits; absent when there is nothing to go on. */
  estimatedWaitSeconds: z.optional(z.number().check(z.nonnegative())),
  /**
   * Librarians who could take the chat now, across the consortium. 0 means nobody can be
   * reached: the widget offers to leave a question instead, keeping what was typed.
   */
  librariansAvailable: z.optional(z.number().check(z.int(), z.nonnegative())),
  scope: z.optional(QueueScope),
});
export type PatronQueuePosition = z.infer<typeof PatronQueuePosition>;

/**
 * `chat:assigned`: a librarian accepted the conversation (or took it over after a transfer).
 * When `librarian.member` differs from the conversation's member, the widget shows
 * "Librarian at X, answering for Y".
 */
export const ChatAssigned = z.object({
  conversationId: ConversationId,
  librarian: AssignedLibrarian,
  transferred: z.optional(z.boolean()),
  /** Only to the librarian taking over from a colleague: who passed it on, and their note. */
  transfer: z.optional(z.object({ from: AssignedLibrarian, note: z.optional(z.string()) })),
});
export type ChatAssigned = z.infer<typeof ChatAssigned>;

/** `chat:typing` as relayed to the other side. */
export const ChatTyping = z.object({ conversationId: ConversationId, role: ChatRole, typing: z.boolean() });
export type ChatTyping = z.infer<typeof ChatTyping>;

/** `chat:read` as relayed to the other side. */
export const ChatRead = z.object({ conversationId: ConversationId, role: ChatRole, seq: z.number() });
export type ChatRead = z.infer<typeof ChatRead>;

/** `chat:transferred` to the patron: back in a queue (another member's) until someone accepts. */
export const ChatTransferred = z.object({ conversationId: ConversationId, queueMember: MemberId });
export type ChatTransferred = z.infer<typeof ChatTransferred>;

/** One librarian as colleagues see them in the console (`presence:update` on /librarian). */
export const LibrarianPresence = z.object({
  id: z.string(),
  name: z.string(),
  member: MemberId,
  status: PresenceStatus,
  /** Active conversations now, and how many they take at once. */
  load: z.number().check(z.int(), z.nonnegative()),
  capacity: z.number().check(z.int(), z.positive()),
});
export type LibrarianPresence = z.infer<typeof LibrarianPresence>;

/** `presence:update`: every librarian who is not away, for transfers and the team view. */
export const PresenceUpdate = z.object({ librarians: z.array(LibrarianPresence) });
export type PresenceUpdate = z.infer<typeof PresenceUpdate>;

/** `chat:end` as relayed to both sides. */
export const ChatEnded = z.object({ conversationId: ConversationId, endedBy: ChatRole, endedAt: z.iso.datetime() });
export type ChatEnded = z.infer<typeof ChatEnded>;

// Acknowledgements.

function ack<T extends z.ZodMiniObject>(success: T) {
  return z.discriminatedUnion('ok', [z.extend(success, { ok: z.literal(true) }), z.object({ ok: z.literal(false), error: AckError })]);
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
export const ChatTransferAck = ack(z.object({ conversation: Conversation }));
export type ChatTransferAck = z.infer<typeof ChatTransferAck>;
export const ChatRateAck = ack(z.object({ conversation: Conversation }));
export type ChatRateAck = z.infer<typeof ChatRateAck>;
export const ChatDeleteAck = ack(z.object({ deleted: z.literal(true) }));
export type ChatDeleteAck = z.infer<typeof ChatDeleteAck>;
