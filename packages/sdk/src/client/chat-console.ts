// Live consultation for librarians: `client.console.connect({ token })` opens the desk:
// the queue of waiting patrons, presence, and the conversations accepted from it.
import type { Socket } from 'socket.io-client';
import {
  type ChatMessage,
  type Conversation,
  type LibrarianPresence,
  type PresenceStatus,
  type QueueItem,
  type TransferTarget,
} from '../schemas/chat.js';
import { LibrarianToRelay, RelayToConversation, RelayToLibrarian } from '../schemas/chat-events.js';
import { ChatConversation } from './chat-conversation.js';
import { ChatEmitter } from './chat-emitter.js';
import { chatRequest } from './chat-request.js';
import { openChatSocket } from './chat-socket.js';

export interface ConsoleConnectOptions {
  /** The token from `client.auth.login`. */
  token: string;
  /** Per request; default 10 s. */
  timeoutMs?: number;
}

export interface ConsoleApi {
  connect(options: ConsoleConnectOptions): Promise<LibrarianDesk>;
}

export type DeskEvents = {
  /** The waiting conversations this librarian may take: their own member's first, then overflowed ones, oldest first. */
  queue: QueueItem[];
  /** Colleagues who are not away, with their load: for the team view and transfers. */
  presence: LibrarianPresence[];
  /** A colleague transferred a conversation to this librarian; it is open and ready. */
  assigned: DeskConversation;
  /**
   * The connection dropped (`reconnecting`: the queue shown is the last one known) or came
   * back (`connected`; the relay then marks the librarian away until they choose otherwise).
   */
  connection: 'connected' | 'reconnecting';
};

/** A conversation on the librarian's desk: a chat plus passing it on. */
export class DeskConversation extends ChatConversation {
  readonly #desk: LibrarianDesk;

  constructor(desk: LibrarianDesk, ...rest: ConstructorParameters<typeof ChatConversation>) {
    super(...rest);
    this.#desk = desk;
  }

  /**
   * Passes the conversation to a named colleague (`{ librarianId }`) or into another member's
   * queue (`{ member }`); the note is for the librarian who takes it over.
   */
  async transfer(to: TransferTarget, options: { note?: string } = {}): Promise<Conversation> {
    const answer = await this.request(LibrarianToRelay, 'chat:transfer', { to, ...(options.note ? { note: options.note } : {}) });
    this.#desk.release(this.id);
    return answer.conversation;
  }
}

export class LibrarianDesk extends ChatEmitter<DeskEvents> {
  readonly #socket: Socket;
  readonly #timeoutMs: number;
  readonly #conversations = new Map<string, DeskConversation>();
  #queue: QueueItem[];
  #presence: LibrarianPresence[] = [];

