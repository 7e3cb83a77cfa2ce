import type {
  AssignedLibrarian,
  ChatContext,
  ChatEnded,
  ChatMessage,
  ChatRead,
  ChatTransferred,
  ChatTyping,
  Conversation,
  OutboxEntry,
  PatronChat,
  PatronQueuePosition,
  UndeliveredMessage,
} from '@atrium/sdk';
import { ChatRefusedError, TimeoutError } from '@atrium/sdk';
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { membersDirectory, type MembersDirectory } from '../../client/members-directory.js';
import { ClientController } from '../../controllers/client-controller.js';
import { LocalizeController } from '../../controllers/localize-controller.js';
import { emit } from '../../internal/emit.js';
import { isSendKey } from '../../internal/send-key.js';
import { baseStyles } from '../../styles/base.styles.js';
import { formStyles } from '../../styles/form.styles.js';
import styles from './atrium-chat.styles.js';
import { chatProblem } from './chat-problem.js';
import { logEntries, type ChatNote, type LogEntry } from './chat-log-entries.js';
import { forgetOpenConversation, openConversationOf, rememberOpenConversation } from './open-conversation.js';
import { safeStorage } from './safe-storage.js';
import { addEnglish } from '../../translations/en.js';
import { enChat } from '../../translations/en-chat.js';

// This tab's English texts come with its code (translations/en-chat.ts).
addEnglish({ chat: enChat });

/** The relay's limit on one message. */
export const MESSAGE_MAX_LENGTH = 4000;

/** How often the chat checks whether a lost connection is back (socket.io itself keeps retrying). */
const PROBE_INTERVAL_MS = 5000;
/** A typing mark is repeated this often while the patron types, and withdrawn after this long idle. */
const TYPING_REPEAT_MS = 3000;
const TYPING_IDLE_MS = 4000;
/** socket.io keeps trying to connect; after this long the patron is told the chat cannot be reached yet. */
const CONNECT_PATIENCE_MS = 8000;
/** A librarian's typing mark that is never withdrawn (their connection dropped) fades after this. */
const TYPING_FADE_MS = 15000;

type Phase = 'start' | 'connecting' | 'resuming' | 'chat';

interface Announcement {
  id: number;
  text: string;
}

/**
 * Live consultation with a reference librarian. The patron writes a first question and starts
 * the chat; while waiting they see their place in line and the expected wait, and when nobody
 * can be reached they can leave a question instead. A librarian of another member may answer
 * when the home library is busy. After the chat: a rating, the transcript, and deleting the
 * conversation. Nothing realtime is loaded until a chat starts or one is already open in this
 * browser, which is then reopened. Works on its own or inside `<atrium-widget>` (its Chat tab).
 *
 * @summary Chat with a librarian.
 *
 * @event atrium-chat-start - The patron started a chat; `detail: { conversationId }`.
 * @event atrium-chat-message - A message was stored (the patron's or a librarian's), once each; `detail: { seq, role }`.
 * @event atrium-chat-end - The chat ended, whichever side ended it; `detail: { conversationId }`.
 * @event atrium-ask-offer - Nobody could be reached and the patron chose to leave a question; `detail: { text }` holds everything they typed, sent or not.
 *
 * @csspart start-form - The first question and the Start button.
 * @csspart queue-status - Place in line, expected wait, or who is answering.
 * @csspart chat-log - The scrolling list of messages.
 * @csspart chat-message - Each message (and each one still being sent).
 * @csspart composer - The message box and Send button.
 * @csspart chat-actions - End chat while chatting; transcript, delete and new chat afterwards.
 * @csspart rating - The rating form after the chat.
 * @csspart error - A message saying why something did not work.
 *
 * @cssproperty --atrium-color-accent - Buttons and the patron's messages. Default `#0b5cad`.
 * @cssproperty --atrium-color-on-accent - Text of the patron's messages. Default `#ffffff`.
 * @cssproperty --atrium-color-surface - Background. Default `#ffffff`.
 * @cssproperty --atrium-color-surface-alt - Librarians' messages and the queue status. Default `#f4f6f8`.
 * @cssproperty --atrium-color-muted - Times, "Sending…" and "Seen". Default `#57606a`.
 * @cssproperty --atrium-color-border - Borders. Default `#c5ced8`.
 * @cssproperty --atrium-color-danger - Errors and messages not sent. Default `#b42318`.
 */
export class AtriumChat extends LitElement {
  static override styles = [baseStyles, formStyles, styles];

  /** Base URL of the relay when used outside `<atrium-widget>`. */
  @property({ reflect: true }) relay = '';

  /** The member whose librarians answer first (e.g. `riverside-library`). */
  @property({ reflect: true }) member = '';

