// One conversation as either side sees it: messages in seq order, each emitted once however
// often it arrives (broadcast, ack, resume), and an outbox that keeps unsent messages with
// their clientIds until the relay has stored them.
import type { Socket } from 'socket.io-client';
import {
  type AssignedLibrarian,
  ChatEndAck,
  type ChatEnded,
  type ChatMessage,
  ChatMessageAck,
  type ChatRead,
  ChatReadAck,
  ChatResumeAck,
  type ChatTyping,
  ChatTypingAck,
  type Conversation,
  type PatronQueuePosition,
} from '../schemas/chat.js';
import { TimeoutError } from '../errors/timeout-error.js';
import { ChatEmitter } from './chat-emitter.js';
import { ChatRefusedError } from './chat-error.js';
import { chatRequest } from './chat-request.js';

export type ConversationEvents = {
  /** A message not emitted before, in the order it arrived (its `seq` gives the order to show). */
  message: ChatMessage;
  /** A librarian accepted the conversation. */
  assigned: AssignedLibrarian;
  typing: ChatTyping;
  read: ChatRead;
  ended: ChatEnded;
  /** Patrons only: the place in line while waiting. */
  queue: PatronQueuePosition;
};

interface Pending {
  text: string;
  inFlight: boolean;
  resolve(message: ChatMessage): void;
  reject(error: unknown): void;
}

export class ChatConversation extends ChatEmitter<ConversationEvents> {
  readonly #socket: Socket;
  readonly #timeoutMs: number;
  #state: Conversation;
  readonly #seen = new Set<number>();
  #contiguous = 0;
  readonly #outbox = new Map<string, Pending>();
  /** Every message stored so far in seq order, as known when the conversation was opened. */
  readonly history: ChatMessage[];

  constructor(socket: Socket, conversation: Conversation, history: ChatMessage[], timeoutMs: number) {
    super();
    this.#socket = socket;
    this.#state = conversation;
    this.#timeoutMs = timeoutMs;
    this.history = [...history].sort((a, b) => a.seq - b.seq);
    for (const message of this.history) this.#see(message.seq);
  }

  get id(): string {
    return this.#state.id;
  }

  /** The conversation as last heard from the relay. */
  get state(): Conversation {
    return this.#state;
  }

  /** The newest seq up to which every message has been seen: what a resume asks after. */
  get lastSeq(): number {
    return this.#contiguous;
  }

  /** Messages waiting for the relay to store them (sent while offline, or unanswered). */
  get pending(): number {
    return this.#outbox.size;
  }

