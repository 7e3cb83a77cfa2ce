// One conversation on the librarian's desk as the console shows it: its messages in seq order,
// what is still in the outbox, what could not be sent, whether the patron is typing, and how
// many of the patron's messages the librarian has not seen yet.
import type { ChatMessage, DeskConversation, OutboxEntry, UndeliveredMessage } from '@atrium/sdk';

export class OpenChat {
  readonly conversation: DeskConversation;
  outbox: OutboxEntry[];
  undelivered: UndeliveredMessage[] = [];
  patronTyping = false;
  /** The newest seq the librarian has seen (and told the relay about). */
  readSeq: number;
  private readonly unsubscribe: (() => void)[];
  private typingTimer: ReturnType<typeof setTimeout> | undefined;

  /**
   * @param changed called after every change, with the new patron message if that is what
   *   changed (for the sound, the live region and unread counts).
   */
  constructor(conversation: DeskConversation, changed: (chat: OpenChat, message?: ChatMessage) => void) {
    this.conversation = conversation;
    this.outbox = conversation.outbox;
    this.readSeq = conversation.state.read.librarian;
    this.unsubscribe = [
      conversation.on('message', (message) => {
        if (message.from.role === 'patron') this.patronTyping = false;
        changed(this, message.from.role === 'patron' ? message : undefined);
      }),
      conversation.on('outbox', (outbox) => {
        this.outbox = outbox;
        changed(this);
      }),
      conversation.on('undelivered', (message) => {
        this.undelivered = [...this.undelivered, message];
        changed(this);
      }),
      conversation.on('typing', ({ role, typing }) => {
        if (role !== 'patron') return;
        this.patronTyping = typing;
        // A patron whose page closed mid-word never sends "stopped typing".
        clearTimeout(this.typingTimer);
        if (typing) this.typingTimer = setTimeout(() => ((this.patronTyping = false), changed(this)), 8000);
        changed(this);
      }),
      conversation.on('ended', () => {
        this.patronTyping = false;
        changed(this);
      }),
    ];
  }

  get id(): string {
    return this.conversation.id;
  }

  /** The conversation's messages in seq order, as the SDK keeps them. */
  get messages(): readonly ChatMessage[] {
    return this.conversation.messages;
  }

  get ended(): boolean {
    return this.conversation.state.status === 'ended';
  }

  /** The patron's messages the librarian has not seen yet. */
  get unread(): number {
    return this.messages.filter((message) => message.from.role === 'patron' && message.seq > this.readSeq).length;
  }

  /** Tells the relay everything shown has been read; quietly keeps the count if it cannot. */
  markRead(): void {
    const newest = this.conversation.lastSeq;
    if (newest <= this.readSeq) return;
    this.readSeq = newest;
    if (!this.ended) void this.conversation.markRead(newest).catch(() => {});
  }

  dispose(): void {
    clearTimeout(this.typingTimer);
    for (const stop of this.unsubscribe) stop();
  }
}