  /** The record the patron is looking at, passed to the librarian with the chat. */
  @property({ attribute: 'record-id' }) recordId = '';

  /** The member's widget key for this site, when the member binds chats to known sites. */
  @property({ attribute: 'widget-key' }) widgetKey = '';

  @state() private phase: Phase = 'start';
  @state() private conversation: Conversation | undefined;
  /** The conversation's messages in seq order, as the SDK keeps them. */
  @state() private messages: readonly ChatMessage[] = [];
  @state() private notes: ChatNote[] = [];
  @state() private outbox: OutboxEntry[] = [];
  @state() private undelivered: UndeliveredMessage[] = [];
  @state() private queue: PatronQueuePosition | undefined;
  @state() private readByLibrarian = 0;
  @state() private librarianTyping = '';
  @state() private question = '';
  @state() private draft = '';
  @state() private problem = '';
  @state() private notice = '';
  @state() private connectionLost = false;
  @state() private confirming: '' | 'end' | 'delete' = '';
  @state() private busy = false;
  @state() private score = 0;
  @state() private comment = '';
  @state() private ratingState: 'idle' | 'sending' | 'sent' = 'idle';
  @state() private ratingProblem = '';
  @state() private announcements: Announcement[] = [];
  @state() private directory: MembersDirectory | undefined;

  @query('.log') private logElement?: HTMLElement;

  private readonly localize = new LocalizeController(this);
  private readonly connection = new ClientController(this);
  private chat: PatronChat | undefined;
  private unsubscribe: (() => void)[] = [];
  private checkedFor: unknown;
  private announcementId = 0;
  private typingSentAt = 0;
  private typingIdle: ReturnType<typeof setTimeout> | undefined;
  private typingFade: ReturnType<typeof setTimeout> | undefined;
  private probe: ReturnType<typeof setInterval> | undefined;
  private probing = false;
  private logVisible = false;
  private visibility: IntersectionObserver | undefined;

  /** Moves focus to where the patron writes (or, after a chat, to what can be done next). */
  override focus(options?: FocusOptions): void {
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>('#question, #composer-text, #ended-title')?.focus(options),
    );
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('offline', this.onOffline);
    document.addEventListener('visibilitychange', this.onVisibilityChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('offline', this.onOffline);
    document.removeEventListener('visibilitychange', this.onVisibilityChange);
    this.visibility?.disconnect();
    this.visibility = undefined;
    // The conversation stays open on the relay: this page, another tab or a reload reopens it.
    this.detach();
    this.phase = 'start';
    this.checkedFor = undefined;
  }

  protected override willUpdate(): void {
    // Reopen a conversation this visitor already has, once per client (inside a widget the
    // client arrives after the first update).
    const client = this.connection.client;
    // A removed element may still update; only one on the page reopens the chat.
    if (!this.isConnected || this.checkedFor === client || this.phase !== 'start') return;
    this.checkedFor = client;
    const open = openConversationOf(this.homeMember);
    if (open) void this.resume(open);
  }

