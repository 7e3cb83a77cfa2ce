import { ApiError, type Availability, type Booking, type Resource, type Slot } from '@atrium/sdk';
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { localizedName, membersDirectory, type MembersDirectory } from '../../client/members-directory.js';
import { ClientController } from '../../controllers/client-controller.js';
import { LocalizeController } from '../../controllers/localize-controller.js';
import { emit } from '../../internal/emit.js';
import { checkPatron, renderPatronFields, type PatronDraft, type PatronErrors } from '../../internal/patron-fields.js';
import { problemMessage } from '../../internal/problem-message.js';
import { SubmissionKey } from '../../internal/submission-key.js';
import { baseStyles } from '../../styles/base.styles.js';
import { formStyles } from '../../styles/form.styles.js';
import styles from './atrium-booking.styles.js';
import { forgetBooking, rememberBooking, savedBookings } from './saved-bookings.js';
import { slotDays, type SlotDay } from './slot-days.js';
import { addEnglish } from '../../translations/en.js';
import { enBooking } from '../../translations/en-booking.js';
import { AnnouncerController } from '../../controllers/announcer-controller.js';

// This tab's English texts come with its code (translations/en-booking.ts).
addEnglish({ booking: enBooking });

/** A cell of the grid: a slot, or the stand-in for a day without one (so every day is reachable). */
interface Cell {
  key: string;
  slot: Slot | undefined;
}

/**
 * Book a room, a seat, an appointment, a visit or a viewing: choose what, pick a free time
 * from a week's grid, give a name and email, and get a confirmation with a calendar file and
 * a way to cancel. Bookings made here are remembered in this browser (id and token only), so
 * they can be seen and cancelled after a reload. Works on its own or inside `<atrium-widget>`.
 *
 * @summary Booking of rooms, seats, appointments and visits.
 *
 * @event atrium-booking-created - A booking was confirmed; `detail: { id, resourceId }`.
 *
 * @csspart resource - The choice of what to book.
 * @csspart slots - The grid of free times.
 * @csspart slot - Each time in the grid.
 * @csspart booking-form - The name and email form.
 * @csspart confirmation - What was booked, with the calendar link and Cancel.
 * @csspart saved-bookings - Bookings made earlier in this browser.
 * @csspart error - A message saying why booking did not work.
 *
 * @cssproperty --atrium-color-accent - Buttons and the chosen time. Default `#0b5cad`.
 * @cssproperty --atrium-color-surface - Background. Default `#ffffff`.
 * @cssproperty --atrium-color-surface-alt - Background of the times. Default `#f4f6f8`.
 * @cssproperty --atrium-color-border - Borders. Default `#c5ced8`.
 * @cssproperty --atrium-color-danger - Error messages. Default `#b42318`.
 * @cssproperty --atrium-color-success - Confirmation. Default `#1a7f37`.
 */
export class AtriumBooking extends LitElement {
  static override styles = [baseStyles, formStyles, styles];

  /** Base URL of the relay when used outside `<atrium-widget>`. */
  @property({ reflect: true }) relay = '';

  /** The member whose site this is: its resources are listed first. */
  @property({ reflect: true }) member = '';

  @state() private resources: Resource[] | undefined;
  @state() private loadError: unknown;
  @state() private directory: MembersDirectory | undefined;
  @state() private resourceId = '';
  @state() private availability: Availability | undefined;
  @state() private slotsLoading = false;
  @state() private activeKey = '';
  @state() private chosen: Slot | undefined;
  @state() private draft: PatronDraft = { name: '', email: '' };
  @state() private partySize = 1;
  @state() private fieldErrors: PatronErrors = {};
  @state() private problem = '';
  @state() private busy = false;
  /** The key the form is sent with, kept when an answer is lost so sending again creates nothing twice. */
  private readonly submission = new SubmissionKey();
  @state() private booking: Booking | undefined;
  @state() private confirmingCancel = false;
  /** Which remembered booking is asking "Cancel this booking?"; empty for the one just made. */
  @state() private askingFor = '';
  @state() private saved: Booking[] = [];
  private readonly announcer = new AnnouncerController(this);

