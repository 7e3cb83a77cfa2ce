// Who hears what: Socket.IO rooms per conversation (in both namespaces), per patron session,
// per librarian and per member. Rooms go through the adapter, so several relay nodes agree.
import type {
  LibrarianClientEvents,
  LibrarianServerEvents,
  PatronClientEvents,
  PatronQueuePosition,
  PatronServerEvents,
  PresenceUpdate,
  QueueUpdate,
  RelayToConversation,
} from '@atrium/sdk';
import type { Namespace, Socket } from 'socket.io';
import type { z } from 'zod/mini';
import type { ChatService } from '../domain/chat/chat-service.js';
import type { QueueSnapshot } from '../domain/chat/queue-snapshot.js';

/** `/patron` and `/librarian` as the shared event map types them: what each side sends, what it is pushed. */
export type PatronNamespace = Namespace<PatronClientEvents, PatronServerEvents>;
export type LibrarianNamespace = Namespace<LibrarianClientEvents, LibrarianServerEvents>;
export type PatronSocket = Socket<PatronClientEvents, PatronServerEvents>;
export type LibrarianSocket = Socket<LibrarianClientEvents, LibrarianServerEvents>;

type ConversationEvent = keyof typeof RelayToConversation;

export const conversationRoom = (id: string) => `conversation:${id}`;
export const sessionRoom = (id: string) => `session:${id}`;
export const librarianRoom = (id: string) => `librarian:${id}`;
export const memberRoom = (id: string) => `member:${id}`;

/** A little past the overflow moment, so the snapshot taken then is sure to see it. */
const OVERFLOW_MARGIN_MS = 25;

export class ChatRooms {
  #overflowTimer: ReturnType<typeof setTimeout> | undefined;
  #stopped = false;

  constructor(
    readonly patrons: PatronNamespace,
    readonly librarians: LibrarianNamespace,
    private readonly chat: ChatService,
  ) {
    // The relay is closing: no more pushes from a timer into a closed store.
    patrons.server.httpServer?.once('close', () => this.stop());
  }

  /** Sends an event to everyone in a conversation: the patron's tabs and the assigned librarian's. */
  toConversation<E extends ConversationEvent>(
    conversationId: string,
    event: E,
    payload: z.output<(typeof RelayToConversation)[E]>,
    except?: string,
  ): void {
    const room = conversationRoom(conversationId);
    const patrons = except ? this.patrons.to(room).except(except) : this.patrons.to(room);
    const librarians = except ? this.librarians.to(room).except(except) : this.librarians.to(room);
    // Both maps give a conversation event the same payload; TypeScript cannot see that through E.
    (patrons.emit as (event: E, payload: unknown) => boolean)(event, payload);
    (librarians.emit as (event: E, payload: unknown) => boolean)(event, payload);
  }

  /**
   * Sends every member's librarians the queue as they see it, and each waiting patron their
   * place in line. Then waits for the next chat to open to the consortium and pushes again.
   */
  async pushQueue(): Promise<void> {
    this.#pushQueue(await this.chat.snapshot());
  }

  /** After a change of presence or load: both the queue (who may take what) and the team view. */
  async pushAll(): Promise<void> {
    const snapshot = await this.chat.snapshot();
    this.#pushQueue(snapshot);
    this.#pushPresence(snapshot);
  }

  /** What a librarian's console needs on connecting: their queue and the team view. */
  async greetLibrarian(socket: LibrarianSocket, member: string): Promise<void> {
    const snapshot = await this.chat.snapshot();
    socket.emit('queue:update', { items: snapshot.queueFor(member) } satisfies QueueUpdate);
    socket.emit('presence:update', { librarians: snapshot.presence() } satisfies PresenceUpdate);
    // A node that has just started (or that no event has reached yet) still pushes overflows to its consoles.
    this.#scheduleOverflow(snapshot.nextOverflowAt());
  }

  /** A patron socket that (re)joins a waiting conversation learns its place at once. */
  async tellPosition(socket: PatronSocket, conversationId: string): Promise<void> {
    const place = (await this.chat.snapshot()).patronPosition(conversationId);
    if (place) socket.emit('queue:update', place satisfies PatronQueuePosition);
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#overflowTimer);
  }

  #pushQueue(snapshot: QueueSnapshot): void {
    for (const member of snapshot.members()) {
      this.librarians.to(memberRoom(member)).emit('queue:update', { items: snapshot.queueFor(member) } satisfies QueueUpdate);
    }
    for (const place of snapshot.patronPositions()) {
      this.patrons.to(conversationRoom(place.conversationId)).emit('queue:update', place satisfies PatronQueuePosition);
    }
    this.#scheduleOverflow(snapshot.nextOverflowAt());
  }

  #pushPresence(snapshot: QueueSnapshot): void {
    this.librarians.emit('presence:update', { librarians: snapshot.presence() } satisfies PresenceUpdate);
  }

  // Every node keeps this timer; the state is in the database, so a push from each is the same push.
  #scheduleOverflow(at: number | undefined): void {
    clearTimeout(this.#overflowTimer);
    this.#overflowTimer = undefined;
    if (at === undefined || this.#stopped) return;
    this.#overflowTimer = setTimeout(
      () => {
        this.#overflowTimer = undefined;
        if (this.#stopped) return;
        this.pushQueue().catch(() => {
          // The store may be closing; the next event pushes the queue again anyway.
        });
      },
      Math.max(0, at - Date.now()) + OVERFLOW_MARGIN_MS,
    );
    this.#overflowTimer.unref();
  }
}
