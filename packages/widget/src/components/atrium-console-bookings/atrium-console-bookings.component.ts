import {
  ApiError,
  ConnectionError,
  HOLD_TRANSITIONS,
  type HoldStatus,
  type Member,
  type StaffBooking,
  type StaffHold,
  TimeoutError,
} from '@atrium/sdk';
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { type AtriumClient, sharedClient } from '../../client/client-registry.js';
import { localizedName, membersDirectory, type MembersDirectory } from '../../client/members-directory.js';
import { ClientController } from '../../controllers/client-controller.js';
import { baseStyles } from '../../styles/base.styles.js';
import { formStyles } from '../../styles/form.styles.js';
import { ConsoleLocalizeController } from '../atrium-console/console-localize-controller.js';
import styles from './atrium-console-bookings.styles.js';
import { clockFormat, dateTimeFormat, formatDay, todayIn } from './member-day.js';

/** The steps a hold is still moving through, in the order staff work on them. */
const OPEN_STEPS: readonly HoldStatus[] = ['submitted', 'placed', 'in_transit', 'ready_for_pickup'];
const CLOSED_STEPS: readonly HoldStatus[] = ['fulfilled', 'cancelled', 'expired', 'failed'];

type Confirmation = { action: 'cancel' | 'noShow'; booking: StaffBooking };

/**
 * The librarian's day at the desk: a branch's bookings for a day (in the library's time zone)
 * with Cancel and No-show, and its holds grouped by step with the moves each may take next.
 * It talks to the relay with the signed-in librarian's token; `<atrium-console>` hosts it in
 * its "Bookings & holds" view, and it also works alone on a page.
 *
 * @summary Bookings and holds of a branch, for staff.
 *
 * @csspart base - The whole view.
 * @csspart toolbar - The branch and day pickers with Today and Refresh.
 * @csspart bookings - The bookings table.
 * @csspart holds - The holds, grouped by step.
 *
 * @cssproperty --atrium-color-accent - Buttons and focus.
 * @cssproperty --atrium-color-danger - Errors and destructive actions.
 */
export class AtriumConsoleBookings extends LitElement {
  static override styles = [baseStyles, formStyles, styles];

  /** A client to use; otherwise one for `base-url`, or the enclosing widget's, or the relay that served the script. */
  @property({ attribute: false }) client: AtriumClient | undefined;

  /** Base URL of the relay when no `client` is given. */
  @property({ attribute: 'base-url' }) baseUrl = '';

  /** The signed-in librarian's token (from `client.auth.login`). */
  @property({ attribute: false }) token = '';

  /** The librarian's member; looked up with the token when left empty. */
  @property() member = '';

  @state() private directory: MembersDirectory | undefined;
  @state() private memberId = '';
  @state() private branch = '';
  @state() private date = '';
  @state() private bookings: StaffBooking[] | undefined;
  @state() private holds: StaffHold[] | undefined;
  @state() private loading = false;
  @state() private problem = '';
  @state() private announcement = '';
  @state() private confirming: Confirmation | undefined;
  @state() private busy = '';
  @state() private notes: Record<string, string> = {};

  private readonly localize = new ConsoleLocalizeController(this);
  private readonly connection = new ClientController(this);
  /** Answers of an older load that arrive after a newer one began are dropped. */
  private generation = 0;
  /** Where focus goes back to when a confirmation is dismissed. */
  private confirmOpener: HTMLElement | undefined;

  /** What ClientController reads to pick a relay when no client is given. */
  get relay(): string {
    return this.baseUrl;
  }

