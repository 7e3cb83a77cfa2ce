import type { ChatContext, ChatEnded, ChatMessage, PatronChat } from '@atrium/sdk';
import { TimeoutError } from '@atrium/sdk';
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { membersDirectory, type MembersDirectory } from '../../client/members-directory.js';
import { ClientController } from '../../controllers/client-controller.js';
import { LocalizeController } from '../../controllers/localize-controller.js';
import { emit } from '../../internal/emit.js';
import { baseStyles } from '../../styles/base.styles.js';
import { formStyles } from '../../styles/form.styles.js';
import styles from './atrium-chat.styles.js';
import { ChatConnection } from './chat-connection.js';
import { ChatComposer, MESSAGE_MAX_LENGTH, renderHints, sendOnEnter } from './chat-composer.js';
import { ChatEnd } from './chat-end.js';
import { chatTime, focusAfterUpdate, focusInside, senderName, type ChatHost } from './chat-host.js';
import { chatProblem } from './chat-problem.js';
import { ChatQueueStatus } from './chat-queue-status.js';
import { ChatTranscript } from './chat-transcript.js';
import { forgetOpenConversation, openConversationOf, rememberOpenConversation } from './open-conversation.js';
import { safeStorage } from './safe-storage.js';
import { addEnglish } from '../../translations/en.js';
import { enChat } from '../../translations/en-chat.js';

// This tab's English texts come with its code (translations/en-chat.ts).
addEnglish({ chat: enChat });

export { MESSAGE_MAX_LENGTH };

