import {
  ApiError,
  ConnectionError,
  QUESTION_MAX_LENGTH,
  TimeoutError,
  type Question,
  type QuestionCategory,
  type QuestionMessage,
  type QuestionRequest,
} from '@atrium/sdk';
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { repeat } from 'lit/directives/repeat.js';
import { membersDirectory, type MembersDirectory } from '../../client/members-directory.js';
import { ClientController } from '../../controllers/client-controller.js';
import { LocalizeController } from '../../controllers/localize-controller.js';
import { emit } from '../../internal/emit.js';
import { linkedRecordsStyles, renderLinkedRecords } from '../../internal/linked-records.js';
import { SubmissionKey } from '../../internal/submission-key.js';
import { baseStyles } from '../../styles/base.styles.js';
import { formStyles } from '../../styles/form.styles.js';
import styles from './atrium-ask.styles.js';
import { refusedFields, type QuestionField } from './question-errors.js';
import { forgetQuestion, privateLink, questionInLink, rememberQuestion, savedQuestions, type SavedQuestion } from './saved-questions.js';
import { addEnglish } from '../../translations/en.js';
import { enAsk } from '../../translations/en-ask.js';
import { AnnouncerController } from '../../controllers/announcer-controller.js';

// This tab's English texts come with its code (translations/en-ask.ts).
addEnglish({ ask: enAsk });

const CATEGORIES: readonly QuestionCategory[] = ['general', 'catalogue', 'lending', 'research', 'visit', 'access', 'technical', 'other'];
// The same rule as the relay's in spirit: something@something.something, no spaces.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const NAME_MAX_LENGTH = 200;
/** Below this many characters left, the counter says how many remain. */
const COUNTER_WARNING = 200;
/** Answers are written by people, so a look once a minute is plenty while the patron waits. */
const REFRESH_MS = 60_000;

interface Draft {
  text: string;
  category: QuestionCategory;
  name: string;
  email: string;
}

type FieldErrors = Partial<Record<QuestionField, string>>;

/** A question of "Your questions": what the relay said, or why it could not be read. */
interface ShownQuestion {
  saved: SavedQuestion;
  question: Question | undefined;
  /** Replies that arrived since the patron last looked. */
  fresh: number;
}

/**
 * Leave a question for the librarians when nobody can chat: the question, a topic, and
 * optionally a name and an email address (to be told when it is answered). The page's address
 * and the record being looked at go with it. The patron gets a private link; this browser
 * remembers the question, so "Your questions" shows its status, the answers and follow-ups on
 * every return, and takes follow-ups. Works on its own or as the Ask tab of `<atrium-widget>`.
 *
 * @summary Joint reference: a question for any librarian of the consortium, and its answers.
 *
 * @event atrium-question-created - A question was sent; `detail: { id }`.
 * @event atrium-record-request - The patron chose a record a librarian linked in an answer; `detail: { id }`. `<atrium-widget>` then shows it in its Search tab; on a page of its own, show it yourself (for instance with `<atrium-search>`'s `showRecord(id)`).
 *
 * @csspart ask-form - The question form.
 * @csspart confirmation - "Your question was sent", with the private link.
 * @csspart questions - "Your questions": questions asked from this browser.
 * @csspart question - Each of them, with its answers and the follow-up form.
 * @csspart linked-records - The catalogue records a librarian linked under an answer.
 * @csspart error - A message saying why the question could not be sent or read.
 *
 * @cssproperty --atrium-color-accent - Buttons and links. Default `#0b5cad`.
 * @cssproperty --atrium-color-surface - Background. Default `#ffffff`.
 * @cssproperty --atrium-color-surface-alt - Background of answers. Default `#f4f6f8`.
 * @cssproperty --atrium-color-border - Borders. Default `#c5ced8`.
 * @cssproperty --atrium-color-muted - Hints and dates. Default `#57606a`.
 * @cssproperty --atrium-color-danger - Error messages. Default `#b42318`.
 * @cssproperty --atrium-color-success - "Answered" and the confirmation. Default `#1a7f37`.
 */
export class AtriumAsk extends LitElement {
  static override styles = [baseStyles, formStyles, styles, linkedRecordsStyles];

