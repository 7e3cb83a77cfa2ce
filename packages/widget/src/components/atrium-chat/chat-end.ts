// Ending a chat and what comes after it: End chat (asked first), then a rating, the transcript
// as a file, deleting the conversation (asked first) and starting again.
import type { Conversation, PatronChat } from '@atrium/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { focusAfterUpdate, focusInside, type ChatHost } from './chat-host.js';
import { forgetOpenConversation } from './open-conversation.js';

interface EndState {
  /** Which question is being asked before acting. */
  confirming: '' | 'end' | 'delete';
  /** Ending, fetching the transcript or deleting: one at a time. */
  busy: boolean;
  score: number;
  comment: string;
  ratingState: 'idle' | 'sending' | 'sent';
  ratingProblem: string;
}

export class ChatEnd implements EndState {
  confirming: EndState['confirming'] = '';
  busy = false;
  score = 0;
  comment = '';
  ratingState: EndState['ratingState'] = 'idle';
  ratingProblem = '';

  constructor(private readonly host: ChatHost) {}

  attach(chat: PatronChat): (() => void)[] {
    const { rating } = chat.state;
    Object.assign(this, {
      confirming: '',
      score: rating?.score ?? 0,
      comment: rating?.comment ?? '',
      ratingState: rating ? 'sent' : 'idle',
      ratingProblem: '',
    } satisfies Partial<EndState>);
    return [chat.on('ended', () => (this.confirming = ''))];
  }

  clear(): void {
    this.confirming = '';
  }

  /** Sets part of the state and renders it. */
  private set(change: Partial<EndState>): void {
    Object.assign(this, change);
    this.host.element.requestUpdate();
  }

  private ask(what: 'end' | 'delete'): void {
    this.set({ confirming: what });
    focusAfterUpdate(this.host, '.confirm-yes');
  }

  private readonly keep = (): void => {
    const what = this.confirming;
    this.set({ confirming: '' });
    focusAfterUpdate(this.host, `.ask-${what}`);
  };

  /** Runs one action of the chat's own (end, transcript, delete), saying why if it fails. */
  private async act(run: (chat: PatronChat) => Promise<void>): Promise<void> {
    const chat = this.host.chat();
    if (!chat || this.busy) return;
    this.set({ busy: true });
    this.host.showProblem('');
    try {
      await run(chat);
    } catch (error) {
      this.host.showProblem(this.host.problemText(error));
    } finally {
      this.set({ busy: false });
    }
  }

  private end(): Promise<void> {
    // Taken now: the confirmation the patron pressed is gone once the chat has ended.
    const hadFocus = focusInside(this.host);
    return this.act(async (chat) => {
      await chat.end();
      await this.host.element.updateComplete;
      if (hadFocus && !focusInside(this.host)) this.host.element.renderRoot.querySelector<HTMLElement>('#ended-title')?.focus();
    });
  }

  private readonly rate = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const chat = this.host.chat();
    if (!chat || this.ratingState === 'sending') return;
    if (!this.score) {
      this.set({ ratingProblem: this.host.localize.t.chat.chooseRating });
      focusAfterUpdate(this.host, 'input[name="score"]');
      return;
    }
    this.set({ ratingState: 'sending', ratingProblem: '' });
    try {
      await chat.rate(this.score, this.comment.trim() || undefined);
      this.set({ ratingState: 'sent' });
      this.host.announce(this.host.localize.t.chat.ratingSent);
    } catch (error) {
      this.set({ ratingState: 'idle', ratingProblem: this.host.problemText(error) });
    }
  };

  private readonly downloadTranscript = (): Promise<void> =>
    this.act(async (chat) => {
      const { t, lang } = this.host.localize;
      const text = await chat.transcript({
        locale: lang || 'en',
        timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
        wording: { ...t.chat.transcriptFile, you: t.chat.you, librarian: t.chat.librarian, memberName: (id) => this.host.memberName(id) },
      });
      const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `chat-${this.host.homeMember()}-${localDate(new Date())}.txt`;
      link.hidden = true;
      this.host.element.renderRoot.append(link);
      link.click();
      link.remove();
      // The browser has taken the file by the time the patron could click again.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      this.host.announce(t.chat.transcriptReady);
    });

  private deleteConversation(): Promise<void> {
    return this.act(async (chat) => {
      await chat.delete();
      forgetOpenConversation(this.host.homeMember());
      const { deleted } = this.host.localize.t.chat;
      this.host.announce(deleted);
      this.host.reset(deleted);
    });
  }

  private readonly startNew = (): void => {
    forgetOpenConversation(this.host.homeMember());
    this.host.reset();
  };

  /** End chat, or the question before ending it. */
  renderEndAction(): TemplateResult {
    const { t } = this.host.localize;
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

  /** What can be done once the chat has ended. */
  render(conversation: Conversation): TemplateResult {
    const { t } = this.host.localize;
    return html`<section class="after" aria-labelledby="ended-title">
      <h3 class="section-title" id="ended-title" tabindex="-1">${t.chat.ended}</h3>
      <p>${conversation.endedBy === 'patron' ? t.chat.endedByYou : t.chat.endedByLibrarian}</p>
      ${this.renderRating()}
      <div class="chat-actions" part="chat-actions">
        <button class="button secondary" type="button" aria-disabled=${this.busy ? 'true' : 'false'} @click=${this.downloadTranscript}>
          ${t.chat.transcript}
        </button>
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
    const { t, f } = this.host.localize;
    const sending = this.ratingState === 'sending';
    // A changed score or comment can be sent again.
    const unsent = this.ratingState === 'sent' ? ({ ratingState: 'idle' } as const) : {};
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
              @change=${() => this.set({ score, ratingProblem: '', ...unsent })}
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
          @input=${(event: Event) => this.set({ comment: (event.target as HTMLTextAreaElement).value, ...unsent })}
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