  protected override updated(): void {
    const log = this.logElement;
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

  private get client() {
    return this.connection.client;
  }

  private get homeMember(): string {
    return this.member || this.client.member || '';
  }

  private get ended(): boolean {
    return this.conversation?.status === 'ended';
  }

  // ---- opening and closing the chat ----

  private async start(): Promise<void> {
    const text = this.question.trim();
    const member = this.homeMember;
    if (!text || this.phase !== 'start') return;
    if (!member) {
      this.problem = this.localize.t.chat.errors.unknownMember;
      return;
    }
    const hadFocus = this.focusInside();
    this.phase = 'connecting';
    this.problem = '';
    this.notice = '';
    const slow = this.whenSlow();
    try {
      const chat = await this.client.chat.connect({
        member,
        context: this.context(),
        storage: safeStorage,
        ...(this.widgetKey ? { key: this.widgetKey } : {}),
      });
      this.problem = '';
      rememberOpenConversation(member, chat.id);
      if (!this.isConnected) {
        // Removed from the page meanwhile: the conversation waits on the relay for the next visit.
        chat.close();
        return;
      }
      this.attach(chat);
      this.question = '';
      emit(this, 'atrium-chat-start', { conversationId: chat.id });
      void chat.send(text).catch(() => {
        // Refusals arrive as `undelivered` and are shown with the message.
      });
      if (hadFocus) this.focusComposer();
    } catch (error) {
      this.phase = 'start';
      this.problem = this.problemText(error);
      if (hadFocus) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#question')?.focus());
    } finally {
      clearTimeout(slow);
    }
  }

  /** While socket.io retries an unreachable relay, say so rather than spin in silence. */
  private whenSlow(): ReturnType<typeof setTimeout> {
    return setTimeout(() => {
      if (this.phase === 'connecting' || this.phase === 'resuming') this.problem = this.localize.t.chat.errors.connection;
    }, CONNECT_PATIENCE_MS);
  }

  private async resume(conversationId: string): Promise<void> {
    const member = this.homeMember;
    this.phase = 'resuming';
    const slow = this.whenSlow();
    try {
      const chat = await this.client.chat.connect({ member, storage: safeStorage, ...(this.widgetKey ? { key: this.widgetKey } : {}) });
      this.problem = '';
      if (!this.isConnected) {
        // Removed while connecting: leave the conversation to whoever shows it now.
        chat.close();
        return;
      }
      if (chat.id !== conversationId) {
        // The conversation ended while this page was away, so connecting opened a new, empty
        // one: take it back rather than leave a silent patron in a librarian's queue.
        await chat.delete().catch(() => chat.end().catch(() => undefined));
        chat.close();
        forgetOpenConversation(member);
        this.phase = 'start';
        this.notice = this.localize.t.chat.earlierEnded;
        return;
      }
      this.attach(chat);
    } catch (error) {
      // Starting again reopens the same conversation, so the marker stays.
      this.phase = 'start';
      this.problem = this.problemText(error);
    } finally {
      clearTimeout(slow);
    }
  }

  private context(): ChatContext {
    return {
      pageUrl: location.href.slice(0, 2000),
      language: (this.localize.lang || 'en').slice(0, 35),
      ...(this.recordId ? { recordId: this.recordId.slice(0, 200) } : {}),
    };
  }

  private attach(chat: PatronChat): void {
    this.detach();
    this.chat = chat;
    this.phase = 'chat';
    this.conversation = chat.state;
    this.messages = chat.messages;
    this.outbox = chat.outbox;
    this.undelivered = [];
    this.notes = [];
    // After a reload the place in line and "no librarian can be reached" come back at once.
    this.queue = chat.queuePosition;
    this.readByLibrarian = chat.state.read.librarian;
    this.librarianTyping = '';
    this.confirming = '';
    this.connectionLost = false;
    this.resetRating(chat.state);
    void membersDirectory(this.client).then(
      (directory) => (this.directory = directory),
      () => undefined,
    );
    this.unsubscribe = [
      chat.on('message', (message) => this.onMessage(message)),
      chat.on('outbox', (entries) => this.onOutbox(entries)),
      chat.on('assigned', (librarian) => this.onAssigned(librarian)),
      chat.on('transferred', (transferred) => this.onTransferred(transferred)),
      chat.on('typing', (typing) => this.onTyping(typing)),
      chat.on('read', (read) => this.onRead(read)),
      chat.on('ended', (ended) => this.onEnded(ended)),
      chat.on('queue', (queue) => this.onQueue(queue)),
      chat.on('undelivered', (entry) => this.onUndelivered(entry)),
      chat.on('connection', (state) => (state === 'reconnecting' ? this.lose() : this.heard())),
    ];
    void this.scrollToEnd(true);
  }

  private detach(): void {
    for (const unsubscribe of this.unsubscribe.splice(0)) unsubscribe();
    clearTimeout(this.typingIdle);
    clearTimeout(this.typingFade);
    this.stopProbe();
    this.chat?.close();
    this.chat = undefined;
  }

  /** Back to the first question, leaving the old conversation to the relay (ended or deleted). */
  private reset(notice = ''): void {
    this.detach();
    this.phase = 'start';
    this.conversation = undefined;
    this.messages = [];
    this.outbox = [];
    this.undelivered = [];
    this.notes = [];
    this.queue = undefined;
    this.draft = '';
    this.problem = '';
    this.notice = notice;
    this.confirming = '';
    this.connectionLost = false;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#question')?.focus());
  }

  // ---- what the relay tells ----

  /** Anything from the relay proves the connection is back. */
  private heard(): void {
    if (this.chat) this.conversation = this.chat.state;
    if (this.connectionLost) {
      this.connectionLost = false;
      this.stopProbe();
    }
  }

  private onMessage(message: ChatMessage): void {
    this.heard();
    const stick = this.atEnd();
    this.messages = this.chat?.messages ?? [message];
    emit(this, 'atrium-chat-message', { seq: message.seq, role: message.from.role });
    if (message.from.role === 'librarian') {
      this.librarianTyping = '';
      this.announce(this.localize.t.chat.newMessage(this.senderName(message), message.text));
      this.markRead();
    }
    void this.scrollToEnd(stick || message.from.role === 'patron');
  }

  private onOutbox(entries: OutboxEntry[]): void {
    this.outbox = entries;
    // "sending" is only ever set while connected; "waiting" without a retry time means offline.
    if (entries.some((entry) => entry.state === 'sending')) this.heard();
    else if (entries.some((entry) => entry.state === 'waiting' && !entry.retryAt)) this.lose();
    void this.scrollToEnd(this.atEnd());
  }

  private onAssigned(librarian: AssignedLibrarian): void {
    this.heard();
    this.queue = undefined;
    const text = this.localize.t.chat.joined(librarian.name);
    this.addNote(text);
    this.announce(text);
  }

  private onTransferred(transferred: ChatTransferred): void {
    this.heard();
    this.queue = undefined;
    this.librarianTyping = '';
    const member = this.memberName(transferred.queueMember);
    this.addNote(this.localize.t.chat.transferredNotice(member));
    this.announce(this.localize.t.chat.transferred(member));
  }

  private onTyping(typing: ChatTyping): void {
    this.heard();
    if (typing.role !== 'librarian') return;
    clearTimeout(this.typingFade);
    this.librarianTyping = typing.typing ? (this.conversation?.librarian?.name ?? this.localize.t.chat.librarian) : '';
    if (typing.typing) this.typingFade = setTimeout(() => (this.librarianTyping = ''), TYPING_FADE_MS);
  }

  private onRead(read: ChatRead): void {
    this.heard();
    if (read.role === 'librarian') this.readByLibrarian = Math.max(this.readByLibrarian, read.seq);
  }

  private onEnded(ended: ChatEnded): void {
    const hadFocus = this.focusInside();
    this.heard();
    this.queue = undefined;
    this.librarianTyping = '';
    this.confirming = '';
    this.stopTyping();
    forgetOpenConversation(this.homeMember);
    const { t } = this.localize;
    this.announce(ended.endedBy === 'patron' ? t.chat.endedByYou : t.chat.endedByLibrarian);
    emit(this, 'atrium-chat-end', { conversationId: ended.conversationId });
    // The composer is gone: if the patron was in it, continue from what can be done next.
    if (hadFocus) {
      void this.updateComplete.then(() => {
        if (!this.focusInside()) this.renderRoot.querySelector<HTMLElement>('#ended-title')?.focus();
      });
    }
  }

  private onQueue(queue: PatronQueuePosition): void {
    this.heard();
    const before = this.queue;
    this.queue = queue;
    if (before?.position !== queue.position) this.announce(this.localize.t.chat.queuePosition(queue.position, this.localize.f));
    if (queue.librariansAvailable === 0 && before?.librariansAvailable !== 0) this.announce(this.localize.t.chat.nobodyAvailable);
  }

  private onUndelivered(entry: UndeliveredMessage): void {
    this.undelivered = [...this.undelivered.filter((kept) => kept.clientId !== entry.clientId), entry];
  }

  private addNote(text: string): void {
    this.notes = [...this.notes, { key: String(++this.announcementId), afterSeq: this.conversation?.lastSeq ?? 0, text }];
  }

  // ---- connection ----

  private readonly onOffline = (): void => {
    if (this.chat && !this.ended) this.lose();
  };

  private lose(): void {
    if (this.connectionLost) return;
    this.connectionLost = true;
    this.probe = setInterval(() => void this.checkConnection(), PROBE_INTERVAL_MS);
  }

  private stopProbe(): void {
    clearInterval(this.probe);
    this.probe = undefined;
  }

  /** socket.io keeps a request made while offline and sends it on reconnecting: an answer means we are back. */
  private async checkConnection(): Promise<void> {
    const chat = this.chat;
    if (!chat || this.probing) return;
    this.probing = true;
    try {
      await chat.typing(false);
      if (chat === this.chat) this.heard();
    } catch {
      // Still away; the next probe asks again.
    } finally {
      this.probing = false;
    }
  }

  private readonly onVisibilityChange = (): void => this.markRead();

  private markRead(): void {
    const chat = this.chat;
    if (!chat || !this.logVisible || document.visibilityState !== 'visible') return;
    const newest = this.messages.findLast((message) => message.from.role === 'librarian');
    if (!newest || newest.seq <= (chat.state.read.patron ?? 0)) return;
    chat.markRead(chat.lastSeq).catch((error: unknown) => {
      if (error instanceof TimeoutError) this.lose();
    });
  }

  // ---- the patron writes ----

  private onKeydown(event: KeyboardEvent, submit: () => void): void {
    if (!isSendKey(event)) return;
    event.preventDefault();
    submit();
  }

  private onDraftInput(event: Event): void {
    this.draft = (event.target as HTMLTextAreaElement).value;
    const chat = this.chat;
    if (!chat || this.ended) return;
    clearTimeout(this.typingIdle);
    if (this.draft.trim() === '') {
      this.stopTyping();
      return;
    }
    if (Date.now() - this.typingSentAt > TYPING_REPEAT_MS) {
      this.typingSentAt = Date.now();
      chat.typing(true).catch(() => undefined);
    }
    this.typingIdle = setTimeout(() => this.stopTyping(), TYPING_IDLE_MS);
  }

  private stopTyping(): void {
    clearTimeout(this.typingIdle);
    if (!this.typingSentAt) return;
    this.typingSentAt = 0;
    this.chat?.typing(false).catch(() => undefined);
  }

  private send(): void {
    const chat = this.chat;
    const text = this.draft.trim();
    if (!chat || this.ended || !text) return;
    this.draft = '';
    this.stopTyping();
    void chat.send(text).catch(() => undefined);
    this.focusComposer();
  }

  private focusComposer(): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#composer-text')?.focus());
  }