  /** Sends a message; resolves with it as stored (with its seq) once the relay has kept it. */
  send(text: string, options: { clientId?: string } = {}): Promise<ChatMessage> {
    if (this.#state.status === 'ended') return Promise.reject(ended());
    const clientId = options.clientId ?? newClientId();
    return new Promise<ChatMessage>((resolve, reject) => {
      this.#outbox.set(clientId, { text, inFlight: false, resolve, reject });
      if (this.#socket.connected) void this.#deliver(clientId);
    });
  }

  async typing(typing: boolean): Promise<void> {
    await chatRequest(this.#socket, 'chat:typing', { conversationId: this.id, typing }, ChatTypingAck, this.#timeoutMs);
  }

  /** Tells the other side everything up to `seq` has been read; resolves with the stored mark. */
  async markRead(seq = this.#contiguous): Promise<number> {
    const answer = await chatRequest(this.#socket, 'chat:read', { conversationId: this.id, seq }, ChatReadAck, this.#timeoutMs);
    return answer.seq;
  }

  async end(): Promise<Conversation> {
    const answer = await chatRequest(this.#socket, 'chat:end', { conversationId: this.id }, ChatEndAck, this.#timeoutMs);
    this.#apply(answer.conversation);
    return answer.conversation;
  }

  /** Routes a relay event for this conversation (called by the patron session or the desk). */
  receive(event: string, payload: unknown): void {
    switch (event) {
      case 'chat:message':
        this.#accept(payload as ChatMessage);
        break;
      case 'chat:assigned': {
        const { librarian } = payload as { librarian: AssignedLibrarian };
        this.#state = { ...this.#state, status: 'active', librarian };
        this.emit('assigned', librarian);
        break;
      }
      case 'chat:typing':
        this.emit('typing', payload as ChatTyping);
        break;
      case 'chat:read': {
        const read = payload as ChatRead;
        this.#state = { ...this.#state, read: { ...this.#state.read, [read.role]: read.seq } };
        this.emit('read', read);
        break;
      }
      case 'chat:end': {
        const info = payload as ChatEnded;
        this.#end(info);
        break;
      }
      case 'queue:update':
        this.emit('queue', payload as PatronQueuePosition);
        break;
    }
  }

  /** After a reconnect: fetches what was missed, then sends what is still in the outbox. */
  async resync(): Promise<void> {
    const answer = await chatRequest(this.#socket, 'chat:resume', { conversationId: this.id, afterSeq: this.#contiguous }, ChatResumeAck, this.#timeoutMs);
    for (const message of answer.messages) this.#accept(message);
    this.#apply(answer.conversation);
    for (const clientId of [...this.#outbox.keys()]) void this.#deliver(clientId);
  }

  async #deliver(clientId: string): Promise<void> {
    const entry = this.#outbox.get(clientId);
    if (!entry || entry.inFlight) return;
    entry.inFlight = true;
    try {
      const { message } = await chatRequest(
        this.#socket,
        'chat:message',
        { conversationId: this.id, clientId, text: entry.text },
        ChatMessageAck,
        this.#timeoutMs,
      );
      this.#outbox.delete(clientId);
      this.#accept(message);
      entry.resolve(message);
    } catch (error) {
      entry.inFlight = false;
      if (error instanceof TimeoutError) {
        // Unanswered (the connection dropped with it in flight): it stays in the outbox and goes
        // again with the same clientId, now if connected, else after reconnecting.
        if (this.#socket.connected) void this.#deliver(clientId);
        return;
      }
      this.#outbox.delete(clientId);
      entry.reject(error);
    }
  }

  #accept(message: ChatMessage): void {
    if (this.#seen.has(message.seq)) return;
    this.#see(message.seq);
    if (message.seq > this.#state.lastSeq) this.#state = { ...this.#state, lastSeq: message.seq };
    this.emit('message', message);
  }

  #see(seq: number): void {
    this.#seen.add(seq);
    while (this.#seen.has(this.#contiguous + 1)) this.#contiguous++;
  }

  #apply(conversation: Conversation): void {
    const before = this.#state;
    this.#state = { ...conversation, lastSeq: Math.max(conversation.lastSeq, before.lastSeq) };
    if (conversation.librarian && !before.librarian) this.emit('assigned', conversation.librarian);
    if (conversation.status === 'ended' && before.status !== 'ended') {
      this.#announceEnd({ conversationId: this.id, endedBy: conversation.endedBy ?? 'patron', endedAt: conversation.endedAt ?? new Date().toISOString() });
    }
  }

  #end(info: ChatEnded): void {
    if (this.#state.status === 'ended') return;
    this.#state = { ...this.#state, status: 'ended', endedAt: info.endedAt, endedBy: info.endedBy };
    this.#announceEnd(info);
  }

  #announceEnd(info: ChatEnded): void {
    for (const [clientId, entry] of this.#outbox) {
      if (entry.inFlight) continue;
      this.#outbox.delete(clientId);
      entry.reject(ended());
    }
    this.emit('ended', info);
  }
}

function ended(): ChatRefusedError {
  return new ChatRefusedError('conversation_ended', 'This conversation has ended; no more messages can be sent.');
}

function newClientId(): string {
  const random = globalThis.crypto?.randomUUID?.();
  // Pages served over plain http have no randomUUID; uniqueness within one conversation is enough.
  return random ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`;
}