  private readonly localize = new LocalizeController(this);
  private readonly connection = new ClientController(this);
  private loadedFor: unknown;
  private slotsAbort: AbortController | undefined;

  /** Moves focus to the choice of what to book. */
  override focus(options?: FocusOptions): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#resource, h3')?.focus(options));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.slotsAbort?.abort();
  }

  protected override willUpdate(): void {
    // Load once per client: inside a widget the client arrives after the first update.
    const client = this.connection.client;
    if (this.loadedFor === client) return;
    this.loadedFor = client;
    void this.loadResources();
    void this.loadSaved();
  }

  private get client() {
    return this.connection.client;
  }

  private async loadResources(): Promise<void> {
    const client = this.client;
    this.resources = undefined;
    this.loadError = undefined;
    try {
      const [resources, directory] = await Promise.all([client.bookings.resources(), membersDirectory(client)]);
      if (client !== this.client) return;
      this.directory = directory;
      this.resources = resources;
    } catch (error) {
      this.loadError = error;
    }
  }

  private async loadSaved(): Promise<void> {
    const client = this.client;
    const found = await Promise.all(
      savedBookings(client.baseUrl).map((entry) =>
        client.bookings.get(entry.id, entry.token).catch((error: unknown) => {
          // A booking the relay no longer knows is forgotten; a network failure keeps it for next time.
          if (error instanceof ApiError && error.status === 404) forgetBooking(client.baseUrl, entry.id);
          return undefined;
        }),
      ),
    );
    this.saved = found.filter((booking): booking is Booking => booking?.status === 'confirmed' && Date.parse(booking.end) > Date.now());
  }

  private get homeMember(): string {
    return this.member || this.client.member || '';
  }

  private get resource(): Resource | undefined {
    return this.resources?.find((resource) => resource.id === this.resourceId);
  }

  private async chooseResource(id: string): Promise<void> {
    this.resourceId = id;
    this.chosen = undefined;
    this.problem = '';
    this.availability = undefined;
    await this.loadSlots();
  }

  private async loadSlots(): Promise<void> {
    this.slotsAbort?.abort();
    const resource = this.resource;
    if (!resource) return;
    const abort = (this.slotsAbort = new AbortController());
    this.slotsLoading = true;
    try {
      const availability = await this.client.bookings.availability(resource.id, {}, { signal: abort.signal });
      if (abort.signal.aborted) return;
      this.availability = availability;
      const cells = this.cells();
      if (!cells.some((cell) => cell.key === this.activeKey)) {
        this.activeKey = (cells.find((cell) => cell.slot && cell.slot.remaining > 0) ?? cells[0])?.key ?? '';
      }
    } catch (error) {
      if (abort.signal.aborted) return;
      this.problem = problemMessage(error, this.localize.t);
    } finally {
      if (!abort.signal.aborted) this.slotsLoading = false;
    }
  }

  private days(): SlotDay[] {
    const availability = this.availability;
    return availability ? slotDays(availability.slots, availability.timezone) : [];
  }

  private cells(): Cell[] {
    return this.days().flatMap((day) => rowCells(day));
  }

  private choose(slot: Slot): void {
    if (slot.remaining <= 0) return;
    this.chosen = slot;
    this.problem = '';
    void this.announcer.announce(this.localize.t.booking.chosen(this.when(slot)));
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#booking-name')?.focus());
  }

  private onGridKeydown(event: KeyboardEvent): void {
    const rows = this.days().map((day) => rowCells(day));
    let row = rows.findIndex((cells) => cells.some((cell) => cell.key === this.activeKey));
    if (row < 0) return;
    let column = rows[row]!.findIndex((cell) => cell.key === this.activeKey);
    const last = rows.length - 1;
    switch (event.key) {
      case 'ArrowRight':
        column = Math.min(column + 1, rows[row]!.length - 1);
        break;
      case 'ArrowLeft':
        column = Math.max(column - 1, 0);
        break;
      case 'ArrowDown':
        row = Math.min(row + 1, last);
        break;
      case 'ArrowUp':
        row = Math.max(row - 1, 0);
        break;
      case 'Home':
        if (event.ctrlKey) row = 0;
        column = 0;
        break;
      case 'End':
        if (event.ctrlKey) row = last;
        column = Number.MAX_SAFE_INTEGER;
        break;
      case 'Enter':
      case ' ': {
        event.preventDefault();
        const slot = rows[row]![column]!.slot;
        if (slot) this.choose(slot);
        return;
      }
      default:
        return;
    }
    event.preventDefault();
    const cells = rows[row]!;
    const target = cells[Math.min(column, cells.length - 1)]!;
    this.activeKey = target.key;
    void this.updateComplete.then(() => this.cellElement(target.key)?.focus());
  }

  private cellElement(key: string): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`);
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const { t, f } = this.localize;
    const resource = this.resource;
    const slot = this.chosen;
    if (!resource || !slot || this.busy) return;
    this.fieldErrors = checkPatron(this.draft, t);
    const invalid = Object.keys(this.fieldErrors);
    if (invalid.length > 0) {
      this.problem = t.patron.fixErrors(invalid.length, f);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(`#booking-${invalid[0]}`)?.focus();
      return;
    }
    this.busy = true;
    this.problem = '';
    const patron = {
      name: this.draft.name.trim(),
      email: this.draft.email.trim(),
      ...(this.homeMember ? { member: this.homeMember } : {}),
    };
    try {
      const partySize = Math.min(Math.max(1, Math.trunc(this.partySize) || 1), this.largestParty(resource, slot));
      const request = { resourceId: resource.id, start: slot.start, end: slot.end, patron, partySize };
      const booking = await this.submission.send(request, (idempotencyKey) => this.client.bookings.create(request, { idempotencyKey }));
      rememberBooking(this.client.baseUrl, booking);
      this.booking = booking;
      this.chosen = undefined;
      this.confirmingCancel = false;
      emit(this, 'atrium-booking-created', { id: booking.id, resourceId: booking.resourceId });
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#confirmation-title')?.focus();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'slot_unavailable') {
        this.chosen = undefined;
        this.problem = t.booking.slotTaken;
        await this.loadSlots();
        this.cellElement(this.activeKey)?.focus();
      } else {
        this.problem = problemMessage(error, t);
      }
    } finally {
      this.busy = false;
    }
  }

  private async cancel(booking: Booking): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.problem = '';
    try {
      const cancelled = await this.client.bookings.cancel(booking.id, booking.token);
      forgetBooking(this.client.baseUrl, booking.id);
      this.saved = this.saved.filter((entry) => entry.id !== booking.id);
      if (this.booking?.id === booking.id) this.booking = cancelled;
      this.confirmingCancel = false;
      void this.announcer.announce(this.localize.t.booking.cancelled);
      if (booking.resourceId === this.resourceId) void this.loadSlots();
      // The button that had focus is gone: continue from the heading that now says what happened.
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#confirmation-title, #saved-title, #resource')?.focus();
    } catch (error) {
      this.problem = problemMessage(error, this.localize.t);
    } finally {
      this.busy = false;
    }
  }

  private async bookAnother(): Promise<void> {
    this.booking = undefined;
    this.confirmingCancel = false;
    await this.loadSlots();
    this.focus();
  }

  // ---- wording ----

  /** "Central Library, Riverside Library": the branch, and the member when it is not this site's. */
  private branchName(booking: Booking): string {
    const locale = this.localize.locale;
    const branch = this.directory?.branchName(booking.member, booking.branch, locale) ?? booking.branch;
    if (booking.member === this.homeMember) return branch;
    return `${branch}, ${this.directory?.memberName(booking.member, locale) ?? booking.member}`;
  }

  private name(resource: { name: Resource['name'] }): string {
    return localizedName(resource.name, this.localize.locale);
  }

  private time(start: string, end: string, timeZone: string): string {
    const format = new Intl.DateTimeFormat(this.localize.lang || 'en', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    return `${format.format(Date.parse(start))}–${format.format(Date.parse(end))}`;
  }

  private day(instant: string, timeZone: string): string {
    return new Intl.DateTimeFormat(this.localize.lang || 'en', { timeZone, weekday: 'long', day: 'numeric', month: 'long' }).format(
      Date.parse(instant),
    );
  }

  private when(slot: { start: string; end: string }, timeZone = this.availability?.timezone ?? 'UTC'): string {
    return this.localize.t.booking.when(this.day(slot.start, timeZone), this.time(slot.start, slot.end, timeZone));
  }

  /** The zone as readers of this language name it (香港標準時間, Hong Kong Standard Time), not its IANA id. */
  private zoneName(timeZone: string): string {
    const parts = new Intl.DateTimeFormat(this.localize.lang || 'en', { timeZone, timeZoneName: 'long' }).formatToParts(Date.now());
    return parts.find((part) => part.type === 'timeZoneName')?.value ?? timeZone;
  }

  // ---- rendering ----

  protected override render(): TemplateResult {
    return html`
      ${this.announcer.render()}
      ${this.saved.length && !this.booking ? this.renderSaved() : nothing}
      ${this.booking ? this.renderConfirmation(this.booking) : this.renderChooser()}
      <div class="problem-box" role="alert" part="error">${this.problem ? html`<p class="problem">${this.problem}</p>` : nothing}</div>
    `;
  }

  private renderChooser(): TemplateResult {
    const { t } = this.localize;
    if (this.loadError) return html`<p class="problem">${problemMessage(this.loadError, t)}</p>`;
    const resources = this.resources;
    if (!resources) return html`<p class="hint"><span class="spinner" aria-hidden="true"></span>${t.booking.loadingResources}</p>`;
    if (resources.length === 0) return html`<p class="hint">${t.booking.noResources}</p>`;
    return html`
      <div class="field" part="resource">
        <label for="resource">${t.booking.resource}</label>
        <select id="resource" @change=${(event: Event) => this.chooseResource((event.target as HTMLSelectElement).value)}>
          <option value="" ?selected=${!this.resourceId}>${t.booking.chooseResource}</option>
          ${this.groups(resources).map(
            ([member, items]) => html`<optgroup label=${this.directory?.memberName(member, this.localize.locale) ?? member}>
              ${items.map(
                (resource) =>
                  html`<option value=${resource.id} ?selected=${resource.id === this.resourceId}>
                    ${t.booking.resourceOption(t.booking.kinds[resource.kind], this.name(resource))}
                  </option>`,
              )}
            </optgroup>`,
          )}
        </select>
      </div>
      ${this.resource ? this.renderSlots(this.resource) : nothing}
      ${this.chosen ? this.renderForm(this.chosen) : nothing}
    `;
  }

  /** Resources by member, the home member first, then by kind and name. */
  private groups(resources: readonly Resource[]): [string, Resource[]][] {
    const byMember = new Map<string, Resource[]>();
    const order = [...resources].sort(
      (a, b) =>
        Number(b.member === this.homeMember) - Number(a.member === this.homeMember) ||
        a.member.localeCompare(b.member) ||
        a.kind.localeCompare(b.kind) ||
        this.name(a).localeCompare(this.name(b)),
    );
    for (const resource of order) byMember.set(resource.member, [...(byMember.get(resource.member) ?? []), resource]);
    return [...byMember];
  }

  private renderSlots(resource: Resource): TemplateResult {
    const { t, f } = this.localize;
    const availability = this.availability;
    if (!availability) {
      return html`<p class="hint"><span class="spinner" aria-hidden="true"></span>${t.booking.loadingSlots}</p>`;
    }
    const zone = availability.timezone;
    return html`
      <h3 id="slots-title" class="section-title">${t.booking.slots}</h3>
      <p class="hint">${t.booking.timezoneNote(this.zoneName(zone))}</p>
      ${resource.description ? html`<p class="hint">${localizedName(resource.description, this.localize.locale)}</p>` : nothing}
      <div
        class="grid"
        part="slots"
        role="grid"
        aria-labelledby="slots-title"
        aria-busy=${this.slotsLoading ? 'true' : 'false'}
        @keydown=${this.onGridKeydown}
      >
        ${this.days().map(
          (day) => html`<div class="day" role="row">
            <div class="day-name" role="rowheader">${this.day(day.instant, zone)}</div>
            ${rowCells(day).map((cell) => {
              const active = cell.key === this.activeKey;
              if (!cell.slot) {
                return html`<div class="slot empty" role="gridcell" data-key=${cell.key} tabindex=${active ? 0 : -1} aria-disabled="true">
                  ${t.booking.noSlots}
                </div>`;
              }
              const slot = cell.slot;
              const full = slot.remaining <= 0;
              const time = this.time(slot.start, slot.end, zone);
              const places = t.booking.placesLeft(slot.remaining, f);
              // The grid takes the keys for every cell (arrow keys, Enter, Space: onGridKeydown), as ARIA's grid pattern asks.
              // eslint-disable-next-line lit-a11y/click-events-have-key-events
              return html`<div
                class="slot ${full ? 'full' : ''}"
                part="slot"
                role="gridcell"
                data-key=${cell.key}
                tabindex=${active ? 0 : -1}
                aria-label=${t.booking.slotName(this.day(slot.start, zone), time, places)}
                aria-disabled=${full ? 'true' : 'false'}
                aria-selected=${this.chosen?.start === slot.start ? 'true' : 'false'}
                @click=${() => {
                  this.activeKey = cell.key;
                  this.choose(slot);
                }}
              >
                <span class="slot-time">${time}</span> <span class="slot-places">${places}</span>
              </div>`;
            })}
          </div>`,
        )}
      </div>
    `;
  }

  /** The most people one booking of this slot may bring: the resource's limit, and the places left when each person takes one. */
  private largestParty(resource: Resource, slot: Slot): number {
    return Math.max(1, Math.min(resource.maxPartySize, resource.placesPer === 'person' ? slot.remaining : resource.maxPartySize));
  }

  private renderPartySize(slot: Slot): TemplateResult | typeof nothing {
    const resource = this.resource;
    if (!resource || resource.maxPartySize <= 1) return nothing;
    const { t, f } = this.localize;
    const largest = this.largestParty(resource, slot);
    return html`<div class="field">
      <label for="booking-party">${t.booking.partySize}</label>
      <input
        id="booking-party"
        type="number"
        inputmode="numeric"
        min="1"
        max=${largest}
        .value=${String(this.partySize)}
        aria-describedby="booking-party-hint"
        @input=${(event: InputEvent) => (this.partySize = Number((event.target as HTMLInputElement).value))}
        @change=${(event: Event) => {
          const input = event.target as HTMLInputElement;
          this.partySize = Math.min(Math.max(1, Math.trunc(Number(input.value)) || 1), largest);
          input.value = String(this.partySize);
        }}
      />
      <p class="hint" id="booking-party-hint">${t.booking.partySizeHint(largest, f)}</p>
    </div>`;
  }

  private renderForm(slot: Slot): TemplateResult {
    const { t } = this.localize;
    return html`<form class="booking-form" part="booking-form" novalidate aria-labelledby="form-title" @submit=${this.submit}>
      <h3 class="section-title" id="form-title">${t.booking.details}</h3>
      <p class="chosen">${t.booking.chosen(this.when(slot))}</p>
      ${renderPatronFields('booking', this.draft, this.fieldErrors, t, (field, value) => {
        this.draft = { ...this.draft, [field]: value };
        if (this.fieldErrors[field]) this.fieldErrors = { ...this.fieldErrors, [field]: undefined };
      })}
      ${this.renderPartySize(slot)}
      <button class="button" type="submit" ?disabled=${this.busy}>${this.busy ? t.booking.booking : t.booking.submit}</button>
    </form>`;
  }

  private renderConfirmation(booking: Booking): TemplateResult {
    const { t } = this.localize;
    const cancelled = booking.status === 'cancelled';
    return html`<section class="confirmation" part="confirmation" aria-labelledby="confirmation-title">
      <h3 class="section-title ${cancelled ? '' : 'success'}" id="confirmation-title" tabindex="-1">
        ${cancelled ? t.booking.cancelled : t.booking.confirmed}
      </h3>
      <p class="booked">${t.booking.confirmedSummary(this.name({ name: booking.resourceName }), this.when(booking, booking.timezone))}</p>
      <p class="where">${t.booking.where(this.branchName(booking))}</p>
      ${booking.partySize > 1 ? html`<p class="party">${t.booking.partyOf(booking.partySize, this.localize.f)}</p>` : nothing}
      ${
        cancelled
          ? nothing
          : html`<p>${t.booking.sentTo(booking.patron.email)}</p>
            <p><a class="calendar" href=${this.client.bookings.calendarUrl(booking)} download="booking.ics">${t.booking.calendar}</a></p>
            ${this.renderCancel(booking)}`
      }
      <button class="button secondary" type="button" @click=${this.bookAnother}>${t.booking.bookAnother}</button>
    </section>`;
  }

  private renderCancel(booking: Booking, prefix = 'cancel'): TemplateResult {
    const { t } = this.localize;
    const asking =
      this.confirmingCancel === true && (prefix === 'cancel' ? this.booking?.id === booking.id : this.askingFor === booking.id);
    if (!asking) {
      return html`<div class="actions">
        <button class="button secondary cancel" type="button" @click=${() => this.askCancel(booking, prefix)}>${t.booking.cancel}</button>
      </div>`;
    }
    return html`<div class="actions confirm-cancel" role="group" aria-labelledby="${prefix}-question-${booking.id}">
      <p id="${prefix}-question-${booking.id}">${t.booking.cancelQuestion}</p>
      <button class="button cancel-yes" type="button" ?disabled=${this.busy} @click=${() => this.cancel(booking)}>${t.booking.cancelYes}</button>
      <button class="button secondary" type="button" @click=${this.keepBooking}>${t.booking.cancelNo}</button>
    </div>`;
  }

  private async keepBooking(): Promise<void> {
    this.confirmingCancel = false;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('button.cancel')?.focus();
  }

  private askCancel(booking: Booking, prefix: string): void {
    this.askingFor = prefix === 'cancel' ? '' : booking.id;
    this.confirmingCancel = true;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.cancel-yes')?.focus());
  }

  private renderSaved(): TemplateResult {
    const { t } = this.localize;
    return html`<section class="saved" part="saved-bookings" aria-labelledby="saved-title">
      <h3 class="section-title" id="saved-title" tabindex="-1">${t.booking.yourBookings}</h3>
      <ul>
        ${this.saved.map(
          (booking) => html`<li>
            <p>${t.booking.confirmedSummary(this.name({ name: booking.resourceName }), this.when(booking, booking.timezone))}</p>
            ${this.renderCancel(booking, 'saved')}
          </li>`,
        )}
      </ul>
    </section>`;
  }
}

function rowCells(day: SlotDay): Cell[] {
  return day.slots.length ? day.slots.map((slot) => ({ key: slot.start, slot })) : [{ key: `day:${day.date}`, slot: undefined }];
}
