// Live consultation rules: a patron session starts (or continues) a conversation with a
// member, librarians claim waiting ones, both sides exchange messages numbered by seq.
import { randomUUID } from 'node:crypto';
import type {
  AssignedLibrarian,
  ChatContext,
  ChatMessage,
  ChatRole,
  Conversation,
  LibrarianPresence,
  PresenceStatus,
  QueueItem,
  TransferTarget,
} from '@atrium/sdk';
import type { DeskLibrarian } from '../staff/librarian.js';
import type { ChatStore, ConversationRow, MessageRow, TransferSource } from '../../storage/chat-store.js';
import { ChatError } from './chat-error.js';
import { ratingOf } from './conversation-rating.js';
import { QueueSnapshot, medianSeconds } from './queue-snapshot.js';

/** How many recently accepted chats the wait estimate is taken from. */
const RECENT_WAITS = 20;

/** Who is acting: a patron by session, or a signed-in librarian. */
export type ChatActor = { role: 'patron'; session: string } | { role: 'librarian'; librarian: DeskLibrarian };

export interface SendResult {
  message: ChatMessage;
  /** False when the clientId had been stored before: nothing new to broadcast. */
  created: boolean;
  /** The conversation was still waiting: its queue entry (the preview) may have changed. */
  waiting: boolean;
}

/** A conversation passed on: straight to a colleague, or back into a member's queue. */
export type TransferOutcome = {
  conversation: Conversation;
  from: AssignedLibrarian;
  note?: string;
} & ({ kind: 'librarian'; to: AssignedLibrarian & { id: string } } | { kind: 'member'; to: { member: string } });

