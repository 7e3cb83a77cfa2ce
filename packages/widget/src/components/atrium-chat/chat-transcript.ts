// The conversation as the patron reads it: the SDK's messages in seq order with who wrote them
// and when, what is still being sent or was refused, "Seen" under the patron's last message,
// short notes where something happened, and the librarian's typing mark.
import type { ChatMessage, ChatTyping, PatronChat, UndeliveredMessage } from '@atrium/sdk';
import { ChatRefusedError, TimeoutError } from '@atrium/sdk';
import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { chatProblem } from './chat-problem.js';
import { affiliation, chatTime, senderName, type ChatHost } from './chat-host.js';
import { logEntries, type ChatNote, type LogEntry } from './chat-log-entries.js';

/** A librarian's typing mark that is never withdrawn (their connection dropped) fades after this. */
const TYPING_FADE_MS = 15000;

export class ChatTranscript implements ReactiveController {
  private notes: ChatNote[] = [];
  /** Messages the relay refused for good: the SDK hands each over once, the log keeps showing it. */
  private undelivered: UndeliveredMessage[] = [];
  private librarianTyping = '';
  private typingFade: ReturnType<typeof setTimeout> | undefined;
  private noteId = 0;
  private logVisible = false;
  private visibility: IntersectionObserver | undefined;

