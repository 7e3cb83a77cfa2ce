// How the console lays out the question queue: the librarian's own member's questions first,
// oldest first within each group, and the status filter as the relay's `status` list.
import type { QuestionStatus, StaffQuestion } from '@atrium/sdk';

export type QueueFilter = 'open' | QuestionStatus | 'all';

export const QUEUE_FILTERS: readonly QueueFilter[] = ['open', 'new', 'claimed', 'answered', 'closed', 'all'];

export function statusesOf(filter: QueueFilter): QuestionStatus[] | undefined {
  if (filter === 'all') return undefined;
  return filter === 'open' ? ['new', 'claimed'] : [filter];
}

/** True when the question waits first for the librarian's member: its patron's, or referred to it. */
export function isOwn(question: StaffQuestion, member: string): boolean {
  return question.queueMember === member;
}

/** The librarian's member's questions, then everyone else's; each group oldest first. */
export function groupQueue(questions: readonly StaffQuestion[], member: string): { own: StaffQuestion[]; others: StaffQuestion[] } {
  const sorted = [...questions].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return { own: sorted.filter((question) => isOwn(question, member)), others: sorted.filter((question) => !isOwn(question, member)) };
}