export class ChatService {
  constructor(
    private readonly store: ChatStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async memberExists(member: string): Promise<boolean> {
    return (await this.store.memberIds()).includes(member);
  }

  /** The session's open conversation with the member, or a new waiting one. */
  async start(
    session: string,
    member: string,
    context: ChatContext | undefined,
  ): Promise<{ conversation: Conversation; created: boolean }> {
    const open = await this.store.openConversationOf(session, member);
    if (open) return { conversation: await this.#toConversation(open), created: false };
    if (!(await this.memberExists(member))) throw new ChatError('unknown_member', `There is no member "${member}".`);
    const id = randomUUID();
    await this.store.createConversation({
      id,
      member,
      status: 'waiting',
      patron_session: session,
      librarian_id: null,
      librarian_name: null,
      librarian_member: null,
      context: context && Object.keys(context).length > 0 ? JSON.stringify(context) : null,
      created_at: this.now().toISOString(),
      accepted_at: null,
      ended_at: null,
      ended_by: null,
    });
    return { conversation: await this.#toConversation(await this.#get(id)), created: true };
  }

  /**
   * Stores a message once per clientId. `admit` runs only for a clientId not stored before (a
   * rate limit): a resend whose first answer was lost is answered with the stored copy, never
   * refused and never counted.
   */
  async send(conversationId: string, actor: ChatActor, clientId: string, text: string, admit?: () => Promise<void>): Promise<SendResult> {
    const row = await this.#authorize(conversationId, actor);
    const earlier = await this.store.messageByClientId(conversationId, actor.role, clientId);
    if (earlier) return { message: toMessage(earlier), created: false, waiting: row.status === 'waiting' };
    if (row.status === 'ended') throw ended();
    await admit?.();
    const result = await this.store.append({
      conversationId,
      clientId,
      role: actor.role,
      name: actor.role === 'librarian' ? actor.librarian.name : null,
      member: actor.role === 'librarian' ? actor.librarian.member : null,
      text,
      ts: this.now().toISOString(),
    });
    if (result.kind === 'ended') throw ended();
    if (result.kind === 'not_found') throw notFound();
    return { message: toMessage(result.message), created: result.kind === 'stored', waiting: row.status === 'waiting' };
  }

  async resume(
    conversationId: string,
    actor: ChatActor,
    afterSeq: number,
  ): Promise<{ conversation: Conversation; messages: ChatMessage[] }> {
    const row = await this.#authorize(conversationId, actor);
    const messages = (await this.store.messagesAfter(conversationId, afterSeq)).map(toMessage);
    return { conversation: await this.#toConversation(row), messages };
  }

  /**
   * Gives a waiting conversation to the librarian: `already_taken` when another was first,
   * `not_offered` while it is still kept for another member's librarians, `at_capacity` when
   * the librarian already has as many chats as they take at once.
   */
  async accept(conversationId: string, librarian: DeskLibrarian): Promise<{ conversation: Conversation; messages: ChatMessage[] }> {
    const row = await this.#get(conversationId);
    if (row.status === 'waiting' && !(await this.snapshot()).offeredTo(conversationId, librarian.member)) {
      throw new ChatError(
        'not_offered',
        `This chat is kept for the librarians of ${row.queue_member} until its wait time passes; it will appear in your queue if it opens to the consortium.`,
      );
    }
    const claimed = await this.store.claim(
      conversationId,
      { librarianId: librarian.id, name: librarian.name, member: librarian.member },
      this.now().toISOString(),
    );
    if (claimed === 'at_capacity') {
      throw new ChatError('at_capacity', 'You already have as many chats as you take at once; end or transfer one first.');
    }
    if (claimed === 'taken') {
      const current = await this.#get(conversationId);
      if (current.status === 'ended') throw ended();
      if (current.librarian_id !== librarian.id)
        throw new ChatError('already_taken', 'Another librarian has already accepted this conversation.');
    }
    return this.resume(conversationId, { role: 'librarian', librarian }, 0);
  }

  /**
   * Passes a conversation the librarian holds to a colleague who is not away and has room, or
   * into a member's queue. Its messages stay where they are; whoever takes it reads them all.
   */
  async transfer(conversationId: string, librarian: DeskLibrarian, to: TransferTarget, note: string | undefined): Promise<TransferOutcome> {
    const row = await this.#authorize(conversationId, { role: 'librarian', librarian });
    if (row.status === 'ended') throw ended();
    const trimmed = note?.trim() || undefined;
    const source: TransferSource = { librarianId: librarian.id, name: librarian.name, member: librarian.member, note: trimmed ?? null };
    const from: AssignedLibrarian = { name: librarian.name, member: librarian.member };
    if ('librarianId' in to) {
      if (to.librarianId === librarian.id)
        throw new ChatError('invalid_target', "You already hold this conversation; choose a colleague or a member's queue.");
      const [target] = await this.store.staffedLibrarians(to.librarianId);
      if (!target)
        throw new ChatError(
          'librarian_unavailable',
          "That librarian is away or not signed in to chat; choose a colleague who is available, or a member's queue.",
        );
      const unavailable = new ChatError(
        'librarian_unavailable',
        `${target.name} already has as many chats as they take at once; choose another colleague, or a member's queue.`,
      );
      if (target.load >= target.capacity) throw unavailable;
      const result = await this.store.handOver(conversationId, source, {
        librarianId: target.id,
        name: target.name,
        member: target.member,
      });
      if (result === 'at_capacity') throw unavailable;
      if (result === 'not_held') throw await this.#lostHold(conversationId);
      const conversation = await this.#toConversation(await this.#get(conversationId));
      return {
        kind: 'librarian',
        conversation,
        from,
        ...(trimmed ? { note: trimmed } : {}),
        to: { id: target.id, name: target.name, member: target.member },
      };
    }
    if (!(await this.memberExists(to.member)))
      throw new ChatError('unknown_member', `There is no member "${to.member}" in this consortium.`);
    if (!(await this.store.requeue(conversationId, source, to.member, this.now().toISOString())))
      throw await this.#lostHold(conversationId);
    const conversation = await this.#toConversation(await this.#get(conversationId));
    return { kind: 'member', conversation, from, ...(trimmed ? { note: trimmed } : {}), to: { member: to.member } };
  }

  /** The queue, presence and wait estimate as the database holds them now. */
  async snapshot(): Promise<QueueSnapshot> {
    const [waiting, waitSeconds, librarians, waits] = await Promise.all([
      this.store.waiting(),
      this.store.memberWaitSeconds(),
      this.store.staffedLibrarians(),
      this.store.recentWaits(RECENT_WAITS),
    ]);
    return new QueueSnapshot({ waiting, waitSeconds, librarians, typicalWaitSeconds: medianSeconds(waits), now: this.now() });
  }

  /** Librarians who are not away, with their load and capacity. */
  async presence(): Promise<LibrarianPresence[]> {
    return (await this.snapshot()).presence();
  }

  /** How many chats the librarian takes at once. */
  async setCapacity(librarianId: string, capacity: number): Promise<void> {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError("A librarian's chat capacity is a whole number of at least 1.");
    if (!(await this.store.setLibrarianCapacity(librarianId, capacity))) throw new RangeError(`There is no librarian "${librarianId}".`);
  }

  /** How long the member's own librarians are offered a waiting chat before the consortium is. */
  async setWaitSeconds(member: string, seconds: number): Promise<void> {
    if (!Number.isInteger(seconds) || seconds < 0) throw new RangeError("A member's chat wait is a whole number of seconds, 0 or more.");
    if (!(await this.store.setMemberWaitSeconds(member, seconds))) throw new ChatError('unknown_member', `There is no member "${member}".`);
  }

  async end(conversationId: string, actor: ChatActor): Promise<{ conversation: Conversation; changed: boolean }> {
    await this.#authorize(conversationId, actor);
    const changed = await this.store.end(conversationId, actor.role, this.now().toISOString());
    return { conversation: await this.#toConversation(await this.#get(conversationId)), changed };
  }

  /** Records how far the actor has read; returns the stored mark (it never moves back). */
  async read(conversationId: string, actor: ChatActor, seq: number): Promise<number> {
    const row = await this.#authorize(conversationId, actor);
    const last = row.next_seq - 1;
    return this.store.markRead(conversationId, actor.role, Math.min(seq, last));
  }

  /** Checks the actor may take part in the conversation (typing, reading, resuming). */
  async participant(conversationId: string, actor: ChatActor): Promise<Conversation> {
    return this.#toConversation(await this.#authorize(conversationId, actor));
  }

  /** The queue a librarian of `member` sees: their member's queue, then chats opened to the consortium. */
  async queueFor(member: string): Promise<QueueItem[]> {
    return (await this.snapshot()).queueFor(member);
  }

  async memberIds(): Promise<string[]> {
    return this.store.memberIds();
  }

  async setPresence(librarian: DeskLibrarian, status: PresenceStatus): Promise<void> {
    await this.store.setPresence({ librarian_id: librarian.id, member: librarian.member, status, updated_at: this.now().toISOString() });
  }

  async presenceOf(librarianId: string): Promise<PresenceStatus | undefined> {
    return (await this.store.getPresence(librarianId))?.status as PresenceStatus | undefined;
  }

  openConversationIdsOfSession(session: string): Promise<string[]> {
    return this.store.openConversationIdsOfSession(session);
  }

  activeConversationIdsOfLibrarian(librarianId: string): Promise<string[]> {
    return this.store.activeConversationIdsOfLibrarian(librarianId);
  }

  async #get(id: string): Promise<ConversationRow> {
    const row = await this.store.getConversation(id);
    if (!row) throw notFound();
    return row;
  }

  /** Why a librarian no longer holds a conversation they meant to pass on. */
  async #lostHold(conversationId: string): Promise<ChatError> {
    const current = await this.#get(conversationId);
    return current.status === 'ended' ? ended() : new ChatError('not_assigned', 'This conversation is no longer assigned to you.');
  }

  async #authorize(conversationId: string, actor: ChatActor): Promise<ConversationRow> {
    const row = await this.store.getConversation(conversationId);
    // Someone else's conversation looks the same as none, so ids cannot be probed.
    if (!row || (actor.role === 'patron' && row.patron_session !== actor.session)) throw notFound();
    if (actor.role === 'librarian' && row.librarian_id !== actor.librarian.id) {
      throw new ChatError('not_assigned', 'This conversation is not assigned to you; accept it from the queue first.');
    }
    return row;
  }

  async #toConversation(row: ConversationRow): Promise<Conversation> {
    const reads = await this.store.reads(row.id);
    return {
      id: row.id,
      member: row.member,
      status: row.status as Conversation['status'],
      createdAt: row.created_at,
      ...(row.ended_at ? { endedAt: row.ended_at } : {}),
      ...(row.ended_by ? { endedBy: row.ended_by as ChatRole } : {}),
      ...(row.librarian_name && row.librarian_member ? { librarian: { name: row.librarian_name, member: row.librarian_member } } : {}),
      ...(row.context ? { context: JSON.parse(row.context) as ChatContext } : {}),
      lastSeq: Number(row.next_seq) - 1,
      read: { patron: reads.patron ?? 0, librarian: reads.librarian ?? 0 },
      queueMember: row.queue_member,
      ...ratingOf(row),
    };
  }
}

function toMessage(row: MessageRow): ChatMessage {
  return {
    conversationId: row.conversation_id,
    seq: row.seq,
    clientId: row.client_id,
    from: {
      role: row.sender_role as ChatRole,
      ...(row.sender_name ? { name: row.sender_name } : {}),
      ...(row.sender_member ? { member: row.sender_member } : {}),
    },
    text: row.text,
    ts: row.ts,
  };
}

function notFound(): ChatError {
  return new ChatError('not_found', 'There is no such conversation in this session.');
}

function ended(): ChatError {
  return new ChatError('conversation_ended', 'This conversation has ended; no more messages can be sent.');
}
