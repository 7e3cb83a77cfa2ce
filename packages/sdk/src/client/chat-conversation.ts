// One conversation as either side sees it: messages emitted once each and in seq order however
// often and in whatever order they arrive (broadcast, ack, resume), and an outbox that keeps
// unsent messages with their clientIds until the relay has stored them.
import type { Socket } from 'socket.io-client';
import type { z } from 'zod/mini';
import {
  type AssignedLibrarian,
  type ChatEnded,
  type ChatMessage,
  type ChatRead,
  type ChatTransferred,
  type ChatTyping,
  type Conversation,
  type PatronQueuePosition,
} from '../schemas/chat.js';
import { ConversationToRelay, RelayToConversation, RelayToPatron, type RequestMap } from '../schemas/chat-events.js';
import { TimeoutError } from '../errors/timeout-error.js';
import { ChatEmitter } from './chat-emitter.js';
import { ChatRefusedError } from './chat-error.js';
import { chatRequest } from './chat-request.js';

/** What a conversation is pushed, on either namespace: its own events, and a patron's place in line. */
const CONVERSATION_EVENTS = {
  ...RelayToConversation,
  'chat:assigned': RelayToPatron['chat:assigned'],
  'chat:transferred': RelayToPatron['chat:transferred'],
  'queue:update': RelayToPatron['queue:update'],
} as const;
export type ConversationEvent = keyof typeof CONVERSATION_EVENTS;
export const CONVERSATION_EVENT_NAMES = Object.keys(CONVERSATION_EVENTS) as ConversationEvent[];

/** A message the relay has not stored yet. */
export interface OutboxEntry {
  clientId: string;
  text: string;
  /** `sending`: on its way now; `waiting`: offline or held back by a rate limit, it goes again by itself. */
  state: 'sending' | 'waiting';
  /** When it goes again after a rate limit. */
  retryAt?: string;
}

/** A message the relay refused for good (the conversation ended, or the text broke a rule); its text is kept here. */
export interface UndeliveredMessage {
  clientId: string;
  text: string;
  code: string;
  message: string;
}

export type ConversationEvents = {
  /**
   * A message not emitted before. Always in seq order: one that arrives past a gap (its
   * predecessor's broadcast was lost with a connection) waits until the gap is filled.
   */
  message: ChatMessage;
  /** A librarian accepted the conversation, or took it over from a colleague. */
  assigned: AssignedLibrarian;
  /** Patrons: a librarian passed the conversation into another member's queue. */
  transferred: ChatTransferred;
  typing: ChatTyping;
  read: ChatRead;
  ended: ChatEnded;
  /** Patrons only: the place in line while waiting. */
  queue: PatronQueuePosition;
  /** The messages not stored yet, after every change: for "sending" and "not sent, retrying" marks. */
  outbox: OutboxEntry[];
  undelivered: UndeliveredMessage;
  /** Patrons: the connection dropped (`reconnecting`, socket.io-client retries) or came back (`connected`). */
  connection: 'connected' | 'reconnecting';
};

/** Keeps the outbox somewhere that outlives the page (localStorage in the widget). */
export interface OutboxPersistence {
  load(): { clientId: string; text: string }[];
  save(entries: { clientId: string; text: string }[]): void;
}

interface Pending {
  text: string;
  inFlight: boolean;
  retryAt?: number;
  resolve?(message: ChatMessage): void;
  reject?(error: unknown): void;
}

export class ChatConversation extends ChatEmitter<ConversationEvents> {
  readonly #socket: Socket;
  readonly #timeoutMs: number;
  #state: Conversation;
  /** Every message up to this seq has been emitted, in order. */
  #contiguous = 0;
  /** Messages that arrived past a gap, waiting for it to be filled. */
  readonly #held = new Map<number, ChatMessage>();
  readonly #outbox = new Map<string, Pending>();
  readonly #persistence: OutboxPersistence | undefined;
  /** Every message stored so far in seq order, as known when the conversation was opened. */
  readonly history: ChatMessage[];
  #messages: ChatMessage[];