  constructor(socket: Socket, queue: QueueItem[], timeoutMs: number) {
    super();
    this.#socket = socket;
    this.#queue = queue;
    this.#timeoutMs = timeoutMs;
    socket.on('queue:update', (payload: unknown) => {
      const parsed = RelayToLibrarian['queue:update'].safeParse(payload);
      if (!parsed.success) return;
      this.#queue = parsed.data.items;
      this.emit('queue', this.#queue);
    });
    socket.on('presence:update', (payload: unknown) => {
      const parsed = RelayToLibrarian['presence:update'].safeParse(payload);
      if (!parsed.success) return;
      this.#presence = parsed.data.librarians;
      this.emit('presence', this.#presence);
    });
    socket.on('chat:assigned', (payload: unknown) => {
      const parsed = RelayToLibrarian['chat:assigned'].safeParse(payload);
      if (!parsed.success || this.#conversations.has(parsed.data.conversationId)) return;
      // Handed over by a colleague: open it with its whole history.
      void this.#open(parsed.data.conversationId).then(
        (conversation) => this.emit('assigned', conversation),
        () => {},
      );
    });
    for (const event of Object.keys(RelayToConversation) as (keyof typeof RelayToConversation)[]) {
      socket.on(event, (payload: { conversationId?: string }) => {
        const conversation = payload?.conversationId ? this.#conversations.get(payload.conversationId) : undefined;
        conversation?.receive(event, payload);
      });
    }
    // Every connect after the first: what waited goes out and what was missed comes in.
    socket.on('connect', () => {
      for (const conversation of this.#conversations.values()) conversation.reconnected();
      this.emit('connection', 'connected');
    });
    socket.on('disconnect', () => {
      // A disconnect asked for by close() is not followed by reconnecting.
      if (socket.active) this.emit('connection', 'reconnecting');
    });
  }

  /** The queue as last pushed by the relay. */
  get queue(): QueueItem[] {
    return this.#queue;
  }

  /** The conversations accepted through this desk (or transferred to it) and not passed on. */
  get conversations(): DeskConversation[] {
    return [...this.#conversations.values()];
  }

  /** Colleagues not away, as last pushed by the relay. */
  get presence(): LibrarianPresence[] {
    return this.#presence;
  }

  async setPresence(status: PresenceStatus): Promise<PresenceStatus> {
    return (await chatRequest(this.#socket, LibrarianToRelay, 'presence:set', { status }, this.#timeoutMs)).status;
  }

  /** Claims a waiting conversation; rejects with ChatRefusedError `already_taken` when a colleague was first. */
  async accept(conversationId: string): Promise<DeskConversation> {
    const { conversation, messages } = await chatRequest(
      this.#socket,
      LibrarianToRelay,
      'chat:accept',
      { conversationId },
      this.#timeoutMs,
    );
    return this.#keep(conversation, messages);
  }

  /**
   * Opens a conversation already assigned to this librarian (after reloading the console, or
   * one transferred here), with its whole history.
   */
  async open(conversationId: string): Promise<DeskConversation> {
    return this.#conversations.get(conversationId) ?? this.#open(conversationId);
  }

  /** @internal Forgets a conversation passed on to someone else. */
  release(conversationId: string): void {
    this.#conversations.delete(conversationId);
  }

  async #open(conversationId: string): Promise<DeskConversation> {
    const { conversation, messages } = await chatRequest(
      this.#socket,
      LibrarianToRelay,
      'chat:resume',
      { conversationId, afterSeq: 0 },
      this.#timeoutMs,
    );
    return this.#keep(conversation, messages);
  }

  #keep(conversation: Conversation, messages: ChatMessage[]): DeskConversation {
    const existing = this.#conversations.get(conversation.id);
    if (existing) return existing;
    const handle = new DeskConversation(this, this.#socket, conversation, messages, this.#timeoutMs);
    this.#conversations.set(conversation.id, handle);
    return handle;
  }

  /** Disconnects; the relay marks the librarian away when no other console of theirs is open. */
  close(): void {
    this.#socket.disconnect();
  }
}

export function createConsoleApi(baseUrl: string): ConsoleApi {
  return {
    async connect(options) {
      if (!options?.token) throw new TypeError('console.connect needs the token from client.auth.login');
      const timeoutMs = options.timeoutMs ?? 10_000;
      let received: (items: QueueItem[]) => void = () => {};
      const firstQueue = new Promise<QueueItem[]>((resolve) => (received = resolve));
      const socket = await openChatSocket({
        baseUrl,
        namespace: '/librarian',
        auth: () => ({ token: options.token }),
        timeoutMs,
        // The relay pushes the queue right after connecting; the desk opens with it.
        prepare: (opened) =>
          opened.once('queue:update', (payload: unknown) => {
            const parsed = RelayToLibrarian['queue:update'].safeParse(payload);
            received(parsed.success ? parsed.data.items : []);
          }),
      });
      let timer: ReturnType<typeof setTimeout> | undefined;
      const queue = await Promise.race([
        firstQueue,
        new Promise<QueueItem[]>((resolve) => (timer = setTimeout(() => resolve([]), timeoutMs))),
      ]);
      clearTimeout(timer);
      return new LibrarianDesk(socket, queue, timeoutMs);
    },
  };
}
