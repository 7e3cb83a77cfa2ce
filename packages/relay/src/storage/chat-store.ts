// Reading and writing live consultation: conversations, their messages in seq order, read
// receipts and librarian presence. Rules (who may send, who may accept) live in domain/chat.
import type { Kysely, Transaction } from 'kysely';
import type {
  ChatMessagesTable,
  ChatTables,
  ConversationsTable,
  LibrarianChatColumns,
  LibrarianPresenceTable,
  MemberChatColumns,
} from './chat-schema.js';
import type { Database, MembersTable } from './schema.js';
import type { LibrariansTable } from './staff-schema.js';

type RoutingColumns = { members: MembersTable & MemberChatColumns; librarians: LibrariansTable & LibrarianChatColumns };
type ChatDatabase = Database & ChatTables & RoutingColumns;
type ChatTableMap = { [Table in keyof ChatTables]: ChatTables[Table] } & RoutingColumns;

export type ConversationRow = ConversationsTable;
export type MessageRow = ChatMessagesTable;
export type PresenceRow = LibrarianPresenceTable;

export interface NewMessage {
  conversationId: string;
  clientId: string;
  role: string;
  name: string | null;
  member: string | null;
  text: string;
  ts: string;
}

export type AppendResult =
  | { kind: 'stored'; message: MessageRow }
  /** The same sender already sent this clientId: the message as first stored. */
  | { kind: 'duplicate'; message: MessageRow }
  | { kind: 'ended' }
  | { kind: 'not_found' };

export interface Claimant {
  librarianId: string;
  name: string;
  member: string;
}

export type NewConversation = Omit<
  ConversationRow,
  'next_seq' | 'queue_member' | 'queued_at' | 'transfer_from_name' | 'transfer_from_member' | 'transfer_note'
> &
  Partial<Pick<ConversationRow, 'queue_member' | 'queued_at'>>;

/** A waiting conversation with the patron's first words. */
export type WaitingRow = ConversationRow & { preview: string | null };

/** A librarian who is not away, with what routing needs to know. */
export interface StaffedLibrarian {
  id: string;
  name: string;
  member: string;
  status: string;
  capacity: number;
  /** Active conversations now. */
  load: number;
}

export type ClaimResult = 'claimed' | 'taken' | 'at_capacity';
export type HandOverResult = 'done' | 'not_held' | 'at_capacity';

export interface TransferSource {
  librarianId: string;
  name: string;
  member: string;
  note: string | null;
}

export class ChatStore {
  readonly #db: Kysely<ChatDatabase>;

  constructor(db: Kysely<Database>) {
    this.#db = db.withTables<ChatTableMap>();
  }

  /** A new conversation waits in its home member's queue from its start unless told otherwise. */
  async createConversation(row: NewConversation): Promise<void> {
    await this.#db
      .insertInto('conversations')
      .values({
        ...row,
        queue_member: row.queue_member ?? row.member,
        queued_at: row.queued_at ?? row.created_at,
        transfer_from_name: null,
        transfer_from_member: null,
        transfer_note: null,
        next_seq: 1,
      })
      .execute();
  }

