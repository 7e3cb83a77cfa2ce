// The chat log as the patron reads it: stored messages in seq order, short notices (a librarian
// joined, the chat was passed on) where they happened, then what has not been stored yet.
import type { ChatMessage, OutboxEntry, UndeliveredMessage } from '@atrium/sdk';

/** Something that happened between messages; `afterSeq` is the newest seq when it happened. */
export interface ChatNote {
  key: string;
  afterSeq: number;
  text: string;
}

export type LogEntry =
  | { kind: 'message'; key: string; message: ChatMessage }
  | { kind: 'note'; key: string; note: ChatNote }
  | { kind: 'pending'; key: string; entry: OutboxEntry }
  | { kind: 'undelivered'; key: string; entry: UndeliveredMessage };

export function logEntries(
  messages: readonly ChatMessage[],
  notes: readonly ChatNote[],
  outbox: readonly OutboxEntry[],
  undelivered: readonly UndeliveredMessage[],
): LogEntry[] {
  const entries: LogEntry[] = [];
  const stored = new Set<string>();
  let next = 0;
  const sortedNotes = [...notes].sort((a, b) => a.afterSeq - b.afterSeq);
  for (const message of messages) {
    while (next < sortedNotes.length && sortedNotes[next]!.afterSeq < message.seq) {
      const note = sortedNotes[next++]!;
      entries.push({ kind: 'note', key: `note:${note.key}`, note });
    }
    stored.add(message.clientId);
    entries.push({ kind: 'message', key: `seq:${message.seq}`, message });
  }
  for (const note of sortedNotes.slice(next)) entries.push({ kind: 'note', key: `note:${note.key}`, note });
  // An outbox entry and its stored copy can cross in one update; the stored copy wins.
  for (const entry of outbox) if (!stored.has(entry.clientId)) entries.push({ kind: 'pending', key: `out:${entry.clientId}`, entry });
  for (const entry of undelivered) entries.push({ kind: 'undelivered', key: `lost:${entry.clientId}`, entry });
  return entries;
}
