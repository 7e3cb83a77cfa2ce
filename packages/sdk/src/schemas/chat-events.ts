// The realtime protocol, once: every event each side may send on each namespace, with the schema
// of its payload and of its acknowledgement, and every event the relay pushes, with the schema
// of its payload. The relay's namespaces, the SDK's patron chat and librarian desk, and the
// console compile against these maps (Socket.IO's typed Server<…> / Socket<…> generics), so an
// event's name or shape cannot drift between them; the relay validates what it receives and the
// SDK parses what it is pushed with the same schemas.
import type { z } from 'zod/mini';
import {
  ChatAcceptAck,
  ChatAcceptPayload,
  ChatAssigned,
  ChatDeleteAck,
  ChatDeletePayload,
  ChatEndAck,
  ChatEnded,
  ChatEndPayload,
  ChatMessage,
  ChatMessageAck,
  ChatMessagePayload,
  ChatRateAck,
  ChatRatePayload,
  ChatRead,
  ChatReadAck,
  ChatReadPayload,
  ChatResumeAck,
  ChatResumePayload,
  ChatStartAck,
  ChatStartPayload,
  ChatTransferAck,
  ChatTransferPayload,
  ChatTransferred,
  ChatTyping,
  ChatTypingAck,
  ChatTypingPayload,
  PatronQueuePosition,
  PatronSession,
  PresenceSetAck,
  PresenceSetPayload,
  PresenceUpdate,
  QueueUpdate,
} from './chat.js';

/** Requests both sides of a conversation send. */
export const ConversationToRelay = {
  'chat:message': { payload: ChatMessagePayload, ack: ChatMessageAck },
  'chat:typing': { payload: ChatTypingPayload, ack: ChatTypingAck },
  'chat:read': { payload: ChatReadPayload, ack: ChatReadAck },
  'chat:end': { payload: ChatEndPayload, ack: ChatEndAck },
  'chat:resume': { payload: ChatResumePayload, ack: ChatResumeAck },
} as const;

/** What a patron sends on `/patron`. */
export const PatronToRelay = {
  ...ConversationToRelay,
  'chat:start': { payload: ChatStartPayload, ack: ChatStartAck },
  'chat:rate': { payload: ChatRatePayload, ack: ChatRateAck },
  'chat:delete': { payload: ChatDeletePayload, ack: ChatDeleteAck },
} as const;

/** What a librarian sends on `/librarian`. */
export const LibrarianToRelay = {
  ...ConversationToRelay,
  'chat:accept': { payload: ChatAcceptPayload, ack: ChatAcceptAck },
  'chat:transfer': { payload: ChatTransferPayload, ack: ChatTransferAck },
  'presence:set': { payload: PresenceSetPayload, ack: PresenceSetAck },
} as const;

/** What the relay pushes to everyone in a conversation, on both namespaces. */
export const RelayToConversation = {
  'chat:message': ChatMessage,
  'chat:typing': ChatTyping,
  'chat:read': ChatRead,
  'chat:end': ChatEnded,
} as const;

/** What the relay pushes to a patron. */
export const RelayToPatron = {
  ...RelayToConversation,
  'chat:assigned': ChatAssigned,
  'chat:transferred': ChatTransferred,
  'queue:update': PatronQueuePosition,
  /** A renewed session token, on every connection. */
  session: PatronSession,
} as const;

/** What the relay pushes to a librarian. */
export const RelayToLibrarian = {
  ...RelayToConversation,
  'chat:assigned': ChatAssigned,
  'queue:update': QueueUpdate,
  'presence:update': PresenceUpdate,
} as const;

export type RequestMap = Readonly<Record<string, { readonly payload: z.ZodMiniType; readonly ack: z.ZodMiniType }>>;
export type BroadcastMap = Readonly<Record<string, z.ZodMiniType>>;

/** The successful answer to a request, without its `ok`. */
export type RequestAnswer<M extends RequestMap, E extends keyof M> = Omit<Extract<z.output<M[E]['ack']>, { ok: true }>, 'ok'>;

/** Socket.IO's listen/emit map for what a client sends: payload and acknowledgement callback. */
export type ClientEvents<M extends RequestMap> = {
  [E in keyof M]: (payload: z.input<M[E]['payload']>, ack: (answer: z.output<M[E]['ack']>) => void) => void;
};

/** Socket.IO's listen/emit map for what the relay pushes. */
export type ServerEvents<M extends BroadcastMap> = { [E in keyof M]: (payload: z.output<M[E]>) => void };

export type PatronClientEvents = ClientEvents<typeof PatronToRelay>;
export type PatronServerEvents = ServerEvents<typeof RelayToPatron>;
export type LibrarianClientEvents = ClientEvents<typeof LibrarianToRelay>;
export type LibrarianServerEvents = ServerEvents<typeof RelayToLibrarian>;
