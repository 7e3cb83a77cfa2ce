// Where the patron writes during a chat: the message box, Enter to send (never while an input
// method is composing), the character count, and the typing mark the librarian sees.
import { html, type TemplateResult } from 'lit';
import { isSendKey } from '../../internal/send-key.js';
import { focusAfterUpdate, type ChatHost } from './chat-host.js';

/** The relay's limit on one message. */
export const MESSAGE_MAX_LENGTH = 4000;

/** A typing mark is repeated this often while the patron types, and withdrawn after this long idle. */
const TYPING_REPEAT_MS = 3000;
const TYPING_IDLE_MS = 4000;

/** Enter sends, Shift+Enter is a new line, and Enter that picks an input method's candidate does nothing. */
export function sendOnEnter(event: KeyboardEvent, submit: () => void): void {
  if (!isSendKey(event)) return;
  event.preventDefault();
  submit();
}

/** The keys hint and the character count under a message box (`#<id>-hint`, `#<id>-count`). */
export function renderHints(host: ChatHost, id: string, text: string): TemplateResult {
  const { t, f } = host.localize;
  const near = text.length > MESSAGE_MAX_LENGTH - 200;
  return html`<div class="hints">
    <p class="hint" id="${id}-hint">${t.chat.keysHint(html`<kbd>Enter</kbd>`, html`<kbd>Shift</kbd>+<kbd>Enter</kbd>`)}</p>
    <p class="count ${near ? 'near' : ''}" id="${id}-count">
      ${near ? t.chat.charactersLeft(MESSAGE_MAX_LENGTH - text.length, f) : t.chat.characterCount(text.length, MESSAGE_MAX_LENGTH, f)}
    </p>
  </div>`;
}

export class ChatComposer {
  /** What the patron is writing; kept while the chat is open, whatever else changes. */
  draft = '';
  private typingSentAt = 0;
  private typingIdle: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly host: ChatHost) {}

  /** Sends what is written through the conversation's outbox. */
  send(): void {
    const chat = this.host.chat();
    const text = this.draft.trim();
    if (!chat || chat.state.status === 'ended' || !text) return;
    this.setDraft('');
    this.stopTyping();
    void chat.send(text).catch(() => undefined);
    this.focus();
  }

  /** Withdraws the typing mark, if one was sent. */
  stopTyping(): void {
    clearTimeout(this.typingIdle);
    if (!this.typingSentAt) return;
    this.typingSentAt = 0;
    this.host
      .chat()
      ?.typing(false)
      .catch(() => undefined);
  }

  /** The conversation is closed on this page: no mark to withdraw later. */
  detach(): void {
    clearTimeout(this.typingIdle);
  }

  clear(): void {
    this.draft = '';
  }

  focus(): void {
    focusAfterUpdate(this.host, '#composer-text');
  }

  private setDraft(text: string): void {
    this.draft = text;
    this.host.element.requestUpdate();
  }

  private readonly onInput = (event: Event): void => {
    this.setDraft((event.target as HTMLTextAreaElement).value);
    const chat = this.host.chat();
    if (!chat || chat.state.status === 'ended') return;
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
  };

  render(): TemplateResult {
    const { t } = this.host.localize;
    return html`<form class="composer" part="composer" novalidate @submit=${(event: SubmitEvent) => (event.preventDefault(), this.send())}>
      <label for="composer-text" class="visually-hidden">${t.chat.message}</label>
      <div class="composer-row">
        <textarea
          id="composer-text"
          rows="2"
          maxlength=${MESSAGE_MAX_LENGTH}
          aria-describedby="composer-hint composer-count"
          .value=${this.draft}
          @input=${this.onInput}
          @keydown=${(event: KeyboardEvent) => sendOnEnter(event, () => this.send())}
        ></textarea>
        <button class="button send" type="submit" ?disabled=${this.draft.trim() === ''}>${t.chat.send}</button>
      </div>
      ${renderHints(this.host, 'composer', this.draft)}
    </form>`;
  }
}
