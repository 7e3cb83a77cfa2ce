// Table shapes of chat safety and retention for Kysely (see migrations/0006-chat-safety.ts).
import type { ChatTables, ConversationsTable } from './chat-schema.js';
import type { MembersTable } from './schema.js';

export interface WidgetKeysTable {
  /** The public key a partner page puts in the widget's `key` attribute. */
  key: string;
  member: string;
  /** JSON: string[] of exact origins (scheme://host[:port]). */
  origins: string;
  label: string | null;
  /** UTC ISO time. */
  created_at: string;
}

export interface RetentionColumns {
  /** Days a member keeps a conversation after it ended. */
  chat_retention_days: number;
}

export interface RatingColumns {
  /** 1 to 5, or null before the patron rates. */
  rating_score: number | null;
  rating_comment: string | null;
  rated_at: string | null;
}

/** Tables as chat safety reads them: the chat tables with the columns 0006 added. */
export interface ChatSafetyTables extends Omit<ChatTables, 'conversations'> {
  widget_keys: WidgetKeysTable;
  members: MembersTable & RetentionColumns;
  conversations: ConversationsTable & RatingColumns;
}
