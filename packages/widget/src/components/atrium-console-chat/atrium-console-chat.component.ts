import type { CannedResponse, ChatMessage, Librarian, LibrarianPresence, TransferTarget } from '@atrium/sdk';
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { MembersDirectory } from '../../client/members-directory.js';
import { isSendKey } from '../../internal/send-key.js';
import { baseStyles } from '../../styles/base.styles.js';
import { formStyles } from '../../styles/form.styles.js';
import { contextListStyles } from '../../styles/context-list.styles.js';
import { ConsoleLocalizeController } from '../atrium-console/console-localize-controller.js';
import type { OpenChat } from '../atrium-console/open-chat.js';
import { renderPatronContext } from '../atrium-console/patron-context.js';
import { consoleProblem } from '../atrium-console/console-problem.js';
import type { ConsoleChatCloseDetail } from './atrium-console-chat-close.js';
import styles from './atrium-console-chat.styles.js';

/** How long after the last keystroke the patron stops seeing "typing…". */
const TYPING_IDLE_MS = 3000;

/**
 * One conversation in the librarian console: the patron's context, the messages in order with
 * the state of those not yet stored, the patron's typing, a reply box with canned responses,
 * and ending or transferring the chat. `<atrium-console>` renders one for the chat in view.
 *
 * @summary A chat as the librarian answers it.
 *
 * @event atrium-console-chat-close - The chat left the desk: closed after ending, or transferred; `detail: { conversationId, transferred }`.
 *
 * @csspart header - The chat's title, context and actions.
 * @csspart context - The patron's page, record and search.
 * @csspart messages - The list of messages.
 * @csspart message - Each message.
 * @csspart composer - The reply form.
 * @csspart transfer-dialog - The dialog for passing the chat on.
 */
export class AtriumConsoleChat extends LitElement {
  static override styles = [baseStyles, formStyles, contextListStyles, styles];

  /** The chat to show. */
  @property({ attribute: false }) chat: OpenChat | undefined;

  /** Bumped by the console whenever the chat changed, so it is drawn again. */
  @property({ type: Number }) revision = 0;

  /** The signed-in librarian (to tell their own messages from a colleague's before a transfer). */
  @property({ attribute: false }) librarian: Librarian | undefined;

  /** The canned responses of the librarian's member. */
  @property({ attribute: false }) canned: CannedResponse[] = [];

  /** Colleagues who could take the chat over now (not away, with room for another chat). */
  @property({ attribute: false }) colleagues: LibrarianPresence[] = [];

  /** Member names for headings and the transfer choices. */
  @property({ attribute: false }) directory: MembersDirectory | undefined;

  /** The title of the record the patron came from, once known. */
  @property({ attribute: false }) recordTitle: string | undefined;

  @state() private draft = '';
  @state() private confirmingEnd = false;
  @state() private problem = '';
  @state() private transferTarget = '';
  @state() private transferNote = '';
  @state() private transferBusy = false;
  @state() private transferProblem = '';

  @query('#composer') private composer: HTMLTextAreaElement | undefined;
  @query('#canned') private cannedPicker: HTMLSelectElement | undefined;
  @query('.messages') private messageList: HTMLElement | undefined;
  @query('dialog') private dialog: HTMLDialogElement | undefined;

  private readonly localize = new ConsoleLocalizeController(this);
  private typingSent = false;
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  private shownMessages = 0;

  /** Moves focus to the reply box (Alt+C). */
  focusComposer(): void {
    this.composer?.focus();
  }

  /** Moves focus to the canned responses (Alt+R). */
  focusCanned(): void {
    this.cannedPicker?.focus();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopTyping();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const previous = changed.get('chat');
    if (changed.has('chat') && previous !== undefined && previous?.id !== this.chat?.id) {
      this.stopTyping();
      this.draft = '';
      this.confirmingEnd = false;
      this.problem = '';
      this.shownMessages = 0;
    }
  }

  protected override updated(): void {
    const count = (this.chat?.messages.length ?? 0) + (this.chat?.outbox.length ?? 0);
    if (count !== this.shownMessages && this.messageList) {
      // New lines appear at the bottom; keep them in view as a chat does.
      this.messageList.scrollTop = this.messageList.scrollHeight;
    }
    this.shownMessages = count;
  }

  private memberName(id: string): string {
    return this.directory?.memberName(id, this.localize.locale) ?? id;
  }

  private onInput(event: InputEvent): void {
    this.draft = (event.target as HTMLTextAreaElement).value;
    const conversation = this.chat?.conversation;
    if (!conversation || this.chat?.ended) return;
    if (!this.typingSent && this.draft.trim()) {
      this.typingSent = true;
      void conversation.typing(true).catch(() => {});
    }
    clearTimeout(this.typingTimer);
    this.typingTimer = setTimeout(() => this.stopTyping(), TYPING_IDLE_MS);
  }

  private stopTyping(): void {
    clearTimeout(this.typingTimer);
    if (!this.typingSent) return;
    this.typingSent = false;
    const chat = this.chat;
    if (chat && !chat.ended) void chat.conversation.typing(false).catch(() => {});
  }

