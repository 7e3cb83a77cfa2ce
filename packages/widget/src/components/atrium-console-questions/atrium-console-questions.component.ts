import {
  ApiError,
  ConnectionError,
  TimeoutError,
  type CannedResponse,
  type Librarian,
  type QuestionMessage,
  type StaffQuestion,
  type StaffQuestionDetail,
} from '@atrium/sdk';
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { repeat } from 'lit/directives/repeat.js';
import { sharedClient, type AtriumClient } from '../../client/client-registry.js';
import { membersDirectory, type MembersDirectory } from '../../client/members-directory.js';
import { ClientController } from '../../controllers/client-controller.js';
import { baseStyles } from '../../styles/base.styles.js';
import { formStyles } from '../../styles/form.styles.js';
import { ConsoleLocalizeController } from '../atrium-console/console-localize-controller.js';
import styles from './atrium-console-questions.styles.js';
import { groupQueue, QUEUE_FILTERS, statusesOf, type QueueFilter } from './question-queue.js';
import { RecordLinks, type RecordLinksContext } from './record-links.js';
import { AnnouncerController } from '../../controllers/announcer-controller.js';
import { safeUrl } from '../../internal/safe-url.js';

/** Questions are not realtime: the queue is read again this often while the view is shown. */
const POLL_MS = 20_000;

/** A record the question is about: its title for the heading, its holders for referral. */
interface RecordInfo {
  id: string;
  title: string;
  holders: string[];
}

/**
 * The joint-reference queue for librarians: questions patrons left when nobody could chat,
 * the librarian's own member's first, then those open to the whole consortium. A question
 * shows beside its member's service policy; the librarian claims it, answers (optionally
 * publishing the answer, personal data removed, to the knowledge base, and linking catalogue
 * records the patron can open from it), follows up, refers it
 * to another member (those holding the record are suggested) or closes it. The queue is read
 * every 20 seconds and on Refresh. `<atrium-console>` hosts it; it also works alone on a page.
 *
 * @summary The question queue and answer editor, for staff.
 *
 * @csspart toolbar - The status filter and Refresh.
 * @csspart queue - The list of questions.
 * @csspart question - The selected question with its thread and actions.
 * @csspart answer-form - The answer editor.
 * @csspart record-links - "Linked records" in the answer and follow-up forms: the chosen records and the catalogue search.
 * @csspart policy - The asking member's service policy.
 * @csspart error - A message saying why an action did not work.
 *
 * @cssproperty --atrium-color-accent - Buttons and the selected question. Default `#0b5cad`.
 * @cssproperty --atrium-color-surface-alt - Background of the policy and answers. Default `#f4f6f8`.
 * @cssproperty --atrium-color-border - Borders. Default `#c5ced8`.
 * @cssproperty --atrium-color-danger - Errors. Default `#b42318`.
 */
export class AtriumConsoleQuestions extends LitElement {
  static override styles = [baseStyles, formStyles, styles];

  /** A client to use; otherwise one for `base-url`, or the relay that served the script. */
  @property({ attribute: false }) client: AtriumClient | undefined;

  /** Base URL of the relay when no `client` is given. */
  @property({ attribute: 'base-url' }) baseUrl = '';

  /** The signed-in librarian's token (from `client.auth.login`). */
  @property({ attribute: false }) token = '';

  @state() private me: Librarian | undefined;
  @state() private directory: MembersDirectory | undefined;
  @state() private canned: CannedResponse[] = [];
  @state() private filter: QueueFilter = 'open';
  @state() private questions: StaffQuestion[] | undefined;
  @state() private loading = false;
  @state() private updatedAt: Date | undefined;
  @state() private selectedId = '';
  @state() private detail: StaffQuestionDetail | undefined;
  @state() private record: RecordInfo | undefined;
  @state() private answerText = '';
  @state() private publish = false;
  @state() private followUpText = '';
  @state() private referMember = '';
  @state() private referNote = '';
  @state() private confirmingClose = false;
  @state() private busy = '';
  @state() private problem = '';
  @state() private fieldProblem: { field: 'answer' | 'follow-up' | 'refer'; message: string } | undefined;
  private readonly announcer = new AnnouncerController(this);