  constructor(private readonly host: ChatHost) {
    host.element.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.markRead);
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.markRead);
    this.visibility?.disconnect();
    this.visibility = undefined;
  }

  hostUpdated(): void {
    const log = this.log;
    if (!log) {
      this.visibility?.disconnect();
      this.visibility = undefined;
      return;
    }
    if (!this.visibility) {
      // Read receipts only for what the patron can see: the log on screen, the page in front.
      this.visibility = new IntersectionObserver((entries) => {
        this.logVisible = entries.some((entry) => entry.isIntersecting);
        this.markRead();
      });
      this.visibility.observe(log);
    }
  }

  /** Starts a fresh log for a conversation just opened, scrolled to its newest message. */
  attach(chat: PatronChat): (() => void)[] {
    this.clear();
    void this.scrollToEnd(true);
    return [
      chat.on('message', (message) => this.onMessage(message)),
      chat.on('outbox', () => void this.scrollToEnd(this.atEnd())),
      chat.on('typing', (typing) => this.onTyping(typing)),
      chat.on('undelivered', (entry) => this.onUndelivered(entry)),
      chat.on('transferred', () => this.stopLibrarianTyping()),
      chat.on('ended', () => this.stopLibrarianTyping()),
    ];
  }

  /** The conversation is closed on this page. */
  detach(): void {
    clearTimeout(this.typingFade);
  }

  clear(): void {
    this.stopLibrarianTyping();
    this.notes = [];
    this.undelivered = [];
  }

  /** A note in the log where the conversation stands now ("… joined the chat"). */
  addNote(text: string): void {
    this.notes = [...this.notes, { key: String(++this.noteId), afterSeq: this.host.chat()?.state.lastSeq ?? 0, text }];
  }

  /** Everything the patron wrote that the log shows, stored or not, oldest first. */
  patronTexts(): string[] {
    const chat = this.host.chat();
    return [
      ...(chat?.messages ?? []).filter((message) => message.from.role === 'patron').map((message) => message.text),
      ...(chat?.outbox ?? []).map((entry) => entry.text),
      ...this.undelivered.map((entry) => entry.text),
    ];
  }

  private get log(): HTMLElement | null {
    return this.host.element.renderRoot.querySelector<HTMLElement>('.log');
  }

  private onMessage(message: ChatMessage): void {
    const stick = this.atEnd();
    if (message.from.role === 'librarian') {
      this.stopLibrarianTyping();
      this.markRead();
    }
    void this.scrollToEnd(stick || message.from.role === 'patron');
  }

  private onTyping(typing: ChatTyping): void {
    if (typing.role !== 'librarian') return;
    clearTimeout(this.typingFade);
    this.librarianTyping = typing.typing ? (this.host.chat()?.state.librarian?.name ?? this.host.localize.t.chat.librarian) : '';
    if (typing.typing) this.typingFade = setTimeout(() => this.stopLibrarianTyping(), TYPING_FADE_MS);
  }

  private stopLibrarianTyping(): void {
    clearTimeout(this.typingFade);
    this.librarianTyping = '';
    this.host.element.requestUpdate();
  }

  private onUndelivered(entry: UndeliveredMessage): void {
    this.undelivered = [...this.undelivered.filter((kept) => kept.clientId !== entry.clientId), entry];
  }

  private readonly markRead = (): void => {
    const chat = this.host.chat();
    if (!chat || !this.logVisible || document.visibilityState !== 'visible') return;
    const newest = chat.messages.findLast((message) => message.from.role === 'librarian');
    if (!newest || newest.seq <= (chat.state.read.patron ?? 0)) return;
    chat.markRead(chat.lastSeq).catch((error: unknown) => {
      if (error instanceof TimeoutError) this.host.lose();
    });
  };

  private atEnd(): boolean {
    const log = this.log;
    return !log || log.scrollHeight - log.scrollTop - log.clientHeight < 48;
  }

  /** Keeps the newest message in view when the patron was reading the newest; never moves focus. */
  private async scrollToEnd(stick: boolean): Promise<void> {
    if (!stick) return;
    await this.host.element.updateComplete;
    const log = this.log;
    if (log) log.scrollTop = log.scrollHeight;
  }

  render(chat: PatronChat): TemplateResult {
    const { t } = this.host.localize;
    const messages = chat.messages;
    const entries = logEntries(messages, this.notes, chat.outbox, this.undelivered);
    const lastPatron = messages.findLast((message) => message.from.role === 'patron');
    // "Seen" under the patron's last message only, once the librarian has read that far.
    const seen = lastPatron && chat.state.read.librarian >= lastPatron.seq ? lastPatron.seq : undefined;
    return html`<div class="log" part="chat-log" role="region" aria-label=${t.chat.log} tabindex="0">
      <ol>
        ${repeat(
          entries,
          (entry) => entry.key,
          (entry) => this.renderEntry(entry, seen),
        )}
      </ol>
      ${this.librarianTyping && chat.state.status !== 'ended' ? html`<p class="typing">${t.chat.typing(this.librarianTyping)}</p>` : nothing}
    </div>`;
  }

  /** `seenSeq`: the patron's last message, when the librarian has read it. */
  private renderEntry(entry: LogEntry, seenSeq: number | undefined): TemplateResult {
    const { t } = this.host.localize;
    const time = (at: Date | string) => chatTime(this.host, at, true);
    switch (entry.kind) {
      case 'note':
        return html`<li class="note">${entry.note.text}</li>`;
      case 'message': {
        const message = entry.message;
        const mine = message.from.role === 'patron';
        const from = mine ? undefined : affiliation(this.host, message.from.member);
        return html`<li class="message ${mine ? 'mine' : 'theirs'}" part="chat-message" data-seq=${message.seq}>
          <p class="meta">
            <span class="sender">${senderName(this.host, message)}</span>
            <time datetime=${message.ts}>${chatTime(this.host, message.ts)}</time>
          </p>
          ${from ? html`<p class="affiliation">${from}</p>` : nothing}
          <p class="text" dir="auto">${message.text}</p>
          ${mine && message.seq === seenSeq ? html`<p class="state seen">${t.chat.seen}</p>` : nothing}
        </li>`;
      }
      case 'pending': {
        const pending = entry.entry;
        const state =
          pending.state === 'sending' ? t.chat.sending : pending.retryAt ? t.chat.retryingAt(time(pending.retryAt)) : t.chat.retrying;
        return html`<li class="message mine pending" part="chat-message" data-client-id=${pending.clientId}>
          <p class="meta"><span class="sender">${t.chat.you}</span></p>
          <p class="text" dir="auto">${pending.text}</p>
          <p class="state ${pending.state}">${state}</p>
        </li>`;
      }
      case 'undelivered': {
        const lost = entry.entry;
        const reason = chatProblem(new ChatRefusedError(lost.code, lost.message), t, time);
        return html`<li class="message mine undelivered" part="chat-message" data-client-id=${lost.clientId}>
          <p class="meta"><span class="sender">${t.chat.you}</span></p>
          <p class="text" dir="auto">${lost.text}</p>
          <p class="state">${t.chat.undelivered}: ${reason}</p>
        </li>`;
      }
    }
  }
}