  private offerQuestion(): void {
    const typed = [
      ...this.messages.filter((message) => message.from.role === 'patron').map((message) => message.text),
      ...this.outbox.map((entry) => entry.text),
      ...this.undelivered.map((entry) => entry.text),
      this.draft.trim(),
    ].filter((text) => text !== '');
    emit(this, 'atrium-ask-offer', { text: typed.join('\n\n') });
  }

  // ---- ending, rating, transcript, deleting ----

  private ask(what: 'end' | 'delete'): void {
    this.confirming = what;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.confirm-yes')?.focus());
  }

  private keep(): void {
    const what = this.confirming;
    this.confirming = '';
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`.ask-${what}`)?.focus());
  }

  private async end(): Promise<void> {
    const chat = this.chat;
    if (!chat || this.busy) return;
    // Taken now: the confirmation the patron pressed is gone once the chat has ended.
    const hadFocus = this.focusInside();
    this.busy = true;
    this.problem = '';
    try {
      await chat.end();
      await this.updateComplete;
      if (hadFocus && !this.focusInside()) this.renderRoot.querySelector<HTMLElement>('#ended-title')?.focus();
    } catch (error) {
      this.problem = this.problemText(error);
    } finally {
      this.busy = false;
    }
  }

  private resetRating(conversation: Conversation): void {
    this.score = conversation.rating?.score ?? 0;
    this.comment = conversation.rating?.comment ?? '';
    this.ratingState = conversation.rating ? 'sent' : 'idle';
    this.ratingProblem = '';
  }

  private async rate(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const chat = this.chat;
    if (!chat || this.ratingState === 'sending') return;
    if (!this.score) {
      this.ratingProblem = this.localize.t.chat.chooseRating;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('input[name="score"]')?.focus();
      return;
    }
    this.ratingState = 'sending';
    this.ratingProblem = '';
    try {
      await chat.rate(this.score, this.comment.trim() || undefined);
      this.ratingState = 'sent';
      this.announce(this.localize.t.chat.ratingSent);
    } catch (error) {
      this.ratingState = 'idle';
      this.ratingProblem = this.problemText(error);
    }
  }

  private async downloadTranscript(): Promise<void> {
    const chat = this.chat;
    if (!chat || this.busy) return;
    this.busy = true;
    this.problem = '';
    try {
      const { t } = this.localize;
      const text = await chat.transcript({
        locale: this.localize.lang || 'en',
        timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
        wording: { ...t.chat.transcriptFile, you: t.chat.you, librarian: t.chat.librarian, memberName: (id) => this.memberName(id) },
      });
      const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `chat-${this.homeMember}-${localDate(new Date())}.txt`;
      link.hidden = true;
      this.renderRoot.append(link);
      link.click();
      link.remove();
      // The browser has taken the file by the time the patron could click again.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      this.announce(this.localize.t.chat.transcriptReady);
    } catch (error) {
      this.problem = this.problemText(error);
    } finally {
      this.busy = false;
    }
  }

  private async deleteConversation(): Promise<void> {
    const chat = this.chat;
    if (!chat || this.busy) return;
    this.busy = true;
    this.problem = '';
    try {
      await chat.delete();
      forgetOpenConversation(this.homeMember);
      this.announce(this.localize.t.chat.deleted);
      this.reset(this.localize.t.chat.deleted);
    } catch (error) {
      this.problem = this.problemText(error);
    } finally {
      this.busy = false;
    }
  }

  private startNew(): void {
    forgetOpenConversation(this.homeMember);
    this.reset();
  }

  // ---- helpers ----

  /** Polite announcements, one per event: each is a new node, so none replaces another unread. */
  private announce(text: string): void {
    this.announcements = [...this.announcements.slice(-4), { id: ++this.announcementId, text }];
  }

  private problemText(error: unknown): string {
    if (error instanceof TimeoutError && this.chat) this.lose();
    return chatProblem(error, this.localize.t, (at) => this.time(at, true));
  }

  private focusInside(): boolean {
    return this.shadowRoot?.activeElement != null;
  }

  private atEnd(): boolean {
    const log = this.logElement;
    return !log || log.scrollHeight - log.scrollTop - log.clientHeight < 48;
  }

  /** Keeps the newest message in view when the patron was reading the newest; never moves focus. */
  private async scrollToEnd(stick: boolean): Promise<void> {
    if (!stick) return;
    await this.updateComplete;
    const log = this.logElement;
    if (log) log.scrollTop = log.scrollHeight;
  }

  private time(at: Date | string, seconds = false): string {
    return new Intl.DateTimeFormat(this.localize.lang || 'en', {
      hour: 'numeric',
      minute: '2-digit',
      ...(seconds ? { second: '2-digit' } : {}),
    }).format(typeof at === 'string' ? Date.parse(at) : at);
  }

  private memberName(id: string): string {
    return this.directory?.memberName(id, this.localize.locale) ?? id;
  }

  private senderName(message: ChatMessage): string {
    const { t } = this.localize;
    return message.from.role === 'patron' ? t.chat.you : (message.from.name ?? t.chat.librarian);
  }

  /** "Librarian at X, answering for Y" when a librarian of another member answers. */
  private affiliation(member: string | undefined): string | undefined {
    const home = this.conversation?.member;
    if (!member || !home || member === home) return undefined;
    return this.localize.t.chat.answeringFor(this.memberName(member), this.memberName(home));
  }

  // ---- rendering ----

  protected override render(): TemplateResult {
    return html`
      <div class="visually-hidden" aria-live="polite" aria-relevant="additions">
        ${repeat(
          this.announcements,
          (announcement) => announcement.id,
          (announcement) => html`<p>${announcement.text}</p>`,
        )}
      </div>
      ${this.phase === 'chat' && this.conversation ? this.renderChat(this.conversation) : this.renderStart()}
    `;
  }

  private renderProblem(): TemplateResult {
    return html`<div class="problem-box" role="alert" part="error">${this.problem ? html`<p class="problem">${this.problem}</p>` : nothing}</div>`;
  }

  private renderStart(): TemplateResult {
    const { t, f } = this.localize;
    const busy = this.phase !== 'start';
    return html`<div class="page">
      ${this.notice ? html`<p class="notice">${this.notice}</p>` : nothing}
      <p class="intro">${t.chat.intro}</p>
      <form class="start" part="start-form" novalidate @submit=${(event: SubmitEvent) => (event.preventDefault(), void this.start())}>
        <div class="field">
          <label for="question">${t.chat.question}</label>
          <textarea
            id="question"
            rows="3"
            maxlength=${MESSAGE_MAX_LENGTH}
            aria-describedby="question-hint question-count"
            .value=${this.question}
            ?readonly=${busy}
            @input=${(event: Event) => (this.question = (event.target as HTMLTextAreaElement).value)}
            @keydown=${(event: KeyboardEvent) => this.onKeydown(event, () => void this.start())}
          ></textarea>
          ${this.renderHints('question', this.question, f)}
        </div>
        <button class="button" type="submit" ?disabled=${busy || this.question.trim() === ''}>
          ${busy ? html`<span class="spinner" aria-hidden="true"></span>${this.phase === 'resuming' ? t.chat.resuming : t.chat.starting}` : t.chat.start}
        </button>
      </form>
      ${this.renderProblem()}
    </div>`;
  }

  private renderHints(id: string, text: string, f = this.localize.f): TemplateResult {
    const { t } = this.localize;
    return html`<div class="hints">
      <p class="hint" id="${id}-hint">
        ${t.chat.keysHint(html`<kbd>Enter</kbd>`, html`<kbd>Shift</kbd>+<kbd>Enter</kbd>`)}
      </p>
      <p class="count ${text.length > MESSAGE_MAX_LENGTH - 200 ? 'near' : ''}" id="${id}-count">
        ${
          text.length > MESSAGE_MAX_LENGTH - 200
            ? t.chat.charactersLeft(MESSAGE_MAX_LENGTH - text.length, f)
            : t.chat.characterCount(text.length, MESSAGE_MAX_LENGTH, f)
        }
      </p>
    </div>`;
  }

  private renderChat(conversation: Conversation): TemplateResult {
    const ended = conversation.status === 'ended';
    return html`<div class="chat ${ended ? 'ended' : 'open'}">
      ${ended ? nothing : this.renderStatus(conversation)}
      ${this.renderLog(conversation)}
      ${this.connectionLost && !ended ? html`<p class="connection" role="status"><span class="spinner" aria-hidden="true"></span>${this.localize.t.chat.reconnecting}</p>` : nothing}
      ${ended ? this.renderAfter(conversation) : this.renderComposer()}
      ${this.renderProblem()}
    </div>`;
  }

  private renderStatus(conversation: Conversation): TemplateResult {
    const { t, f } = this.localize;
    const librarian = conversation.librarian;
    if (conversation.status === 'active' && librarian) {
      const affiliation = this.affiliation(librarian.member);
      return html`<div class="queue-status active" part="queue-status">
        <div class="status-text">
          <p class="status-line">${t.chat.answering(librarian.name)}</p>
          ${affiliation ? html`<p class="affiliation">${affiliation}</p>` : nothing}
        </div>
        ${this.renderEndAction()}
      </div>`;
    }
    const queue = this.queue;
    const queueMember = conversation.queueMember;
    return html`<div class="queue-status" part="queue-status">
      <div class="status-text">
        <p class="status-line">
          ${queueMember && queueMember !== conversation.member ? t.chat.transferred(this.memberName(queueMember)) : t.chat.waiting}
        </p>
        ${
          queue
            ? html`<p class="place">
              ${t.chat.queuePosition(queue.position, f)}
              ${queue.estimatedWaitSeconds !== undefined ? t.chat.estimatedWait(queue.estimatedWaitSeconds, f) : nothing}
            </p>`
            : nothing
        }
      </div>
      ${this.renderEndAction()}
      ${
        queue?.librariansAvailable === 0
          ? html`<div class="nobody">
            <p><strong>${t.chat.nobodyAvailable}</strong> <span class="nobody-hint">${t.chat.nobodyAvailableHint}</span></p>
            <button class="button secondary ask-offer" type="button" @click=${this.offerQuestion}>${t.chat.leaveQuestion}</button>
          </div>`
          : nothing
      }
    </div>`;
  }

  private renderLog(conversation: Conversation): TemplateResult {
    const { t } = this.localize;
    const entries = logEntries(this.messages, this.notes, this.outbox, this.undelivered);
    const lastPatron = this.messages.findLast((message) => message.from.role === 'patron');
    return html`<div class="log" part="chat-log" role="region" aria-label=${t.chat.log} tabindex="0">
      <ol>
        ${repeat(
          entries,
          (entry) => entry.key,
          (entry) => this.renderEntry(entry, conversation, lastPatron?.seq),
        )}
      </ol>
      ${this.librarianTyping && conversation.status !== 'ended' ? html`<p class="typing">${t.chat.typing(this.librarianTyping)}</p>` : nothing}
    </div>`;
  }

  private renderEntry(entry: LogEntry, conversation: Conversation, lastPatronSeq: number | undefined): TemplateResult {
    const { t } = this.localize;
    switch (entry.kind) {
      case 'note':
        return html`<li class="note">${entry.note.text}</li>`;
      case 'message': {
        const message = entry.message;
        const mine = message.from.role === 'patron';
        const affiliation = mine ? undefined : this.affiliation(message.from.member);
        const seen = mine && message.seq === lastPatronSeq && this.readByLibrarian >= message.seq;
        return html`<li class="message ${mine ? 'mine' : 'theirs'}" part="chat-message" data-seq=${message.seq}>
          <p class="meta">
            <span class="sender">${this.senderName(message)}</span>
            <time datetime=${message.ts}>${this.time(message.ts)}</time>
          </p>
          ${affiliation ? html`<p class="affiliation">${affiliation}</p>` : nothing}
          <p class="text" dir="auto">${message.text}</p>
          ${seen ? html`<p class="state seen">${t.chat.seen}</p>` : nothing}
        </li>`;
      }
      case 'pending': {
        const pending = entry.entry;
        const state =
          pending.state === 'sending'
            ? t.chat.sending
            : pending.retryAt
              ? t.chat.retryingAt(this.time(pending.retryAt, true))
              : t.chat.retrying;
        return html`<li class="message mine pending" part="chat-message" data-client-id=${pending.clientId}>
          <p class="meta"><span class="sender">${t.chat.you}</span></p>
          <p class="text" dir="auto">${pending.text}</p>
          <p class="state ${pending.state}">${state}</p>
        </li>`;
      }
      case 'undelivered': {
        const lost = entry.entry;
        const reason = chatProblem(new ChatRefusedError(lost.code, lost.message), t, (at) => this.time(at, true));
        return html`<li class="message mine undelivered" part="chat-message" data-client-id=${lost.clientId}>
          <p class="meta"><span class="sender">${t.chat.you}</span></p>
          <p class="text" dir="auto">${lost.text}</p>
          <p class="state">${t.chat.undelivered}: ${reason}</p>
        </li>`;
      }
    }
    return html``;
  }

  private renderComposer(): TemplateResult {
    const { t } = this.localize;
    return html`<form
        class="composer"
        part="composer"
        novalidate
        @submit=${(event: SubmitEvent) => (event.preventDefault(), this.send())}
      >
        <label for="composer-text" class="visually-hidden">${t.chat.message}</label>
        <div class="composer-row">
          <textarea
            id="composer-text"
            rows="2"
            maxlength=${MESSAGE_MAX_LENGTH}
            aria-describedby="composer-hint composer-count"
            .value=${this.draft}
            @input=${this.onDraftInput}
            @keydown=${(event: KeyboardEvent) => this.onKeydown(event, () => this.send())}
          ></textarea>
          <button class="button send" type="submit" ?disabled=${this.draft.trim() === ''}>${t.chat.send}</button>
        </div>
        ${this.renderHints('composer', this.draft)}
      </form>`;
  }

  /** End chat sits with the status at the top, so the composer alone needs room at the bottom. */
  private renderEndAction(): TemplateResult {
    const { t } = this.localize;
    return html`<div class="chat-actions" part="chat-actions">
      ${
        this.confirming === 'end'
          ? this.renderConfirm('end', t.chat.endQuestion, t.chat.endYes, t.chat.endNo, () => void this.end())
          : html`<button class="button secondary ask-end" type="button" @click=${() => this.ask('end')}>${t.chat.endChat}</button>`
      }
    </div>`;
  }

  private renderConfirm(what: 'end' | 'delete', question: string, yes: string, no: string, confirm: () => void): TemplateResult {
    return html`<div class="confirm" role="group" aria-labelledby="confirm-${what}">
      <p id="confirm-${what}">${question}</p>
      <button class="button confirm-yes" type="button" aria-disabled=${this.busy ? 'true' : 'false'} @click=${confirm}>${yes}</button>
      <button class="button secondary" type="button" @click=${this.keep}>${no}</button>
    </div>`;
  }

  private renderAfter(conversation: Conversation): TemplateResult {
    const { t } = this.localize;
    return html`<section class="after" aria-labelledby="ended-title">
      <h3 class="section-title" id="ended-title" tabindex="-1">${t.chat.ended}</h3>
      <p>${conversation.endedBy === 'patron' ? t.chat.endedByYou : t.chat.endedByLibrarian}</p>
      ${this.renderRating()}
      <div class="chat-actions" part="chat-actions">
        <button class="button secondary" type="button" aria-disabled=${this.busy ? 'true' : 'false'} @click=${this.downloadTranscript}>${t.chat.transcript}</button>
        ${
          this.confirming === 'delete'
            ? this.renderConfirm('delete', t.chat.deleteQuestion, t.chat.deleteYes, t.chat.deleteNo, () => void this.deleteConversation())
            : html`<button class="button secondary ask-delete" type="button" @click=${() => this.ask('delete')}>${t.chat.deleteChat}</button>`
        }
        <button class="button new-chat" type="button" @click=${this.startNew}>${t.chat.newChat}</button>
      </div>
    </section>`;
  }

  private renderRating(): TemplateResult {
    const { t, f } = this.localize;
    const sending = this.ratingState === 'sending';
    return html`<form class="rating" part="rating" novalidate @submit=${this.rate}>
      <fieldset aria-describedby=${this.ratingProblem ? 'rating-problem' : nothing}>
        <legend>${t.chat.rateTitle}</legend>
        ${t.chat.ratingLabels.map((label, index) => {
          const score = index + 1;
          return html`<label class="score">
            <input
              type="radio"
              name="score"
              .value=${String(score)}
              .checked=${this.score === score}
              @change=${() => {
                this.score = score;
                this.ratingProblem = '';
                if (this.ratingState === 'sent') this.ratingState = 'idle';
              }}
            />
            <span>${t.chat.ratingOption(score, label, f)}</span>
          </label>`;
        })}
      </fieldset>
      <div class="field">
        <label for="rating-comment">${t.chat.comment}</label>
        <textarea
          id="rating-comment"
          rows="2"
          maxlength="2000"
          .value=${this.comment}
          @input=${(event: Event) => {
            this.comment = (event.target as HTMLTextAreaElement).value;
            if (this.ratingState === 'sent') this.ratingState = 'idle';
          }}
        ></textarea>
      </div>
      <div class="actions">
        <button class="button" type="submit" aria-disabled=${sending ? 'true' : 'false'}>${sending ? t.chat.sendingRating : t.chat.sendRating}</button>
        ${this.ratingState === 'sent' ? html`<p class="thanks">${t.chat.ratingSent}</p>` : nothing}
      </div>
      ${this.ratingProblem ? html`<p class="problem" id="rating-problem">${this.ratingProblem}</p>` : nothing}
    </form>`;
  }
}

/** The reader's calendar date as YYYY-MM-DD, for file names. */
function localDate(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
