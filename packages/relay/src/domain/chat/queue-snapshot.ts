// Cooperative routing at one moment: which waiting chats each member's librarians are offered,
// when a chat opens to the whole consortium, and where each waiting patron stands.
import type { ChatContext, LibrarianPresence, PatronQueuePosition, PresenceStatus, QueueItem, QueueScope } from '@atrium/sdk';
import type { StaffedLibrarian, WaitingRow } from '../../storage/chat-store.js';

/** How long a member keeps a waiting chat to itself when it has not said otherwise. */
export const DEFAULT_WAIT_SECONDS = 30;
const PREVIEW_LENGTH = 140;

interface RoutedChat {
  item: QueueItem;
  queueMember: string;
  scope: QueueScope;
  /** ms since the epoch; set while the chat is still member-scoped. */
  overflowAt?: number;
}

export interface RoutingInput {
  waiting: readonly WaitingRow[];
  waitSeconds: ReadonlyMap<string, number>;
  librarians: readonly StaffedLibrarian[];
  /** The typical wait of recently accepted chats, in seconds; undefined with nothing to go on. */
  typicalWaitSeconds: number | undefined;
  now: Date;
}

export class QueueSnapshot {
  readonly #chats: RoutedChat[];
  readonly #librarians: readonly StaffedLibrarian[];
  readonly #typicalWaitSeconds: number | undefined;
  /** Librarians per member who could take a chat now: available and under capacity. */
  readonly #ready = new Map<string, number>();
  readonly #views = new Map<string, QueueItem[]>();
  readonly #members: string[];

  constructor({ waiting, waitSeconds, librarians, typicalWaitSeconds, now }: RoutingInput) {
    this.#librarians = librarians;
    this.#typicalWaitSeconds = typicalWaitSeconds;
    this.#members = [...waitSeconds.keys()];
    for (const librarian of librarians) {
      if (librarian.status === 'available' && librarian.load < librarian.capacity) {
        this.#ready.set(librarian.member, (this.#ready.get(librarian.member) ?? 0) + 1);
      }
    }
    this.#chats = waiting.map((row) => {
      const overflowAt = Date.parse(row.queued_at) + (waitSeconds.get(row.queue_member) ?? DEFAULT_WAIT_SECONDS) * 1000;
      // Nobody of the queue's member could answer: making the patron sit out the wait helps no one.
      const overflowed = now.getTime() >= overflowAt || !this.#ready.has(row.queue_member);
      const scope: QueueScope = overflowed ? 'consortium' : 'member';
      const item: QueueItem = {
        conversationId: row.id,
        member: row.member,
        waitingSince: row.queued_at,
        ...(row.context ? { context: JSON.parse(row.context) as ChatContext } : {}),
        queueMember: row.queue_member,
        scope,
        ...(overflowed ? {} : { overflowAt: new Date(overflowAt).toISOString() }),
        ...(row.preview ? { preview: preview(row.preview) } : {}),
        ...(row.transfer_from_name && row.transfer_from_member
          ? {
              transfer: {
                from: { name: row.transfer_from_name, member: row.transfer_from_member },
                ...(row.transfer_note ? { note: row.transfer_note } : {}),
              },
            }
          : {}),
      };
      return { item, queueMember: row.queue_member, scope, ...(overflowed ? {} : { overflowAt }) };
    });
  }

  /**
   * The queue a librarian of `member` sees: the chats in their member's queue, then the other
   * members' chats that have opened to the consortium, each part longest-waiting first.
   */
  queueFor(member: string): QueueItem[] {
    let view = this.#views.get(member);
    if (!view) {
      view = [
        ...this.#chats.filter((chat) => chat.queueMember === member),
        ...this.#chats.filter((chat) => chat.queueMember !== member && chat.scope === 'consortium'),
      ].map((chat) => chat.item);
      this.#views.set(member, view);
    }
    return view;
  }

  /** Every member of the consortium. */
  members(): string[] {
    return this.#members;
  }

  /** Whether a librarian of `member` may take the chat now; true for a chat no longer waiting, so the claim decides. */
  offeredTo(conversationId: string, member: string): boolean {
    const chat = this.#chats.find((candidate) => candidate.item.conversationId === conversationId);
    return !chat || chat.queueMember === member || chat.scope === 'consortium';
  }

  /**
   * Where a waiting patron stands: the best place their chat holds in the queue of any member
   * whose librarians may take it (its queue's member always counts; once it has overflowed,
   * so does every member with a librarian ready). 1 means next.
   */
  patronPosition(conversationId: string): PatronQueuePosition | undefined {
    const chat = this.#chats.find((candidate) => candidate.item.conversationId === conversationId);
    if (!chat) return undefined;
    const members = chat.scope === 'consortium' ? new Set([chat.queueMember, ...this.#ready.keys()]) : new Set([chat.queueMember]);
    let position = Number.POSITIVE_INFINITY;
    for (const member of members) {
      position = Math.min(position, this.queueFor(member).indexOf(chat.item) + 1);
    }
    const available = chat.scope === 'consortium' ? sum(this.#ready.values()) : (this.#ready.get(chat.queueMember) ?? 0);
    return {
      conversationId,
      position,
      ...(this.#typicalWaitSeconds === undefined
        ? {}
        : { estimatedWaitSeconds: Math.round((this.#typicalWaitSeconds * position) / Math.max(1, available)) }),
      librariansAvailable: available,
      scope: chat.scope,
    };
  }

  /** Every waiting patron's place, for pushing to each. */
  patronPositions(): PatronQueuePosition[] {
    return this.#chats.flatMap((chat) => this.patronPosition(chat.item.conversationId) ?? []);
  }

  /** The next moment a member-scoped chat opens to the consortium (ms since the epoch). */
  nextOverflowAt(): number | undefined {
    const times = this.#chats.flatMap((chat) => (chat.overflowAt === undefined ? [] : [chat.overflowAt]));
    return times.length > 0 ? Math.min(...times) : undefined;
  }

  /** Librarians who are not away, with their load: what colleagues see in the team view. */
  presence(): LibrarianPresence[] {
    return this.#librarians.map((librarian) => ({
      id: librarian.id,
      name: librarian.name,
      member: librarian.member,
      status: librarian.status as PresenceStatus,
      load: librarian.load,
      capacity: librarian.capacity,
    }));
  }
}

/** The middle of the recent waits in seconds; undefined when there are none. */
export function medianSeconds(waits: readonly { queuedAt: string; acceptedAt: string }[]): number | undefined {
  const seconds = waits
    .map((wait) => (Date.parse(wait.acceptedAt) - Date.parse(wait.queuedAt)) / 1000)
    .filter((value) => Number.isFinite(value) && value >= 0)
    .sort((a, b) => a - b);
  if (seconds.length === 0) return undefined;
  const middle = Math.floor(seconds.length / 2);
  return seconds.length % 2 === 1 ? seconds[middle] : ((seconds[middle - 1] ?? 0) + (seconds[middle] ?? 0)) / 2;
}

function preview(text: string): string {
  // By code point, so a cut never splits an emoji or a rare CJK character in two.
  const flat = Array.from(text.replace(/\s+/g, ' ').trim());
  return flat.length <= PREVIEW_LENGTH
    ? flat.join('')
    : `${flat
        .slice(0, PREVIEW_LENGTH - 1)
        .join('')
        .trimEnd()}…`;
}

function sum(values: Iterable<number>): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}