  /** Base URL of the relay when used outside `<atrium-widget>`. */
  @property({ reflect: true }) relay = '';

  /** The member whose site this is: its librarians see the question first. */
  @property({ reflect: true }) member = '';

  /** The id of the catalogue record the patron is looking at, sent with the question. */
  @property({ reflect: true }) record = '';

  /** The question text in the form; set it to offer a question already written (from the chat, say). */
  @property() text = '';

  @state() private draft: Omit<Draft, 'text'> = { category: 'general', name: '', email: '' };
  @state() private fieldErrors: FieldErrors = {};
  @state() private problem = '';
  @state() private busy = false;
  /** The key the question is sent with, kept when an answer is lost so sending again files it once. */
  private readonly submission = new SubmissionKey();
  @state() private sent: { id: string; link: string; email: string } | undefined;
  @state() private shown: ShownQuestion[] = [];
  @state() private refreshing = false;
  @state() private followUps: Record<string, string> = {};
  @state() private followUpBusy = '';
  @state() private questionProblems: Record<string, string> = {};
  @state() private recordTitle = '';
  @state() private directory: MembersDirectory | undefined;
  private readonly announcer = new AnnouncerController(this);

  private readonly localize = new LocalizeController(this);
  private readonly connection = new ClientController(this);
  private loadedFor: unknown;
  private titleFor = '';
  private timer: ReturnType<typeof setInterval> | undefined;

