// Live consultation rules: a patron session starts (or continues) a conversation with a
// member, librarians claim waiting ones, both sides exchange messages numbered by seq.
import { randomUUID } from 'node:crypto';
import type { ChatContext, ChatMessage, ChatRole, Conversation, Librarian, PresenceStatus, QueueItem } from '@atrium/sdk';
import type { ChatStore, ConversationRow, MessageRow } from '../../storage/chat-store.js';
import { ChatError } from './chat-error.js';

/** Who is acting: a patron by session, or a signed-in librarian. */
export type ChatActor = { role: 'patron'; session: string } | { role: 'librarian'; librarian: Librarian };

export interface SendResult {
  message: ChatMessage;
  /** False when the clientId had been stored before: nothing new to broadcast. */
  created: boolean;
}

export class ChatService {
  constructor(
    private readonly store: ChatStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async memberExists(member: string): Promise<boolean> {
    return (await this.store.memberIds()).includes(member);
  }

  /** The session's open conversation with the member, or a new waiting one. */
  async start(session: string, member: string, context: ChatContext | undefined): Promise<{ conversation: Conversation; created: boolean }> {
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

  async send(conversationId: string, actor: ChatActor, clientId: string, text: string): Promise<SendResult> {
    const row = await this.#authorize(conversationId, actor);
    if (row.status === 'ended') throw ended();
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
    return { message: toMessage(result.message), created: result.kind === 'stored' };
  }

  async resume(conversationId: string, actor: ChatActor, afterSeq: number): Promise<{ conversation: Conversation; messages: ChatMessage[] }> {
    const row = await this.#authorize(conversationId, actor);
    const messages = (await this.store.messagesAfter(conversationId, afterSeq)).map(toMessage);
    return { conversation: await this.#toConversation(row), messages };
  }

  /** Gives a waiting conversation to the librarian; `already_taken` when another was first. */
  async accept(conversationId: string, librarian: Librarian): Promise<{ conversation: Conversation; messages: ChatMessage[] }> {
    const row = await this.store.getConversation(conversationId);
    if (!row) throw notFound();
    const claimed = await this.store.claim(conversationId, { librarianId: librarian.id, name: librarian.name, member: librarian.member }, this.now().toISOString());
    if (!claimed) {
      const current = await this.#get(conversationId);
      if (current.status === 'ended') throw ended();
      if (current.librarian_id !== librarian.id) throw new ChatError('already_taken', 'Another librarian has already accepted this conversation.');
    }
    return this.resume(conversationId, { role: 'librarian', librarian }, 0);
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

  /** Waiting conversations for a librarian of `member`: that member's first, then the others', oldest first. */
  async queueFor(member: string): Promise<QueueItem[]> {
    return orderForMember(await this.waiting(), member);
  }

  /** Every waiting conversation, oldest first. */
  async waiting(): Promise<QueueItem[]> {
    return (await this.store.waiting()).map((row) => ({
      conversationId: row.id,
      member: row.member,
      waitingSince: row.created_at,
      ...(row.context ? { context: JSON.parse(row.context) as ChatContext } : {}),
    }));
  }

  async memberIds(): Promise<string[]> {
    return this.store.memberIds();
  }

  async setPresence(librarian: Librarian, status: PresenceStatus): Promise<void> {
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
    };
  }
}

/** A member's own patrons first, then the other members', each part oldest first as given. */
export function orderForMember(items: readonly QueueItem[], member: string): QueueItem[] {
  return [...items.filter((item) => item.member === member), ...items.filter((item) => item.member !== member)];
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