  async getConversation(id: string): Promise<ConversationRow | undefined> {
    return this.#db.selectFrom('conversations').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** The session's newest conversation with the member that has not ended. */
  async openConversationOf(session: string, member: string): Promise<ConversationRow | undefined> {
    return this.#db
      .selectFrom('conversations')
      .selectAll()
      .where('patron_session', '=', session)
      .where('member', '=', member)
      .where('status', '!=', 'ended')
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
  }

  async openConversationIdsOfSession(session: string): Promise<string[]> {
    const rows = await this.#db
      .selectFrom('conversations')
      .select('id')
      .where('patron_session', '=', session)
      .where('status', '!=', 'ended')
      .execute();
    return rows.map((row) => row.id);
  }

  async activeConversationIdsOfLibrarian(librarianId: string): Promise<string[]> {
    const rows = await this.#db
      .selectFrom('conversations')
      .select('id')
      .where('librarian_id', '=', librarianId)
      .where('status', '=', 'active')
      .execute();
    return rows.map((row) => row.id);
  }

  /** Every waiting conversation, longest in its queue first, with the patron's first message. */
  async waiting(): Promise<WaitingRow[]> {
    const rows = await this.#db
      .selectFrom('conversations')
      .selectAll('conversations')
      .select((eb) =>
        eb
          .selectFrom('chat_messages')
          .select('text')
          .whereRef('chat_messages.conversation_id', '=', 'conversations.id')
          .where('chat_messages.sender_role', '=', 'patron')
          .orderBy('chat_messages.seq')
          .limit(1)
          .as('preview'),
      )
      .where('status', '=', 'waiting')
      .orderBy('queued_at')
      .orderBy('id')
      .execute();
    return rows.map((row) => ({ ...row, preview: row.preview ?? null }));
  }

  /** How long each member keeps a waiting chat to its own librarians, in seconds. */
  async memberWaitSeconds(): Promise<Map<string, number>> {
    const rows = await this.#db.selectFrom('members').select(['id', 'chat_wait_seconds']).execute();
    return new Map(rows.map((row) => [row.id, Number(row.chat_wait_seconds)]));
  }

  async setMemberWaitSeconds(member: string, seconds: number): Promise<boolean> {
    const result = await this.#db.updateTable('members').set({ chat_wait_seconds: seconds }).where('id', '=', member).executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /** Every enabled librarian's capacity, by member then email. */
  async librarianCapacities(): Promise<{ id: string; email: string; member: string; capacity: number }[]> {
    const rows = await this.#db
      .selectFrom('librarians')
      .select(['id', 'email', 'member', 'chat_capacity'])
      .where('disabled', '=', 0)
      .orderBy('member')
      .orderBy('email_key')
      .execute();
    return rows.map((row) => ({ id: row.id, email: row.email, member: row.member, capacity: Number(row.chat_capacity) }));
  }

  async setLibrarianCapacity(librarianId: string, capacity: number): Promise<boolean> {
    const result = await this.#db
      .updateTable('librarians')
      .set({ chat_capacity: capacity })
      .where('id', '=', librarianId)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /** Enabled librarians whose presence is not away (or one of them by id), with capacity and load. */
  async staffedLibrarians(librarianId?: string): Promise<StaffedLibrarian[]> {
    let query = this.#db
      .selectFrom('librarians')
      .innerJoin('librarian_presence', 'librarian_presence.librarian_id', 'librarians.id')
      .select((eb) => [
        'librarians.id',
        'librarians.name',
        'librarians.member',
        'librarian_presence.status',
        'librarians.chat_capacity',
        eb
          .selectFrom('conversations')
          .select((count) => count.fn.countAll().as('load'))
          .whereRef('conversations.librarian_id', '=', 'librarians.id')
          .where('conversations.status', '=', 'active')
          .as('load'),
      ])
      .where('librarians.disabled', '=', 0)
      .where('librarian_presence.status', '!=', 'away')
      .orderBy('librarians.member')
      .orderBy('librarians.name')
      .orderBy('librarians.id');
    if (librarianId !== undefined) query = query.where('librarians.id', '=', librarianId);
    const rows = await query.execute();
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      member: row.member,
      status: row.status,
      capacity: Number(row.chat_capacity),
      load: Number(row.load ?? 0),
    }));
  }

  /** When each of the most recently accepted conversations entered its queue and was accepted. */
  async recentWaits(limit: number): Promise<{ queuedAt: string; acceptedAt: string }[]> {
    const rows = await this.#db
      .selectFrom('conversations')
      .select(['queued_at', 'accepted_at'])
      .where('accepted_at', 'is not', null)
      .orderBy('accepted_at', 'desc')
      .limit(limit)
      .execute();
    return rows.flatMap((row) => (row.accepted_at ? [{ queuedAt: row.queued_at, acceptedAt: row.accepted_at }] : []));
  }