  /** Moves focus to the question box. */
  override focus(options?: FocusOptions): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#ask-text, #sent-title')?.focus(options));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.timer = setInterval(() => {
      if (document.visibilityState === 'visible' && this.shown.some((entry) => entry.question?.status !== 'closed')) void this.refresh();
    }, REFRESH_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.timer);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // A question offered from outside (the chat's "Leave a question instead") needs the form.
    if (changed.has('text') && this.text && this.sent) this.sent = undefined;
    // Load once per client: inside a widget the client arrives after the first update.
    const client = this.client;
    if (this.loadedFor !== client) {
      this.loadedFor = client;
      const linked = questionInLink(location.hash);
      if (linked) rememberQuestion(client.baseUrl, linked);
      void this.refresh();
      membersDirectory(client).then(
        (directory) => (this.directory = directory),
        // Member ids stand in for names until a later look succeeds.
        () => undefined,
      );
    }
    if (this.titleFor !== this.record) {
      this.titleFor = this.record;
      void this.loadRecordTitle();
    }
  }

  private get client() {
    return this.connection.client;
  }

  private get homeMember(): string {
    return this.member || this.client.member || '';
  }

  private async loadRecordTitle(): Promise<void> {
    const id = this.record;
    this.recordTitle = '';
    if (!id) return;
    try {
      const record = await this.client.records.get(id);
      if (this.record === id) this.recordTitle = record.title;
    } catch {
      // The record still goes with the question; only its title is missing on screen.
    }
  }

  /** Reads every remembered question again and announces those whose status changed. */
  async refresh(): Promise<void> {
    const client = this.client;
    const relay = client.baseUrl;
    this.refreshing = true;
    try {
      const entries = savedQuestions(relay);
      const read = await Promise.all(
        entries.map(async (saved): Promise<ShownQuestion | undefined> => {
          try {
            const question = await client.questions.get(saved.id, saved.token);
            return { saved, question, fresh: Math.max(0, question.messages.length - (saved.seen ?? question.messages.length)) };
          } catch (error) {
            // A question the relay no longer knows is forgotten; a network failure keeps it for next time.
            if (error instanceof ApiError && (error.status === 404 || error.status === 403)) {
              forgetQuestion(relay, saved.id);
              return undefined;
            }
            const previous = this.shown.find((entry) => entry.saved.id === saved.id);
            return previous ?? { saved, question: undefined, fresh: 0 };
          }
        }),
      );
      if (client !== this.client) return;
      const shown = read.filter((entry): entry is ShownQuestion => entry !== undefined);
      const changed = shown.filter((entry) => entry.question && entry.saved.status && entry.saved.status !== entry.question.status);
      this.shown = shown;
      const { t } = this.localize;
      if (changed.length > 0)
        void this.announcer.announce(changed.map((entry) => t.ask.statusChanged(t.ask.statuses[entry.question!.status])).join(' '));
      for (const entry of shown) {
        if (entry.question)
          rememberQuestion(relay, { ...entry.saved, status: entry.question.status, seen: entry.question.messages.length });
      }
    } finally {
      this.refreshing = false;
    }
  }

  private check(draft: Draft): FieldErrors {
    const { t, f } = this.localize;
    const errors: FieldErrors = {};
    const text = draft.text.trim();
    if (!text) errors.text = t.ask.textMissing;
    else if (text.length > QUESTION_MAX_LENGTH) errors.text = t.ask.textTooLong(QUESTION_MAX_LENGTH, f);
    if (draft.name.trim().length > NAME_MAX_LENGTH) errors.name = t.ask.nameInvalid;
    if (draft.email.trim() && !EMAIL.test(draft.email.trim())) errors.email = t.ask.emailInvalid;
    return errors;
  }

  private messageFor(field: QuestionField): string {
    const { t, f } = this.localize;
    if (field === 'text') return this.text.trim() ? t.ask.textTooLong(QUESTION_MAX_LENGTH, f) : t.ask.textMissing;
    return field === 'name' ? t.ask.nameInvalid : t.ask.emailInvalid;
  }

  private async showFieldErrors(errors: FieldErrors): Promise<void> {
    const invalid = Object.keys(errors) as QuestionField[];
    this.fieldErrors = errors;
    this.problem = this.localize.t.patron.fixErrors(invalid.length, this.localize.f);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`#ask-${invalid[0]}`)?.focus();
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const { t } = this.localize;
    const draft: Draft = { ...this.draft, text: this.text };
    const errors = this.check(draft);
    if (Object.keys(errors).length > 0) return this.showFieldErrors(errors);
    const member = this.homeMember;
    if (!member) {
      this.problem = t.ask.errors.notSetUp;
      return;
    }
    this.busy = true;
    this.problem = '';
    this.fieldErrors = {};
    const name = draft.name.trim();
    const email = draft.email.trim();
    const pageUrl = currentPage();
    const request: QuestionRequest = {
      member,
      text: draft.text.trim(),
      category: draft.category,
      patron: { ...(name ? { name } : {}), ...(email ? { email } : {}) },
      ...(pageUrl || this.record
        ? { context: { ...(pageUrl ? { pageUrl } : {}), ...(this.record ? { recordId: this.record } : {}) } }
        : {}),
    };
    try {
      const created = await this.submission.send(request, (idempotencyKey) => this.client.questions.ask(request, { idempotencyKey }));
      rememberQuestion(this.client.baseUrl, { id: created.id, token: created.token, status: created.status, seen: 0 });
      this.sent = { id: created.id, link: privateLink(pageUrl ?? location.href, created), email };
      this.text = '';
      this.draft = { ...this.draft, category: 'general' };
      emit(this, 'atrium-question-created', { id: created.id });
      void this.refresh();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#sent-title')?.focus();
    } catch (error) {
      const fields = refusedFields(error);
      if (fields.length > 0) {
        await this.showFieldErrors(Object.fromEntries(fields.map((field) => [field, this.messageFor(field)])));
      } else {
        this.problem = this.problemFor(error);
      }
    } finally {
      this.busy = false;
    }
  }

  private problemFor(error: unknown): string {
    const { errors } = this.localize.t.ask;
    if (error instanceof TimeoutError) return errors.timeout;
    if (error instanceof ConnectionError) return errors.connection;
    if (error instanceof ApiError) {
      if (error.code === 'unknown_member') return errors.notSetUp;
      if (error.status === 404) return errors.notFound;
      if (error.status === 429) return errors.rateLimited(this.retryTime(error.retryAfterSeconds));
      if (error.status === 409) return errors.closed;
    }
    return errors.unknown;
  }

  /** When the relay lets another question through, rounded up to the minute the patron reads. */
  private retryTime(retryAfterSeconds: number | undefined): string {
    const at = Math.ceil((Date.now() + Math.max(1, retryAfterSeconds ?? 60) * 1000) / 60_000) * 60_000;
    return new Intl.DateTimeFormat(this.localize.lang || 'en', { hour: 'numeric', minute: '2-digit' }).format(at);
  }

  private async sendFollowUp(event: SubmitEvent, saved: SavedQuestion): Promise<void> {
    event.preventDefault();
    const { t } = this.localize;
    const text = (this.followUps[saved.id] ?? '').trim();
    if (this.followUpBusy) return;
    if (!text) {
      this.questionProblems = { ...this.questionProblems, [saved.id]: t.ask.textMissing };
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(`#follow-up-${saved.id}`)?.focus();
      return;
    }
    this.followUpBusy = saved.id;
    this.questionProblems = { ...this.questionProblems, [saved.id]: '' };
    try {
      const question = await this.client.questions.followUp(saved.id, saved.token, text);
      // The patron's own follow-up changes the status; that is no news to announce later.
      const seen = { ...saved, status: question.status, seen: question.messages.length };
      rememberQuestion(this.client.baseUrl, seen);
      this.shown = this.shown.map((entry) => (entry.saved.id === saved.id ? { saved: seen, question, fresh: 0 } : entry));
      this.followUps = { ...this.followUps, [saved.id]: '' };
      void this.announcer.announce(t.ask.followUpSent);
    } catch (error) {
      this.questionProblems = {
        ...this.questionProblems,
        [saved.id]: refusedFields(error).includes('text') ? this.messageFor('text') : this.problemFor(error),
      };
    } finally {
      this.followUpBusy = '';
    }
  }

  private async forget(saved: SavedQuestion): Promise<void> {
    forgetQuestion(this.client.baseUrl, saved.id);
    this.shown = this.shown.filter((entry) => entry.saved.id !== saved.id);
    if (this.sent?.id === saved.id) this.sent = undefined;
    void this.announcer.announce(this.localize.t.ask.forgotten);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#questions-title, #ask-text')?.focus();
  }

  private async copyLink(): Promise<void> {
    const link = this.sent?.link;
    if (!link) return;
    const input = this.renderRoot.querySelector<HTMLInputElement>('#ask-link');
    try {
      await navigator.clipboard.writeText(link);
      void this.announcer.announce(this.localize.t.ask.copied);
    } catch {
      // The page may not allow the clipboard: select the link so the patron can copy it.
      input?.focus();
      input?.select();
    }
  }

  private async askAnother(): Promise<void> {
    this.sent = undefined;
    this.focus();
  }

  // ---- rendering ----

  protected override render(): TemplateResult {
    return html`
      ${this.announcer.render()}
      ${this.sent ? this.renderSent(this.sent) : this.renderForm()}
      <div class="problem-box" role="alert" part="error">${this.problem ? html`<p class="problem">${this.problem}</p>` : nothing}</div>
      ${this.shown.length ? this.renderQuestions() : nothing}
    `;
  }

  private renderForm(): TemplateResult {
    const { t, f } = this.localize;
    const length = this.text.length;
    const left = QUESTION_MAX_LENGTH - length;
    const textError = this.fieldErrors.text;
    return html`<form class="ask-form" part="ask-form" novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.submit}>
      <p class="intro">${t.ask.intro}</p>
      <div class="field">
        <label for="ask-text">${t.ask.question}</label>
        <textarea
          id="ask-text"
          name="text"
          rows="5"
          maxlength=${QUESTION_MAX_LENGTH}
          aria-invalid=${textError ? 'true' : 'false'}
          aria-describedby="ask-text-hint ask-text-count${textError ? ' ask-text-error' : ''}"
          .value=${this.text}
          @input=${(event: Event) => {
            this.text = (event.target as HTMLTextAreaElement).value;
            if (this.fieldErrors.text) this.fieldErrors = { ...this.fieldErrors, text: undefined };
          }}
        ></textarea>
        <p class="hint" id="ask-text-hint">${t.ask.questionHint}</p>
        <p class="hint counter ${left < COUNTER_WARNING ? 'low' : ''}" id="ask-text-count">
          ${left < COUNTER_WARNING ? t.ask.charactersLeft(left, f) : t.ask.characterCount(length, QUESTION_MAX_LENGTH, f)}
        </p>
        ${textError ? html`<p class="field-error" id="ask-text-error">${textError}</p>` : nothing}
      </div>
      <div class="field">
        <label for="ask-category">${t.ask.category}</label>
        <select
          id="ask-category"
          name="category"
          @change=${(event: Event) => (this.draft = { ...this.draft, category: (event.target as HTMLSelectElement).value as QuestionCategory })}
        >
          ${CATEGORIES.map(
            (category) =>
              html`<option value=${category} ?selected=${category === this.draft.category}>${t.ask.categories[category]}</option>`,
          )}
        </select>
      </div>
      ${this.renderInput('name', 'text', 'name', t.ask.name)} ${this.renderInput('email', 'email', 'email', t.ask.email, 'ask-email-why')}
      <p class="hint" id="ask-email-why">${t.ask.emailWhy}</p>
      <div class="context">
        <p class="context-title">${t.ask.context}</p>
        <ul>
          <li>${t.ask.contextPage}</li>
          ${this.record ? html`<li>${t.ask.contextRecord(this.recordTitle || this.record)}</li>` : nothing}
        </ul>
      </div>
      <button class="button" type="submit" ?disabled=${this.busy}>
        ${this.busy ? html`<span class="spinner" aria-hidden="true"></span>${t.ask.submitting}` : t.ask.submit}
      </button>
    </form>`;
  }

  private renderInput(field: 'name' | 'email', type: string, autocomplete: string, label: string, hint?: string): TemplateResult {
    const id = `ask-${field}`;
    const error = this.fieldErrors[field];
    const describedBy = [hint, error ? `${id}-error` : undefined].filter(Boolean).join(' ');
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <input
        id=${id}
        name=${field}
        type=${type}
        autocomplete=${autocomplete}
        maxlength=${field === 'email' ? 320 : NAME_MAX_LENGTH}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${ifDefined(describedBy || undefined)}
        .value=${this.draft[field]}
        @input=${(event: Event) => {
          this.draft = { ...this.draft, [field]: (event.target as HTMLInputElement).value };
          if (this.fieldErrors[field]) this.fieldErrors = { ...this.fieldErrors, [field]: undefined };
        }}
      />
      ${error ? html`<p class="field-error" id="${id}-error">${error}</p>` : nothing}
    </div>`;
  }

  private renderSent(sent: { link: string; email: string }): TemplateResult {
    const { t } = this.localize;
    return html`<section class="confirmation" part="confirmation" aria-labelledby="sent-title">
      <h3 class="section-title success" id="sent-title" tabindex="-1">${t.ask.sent}</h3>
      <p>${sent.email ? t.ask.sentEmail(sent.email) : t.ask.sentNoEmail}</p>
      <div class="field">
        <label for="ask-link">${t.ask.privateLink}</label>
        <div class="link-row">
          <input id="ask-link" type="url" readonly .value=${sent.link} aria-describedby="ask-link-hint" />
          <button class="button secondary" type="button" @click=${this.copyLink}>${t.ask.copy}</button>
        </div>
        <p class="hint" id="ask-link-hint">${t.ask.privateLinkHint}</p>
      </div>
      <button class="button secondary" type="button" @click=${this.askAnother}>${t.ask.askAnother}</button>
    </section>`;
  }

  private renderQuestions(): TemplateResult {
    const { t } = this.localize;
    return html`<section class="questions" part="questions" aria-labelledby="questions-title">
      <div class="questions-head">
        <h3 class="section-title" id="questions-title" tabindex="-1">${t.ask.yourQuestions}</h3>
        <button class="button secondary small" type="button" ?disabled=${this.refreshing} @click=${() => this.refresh()}>
          ${this.refreshing ? t.ask.refreshing : t.ask.refresh}
        </button>
      </div>
      <ul class="question-list">
        ${repeat(
          this.shown,
          (entry) => entry.saved.id,
          (entry) => this.renderQuestion(entry),
        )}
      </ul>
    </section>`;
  }

  private renderQuestion({ saved, question, fresh }: ShownQuestion): TemplateResult {
    const { t } = this.localize;
    const problem = this.questionProblems[saved.id];
    if (!question) {
      return html`<li class="question" part="question">
        <p class="problem">${t.ask.errors.connection}</p>
        <button class="link-button" type="button" @click=${() => this.forget(saved)}>${t.ask.forget}</button>
      </li>`;
    }
    const followUpId = `follow-up-${saved.id}`;
    return html`<li class="question" part="question">
      <h4 class="question-text">${question.text}</h4>
      <p class="meta">
        <span class="status status-${question.status}">${t.ask.statuses[question.status]}</span>
        <span>${t.ask.askedOn(this.dateTime(question.createdAt))}</span>
        ${question.category ? html`<span>${t.ask.categories[question.category]}</span>` : nothing}
      </p>
      ${
        question.messages.length
          ? html`<ol class="thread" aria-label=${t.ask.thread}>
            ${question.messages.map((message, index) => this.renderMessage(message, index >= question.messages.length - fresh))}
          </ol>`
          : html`<p class="hint">${t.ask.noAnswerYet}</p>`
      }
      ${
        question.status === 'closed'
          ? html`<p class="hint">${t.ask.closedNote}</p>`
          : html`<form class="follow-up" novalidate @submit=${(event: SubmitEvent) => this.sendFollowUp(event, saved)}>
            <div class="field">
              <label for=${followUpId}>${t.ask.followUp}</label>
              <textarea
                id=${followUpId}
                rows="2"
                maxlength=${QUESTION_MAX_LENGTH}
                aria-invalid=${problem ? 'true' : 'false'}
                aria-describedby=${ifDefined(problem ? `${followUpId}-error` : undefined)}
                .value=${this.followUps[saved.id] ?? ''}
                @input=${(event: Event) => (this.followUps = { ...this.followUps, [saved.id]: (event.target as HTMLTextAreaElement).value })}
              ></textarea>
              ${problem ? html`<p class="field-error" id="${followUpId}-error">${problem}</p>` : nothing}
            </div>
            <button class="button secondary" type="submit" ?disabled=${this.followUpBusy === saved.id}>
              ${this.followUpBusy === saved.id ? t.ask.submitting : t.ask.sendFollowUp}
            </button>
          </form>`
      }
      <button class="link-button" type="button" @click=${() => this.forget(saved)}>${t.ask.forget}</button>
    </li>`;
  }

  private renderMessage(message: QuestionMessage, fresh: boolean): TemplateResult {
    const { t } = this.localize;
    const member = message.librarianMember ? this.memberName(message.librarianMember) : '';
    const name = message.librarianName ?? t.ask.librarian;
    const who =
      message.author === 'patron' ? t.ask.you : message.kind === 'answer' ? t.ask.answerFrom(name, member) : t.ask.replyFrom(name, member);
    return html`<li class="message ${message.author} ${message.kind} ${fresh ? 'fresh' : ''}">
      <p class="who">
        ${who} · <time datetime=${message.at}>${this.dateTime(message.at)}</time>${
          fresh ? html` <span class="badge">${t.ask.fresh}</span>` : nothing
        }
      </p>
      <p class="body">${message.text}</p>
      ${renderLinkedRecords({
        records: message.records,
        label: t.ask.linkedRecords,
        labelId: `linked-${message.id}`,
        memberName: (id) => this.memberName(id),
        // Inside <atrium-widget> the Search tab shows the record; on its own page, the page decides.
        open: (id) => emit(this, 'atrium-record-request', { id }),
      })}
    </li>`;
  }

  private memberName(id: string): string {
    return this.directory?.memberName(id, this.localize.locale) ?? id;
  }

  private dateTime(instant: string): string {
    return new Intl.DateTimeFormat(this.localize.lang || 'en', { dateStyle: 'medium', timeStyle: 'short' }).format(Date.parse(instant));
  }
}

/** The page the patron is on, without any fragment, when it is a web address the relay accepts. */
function currentPage(): string | undefined {
  const url = new URL(location.href);
  url.hash = '';
  return (url.protocol === 'https:' || url.protocol === 'http:') && url.href.length <= 2000 ? url.href : undefined;
}