  private get api(): AtriumClient {
    return this.client ?? (this.baseUrl ? sharedClient({ relay: this.baseUrl }) : this.connection.client);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('token') || changed.has('client') || changed.has('baseUrl') || changed.has('member')) {
      this.memberId = '';
      this.bookings = undefined;
      this.holds = undefined;
      this.confirming = undefined;
      if (this.token) void this.load();
    }
  }

  /** Reloads the day's bookings and the holds (after a change elsewhere, or on Refresh). */
  async refresh(): Promise<void> {
    await this.load();
  }

  private async load(): Promise<void> {
    const generation = ++this.generation;
    const client = this.api;
    const auth = { token: this.token };
    this.loading = true;
    this.problem = '';
    try {
      if (!this.memberId) {
        const [memberId, directory] = await Promise.all([
          this.member || client.auth.me(auth).then((librarian) => librarian.member ?? ''),
          membersDirectory(client),
        ]);
        if (generation !== this.generation) return;
        this.directory = directory;
        this.memberId = memberId;
        if (this.branch && !this.memberInfo()?.branches.some((branch) => branch.id === this.branch)) this.branch = '';
      }
      this.date ||= todayIn(this.timeZone());
      const branch = this.branch || undefined;
      const [bookings, holds] = await Promise.all([
        client.bookings.list(auth, { date: this.date, ...(branch ? { branch } : {}), limit: 1000 }),
        client.holds.list(auth, { ...(branch ? { branch } : {}), limit: 500 }),
      ]);
      if (generation !== this.generation) return;
      this.bookings = bookings;
      this.holds = holds;
    } catch (error) {
      if (generation === this.generation) this.problem = this.describe(error);
    } finally {
      if (generation === this.generation) this.loading = false;
    }
  }

  private memberInfo(): Member | undefined {
    return this.directory?.member(this.memberId);
  }

  private timeZone(): string {
    return this.memberInfo()?.timezone ?? 'UTC';
  }

  private describe(error: unknown): string {
    const { t } = this.localize;
    const refusals: Record<string, string> = t.bookings.refusals;
    if (error instanceof TimeoutError) return t.errors.timeout;
    if (error instanceof ConnectionError) return t.errors.connection;
    if (error instanceof ApiError) {
      if (error.status === 401) return refusals.unauthorized!;
      if (error.status === 403) return refusals.forbidden!;
      return refusals[error.code] ?? t.errors.unknown;
    }
    return t.errors.unknown;
  }

  private branchName(member: string, branch: string): string {
    return this.directory?.branchName(member, branch, this.localize.locale) ?? branch;
  }

  private memberName(member: string): string {
    return this.directory?.memberName(member, this.localize.locale) ?? member;
  }

  private onBranch(event: Event): void {
    this.branch = (event.target as HTMLSelectElement).value;
    this.confirming = undefined;
    void this.load();
  }

  private onDate(event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    // A half-typed date reads as empty: wait for a whole one.
    if (!value || value === this.date) return;
    this.date = value;
    this.confirming = undefined;
    void this.load();
  }

  private showToday(): void {
    const today = todayIn(this.timeZone());
    this.confirming = undefined;
    if (today !== this.date) this.date = today;
    void this.load();
  }

  private async ask(action: Confirmation['action'], booking: StaffBooking, event: Event): Promise<void> {
    this.confirmOpener = event.currentTarget as HTMLElement;
    this.confirming = { action, booking };
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#confirm-yes')?.focus();
  }

  private async dismiss(): Promise<void> {
    this.confirming = undefined;
    await this.updateComplete;
    this.confirmOpener?.focus();
  }

  private async confirm(): Promise<void> {
    const confirming = this.confirming;
    if (!confirming || this.busy) return;
    const { t } = this.localize;
    const { action, booking } = confirming;
    this.busy = booking.id;
    this.problem = '';
    try {
      const auth = { token: this.token };
      if (action === 'cancel') await this.api.bookings.cancelAsStaff(auth, booking.id);
      else await this.api.bookings.markNoShow(auth, booking.id);
      this.announcement = action === 'cancel' ? t.bookings.cancelled(booking.patron.name) : t.bookings.markedNoShow(booking.patron.name);
    } catch (error) {
      this.problem = this.describe(error);
    } finally {
      this.busy = '';
      this.confirming = undefined;
    }
    await this.load();
    await this.updateComplete;
    // The row's buttons are gone once it changed; the table's heading is the next place to be.
    this.renderRoot.querySelector<HTMLElement>('#bookings-heading')?.focus();
  }

  private async move(hold: StaffHold, status: HoldStatus): Promise<void> {
    if (this.busy) return;
    const { t } = this.localize;
    const note = this.notes[hold.id]?.trim();
    this.busy = hold.id;
    this.problem = '';
    try {
      await this.api.holds.move({ token: this.token }, hold.id, { status, ...(note ? { note } : {}) });
      this.notes = { ...this.notes, [hold.id]: '' };
      this.announcement = t.bookings.moved(hold.title, t.bookings.holdStatuses[status]);
    } catch (error) {
      this.problem = this.describe(error);
    } finally {
      this.busy = '';
    }
    await this.load();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`[data-hold="${hold.id}"]`)?.focus();
  }

  protected override render(): TemplateResult {
    const { t } = this.localize;
    return html`<section class="view" part="base" aria-labelledby="heading" aria-busy=${this.loading ? 'true' : 'false'}>
      <h2 id="heading">${t.bookings.heading}</h2>
      ${this.token ? this.renderToolbar() : html`<p>${t.bookings.signInFirst}</p>`}
      <div class="problem-box" role="alert">${this.problem ? html`<p class="problem">${this.problem}</p>` : nothing}</div>
      <div class="visually-hidden" role="status">${this.announcement}</div>
      ${this.loading && !this.bookings ? html`<p><span class="spinner" aria-hidden="true"></span>${t.bookings.loading}</p>` : nothing}
      ${this.bookings ? this.renderBookings(this.bookings) : nothing} ${this.holds ? this.renderHolds(this.holds) : nothing}
    </section>`;
  }

  private renderToolbar(): TemplateResult {
    const { t, locale } = this.localize;
    const member = this.memberInfo();
    return html`<div class="toolbar" part="toolbar">
        <div class="field">
          <label for="branch">${t.bookings.branch}</label>
          <select id="branch" @change=${this.onBranch} ?disabled=${!member}>
            <option value="" ?selected=${this.branch === ''}>${t.bookings.allBranches}</option>
            ${(member?.branches ?? []).map(
              (branch) =>
                html`<option value=${branch.id} ?selected=${branch.id === this.branch}>${localizedName(branch.name, locale)}</option>`,
            )}
          </select>
        </div>
        <div class="field">
          <label for="date">${t.bookings.date}</label>
          <input id="date" type="date" .value=${this.date} @change=${this.onDate} ?disabled=${!member} />
        </div>
        <div class="actions">
          <button class="button secondary" type="button" @click=${this.showToday} ?disabled=${!member}>${t.bookings.today}</button>
          <button class="button secondary" type="button" @click=${() => this.load()} ?disabled=${this.loading}>
            ${this.loading ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${t.bookings.refresh}
          </button>
        </div>
      </div>
      ${member ? html`<p class="zone">${t.bookings.timezone(member.timezone)}</p>` : nothing}`;
  }

  private renderBookings(bookings: StaffBooking[]): TemplateResult {
    const { t, lang, locale } = this.localize;
    const clock = clockFormat(lang, this.timeZone());
    const now = Date.now();
    const time = (booking: StaffBooking) =>
      t.bookings.timeRange(clock.format(Date.parse(booking.start)), clock.format(Date.parse(booking.end)));
    return html`<section class="bookings" part="bookings" aria-labelledby="bookings-heading">
      <h3 id="bookings-heading" tabindex="-1">${t.bookings.bookingsHeading(formatDay(this.date, lang))}</h3>
      ${
        bookings.length === 0
          ? html`<p class="empty">${t.bookings.noBookings}</p>`
          : html`<div class="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">${t.bookings.columns.time}</th>
                  <th scope="col">${t.bookings.columns.resource}</th>
                  <th scope="col">${t.bookings.columns.patron}</th>
                  <th scope="col">${t.bookings.columns.party}</th>
                  <th scope="col">${t.bookings.columns.status}</th>
                  <th scope="col">${t.bookings.columns.actions}</th>
                </tr>
              </thead>
              <tbody>
                ${bookings.map((booking) => {
                  const when = time(booking);
                  const open = booking.status === 'confirmed';
                  const canCancel = open && Date.parse(booking.end) > now;
                  const canNoShow = open && Date.parse(booking.start) <= now;
                  return html`<tr data-booking=${booking.id} class=${booking.status}>
                    <td><time datetime=${booking.start}>${when}</time></td>
                    <td>
                      ${localizedName(booking.resourceName, locale)}
                      ${this.branch ? nothing : html`<span class="muted">· ${this.branchName(booking.member, booking.branch)}</span>`}
                    </td>
                    <th scope="row">${booking.patron.name}<span class="muted email">${booking.patron.email}</span></th>
                    <td>${this.localize.f.number(booking.partySize)}</td>
                    <td><span class="status status-${booking.status}">${t.bookings.statuses[booking.status]}</span></td>
                    <td class="row-actions">
                      ${
                        canCancel
                          ? html`<button
                            class="button secondary danger"
                            type="button"
                            data-action="cancel"
                            aria-label=${t.bookings.cancelFor(booking.patron.name, when)}
                            ?disabled=${this.busy !== ''}
                            @click=${(event: Event) => this.ask('cancel', booking, event)}
                          >
                            ${t.bookings.cancel}
                          </button>`
                          : nothing
                      }
                      ${
                        canNoShow
                          ? html`<button
                            class="button secondary"
                            type="button"
                            data-action="no-show"
                            aria-label=${t.bookings.noShowFor(booking.patron.name, when)}
                            ?disabled=${this.busy !== ''}
                            @click=${(event: Event) => this.ask('noShow', booking, event)}
                          >
                            ${t.bookings.noShow}
                          </button>`
                          : nothing
                      }
                    </td>
                  </tr>`;
                })}
              </tbody>
            </table>
          </div>`
      }
      ${this.confirming ? this.renderConfirmation(this.confirming, time(this.confirming.booking)) : nothing}
    </section>`;
  }

  private renderConfirmation({ action, booking }: Confirmation, when: string): TemplateResult {
    const { t, locale } = this.localize;
    const resource = localizedName(booking.resourceName, locale);
    const question =
      action === 'cancel'
        ? t.bookings.confirmCancel(booking.patron.name, resource, when)
        : t.bookings.confirmNoShow(booking.patron.name, resource, when);
    return html`<div class="confirm" role="group" aria-labelledby="confirm-question" @keydown=${this.onConfirmKey}>
      <p id="confirm-question">${question}</p>
      <div class="actions">
        <button id="confirm-yes" class="button danger" type="button" ?disabled=${this.busy !== ''} @click=${this.confirm}>
          ${action === 'cancel' ? t.bookings.cancelYes : t.bookings.noShowYes}
        </button>
        <button class="button secondary" type="button" @click=${this.dismiss}>${t.bookings.keep}</button>
      </div>
    </div>`;
  }

  private onConfirmKey(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.stopPropagation();
      void this.dismiss();
    }
  }

  private renderHolds(holds: StaffHold[]): TemplateResult {
    const { t, f } = this.localize;
    const byStep = (steps: readonly HoldStatus[]) =>
      steps.map((status) => [status, holds.filter((hold) => hold.status === status)] as const);
    const open = byStep(OPEN_STEPS).filter(([, items]) => items.length > 0);
    const closed = byStep(CLOSED_STEPS).filter(([, items]) => items.length > 0);
    const closedCount = closed.reduce((sum, [, items]) => sum + items.length, 0);
    return html`<section class="holds" part="holds" aria-labelledby="holds-heading">
      <h3 id="holds-heading">${t.bookings.holdsHeading}</h3>
      ${holds.length === 0 ? html`<p class="empty">${t.bookings.noHolds}</p>` : nothing}
      ${open.map(([status, items]) => this.renderHoldGroup(status, items))}
      ${
        closedCount > 0
          ? html`<details class="closed">
            <summary>${t.bookings.closedHolds(closedCount, f)}</summary>
            ${closed.map(([status, items]) => this.renderHoldGroup(status, items))}
          </details>`
          : nothing
      }
    </section>`;
  }

  private renderHoldGroup(status: HoldStatus, holds: readonly StaffHold[]): TemplateResult {
    const { t, f } = this.localize;
    return html`<section class="hold-group" aria-labelledby="group-${status}">
      <h4 id="group-${status}">${t.bookings.holdGroup(t.bookings.holdStatuses[status], holds.length, f)}</h4>
      <ul class="hold-list">
        ${holds.map((hold) => this.renderHold(hold))}
      </ul>
    </section>`;
  }

  private renderHold(hold: StaffHold): TemplateResult {
    const { t, lang } = this.localize;
    const when = dateTimeFormat(lang, this.timeZone());
    const next = HOLD_TRANSITIONS[hold.status];
    const noteId = `note-${hold.id}`;
    return html`<li class="hold" data-hold=${hold.id} tabindex="-1" aria-labelledby="title-${hold.id}">
      <p class="hold-title" id="title-${hold.id}">${hold.title}</p>
      <p class="muted">
        ${hold.patron.name} · ${hold.patron.email}<br />
        ${t.bookings.pickup(`${this.branchName(hold.pickup.member, hold.pickup.branch)} (${this.memberName(hold.pickup.member)})`)}
        ${hold.member !== this.memberId ? html`· ${t.bookings.owner(this.memberName(hold.member))}` : nothing}<br />
        ${t.bookings.updated(when.format(Date.parse(hold.updatedAt)))}
      </p>
      <details>
        <summary>${t.bookings.history}</summary>
        <ol class="history">
          ${hold.history.map(
            (step) =>
              html`<li>
                <time datetime=${step.at}>${when.format(Date.parse(step.at))}</time> ${t.bookings.holdStatuses[step.status]}${
                  step.note ? html` — <q>${step.note}</q>` : nothing
                }
              </li>`,
          )}
        </ol>
      </details>
      ${
        next.length > 0
          ? html`<div class="field note">
              <label for=${noteId}>${t.bookings.note}</label>
              <input
                id=${noteId}
                type="text"
                maxlength="500"
                .value=${this.notes[hold.id] ?? ''}
                @input=${(event: Event) => (this.notes = { ...this.notes, [hold.id]: (event.target as HTMLInputElement).value })}
              />
            </div>
            <div class="actions">
              ${next.map(
                (status) =>
                  html`<button
                    class="button ${status === 'cancelled' || status === 'failed' || status === 'expired' ? 'secondary danger' : 'secondary'}"
                    type="button"
                    data-move=${status}
                    aria-label=${t.bookings.moveFor(t.bookings.moveTo[status], hold.title)}
                    ?disabled=${this.busy !== ''}
                    @click=${() => this.move(hold, status)}
                  >
                    ${t.bookings.moveTo[status]}
                  </button>`,
              )}
            </div>`
          : nothing
      }
    </li>`;
  }
}
