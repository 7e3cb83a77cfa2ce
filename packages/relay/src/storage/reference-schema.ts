// Table shapes of joint reference for Kysely (see migrations/0007-reference.ts and
// 0009-linked-records.ts). The knowledge base's search table differs by dialect and is reached
// with raw SQL, so it is not listed.
import type { Generated } from 'kysely';

export interface QuestionsTable {
  id: string;
  /** The patron's home member. */
  member: string;
  text: string;
  category: string | null;
  patron_name: string | null;
  patron_email: string | null;
  /** JSON: QuestionContext, or null. */
  context: string | null;
  token: string;
  /** new | claimed | answered | closed */
  status: string;
  /** UTC ISO times, as all times below. */
  created_at: string;
  updated_at: string;
  /** Whose librarians are offered it first: the home member, or the member it was referred to. */
  queue_member: string;
  queued_at: string;
  /** From then on any librarian of the consortium may claim it; compared as ISO text. */
  open_to_all_at: string;
  claimed_by_id: string | null;
  claimed_by_name: string | null;
  claimed_by_member: string | null;
  claimed_at: string | null;
  /** The first answer: when, and whose librarian gave it (the ledger counts it for that member). */
  answered_at: string | null;
  answered_by_member: string | null;
  closed_at: string | null;
  referred_from: string | null;
  referred_by: string | null;
  referral_note: string | null;
  referred_at: string | null;
  kb_id: string | null;
}

export interface QuestionMessagesTable {
  /** Orders a question's thread. */
  seq: Generated<number>;
  id: string;
  question_id: string;
  /** patron | librarian */
  author: string;
  /** answer | message */
  kind: string;
  text: string;
  librarian_id: string | null;
  librarian_name: string | null;
  librarian_member: string | null;
  created_at: string;
}

export interface KbEntriesTable {
  /** Internal row number shared with the search table's rows. */
  seq: Generated<number>;
  id: string;
  question_id: string;
  member: string;
  answered_by: string;
  category: string | null;
  question: string;
  answer: string;
  record_id: string | null;
  published_at: string;
}

/** A catalogue record linked in a librarian's message (see migrations/0009-linked-records.ts). */
export interface QuestionMessageRecordsTable {
  message_id: string;
  /** The librarian's order, from 0. */
  position: number;
  record_id: string;
  member: string;
  /** The record's title when the librarian answered. */
  title: string;
}

/** A catalogue record linked in a published answer, as in the answer. */
export interface KbEntryRecordsTable {
  kb_id: string;
  position: number;
  record_id: string;
  member: string;
  title: string;
}

export interface ServicePoliciesTable {
  member_id: string;
  /** JSON: ServicePolicy without `member` and `questionWaitMinutes`. */
  policy: string;
  updated_at: string;
}

/** Reference settings kept on the members table. */
export interface MemberReferenceColumns {
  /** Seconds a new question is offered only to the member's own librarians. */
  question_wait_seconds: number;
}

export interface ReferenceTables {
  questions: QuestionsTable;
  question_messages: QuestionMessagesTable;
  kb_entries: KbEntriesTable;
  question_message_records: QuestionMessageRecordsTable;
  kb_entry_records: KbEntryRecordsTable;
  service_policies: ServicePoliciesTable;
}