/** socket.io keeps trying to connect; after this long the patron is told the chat cannot be reached yet. */
const CONNECT_PATIENCE_MS = 8000;

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
  @state() private question = '';
  @state() private problem = '';
  @state() private notice = '';
  @state() private announcements: Announcement[] = [];
  @state() private directory: MembersDirectory | undefined;

  private readonly localize = new LocalizeController(this);
  private readonly service = new ClientController(this);
  /** The open conversation: the SDK keeps its messages, outbox, read marks and place in line, and the parts render from it. */
  private chat: PatronChat | undefined;
  private readonly parts: ChatHost = {
    element: this,
    localize: this.localize,
    chat: () => this.chat,
    homeMember: () => this.homeMember,
    announce: (text) => this.announce(text),
    problemText: (error) => this.problemText(error),
    showProblem: (text) => (this.problem = text),
    lose: () => this.connection.lose(),
    memberName: (id) => this.memberName(id),
    reset: (notice) => this.reset(notice),
  };
  private readonly connection = new ChatConnection(this.parts);
  private readonly transcript = new ChatTranscript(this.parts);
  private readonly composer = new ChatComposer(this.parts);
  private readonly queueStatus = new ChatQueueStatus(this.parts, () => this.offerQuestion());
  private readonly ending = new ChatEnd(this.parts);
  private unsubscribe: (() => void)[] = [];
  private checkedFor: unknown;
  private announcementId = 0;

  /** Moves focus to where the patron writes (or, after a chat, to what can be done next). */
  override focus(options?: FocusOptions): void {
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>('#question, #composer-text, #ended-title')?.focus(options),
    );
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // The conversation stays open on the relay: this page, another tab or a reload reopens it.
    this.detach();
    this.phase = 'start';
    this.checkedFor = undefined;
  }

  protected override willUpdate(): void {
    // Reopen a conversation this visitor already has, once per client (inside a widget the
    // client arrives after the first update).
    const client = this.service.client;
    // A removed element may still update; only one on the page reopens the chat.
    if (!this.isConnected || this.checkedFor === client || this.phase !== 'start') return;
    this.checkedFor = client;
    const open = openConversationOf(this.homeMember);
    if (open) void this.resume(open);
  }

  private get client() {
    return this.service.client;
  }

  private get homeMember(): string {
    return this.member || this.client.member || '';
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
    const hadFocus = focusInside(this.parts);
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
      if (hadFocus) this.composer.focus();
    } catch (error) {
      this.phase = 'start';
      this.problem = this.problemText(error);
      if (hadFocus) focusAfterUpdate(this.parts, '#question');
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
    void membersDirectory(this.client).then(
      (directory) => (this.directory = directory),
      () => undefined,
    );
    // The parts render from the conversation, so whatever it says shows at once; each part also
    // takes what concerns it.
    const events = ['message', 'outbox', 'assigned', 'transferred', 'typing', 'read', 'queue', 'ended', 'undelivered'] as const;
    this.unsubscribe = [
      ...events.map((event) => chat.on(event, () => this.requestUpdate())),
      ...this.connection.attach(chat),
      ...this.transcript.attach(chat),
      ...this.queueStatus.attach(chat),
      ...this.ending.attach(chat),
      chat.on('message', (message) => this.onMessage(message)),
      chat.on('assigned', (librarian) => {
        const text = this.localize.t.chat.joined(librarian.name);
        this.transcript.addNote(text);
        this.announce(text);
      }),
      chat.on('transferred', ({ queueMember }) => {
        const member = this.memberName(queueMember);
        this.transcript.addNote(this.localize.t.chat.transferredNotice(member));
        this.announce(this.localize.t.chat.transferred(member));
      }),
      chat.on('ended', (ended) => this.onEnded(ended)),
    ];
  }

  private detach(): void {
    for (const unsubscribe of this.unsubscribe.splice(0)) unsubscribe();
    this.transcript.detach();
    this.composer.detach();
    this.connection.back();
    this.chat?.close();
    this.chat = undefined;
  }

  /** Back to the first question, leaving the old conversation to the relay (ended or deleted). */
  private reset(notice = ''): void {
    this.detach();
    this.phase = 'start';
    this.transcript.clear();
    this.composer.clear();
    this.ending.clear();
    this.problem = '';
    this.notice = notice;
    focusAfterUpdate(this.parts, '#question');
  }

  // ---- what the relay tells ----

  private onMessage(message: ChatMessage): void {
    emit(this, 'atrium-chat-message', { seq: message.seq, role: message.from.role });
    if (message.from.role === 'librarian') this.announce(this.localize.t.chat.newMessage(senderName(this.parts, message), message.text));
  }

  private onEnded(ended: ChatEnded): void {
    const hadFocus = focusInside(this.parts);
    this.composer.stopTyping();
    forgetOpenConversation(this.homeMember);
    const { t } = this.localize;
    this.announce(ended.endedBy === 'patron' ? t.chat.endedByYou : t.chat.endedByLibrarian);
    emit(this, 'atrium-chat-end', { conversationId: ended.conversationId });
    // The composer is gone: if the patron was in it, continue from what can be done next.
    if (hadFocus) {
      void this.updateComplete.then(() => {
        if (!focusInside(this.parts)) this.renderRoot.querySelector<HTMLElement>('#ended-title')?.focus();
      });
    }
  }

  /** Nobody can be reached: the page may open Ask with everything the patron typed, sent or not. */
  private offerQuestion(): void {
    const typed = [...this.transcript.patronTexts(), this.composer.draft.trim()].filter((text) => text !== '');
    emit(this, 'atrium-ask-offer', { text: typed.join('\n\n') });
  }

  // ---- helpers ----

  /** Polite announcements, one per event: each is a new node, so none replaces another unread. */
  private announce(text: string): void {
    this.announcements = [...this.announcements.slice(-4), { id: ++this.announcementId, text }];
  }

  private problemText(error: unknown): string {
    if (error instanceof TimeoutError && this.chat) this.connection.lose();
    return chatProblem(error, this.localize.t, (at) => chatTime(this.parts, at, true));
  }

  private memberName(id: string): string {
    return this.directory?.memberName(id, this.localize.locale) ?? id;
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
      ${this.phase === 'chat' && this.chat ? this.renderChat(this.chat) : this.renderStart()}
    `;
  }

  private renderProblem(): TemplateResult {
    return html`<div class="problem-box" role="alert" part="error">${this.problem ? html`<p class="problem">${this.problem}</p>` : nothing}</div>`;
  }

  private renderStart(): TemplateResult {
    const { t } = this.localize;
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
            @keydown=${(event: KeyboardEvent) => sendOnEnter(event, () => void this.start())}
          ></textarea>
          ${renderHints(this.parts, 'question', this.question)}
        </div>
        <button class="button" type="submit" ?disabled=${busy || this.question.trim() === ''}>
          ${busy ? html`<span class="spinner" aria-hidden="true"></span>${this.phase === 'resuming' ? t.chat.resuming : t.chat.starting}` : t.chat.start}
        </button>
      </form>
      ${this.renderProblem()}
    </div>`;
  }

  private renderChat(chat: PatronChat): TemplateResult {
    const conversation = chat.state;
    const ended = conversation.status === 'ended';
    return html`<div class="chat ${ended ? 'ended' : 'open'}">
      ${ended ? nothing : this.queueStatus.render(chat, this.ending.renderEndAction())}
      ${this.transcript.render(chat)}
      ${ended ? nothing : this.connection.render()}
      ${ended ? this.ending.render(conversation) : this.composer.render()}
      ${this.renderProblem()}
    </div>`;
  }
}