  /**
   * Gives a waiting conversation to one librarian if they are under their capacity. The
   * condition on status makes the claim atomic: of librarians accepting at once, only one
   * update finds the row still waiting. Capacity is checked under a lock on the librarian's
   * row, so one librarian accepting twice at once cannot pass it either.
   */
  async claim(id: string, claimant: Claimant, now: string): Promise<ClaimResult> {
    return this.#db.transaction().execute(async (trx): Promise<ClaimResult> => {
      if (!(await underCapacity(trx, claimant.librarianId))) return 'at_capacity';
      const result = await trx
        .updateTable('conversations')
        .set({
          status: 'active',
          librarian_id: claimant.librarianId,
          librarian_name: claimant.name,
          librarian_member: claimant.member,
          accepted_at: now,
        })
        .where('id', '=', id)
        .where('status', '=', 'waiting')
        .executeTakeFirst();
      return result.numUpdatedRows > 0n ? 'claimed' : 'taken';
    });
  }

  /** Passes an active conversation from one librarian straight to another, if the first still holds it. */
  async handOver(id: string, from: TransferSource, to: Claimant): Promise<HandOverResult> {
    return this.#db.transaction().execute(async (trx): Promise<HandOverResult> => {
      if (!(await underCapacity(trx, to.librarianId))) return 'at_capacity';
      const result = await trx
        .updateTable('conversations')
        .set({
          librarian_id: to.librarianId,
          librarian_name: to.name,
          librarian_member: to.member,
          transfer_from_name: from.name,
          transfer_from_member: from.member,
          transfer_note: from.note,
        })
        .where('id', '=', id)
        .where('librarian_id', '=', from.librarianId)
        .where('status', '=', 'active')
        .executeTakeFirst();
      return result.numUpdatedRows > 0n ? 'done' : 'not_held';
    });
  }

  /**
   * Puts an active conversation back in a queue (another member's, usually), if the librarian
   * still holds it. Its overflow clock starts again; its messages stay as they are.
   */
  async requeue(id: string, from: TransferSource, queueMember: string, now: string): Promise<boolean> {
    const result = await this.#db
      .updateTable('conversations')
      .set({
        status: 'waiting',
        queue_member: queueMember,
        queued_at: now,
        librarian_id: null,
        librarian_name: null,
        librarian_member: null,
        accepted_at: null,
        transfer_from_name: from.name,
        transfer_from_member: from.member,
        transfer_note: from.note,
      })
      .where('id', '=', id)
      .where('librarian_id', '=', from.librarianId)
      .where('status', '=', 'active')
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /** Ends a conversation that has not ended yet; false when it already had. */
  async end(id: string, endedBy: string, now: string): Promise<boolean> {
    const result = await this.#db
      .updateTable('conversations')
      .set({ status: 'ended', ended_at: now, ended_by: endedBy })
      .where('id', '=', id)
      .where('status', '!=', 'ended')
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /**
   * Stores a message under the next seq. Taking the seq and inserting happen in one
   * transaction: the counter update locks the conversation row (PostgreSQL) or the database
   * (SQLite), so concurrent sends get distinct seqs, and a failed insert gives its seq back.
   */
  async append(input: NewMessage): Promise<AppendResult> {
    const earlier = await this.messageByClientId(input.conversationId, input.role, input.clientId);
    if (earlier) return { kind: 'duplicate', message: earlier };
    try {
      return await this.#db.transaction().execute(async (trx): Promise<AppendResult> => {
        const counter = await trx
          .updateTable('conversations')
          .set((eb) => ({ next_seq: eb('next_seq', '+', 1) }))
          .where('id', '=', input.conversationId)
          .where('status', '!=', 'ended')
          .returning('next_seq')
          .executeTakeFirst();
        if (!counter) {
          const exists = await trx.selectFrom('conversations').select('id').where('id', '=', input.conversationId).executeTakeFirst();
          return { kind: exists ? 'ended' : 'not_found' };
        }
        const message: MessageRow = {
          conversation_id: input.conversationId,
          seq: Number(counter.next_seq) - 1,
          client_id: input.clientId,
          sender_role: input.role,
          sender_name: input.name,
          sender_member: input.member,
          text: input.text,
          ts: input.ts,
        };
        await trx.insertInto('chat_messages').values(message).execute();
        return { kind: 'stored', message };
      });
    } catch (error) {
      // The same clientId sent twice at once: the other send stored it first.
      const stored = await this.messageByClientId(input.conversationId, input.role, input.clientId);
      if (stored) return { kind: 'duplicate', message: stored };
      throw error;
    }
  }

  /** The message this sender stored under `clientId`, if any. */
  async messageByClientId(conversationId: string, role: string, clientId: string): Promise<MessageRow | undefined> {
    const row = await this.#db
      .selectFrom('chat_messages')
      .selectAll()
      .where('conversation_id', '=', conversationId)
      .where('sender_role', '=', role)
      .where('client_id', '=', clientId)
      .executeTakeFirst();
    return row ? { ...row, seq: Number(row.seq) } : undefined;
  }

  async messagesAfter(conversationId: string, afterSeq: number): Promise<MessageRow[]> {
    const rows = await this.#db
      .selectFrom('chat_messages')
      .selectAll()
      .where('conversation_id', '=', conversationId)
      .where('seq', '>', afterSeq)
      .orderBy('seq')
      .execute();
    return rows.map((row) => ({ ...row, seq: Number(row.seq) }));
  }

  /** Moves a side's read mark forward (never back); returns the mark now stored. */
  async markRead(conversationId: string, side: string, seq: number): Promise<number> {
    await this.#db
      .insertInto('chat_reads')
      .values({ conversation_id: conversationId, side, seq })
      .onConflict((conflict) => conflict.columns(['conversation_id', 'side']).doUpdateSet({ seq }).where('chat_reads.seq', '<', seq))
      .execute();
    const row = await this.#db
      .selectFrom('chat_reads')
      .select('seq')
      .where('conversation_id', '=', conversationId)
      .where('side', '=', side)
      .executeTakeFirstOrThrow();
    return Number(row.seq);
  }

  async reads(conversationId: string): Promise<Record<string, number>> {
    const rows = await this.#db.selectFrom('chat_reads').select(['side', 'seq']).where('conversation_id', '=', conversationId).execute();
    return Object.fromEntries(rows.map((row) => [row.side, Number(row.seq)]));
  }

  async setPresence(row: PresenceRow): Promise<void> {
    await this.#db
      .insertInto('librarian_presence')
      .values(row)
      .onConflict((conflict) =>
        conflict.column('librarian_id').doUpdateSet({ status: row.status, member: row.member, updated_at: row.updated_at }),
      )
      .execute();
  }

  /** Members with at least one librarian available for chat now. */
  async membersWithLibrarianAvailable(): Promise<Set<string>> {
    const rows = await this.#db.selectFrom('librarian_presence').select('member').distinct().where('status', '=', 'available').execute();
    return new Set(rows.map((row) => row.member));
  }

  async getPresence(librarianId: string): Promise<PresenceRow | undefined> {
    return this.#db.selectFrom('librarian_presence').selectAll().where('librarian_id', '=', librarianId).executeTakeFirst();
  }

  async memberIds(): Promise<string[]> {
    const rows = await this.#db.selectFrom('members').select('id').orderBy('id').execute();
    return rows.map((row) => row.id);
  }
}

/**
 * Locks the librarian's row for the rest of the transaction (a write that changes nothing
 * takes the row lock in PostgreSQL and the write lock in SQLite), then compares their active
 * conversations with their capacity.
 */
async function underCapacity(trx: Transaction<ChatDatabase>, librarianId: string): Promise<boolean> {
  const locked = await trx
    .updateTable('librarians')
    .set((eb) => ({ chat_capacity: eb.ref('chat_capacity') }))
    .where('id', '=', librarianId)
    .returning('chat_capacity')
    .executeTakeFirst();
  if (!locked) return false;
  const active = await trx
    .selectFrom('conversations')
    .select((eb) => eb.fn.countAll().as('count'))
    .where('librarian_id', '=', librarianId)
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(active.count) < Number(locked.chat_capacity);
}