  private onKeydown(event: KeyboardEvent): void {
    if (isSendKey(event)) {
      event.preventDefault();
      this.send();
    }
  }

  private send(event?: SubmitEvent): void {
    event?.preventDefault();
    const chat = this.chat;
    const text = this.draft.trim();
    if (!chat || chat.ended || !text) return;
    this.draft = '';
    this.stopTyping();
    // Refusals arrive as `undelivered` and are shown with the message; nothing else to do here.
    chat.conversation.send(text).catch(() => {});
    this.composer?.focus();
  }

  private insertCanned(event: Event): void {
    const picker = event.target as HTMLSelectElement;
    const response = this.canned.find((candidate) => candidate.id === picker.value);
    picker.value = '';
    if (!response) return;
    const box = this.composer;
    const start = box?.selectionStart ?? this.draft.length;
    const end = box?.selectionEnd ?? this.draft.length;
    this.draft = `${this.draft.slice(0, start)}${response.text}${this.draft.slice(end)}`;
    void this.updateComplete.then(() => {
      if (!box) return;
      box.focus();
      const caret = start + response.text.length;
      box.setSelectionRange(caret, caret);
    });
  }

  private async end(): Promise<void> {
    const chat = this.chat;
    if (!chat) return;
    this.stopTyping();
    this.confirmingEnd = false;
    try {
      await chat.conversation.end();
    } catch (error) {
      this.problem = consoleProblem(error, this.localize.t);
    }
  }

  private close(transferred: boolean): void {
    const chat = this.chat;
    if (!chat) return;
    const detail: ConsoleChatCloseDetail = { conversationId: chat.id, transferred };
    this.dispatchEvent(new CustomEvent('atrium-console-chat-close', { detail, bubbles: true, composed: true }));
  }

  private openTransfer(): void {
    this.transferTarget = '';
    this.transferNote = '';
    this.transferProblem = '';
    this.dialog?.showModal();
  }

  private async transfer(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const chat = this.chat;
    if (!chat || this.transferBusy) return;
    const [kind, id] = this.transferTarget.split(':', 2) as [string, string | undefined];
    if (!id) {
      this.transferProblem = this.localize.t.transfer.chooseTarget;
      return;
    }
    const target: TransferTarget = kind === 'librarian' ? { librarianId: id } : { member: id };
    this.transferBusy = true;
    this.transferProblem = '';
    try {
      this.stopTyping();
      await chat.conversation.transfer(target, this.transferNote.trim() ? { note: this.transferNote.trim() } : {});
      this.dialog?.close();
      this.close(true);
    } catch (error) {
      this.transferProblem = consoleProblem(error, this.localize.t);
    } finally {
      this.transferBusy = false;
    }
  }

  protected override render(): TemplateResult | typeof nothing {
    const chat = this.chat;
    if (!chat) return nothing;
    const { t, f } = this.localize;
    const state = chat.conversation.state;
    return html`<section class="chat" aria-labelledby="chat-title">
      <header class="head" part="header">
        <h2 id="chat-title">${t.chat.heading(this.memberName(state.member))}</h2>
        ${renderPatronContext(state.context, this.recordTitle, t, f)}
        <div class="actions">
          ${
            chat.ended
              ? html`<button class="button" type="button" @click=${() => this.close(false)}>${t.chat.close}</button>`
              : this.confirmingEnd
                ? html`<span class="confirm" id="end-question">${t.chat.endConfirm}</span>
                  <button class="button danger" type="button" aria-describedby="end-question" @click=${this.end}>${t.chat.endYes}</button>
                  <button class="button secondary" type="button" @click=${() => (this.confirmingEnd = false)}>${t.chat.cancel}</button>`
                : html`<button class="button secondary" type="button" @click=${this.openTransfer}>${t.chat.transfer}</button>
                  <button class="button secondary" type="button" @click=${() => (this.confirmingEnd = true)}>${t.chat.end}</button>`
          }
        </div>
      </header>
      <ol class="messages" part="messages" aria-label=${t.chat.conversationLabel} tabindex="0">
        ${chat.messages.map((message) => this.renderMessage(message))}
        ${chat.outbox.map(
          (entry) =>
            html`<li class="message mine pending" part="message">
              <span class="who">${t.chat.you}</span>
              <p class="text">${entry.text}</p>
              <span class="state"
                >${
                  entry.state === 'sending' ? t.chat.sending : entry.retryAt ? t.chat.retryingAt(this.time(entry.retryAt)) : t.chat.retrying
                }</span
              >
            </li>`,
        )}
        ${chat.undelivered.map(
          (entry) =>
            html`<li class="message mine failed" part="message">
              <span class="who">${t.chat.you}</span>
              <p class="text">${entry.text}</p>
              <span class="state">${t.chat.undelivered(entry.message)}</span>
            </li>`,
        )}
      </ol>
      <p class="typing">${chat.patronTyping ? t.chat.patronTyping : nothing}</p>
      ${
        chat.ended
          ? html`<p class="ended" role="status">${state.endedBy === 'patron' ? t.chat.endedByPatron : t.chat.endedByYou}</p>`
          : this.renderComposer()
      }
      <div role="alert">${this.problem ? html`<p class="problem">${this.problem}</p>` : nothing}</div>
      ${this.renderTransferDialog()}
    </section>`;
  }