  constructor(socket: Socket, conversation: Conversation, history: ChatMessage[], timeoutMs: number, persistence?: OutboxPersistence) {
    super();
    this.#socket = socket;
    this.#state = conversation;
    this.#timeoutMs = timeoutMs;
    this.#persistence = persistence;
    this.history = [...history].sort((a, b) => a.seq - b.seq);
    // The relay answered with every message it has: a missing seq is none to wait for.
    this.#contiguous = this.history.at(-1)?.seq ?? 0;
    this.#messages = [...this.history];
    // Messages written before a reload go again under their clientIds; one the relay already
    // stored is answered with the stored copy, so nothing is lost and nothing doubles.
    for (const entry of persistence?.load() ?? []) {
      if (!this.#outbox.has(entry.clientId)) this.#outbox.set(entry.clientId, { text: entry.text, inFlight: false });
    }
  }

  get id(): string {
    return this.#state.id;
  }

  /** The conversation as last heard from the relay. */
  get state(): Conversation {
    return this.#state;
  }

  /**
   * A waiting patron's place in line, the expected wait and whether any librarian can be reached,
   * as the relay last said; `undefined` once a librarian has the chat (or before the relay has
   * said). Kept here so a page that attaches late, or after a reload, shows it at once.
   */
  get queuePosition(): PatronQueuePosition | undefined {
    return this.#state.status === 'waiting' ? this.#queuePosition : undefined;
  }

  #queuePosition: PatronQueuePosition | undefined;

  /**
   * The whole conversation so far, in seq order, each message once: what the widget and the
   * console show. A new array after every `message` event.
   */
  get messages(): readonly ChatMessage[] {
    return this.#messages;
  }

  /** The newest seq up to which every message has been emitted: what a resume asks after. */
  get lastSeq(): number {
    return this.#contiguous;
  }

  /** Messages waiting for the relay to store them (sent while offline, unanswered, or held back). */
  get pending(): number {
    return this.#outbox.size;
  }

  /** The messages not stored yet, oldest first. */
  get outbox(): OutboxEntry[] {
    return [...this.#outbox].map(([clientId, entry]) => ({
      clientId,
      text: entry.text,
      state: entry.inFlight ? 'sending' : 'waiting',
      ...(entry.retryAt ? { retryAt: new Date(entry.retryAt).toISOString() } : {}),
    }));
  }

  /**
   * Sends a message; resolves with it as stored (with its seq) once the relay has kept it.
   * Offline or rate-limited, it waits in the outbox and goes again by itself.
   */
  send(text: string, options: { clientId?: string } = {}): Promise<ChatMessage> {
    if (this.#state.status === 'ended') return Promise.reject(ended());
    const clientId = options.clientId ?? newClientId();
    return new Promise<ChatMessage>((resolve, reject) => {
      this.#outbox.set(clientId, { text, inFlight: false, resolve, reject });
      this.#outboxChanged();
      void this.#pump();
    });
  }

  /** Sends what is in the outbox now (after a reload the conversation does so once it is open). */
  flush(): void {
    void this.#pump();
  }

  async typing(typing: boolean): Promise<void> {
    await chatRequest(this.#socket, ConversationToRelay, 'chat:typing', { conversationId: this.id, typing }, this.#timeoutMs);
  }

  /** Tells the other side everything up to `seq` has been read; resolves with the stored mark. */
  async markRead(seq = this.#contiguous): Promise<number> {
    const answer = await chatRequest(this.#socket, ConversationToRelay, 'chat:read', { conversationId: this.id, seq }, this.#timeoutMs);
    return answer.seq;
  }

  async end(): Promise<Conversation> {
    const answer = await chatRequest(this.#socket, ConversationToRelay, 'chat:end', { conversationId: this.id }, this.#timeoutMs);
    this.#apply(answer.conversation);
    return answer.conversation;
  }

  /**
   * Routes a relay event for this conversation (called by the patron session or the desk), once
   * the event map's schema has parsed it: a push that breaks the protocol changes nothing.
   */
  receive(event: ConversationEvent, pushed: unknown): void {
    const parsed = CONVERSATION_EVENTS[event].safeParse(pushed);
    if (!parsed.success) return;
    const payload: unknown = parsed.data;
    switch (event) {
      case 'chat:message':
        this.#accept(payload as ChatMessage);
        break;
      case 'chat:assigned': {
        const { librarian } = payload as { librarian: AssignedLibrarian };
        this.#state = { ...this.#state, status: 'active', librarian };
        this.#queuePosition = undefined;
        this.emit('assigned', librarian);
        break;
      }
      case 'chat:transferred': {
        const transferred = payload as ChatTransferred;
        const { librarian: _previous, ...rest } = this.#state;
        this.#state = { ...rest, status: 'waiting', queueMember: transferred.queueMember };
        // The place was in the previous member's line; the new line reports its own.
        this.#queuePosition = undefined;
        this.emit('transferred', transferred);
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
        this.#queuePosition = payload as PatronQueuePosition;
        this.emit('queue', this.#queuePosition);
        break;
    }
  }

  /** Fetches what was missed (after a reconnect, or to fill a gap), then sends what is still in the outbox. */
  async resync(): Promise<void> {
    const answer = await chatRequest(
      this.#socket,
      ConversationToRelay,
      'chat:resume',
      { conversationId: this.id, afterSeq: this.#contiguous },
      this.#timeoutMs,
    );
    this.#catchUp(answer.messages);
    this.#apply(answer.conversation);
    this.flush();
  }

  /**
   * @internal After every reconnect: the outbox goes at once, whatever else happens, and what
   * was missed is fetched, again and again while the connection lasts, until a resume succeeds
   * (a connection cut during the resume must not leave the conversation behind).
   */
  reconnected(): void {
    this.flush();
    const attempt = ++this.#recovery;
    void (async () => {
      for (let failures = 0; attempt === this.#recovery && this.#socket.connected && !this.#disposed; failures++) {
        try {
          await this.resync();
          return;
        } catch {
          await new Promise((resolve) => setTimeout(resolve, Math.min(2000, 100 * 2 ** failures)));
        }
      }
    })();
  }

  #recovery = 0;
  #disposed = false;

  /** Stops retry timers; the outbox itself stays (persisted) for the next page or connection. */
  protected dispose(): void {
    this.#disposed = true;
    clearTimeout(this.#wake);
    this.#wake = undefined;
  }

  /** @internal Sends a request about this conversation and takes the conversation it answers with. */
  protected async request<M extends RequestMap, E extends keyof M & string>(
    requests: M,
    event: E,
    payload: Omit<z.input<M[E]['payload']>, 'conversationId'>,
  ): Promise<Extract<z.output<M[E]['ack']>, { ok: true }>> {
    const answer = await chatRequest(
      this.#socket,
      requests,
      event,
      { conversationId: this.id, ...payload } as z.input<M[E]['payload']>,
      this.#timeoutMs,
    );
    const conversation = (answer as { conversation?: Conversation }).conversation;
    if (conversation) this.#apply(conversation);
    return answer;
  }

  #pumping = false;
  #wake: ReturnType<typeof setTimeout> | undefined;

  /**
   * Sends the outbox one message at a time, oldest first, each after the one before is stored:
   * the relay keeps them in the order they were written, whatever happens to the connection.
   * Stops while offline (a reconnect starts it again) or while a rate limit holds the next one.
   */
  async #pump(): Promise<void> {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      for (;;) {
        if (!this.#socket.connected) return;
        const next = this.#outbox.entries().next();
        if (next.done) return;
        const [clientId, entry] = next.value;
        const waitMs = (entry.retryAt ?? 0) - Date.now();
        if (waitMs > 0) {
          clearTimeout(this.#wake);
          this.#wake = setTimeout(() => void this.#pump(), waitMs);
          return;
        }
        await this.#deliver(clientId, entry);
      }
    } finally {
      this.#pumping = false;
    }
  }

  async #deliver(clientId: string, entry: Pending): Promise<void> {
    entry.inFlight = true;
    delete entry.retryAt;
    this.#outboxChanged();
    // A dropped connection ends the attempt at once: the answer would never come, and waiting
    // for the timeout would hold back everything written after it.
    let onDisconnect: (() => void) | undefined;
    const dropped = new Promise<never>((_, reject) => {
      onDisconnect = () => reject(new TimeoutError(this.#timeoutMs));
      this.#socket.once('disconnect', onDisconnect);
    });
    const request = chatRequest(
      this.#socket,
      ConversationToRelay,
      'chat:message',
      { conversationId: this.id, clientId, text: entry.text },
      this.#timeoutMs,
    );
    request.catch(() => {});
    try {
      const { message } = await Promise.race([request, dropped]);
      this.#accept(message);
      this.#outbox.delete(clientId);
      this.#outboxChanged();
      entry.resolve?.(message);
    } catch (error) {
      entry.inFlight = false;
      if (error instanceof TimeoutError) {
        // Unanswered: it stays first in the outbox and goes again with the same clientId, now if
        // connected, else after reconnecting; the relay stores a clientId once.
        this.#outboxChanged();
        return;
      }
      if (error instanceof ChatRefusedError && error.code === 'rate_limited') {
        entry.retryAt = Date.now() + Math.max(1, error.retryAfterSeconds ?? 5) * 1000;
        this.#outboxChanged();
        return;
      }
      this.#outbox.delete(clientId);
      this.#outboxChanged();
      if (error instanceof ChatRefusedError)
        this.emit('undelivered', { clientId, text: entry.text, code: error.code, message: error.message });
      entry.reject?.(error);
    } finally {
      if (onDisconnect) this.#socket.off('disconnect', onDisconnect);
    }
  }

  #outboxChanged(): void {
    this.#persistence?.save([...this.#outbox].map(([clientId, entry]) => ({ clientId, text: entry.text })));
    this.emit('outbox', this.outbox);
  }

  #accept(message: ChatMessage): void {
    if (message.seq <= this.#contiguous || this.#held.has(message.seq)) return;
    if (message.seq > this.#state.lastSeq) this.#state = { ...this.#state, lastSeq: message.seq };
    if (message.seq === this.#contiguous + 1) {
      this.#emitInOrder(message);
      return;
    }
    // Past a hole (a broadcast lost with a connection or a relay node): held back, and the hole fetched.
    this.#held.set(message.seq, message);
    this.#fillGap();
  }

  /** A resume's answer: every message the relay has after `lastSeq`, so a seq it lacks is none to wait for. */
  #catchUp(messages: readonly ChatMessage[]): void {
    for (const message of [...messages].sort((a, b) => a.seq - b.seq)) {
      if (message.seq <= this.#contiguous) continue;
      if (message.seq > this.#state.lastSeq) this.#state = { ...this.#state, lastSeq: message.seq };
      this.#emitInOrder(message);
    }
    for (const seq of this.#held.keys()) if (seq <= this.#contiguous) this.#held.delete(seq);
  }

  #emitInOrder(message: ChatMessage): void {
    this.#show(message);
    for (let next = this.#held.get(this.#contiguous + 1); next; next = this.#held.get(this.#contiguous + 1)) {
      this.#held.delete(next.seq);
      this.#show(next);
    }
  }

  #show(message: ChatMessage): void {
    this.#contiguous = message.seq;
    this.#messages = [...this.#messages, message];
    this.emit('message', message);
  }

  #filling = false;

  #fillGap(): void {
    if (this.#filling || !this.#socket.connected) return;
    this.#filling = true;
    void this.resync()
      .catch(() => {})
      .finally(() => {
        this.#filling = false;
        // Something newer than the answer arrived meanwhile past another hole: fetch that one too.
        if (this.#held.size > 0) this.#fillGap();
      });
  }

  #apply(conversation: Conversation): void {
    const before = this.#state;
    this.#state = { ...conversation, lastSeq: Math.max(conversation.lastSeq, before.lastSeq) };
    if (conversation.librarian && !before.librarian) this.emit('assigned', conversation.librarian);
    if (conversation.status === 'ended' && before.status !== 'ended') {
      this.#announceEnd({
        conversationId: this.id,
        endedBy: conversation.endedBy ?? 'patron',
        endedAt: conversation.endedAt ?? new Date().toISOString(),
      });
    }
  }

  #end(info: ChatEnded): void {
    if (this.#state.status === 'ended') return;
    this.#state = { ...this.#state, status: 'ended', endedAt: info.endedAt, endedBy: info.endedBy };
    this.#announceEnd(info);
  }

  #announceEnd(info: ChatEnded): void {
    let dropped = false;
    for (const [clientId, entry] of this.#outbox) {
      if (entry.inFlight) continue;
      this.#outbox.delete(clientId);
      dropped = true;
      const refusal = ended();
      // The text stays with the patron (the widget offers it for a question instead).
      this.emit('undelivered', { clientId, text: entry.text, code: refusal.code, message: refusal.message });
      entry.reject?.(refusal);
    }
    if (dropped) this.#outboxChanged();
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
