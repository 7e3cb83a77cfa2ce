// Table shapes of live consultation for Kysely (see migrations/0004-chat.ts).

export interface ConversationsTable {
  id: string;
  member: string;
  /** waiting | active | ended */
  status: string;
  /** The patron session (all of one visitor's tabs and reloads) the conversation belongs to. */
  patron_session: string;
  librarian_id: string | null;
  librarian_name: string | null;
  librarian_member: string | null;
  /** JSON: ChatContext, or null. */
  context: string | null;
  /** UTC ISO times. */
  created_at: string;
  accepted_at: string | null;
  ended_at: string | null;
  ended_by: string | null;
  /** The seq the next message gets; moved only inside the transaction that stores it. */
  next_seq: number;
}

export interface ChatMessagesTable {
  conversation_id: string;
  seq: number;
  client_id: string;
  /** patron | librarian */
  sender_role: string;
  sender_name: string | null;
  sender_member: string | null;
  text: string;
  ts: string;
}

export interface ChatReadsTable {
  conversation_id: string;
  /** patron | librarian: whose reading this is. */
  side: string;
  seq: number;
}

export interface LibrarianPresenceTable {
  librarian_id: string;
  member: string;
  /** available | busy | away */
  status: string;
  updated_at: string;
}

export interface ChatTables {
  conversations: ConversationsTable;
  chat_messages: ChatMessagesTable;
  chat_reads: ChatReadsTable;
  librarian_presence: LibrarianPresenceTable;
}