  private readonly localize = new ConsoleLocalizeController(this);
  private readonly connection = new ClientController(this);
  private timer: ReturnType<typeof setInterval> | undefined;
  /** Answers of an older load that arrive after a newer one began are dropped. */
  private generation = 0;
  /** New questions already seen, so only those that arrive later are announced. */
  private knownNew: Set<string> | undefined;
  private readonly recordLinksContext: RecordLinksContext = {
    client: () => this.api,
    t: () => this.localize.t.questions.links,
    f: () => this.localize.f,
    memberName: (id) => this.memberName(id),
    announce: (message) => void this.announcer.announce(message),
  };
  /** The records linked in the answer being written, and in the follow-up. */
  private readonly answerLinks = new RecordLinks(this, 'answer', this.recordLinksContext);
  private readonly followUpLinks = new RecordLinks(this, 'follow-up', this.recordLinksContext);

  /** What ClientController reads to pick a relay when no client is given. */
  get relay(): string {
    return this.baseUrl;
  }

  private get api(): AtriumClient {
    return this.client ?? (this.baseUrl ? sharedClient({ relay: this.baseUrl }) : this.connection.client);
  }

  private get auth() {
    return { token: this.token };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.timer = setInterval(() => {
      if (this.token && !this.busy) void this.refresh();
    }, POLL_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.timer);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('token') || changed.has('client') || changed.has('baseUrl')) {
      this.me = undefined;
      this.questions = undefined;
      this.knownNew = undefined;
      this.closeDetail();
      if (this.token) void this.start();
    }
  }

  private async start(): Promise<void> {
    const client = this.api;
    const token = this.token;
    try {
      const me = await client.auth.me({ token });
      if (token !== this.token) return;
      this.me = me;
    } catch (error) {
      this.problem = this.describe(error);
      return;
    }
    // Names and canned responses help but are not needed: failures stay quiet.
    void membersDirectory(client).then(
      (directory) => (this.directory = directory),
      () => undefined,
    );
    void client.cannedResponses.list({ token }).then(
      (list) => (this.canned = list.items),
      () => undefined,
    );
    await this.refresh();
  }

  /** Reads the queue again (and the open question), as the 20-second poll does. */
  async refresh(): Promise<void> {
    if (!this.me) return;
    const generation = ++this.generation;
    const statuses = statusesOf(this.filter);
    this.loading = true;
    try {
      const questions = await this.api.staff.questions.list(this.auth, statuses ? { status: statuses } : {});
      if (generation !== this.generation) return;
      this.announceArrivals(questions);
      this.questions = questions;
      this.updatedAt = new Date();
      if (this.problem && !this.busy) this.problem = '';
      if (this.selectedId) await this.loadDetail(this.selectedId);
    } catch (error) {
      if (generation === this.generation) this.problem = this.describe(error);
    } finally {
      if (generation === this.generation) this.loading = false;
    }
  }

  private announceArrivals(questions: readonly StaffQuestion[]): void {
    const fresh = questions.filter((question) => question.status === 'new');
    const known = this.knownNew;
    this.knownNew = new Set([...(known ?? []), ...fresh.map((question) => question.id)]);
    if (!known) return;
    const arrived = fresh.filter((question) => !known.has(question.id)).length;
    if (arrived > 0) void this.announcer.announce(this.localize.t.questions.arrived(arrived, this.localize.f));
  }

  private async select(id: string): Promise<void> {
    if (id !== this.selectedId) {
      this.closeDetail();
      this.selectedId = id;
    }
    await this.loadDetail(id);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#question-title')?.focus();
  }

  private closeDetail(): void {
    this.selectedId = '';
    this.detail = undefined;
    this.record = undefined;
    this.answerText = '';
    this.publish = false;
    this.followUpText = '';
    this.referMember = '';
    this.referNote = '';
    this.confirmingClose = false;
    this.fieldProblem = undefined;
    this.answerLinks.clear();
    this.followUpLinks.clear();
  }

  private async loadDetail(id: string): Promise<void> {
    try {
      const detail = await this.api.staff.questions.get(this.auth, id);
      if (this.selectedId !== id) return;
      this.detail = detail;
      const recordId = detail.context?.recordId;
      if (recordId && this.record?.id !== recordId) void this.loadRecord(recordId, detail);
    } catch (error) {
      if (this.selectedId !== id) return;
      if (error instanceof ApiError && error.status === 404) this.closeDetail();
      this.problem = this.describe(error);
    }
  }

  /** The record's title, and the members whose holdings include it: good places to refer the question. */
  private async loadRecord(id: string, detail: StaffQuestionDetail): Promise<void> {
    this.record = { id, title: id, holders: detail.holdingMembers };
    try {
      const record = await this.api.records.get(id);
      if (this.record?.id !== id) return;
      const holders = new Set([...detail.holdingMembers, ...record.holdings.map((holding) => holding.member)]);
      this.record = { id, title: record.title, holders: [...holders] };
    } catch {
      // The id stands in for the title; the relay's list of holders still guides referral.
    }
  }

  /** Runs one action on the open question; the answer replaces the question shown and the list is read again. */
  private async act(name: string, action: () => Promise<unknown>, done: string): Promise<boolean> {
    if (this.busy) return false;
    this.busy = name;
    this.problem = '';
    this.fieldProblem = undefined;
    try {
      await action();
      void this.announcer.announce(done);
      await this.refresh();
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.code === 'already_claimed') {
        this.problem = this.localize.t.questions.alreadyClaimed;
        await this.refresh();
      } else {
        this.problem = this.describe(error, name);
      }
      return false;
    } finally {
      this.busy = '';
    }
  }

  private async claim(): Promise<void> {
    const id = this.selectedId;
    const claimed = await this.act('claim', () => this.api.staff.questions.claim(this.auth, id), this.localize.t.questions.claimed);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(claimed ? '#answer-text' : '#question-problem, #question-title')?.focus();
  }

  private async answer(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const { t } = this.localize;
    const text = this.answerText.trim();
    if (!text) return this.fieldError('answer', '#answer-text');
    const publish = this.publish;
    const records = this.answerLinks.ids;
    const id = this.selectedId;
    const sent = await this.act(
      'answer',
      () => this.api.staff.questions.answer(this.auth, id, { text, publish, ...(records.length ? { records } : {}) }),
      publish ? t.questions.published : t.questions.answered,
    );
    if (sent) {
      this.answerText = '';
      this.publish = false;
      this.answerLinks.clear();
    }
  }

  private async followUp(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const text = this.followUpText.trim();
    if (!text) return this.fieldError('follow-up', '#follow-up-text');
    const records = this.followUpLinks.ids;
    const id = this.selectedId;
    const message = records.length ? { text, records } : text;
    if (
      await this.act('follow-up', () => this.api.staff.questions.followUp(this.auth, id, message), this.localize.t.questions.followUpSent)
    ) {
      this.followUpText = '';
      this.followUpLinks.clear();
    }
  }

  private async refer(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const { t } = this.localize;
    const member = this.referMember;
    if (!member) return this.fieldError('refer', '#refer-member', t.questions.chooseMemberFirst);
    const note = this.referNote.trim();
    const id = this.selectedId;
    const referred = await this.act(
      'refer',
      () => this.api.staff.questions.refer(this.auth, id, { member, ...(note ? { note } : {}) }),
      t.questions.referred(this.memberName(member)),
    );
    if (referred) {
      // The question has left this member's queue: go back to the queue.
      this.closeDetail();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#queue-title')?.focus();
    }
  }

  private async close(): Promise<void> {
    const id = this.selectedId;
    this.confirmingClose = false;
    await this.act('close', () => this.api.staff.questions.close(this.auth, id), this.localize.t.questions.closedDone);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#question-title')?.focus();
  }

  private async fieldError(
    field: 'answer' | 'follow-up' | 'refer',
    selector: string,
    message = this.localize.t.questions.textMissing,
  ): Promise<void> {
    this.fieldProblem = { field, message };
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  private insertCanned(event: Event): void {
    const select = event.target as HTMLSelectElement;
    const response = this.canned.find((candidate) => candidate.id === select.value);
    select.value = '';
    if (!response) return;
    const textarea = this.renderRoot.querySelector<HTMLTextAreaElement>('#answer-text');
    const at = textarea?.selectionStart ?? this.answerText.length;
    const end = textarea?.selectionEnd ?? at;
    this.answerText = `${this.answerText.slice(0, at)}${response.text}${this.answerText.slice(end)}`;
    void this.updateComplete.then(() => {
      textarea?.focus();
      textarea?.setSelectionRange(at + response.text.length, at + response.text.length);
    });
  }

  /** Why an action failed, in the librarian's language; `action` names the form whose records a refusal may name. */
  private describe(error: unknown, action?: string): string {
    const { t } = this.localize;
    if (error instanceof TimeoutError) return t.errors.timeout;
    if (error instanceof ConnectionError) return t.errors.connection;
    if (error instanceof ApiError) {
      if (error.status === 401) return t.questions.errors.unauthorized;
      if (error.status === 403) return t.questions.errors.forbidden;
      if (error.status === 404) return t.questions.errors.notFound;
      if (error.code === 'question_closed') return t.questions.errors.closed;
      if (error.code === 'unknown_record') {
        const links = action === 'follow-up' ? this.followUpLinks : this.answerLinks;
        const titles = links.titlesAt(error.errors.map((issue) => issue.path));
        if (titles.length > 0) return t.questions.links.unknown(this.localize.f.list(titles));
      }
      // A rule of the relay's (a wrong state, a field): its own words, in the console's frame.
      return t.questions.errors.refused(error.errors.map((issue) => `${issue.path}: ${issue.message}`).join('; ') || error.message);
    }
    return t.errors.unknown;
  }

  private memberName(id: string): string {
    return this.directory?.memberName(id, this.localize.locale) ?? id;
  }

  private time(instant: string): string {
    return new Intl.DateTimeFormat(this.localize.lang, { dateStyle: 'medium', timeStyle: 'short' }).format(Date.parse(instant));
  }

  // ---- rendering ----

  protected override render(): TemplateResult {
    const { t } = this.localize;
    return html`
      ${this.announcer.render()}
      <h2 class="heading">${t.questions.heading}</h2>
      <p class="intro">${t.questions.intro}</p>
      ${this.renderToolbar()}
      <div class="problem-box" role="alert" part="error">
        ${this.problem ? html`<p class="problem" id="question-problem" tabindex="-1">${this.problem}</p>` : nothing}
      </div>
      <div class="layout">
        ${this.renderQueue()}
        ${this.detail ? this.renderDetail(this.detail) : html`<p class="select-hint">${this.questions?.length ? t.questions.select : ''}</p>`}
      </div>
    `;
  }

  private renderToolbar(): TemplateResult {
    const { t } = this.localize;
    return html`<div class="toolbar" part="toolbar">
      <div class="field">
        <label for="status-filter">${t.questions.filter}</label>
        <select
          id="status-filter"
          @change=${(event: Event) => {
            this.filter = (event.target as HTMLSelectElement).value as QueueFilter;
            void this.refresh();
          }}
        >
          ${QUEUE_FILTERS.map((filter) => html`<option value=${filter} ?selected=${filter === this.filter}>${t.questions.filters[filter]}</option>`)}
        </select>
      </div>
      <button class="button secondary" type="button" ?disabled=${this.loading} @click=${() => this.refresh()}>
        ${this.loading ? t.questions.refreshing : t.questions.refresh}
      </button>
      ${
        this.updatedAt
          ? html`<p class="updated">${t.questions.updatedAt(new Intl.DateTimeFormat(this.localize.lang, { timeStyle: 'short' }).format(this.updatedAt))}</p>`
          : nothing
      }
    </div>`;
  }

  private renderQueue(): TemplateResult {
    const { t, f } = this.localize;
    const questions = this.questions;
    if (!questions) {
      return html`<section class="queue" part="queue" aria-labelledby="queue-title">
        <h3 id="queue-title" class="visually-hidden">${t.questions.heading}</h3>
        <p class="muted"><span class="spinner" aria-hidden="true"></span>${t.questions.loading}</p>
      </section>`;
    }
    const { own, others } = groupQueue(questions, this.me?.member ?? '');
    return html`<section class="queue" part="queue" aria-labelledby="queue-title" aria-busy=${this.loading ? 'true' : 'false'}>
      <h3 id="queue-title" tabindex="-1">${t.questions.count(questions.length, f)}</h3>
      ${questions.length === 0 ? html`<p class="muted">${t.questions.empty}</p>` : nothing}
      ${own.length ? this.renderGroup('own', t.questions.yourMember, own) : nothing}
      ${others.length ? this.renderGroup('others', t.questions.otherMembers, others) : nothing}
    </section>`;
  }

  private renderGroup(id: string, title: string, questions: readonly StaffQuestion[]): TemplateResult {
    return html`<h4 id="group-${id}" class="group-title">${title}</h4>
      <ul class="queue-list" aria-labelledby="group-${id}">
        ${repeat(
          questions,
          (question) => question.id,
          (question) => html`<li>
            <button
              class="queue-item ${question.id === this.selectedId ? 'selected' : ''}"
              type="button"
              data-id=${question.id}
              aria-current=${question.id === this.selectedId ? 'true' : 'false'}
              @click=${() => this.select(question.id)}
            >
              <span class="excerpt">${question.text}</span>
              <span class="item-meta">
                <span class="status status-${question.status}">${this.localize.t.questions.statuses[question.status]}</span>
                <span>${this.localize.t.questions.from(this.memberName(question.member))}</span>
                <span>${this.visibility(question)}</span>
              </span>
            </button>
          </li>`,
        )}
      </ul>`;
  }

  /** Where the question stands: who may claim it and since when, or who has it. */
  private visibility(question: StaffQuestion): string {
    const { t } = this.localize;
    if (question.claim) {
      return question.claim.librarianId === this.me?.id
        ? t.questions.claimedByYou
        : t.questions.claimedBy(question.claim.name, this.memberName(question.claim.member));
    }
    if (question.status !== 'new') return t.questions.askedAt(this.time(question.createdAt));
    return question.visibleTo === 'member'
      ? t.questions.newUntil(this.memberName(question.queueMember), this.time(question.openToAllAt))
      : t.questions.visibleSince(this.time(question.openToAllAt));
  }

  private renderDetail(question: StaffQuestionDetail): TemplateResult {
    const { t } = this.localize;
    const member = this.me?.member ?? undefined;
    // The claimant's member's librarians share the question: any of them may answer and follow up.
    const ours = question.claim !== undefined && question.claim.member === member;
    const mayClose = member !== undefined && [question.member, question.queueMember, question.claim?.member].includes(member);
    const pageUrl = safeUrl(question.context?.pageUrl);
    return html`<div class="detail">
      <article class="question" part="question" aria-labelledby="question-title">
        <h3 id="question-title" tabindex="-1">${t.questions.detailHeading(this.memberName(question.member))}</h3>
        <p class="question-text">${question.text}</p>
        <dl class="facts">
          <dt>${t.questions.status}</dt>
          <dd><span class="status status-${question.status}">${t.questions.statuses[question.status]}</span> · ${this.visibility(question)}</dd>
          <dt>${t.questions.patron}</dt>
          <dd>
            ${question.patron.name ?? t.questions.anonymous}
            <span class="muted">${question.patron.email ? t.questions.emailNote(question.patron.email) : t.questions.noEmail}</span>
          </dd>
          ${question.category ? html`<dt>${t.questions.category}</dt><dd>${t.questions.categories[question.category]}</dd>` : nothing}
          ${
            question.referral
              ? html`<dt>${t.questions.refer}</dt>
                <dd>${t.questions.referredBy(question.referral.by, this.memberName(question.referral.from))}${question.referral.note ? html`: ${question.referral.note}` : nothing}</dd>`
              : nothing
          }
          ${
            pageUrl
              ? html`<dt>${t.questions.page}</dt>
                <dd><a href=${pageUrl} target="_blank" rel="noopener noreferrer">${pageUrl}</a></dd>`
              : nothing
          }
          ${this.record ? html`<dt>${t.questions.record}</dt><dd>${this.record.title}</dd>` : nothing}
          <dt>${t.questions.asked}</dt>
          <dd><time datetime=${question.createdAt}>${this.time(question.createdAt)}</time></dd>
        </dl>
        ${this.renderThread(question.messages)}
        ${
          question.status === 'new'
            ? html`<button class="button" type="button" ?disabled=${this.busy === 'claim'} @click=${this.claim}>
              ${this.busy === 'claim' ? t.questions.claiming : t.questions.claim}
            </button>`
            : nothing
        }
        ${question.status === 'claimed' && ours ? this.renderAnswerForm() : nothing}
        ${question.status !== 'new' && question.status !== 'closed' && !ours ? html`<p class="muted">${t.questions.notYours}</p>` : nothing}
        ${question.status === 'answered' && ours ? this.renderFollowUpForm() : nothing}
        ${question.status === 'new' || (question.status === 'claimed' && ours) ? this.renderReferForm(question) : nothing}
        ${question.status !== 'closed' && mayClose ? this.renderClose() : nothing}
      </article>
      ${this.renderPolicy(question)}
    </div>`;
  }

  private renderThread(messages: readonly QuestionMessage[]): TemplateResult {
    const { t } = this.localize;
    return html`<h4>${t.questions.thread}</h4>
      ${
        messages.length === 0
          ? html`<p class="muted">${t.questions.noMessages}</p>`
          : html`<ol class="thread">
            ${messages.map(
              (message) => html`<li class="message ${message.author} ${message.kind}">
                <p class="who">
                  ${
                    message.author === 'patron'
                      ? t.questions.patronSaid
                      : t.questions.librarianSaid(message.librarianName ?? '', this.memberName(message.librarianMember ?? ''))
                  }
                  ${message.kind === 'answer' ? html` · <strong>${t.questions.answerMark}</strong>` : nothing} ·
                  <time datetime=${message.at}>${this.time(message.at)}</time>
                </p>
                <p class="body">${message.text}</p>
                ${
                  message.records.length
                    ? html`<ul class="message-records" aria-label=${t.questions.linkedInMessage}>
                      ${message.records.map(
                        (record) => html`<li><span class="record-title">${record.title}</span> · ${this.memberName(record.member)}</li>`,
                      )}
                    </ul>`
                    : nothing
                }
              </li>`,
            )}
          </ol>`
      }`;
  }

  private renderAnswerForm(): TemplateResult {
    const { t } = this.localize;
    const error = this.fieldProblem?.field === 'answer' ? this.fieldProblem.message : '';
    return html`<form class="answer-form" part="answer-form" novalidate @submit=${this.answer}>
      <div class="field">
        <label for="answer-text">${t.questions.answer}</label>
        <textarea
          id="answer-text"
          rows="8"
          maxlength="4000"
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby="answer-hint${error ? ' answer-error' : ''}"
          .value=${this.answerText}
          @input=${(event: Event) => (this.answerText = (event.target as HTMLTextAreaElement).value)}
        ></textarea>
        <p class="hint" id="answer-hint">${t.questions.answerHint}</p>
        ${error ? html`<p class="field-error" id="answer-error">${error}</p>` : nothing}
      </div>
      ${
        this.canned.length
          ? html`<div class="field">
            <label for="answer-canned">${t.questions.canned}</label>
            <select id="answer-canned" @change=${this.insertCanned}>
              <option value="">${t.questions.cannedNone}</option>
              ${this.canned.map((response) => html`<option value=${response.id}>${response.title}</option>`)}
            </select>
          </div>`
          : nothing
      }
      <div part="record-links">${this.answerLinks.render()}</div>
      <div class="check">
        <input
          id="answer-publish"
          type="checkbox"
          aria-describedby="publish-hint"
          .checked=${this.publish}
          @change=${(event: Event) => (this.publish = (event.target as HTMLInputElement).checked)}
        />
        <label for="answer-publish">${t.questions.publish}</label>
        <p class="hint" id="publish-hint">${t.questions.publishHint}</p>
      </div>
      <button class="button" type="submit" ?disabled=${this.busy === 'answer'}>${this.busy === 'answer' ? t.questions.sending : t.questions.send}</button>
    </form>`;
  }

  private renderFollowUpForm(): TemplateResult {
    const { t } = this.localize;
    const error = this.fieldProblem?.field === 'follow-up' ? this.fieldProblem.message : '';
    return html`<form class="follow-up-form" novalidate @submit=${this.followUp}>
      <div class="field">
        <label for="follow-up-text">${t.questions.followUp}</label>
        <textarea
          id="follow-up-text"
          rows="3"
          maxlength="4000"
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${ifDefined(error ? 'follow-up-error' : undefined)}
          .value=${this.followUpText}
          @input=${(event: Event) => (this.followUpText = (event.target as HTMLTextAreaElement).value)}
        ></textarea>
        ${error ? html`<p class="field-error" id="follow-up-error">${error}</p>` : nothing}
      </div>
      <div part="record-links">${this.followUpLinks.render()}</div>
      <button class="button secondary" type="submit" ?disabled=${this.busy === 'follow-up'}>
        ${this.busy === 'follow-up' ? t.questions.sending : t.questions.sendFollowUp}
      </button>
    </form>`;
  }

  private renderReferForm(question: StaffQuestionDetail): TemplateResult {
    const { t } = this.localize;
    const error = this.fieldProblem?.field === 'refer' ? this.fieldProblem.message : '';
    const holders = new Set(this.record?.holders ?? question.holdingMembers);
    const members = (this.directory?.members ?? []).map((member) => member.id).filter((id) => id !== question.queueMember);
    // Those holding the record first: they can look at the item itself.
    const ordered = [...members.filter((id) => holders.has(id)), ...members.filter((id) => !holders.has(id))];
    return html`<details class="refer">
      <summary>${t.questions.refer}</summary>
      <form novalidate @submit=${this.refer}>
        <div class="field">
          <label for="refer-member">${t.questions.referTo}</label>
          <select
            id="refer-member"
            aria-invalid=${error ? 'true' : 'false'}
            aria-describedby=${ifDefined(error ? 'refer-error' : undefined)}
            @change=${(event: Event) => (this.referMember = (event.target as HTMLSelectElement).value)}
          >
            <option value="" ?selected=${!this.referMember}>${t.questions.chooseMember}</option>
            ${ordered.map(
              (id) => html`<option value=${id} ?selected=${id === this.referMember}>
                ${holders.has(id) ? t.questions.holdsItem(this.memberName(id)) : this.memberName(id)}
              </option>`,
            )}
          </select>
          ${error ? html`<p class="field-error" id="refer-error">${error}</p>` : nothing}
        </div>
        <div class="field">
          <label for="refer-note">${t.questions.referNote}</label>
          <textarea
            id="refer-note"
            rows="2"
            maxlength="1000"
            .value=${this.referNote}
            @input=${(event: Event) => (this.referNote = (event.target as HTMLTextAreaElement).value)}
          ></textarea>
        </div>
        <button class="button secondary" type="submit" ?disabled=${this.busy === 'refer'}>${t.questions.referSubmit}</button>
      </form>
    </details>`;
  }

  private renderClose(): TemplateResult {
    const { t } = this.localize;
    if (!this.confirmingClose) {
      return html`<div class="actions">
        <button class="button secondary close-question" type="button" @click=${this.askClose}>${t.questions.close}</button>
      </div>`;
    }
    return html`<div class="actions confirm" role="group" aria-labelledby="close-question">
      <p id="close-question">${t.questions.closeConfirm}</p>
      <button class="button close-yes" type="button" ?disabled=${this.busy === 'close'} @click=${this.close}>${t.questions.closeYes}</button>
      <button class="button secondary" type="button" @click=${this.keepOpen}>${t.questions.cancel}</button>
    </div>`;
  }

  private async askClose(): Promise<void> {
    this.confirmingClose = true;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.close-yes')?.focus();
  }

  private async keepOpen(): Promise<void> {
    this.confirmingClose = false;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.close-question')?.focus();
  }

  private renderPolicy(question: StaffQuestionDetail): TemplateResult {
    const { t, f } = this.localize;
    const policy = question.policy;
    const name = this.memberName(question.member);
    return html`<aside class="policy" part="policy" aria-labelledby="policy-title">
      <h3 id="policy-title">${t.questions.policyHeading(name)}</h3>
      ${
        policy
          ? html`<dl>
            <dt>${t.questions.policyFields.serves}</dt>
            <dd>${policy.serves}</dd>
            <dt>${t.questions.policyFields.lending}</dt>
            <dd>${policy.lending}</dd>
            <dt>${t.questions.policyFields.hours}</dt>
            <dd>${policy.hours}</dd>
            <dt>${t.questions.policyFields.tellPatrons}</dt>
            <dd>${policy.tellPatrons}</dd>
            ${
              policy.contact
                ? html`<dt>${t.questions.policyFields.contact}</dt>
                  <dd>${[policy.contact.email, policy.contact.phone, policy.contact.url].filter(Boolean).join(' · ')}</dd>`
                : nothing
            }
            <dt>${t.questions.policyFields.wait}</dt>
            <dd>${t.questions.waitMinutes(policy.questionWaitMinutes, f)}</dd>
          </dl>`
          : html`<p class="muted">${t.questions.policyNone}</p>`
      }
    </aside>`;
  }
}
