// Reading and writing live consultation: conversations, their messages in seq order, read
// receipts and librarian presence. Rules (who may send, who may accept) live in domain/chat.
import type { Kysely } from 'kysely';
import type { ChatMessagesTable, ChatTables, ConversationsTable, LibrarianPresenceTable } from './chat-schema.js';
import type { Database } from './schema.js';

type ChatDatabase = Database & ChatTables;
type ChatTableMap = { [Table in keyof ChatTables]: ChatTables[Table] };

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

export class ChatStore {
  readonly #db: Kysely<ChatDatabase>;

  constructor(db: Kysely<Database>) {
    this.#db = db.withTables<ChatTableMap>();
  }

  async createConversation(row: Omit<ConversationRow, 'next_seq'>): Promise<void> {
    await this.#db.insertInto('conversations').values({ ...row, next_seq: 1 }).execute();
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

  /** Every waiting conversation, oldest first. */
  async waiting(): Promise<ConversationRow[]> {
    return this.#db.selectFrom('conversations').selectAll().where('status', '=', 'waiting').orderBy('created_at').orderBy('id').execute();
  }

  /**
   * Gives a waiting conversation to one librarian. The condition on status makes the claim
   * atomic: of librarians accepting at once, only one update finds the row still waiting.
   */
  async claim(id: string, claimant: Claimant, now: string): Promise<boolean> {
    const result = await this.#db
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
    const earlier = await this.#findByClientId(input.conversationId, input.role, input.clientId);
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
      const stored = await this.#findByClientId(input.conversationId, input.role, input.clientId);
      if (stored) return { kind: 'duplicate', message: stored };
      throw error;
    }
  }

  async #findByClientId(conversationId: string, role: string, clientId: string): Promise<MessageRow | undefined> {
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
      .onConflict((conflict) =>
        conflict.columns(['conversation_id', 'side']).doUpdateSet({ seq }).where('chat_reads.seq', '<', seq),
      )
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
      .onConflict((conflict) => conflict.column('librarian_id').doUpdateSet({ status: row.status, member: row.member, updated_at: row.updated_at }))
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