  private renderMessage(message: ChatMessage): TemplateResult {
    const { t } = this.localize;
    const me = this.librarian;
    const mine = message.from.role === 'librarian' && message.from.name === me?.name && message.from.member === me?.member;
    const who =
      message.from.role === 'patron'
        ? t.chat.patron
        : mine
          ? t.chat.you
          : t.chat.librarianAt(message.from.name ?? '', this.memberName(message.from.member ?? ''));
    return html`<li class="message ${message.from.role === 'patron' ? 'theirs' : 'mine'}" part="message" data-seq=${message.seq}>
      <span class="who">${who}</span>
      <time datetime=${message.ts}>${this.time(message.ts)}</time>
      <p class="text">${message.text}</p>
    </li>`;
  }

  private renderComposer(): TemplateResult {
    const { t } = this.localize;
    const preferred = this.localize.locale === 'en' ? 'en' : 'zh';
    const groups = (['en', 'zh'] as const)
      .map((language) => ({ language, items: this.canned.filter((item) => item.language === language) }))
      .filter((group) => group.items.length > 0)
      .sort((a, b) => Number(b.language === preferred) - Number(a.language === preferred));
    return html`<form class="composer" part="composer" @submit=${this.send}>
      <label for="composer">${t.chat.composer}</label>
      <textarea
        id="composer"
        rows="3"
        maxlength="4000"
        aria-describedby="composer-hint"
        .value=${this.draft}
        @input=${this.onInput}
        @keydown=${this.onKeydown}
      ></textarea>
      <p class="hint" id="composer-hint">${t.chat.composerHint}</p>
      <div class="composer-actions">
        ${
          groups.length
            ? html`<label class="visually-hidden" for="canned">${t.chat.canned}</label>
              <select id="canned" @change=${this.insertCanned}>
                <option value="">${t.chat.cannedNone}</option>
                ${groups.map(
                  (group) =>
                    html`<optgroup label=${group.language === 'en' ? t.chat.cannedEnglish : t.chat.cannedChinese}>
                      ${group.items.map((item) => html`<option value=${item.id}>${item.title}</option>`)}
                    </optgroup>`,
                )}
              </select>`
            : nothing
        }
        <button class="button" type="submit">${t.chat.send}</button>
      </div>
    </form>`;
  }

  private renderTransferDialog(): TemplateResult {
    const { t, f } = this.localize;
    const members = this.directory?.members ?? [];
    const choose = (event: Event) => (this.transferTarget = (event.target as HTMLInputElement).value);
    return html`<dialog part="transfer-dialog" aria-labelledby="transfer-title">
      <form @submit=${this.transfer}>
        <h3 id="transfer-title">${t.transfer.heading}</h3>
        <fieldset>
          <legend>${t.transfer.toColleague}</legend>
          ${
            this.colleagues.length
              ? this.colleagues.map(
                  (colleague) =>
                    html`<label class="choice"
                    ><input
                      type="radio"
                      name="target"
                      value=${`librarian:${colleague.id}`}
                      .checked=${this.transferTarget === `librarian:${colleague.id}`}
                      @change=${choose}
                    />
                    ${t.transfer.colleague(colleague.name, this.memberName(colleague.member), colleague.load, colleague.capacity, f)}</label
                  >`,
                )
              : html`<p class="hint">${t.transfer.noColleagues}</p>`
          }
        </fieldset>
        <fieldset>
          <legend>${t.transfer.toMember}</legend>
          ${members.map(
            (member) =>
              html`<label class="choice"
                ><input
                  type="radio"
                  name="target"
                  value=${`member:${member.id}`}
                  .checked=${this.transferTarget === `member:${member.id}`}
                  @change=${choose}
                />
                ${this.memberName(member.id)}</label
              >`,
          )}
        </fieldset>
        <div class="field">
          <label for="transfer-note">${t.transfer.note}</label>
          <textarea
            id="transfer-note"
            rows="2"
            maxlength="1000"
            .value=${this.transferNote}
            @input=${(event: Event) => (this.transferNote = (event.target as HTMLTextAreaElement).value)}
          ></textarea>
        </div>
        <div role="alert">${this.transferProblem ? html`<p class="problem">${this.transferProblem}</p>` : nothing}</div>
        <div class="actions">
          <button class="button" type="submit" ?disabled=${this.transferBusy}>
            ${this.transferBusy ? t.transfer.submitting : t.transfer.submit}
          </button>
          <button class="button secondary" type="button" @click=${() => this.dialog?.close()}>${t.chat.cancel}</button>
        </div>
      </form>
    </dialog>`;
  }

  private time(iso: string): string {
    return new Intl.DateTimeFormat(this.localize.lang, { timeStyle: 'short' }).format(Date.parse(iso));
  }
}
