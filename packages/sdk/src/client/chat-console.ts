// Live consultation for librarians: `client.console.connect({ token })` opens the desk:
// the queue of waiting patrons, presence, and the conversations accepted from it.
import type { Socket } from 'socket.io-client';
import { ChatAcceptAck, type PresenceStatus, PresenceSetAck, type QueueItem, QueueUpdate } from '../schemas/chat.js';
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
  /** The waiting conversations, the librarian's own member first, oldest first. */
  queue: QueueItem[];
};

export class LibrarianDesk extends ChatEmitter<DeskEvents> {
  readonly #socket: Socket;
  readonly #timeoutMs: number;
  readonly #conversations = new Map<string, ChatConversation>();
  #queue: QueueItem[];

  constructor(socket: Socket, queue: QueueItem[], timeoutMs: number) {
    super();
    this.#socket = socket;
    this.#queue = queue;
    this.#timeoutMs = timeoutMs;
    socket.on('queue:update', (payload: unknown) => {
      const parsed = QueueUpdate.safeParse(payload);
      if (!parsed.success) return;
      this.#queue = parsed.data.items;
      this.emit('queue', this.#queue);
    });
    for (const event of ['chat:message', 'chat:typing', 'chat:read', 'chat:end']) {
      socket.on(event, (payload: { conversationId?: string }) => {
        const conversation = payload?.conversationId ? this.#conversations.get(payload.conversationId) : undefined;
        conversation?.receive(event, payload);
      });
    }
    socket.io.on('reconnect', () => {
      for (const conversation of this.#conversations.values()) void conversation.resync().catch(() => {});
    });
  }

  /** The queue as last pushed by the relay. */
  get queue(): QueueItem[] {
    return this.#queue;
  }

  /** The conversations accepted through this desk. */
  get conversations(): ChatConversation[] {
    return [...this.#conversations.values()];
  }

  async setPresence(status: PresenceStatus): Promise<PresenceStatus> {
    return (await chatRequest(this.#socket, 'presence:set', { status }, PresenceSetAck, this.#timeoutMs)).status;
  }

  /** Claims a waiting conversation; rejects with ChatRefusedError `already_taken` when a colleague was first. */
  async accept(conversationId: string): Promise<ChatConversation> {
    const { conversation, messages } = await chatRequest(this.#socket, 'chat:accept', { conversationId }, ChatAcceptAck, this.#timeoutMs);
    const handle = this.#conversations.get(conversationId) ?? new ChatConversation(this.#socket, conversation, messages, this.#timeoutMs);
    this.#conversations.set(conversationId, handle);
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
            const parsed = QueueUpdate.safeParse(payload);
            received(parsed.success ? parsed.data.items : []);
          }),
      });
      let timer: ReturnType<typeof setTimeout> | undefined;
      const queue = await Promise.race([firstQueue, new Promise<QueueItem[]>((resolve) => (timer = setTimeout(() => resolve([]), timeoutMs)))]);
      clearTimeout(timer);
      return new LibrarianDesk(socket, queue, timeoutMs);
    },
  };
}
