// Table shapes of live consultation for Kysely (see migrations/0004-chat.ts and 0005-chat-routing.ts).

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
  /** Whose librarians are offered it first: the home member, or the member it was transferred to. */
  queue_member: string;
  /** When it entered that queue (UTC ISO): its overflow clock starts here. */
  queued_at: string;
  /** The librarian who last passed it on, and their note for the next one. */
  transfer_from_name: string | null;
  transfer_from_member: string | null;
  transfer_note: string | null;
}

/** Chat settings kept on the members table. */
export interface MemberChatColumns {
  /** Seconds a waiting chat is offered only to the member's own librarians. */
  chat_wait_seconds: number;
}

/** Chat settings kept on the librarians table. */
export interface LibrarianChatColumns {
  /** How many active chats the librarian takes at once. */
  chat_capacity: number;
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
