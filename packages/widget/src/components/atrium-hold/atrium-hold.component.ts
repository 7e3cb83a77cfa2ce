import type { CatalogRecord, Hold } from '@atrium/sdk';
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { membersDirectory, type MembersDirectory } from '../../client/members-directory.js';
import { ClientController } from '../../controllers/client-controller.js';
import { LocalizeController } from '../../controllers/localize-controller.js';
import { emit } from '../../internal/emit.js';
import { checkPatron, renderPatronFields, type PatronDraft, type PatronErrors } from '../../internal/patron-fields.js';
import { problemMessage } from '../../internal/problem-message.js';
import { SubmissionKey } from '../../internal/submission-key.js';
import { baseStyles } from '../../styles/base.styles.js';
import { formStyles } from '../../styles/form.styles.js';
import styles from './atrium-hold.styles.js';

/** Copies that never leave the building cannot be held. */
const NOT_LENDABLE = new Set(['reference-only', 'missing']);

/** The relay says from the owning member's lending policy; a record without that word goes by its copies. */
export function canBeHeld(record: CatalogRecord): boolean {
  return record.holdable ?? record.holdings.some((holding) => !NOT_LENDABLE.has(holding.status));
}

/**
 * "Place hold" for one catalogue record: a pickup branch of the record's member, the patron's
 * name and email, then the hold's status and its history. `<atrium-search>` shows it in a
 * record's details when a copy can be lent; it renders nothing for other records.
 *
 * @summary Placing a hold on a record, with pickup at a branch.
 *
 * @event atrium-hold-created - A hold was placed; `detail: { id, recordId }`.
 *
 * @csspart hold - The hold button, form and confirmation.
 */
export class AtriumHold extends LitElement {
  static override styles = [baseStyles, formStyles, styles];

  /** Base URL of the relay when used outside `<atrium-widget>`. */
  @property({ reflect: true }) relay = '';

  /** The member whose site this is. */
  @property({ reflect: true }) member = '';

  /** The record to hold. */
  @property({ attribute: false }) record: CatalogRecord | undefined;

  @state() private open = false;
  @state() private directory: MembersDirectory | undefined;
  @state() private branch = '';
  @state() private draft: PatronDraft = { name: '', email: '' };
  @state() private fieldErrors: PatronErrors = {};
  @state() private problem = '';
  @state() private busy = false;
  /** The key the form is sent with, kept when an answer is lost so sending again creates nothing twice. */
  private readonly submission = new SubmissionKey();
  @state() private hold: Hold | undefined;

  private readonly localize = new LocalizeController(this);
  private readonly connection = new ClientController(this);

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    const previous = changed.get('record') as CatalogRecord | undefined;
    if (previous && previous.id !== this.record?.id) {
      this.open = false;
      this.hold = undefined;
      this.problem = '';
    }
  }

  private async start(): Promise<void> {
    this.open = true;
    this.problem = '';
    try {
      this.directory ??= await membersDirectory(this.connection.client);
      this.branch ||= this.branches()[0]?.id ?? '';
    } catch (error) {
      this.problem = problemMessage(error, this.localize.t);
    }
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#hold-pickup')?.focus();
  }

  private branches() {
    const record = this.record;
    return (record && this.directory?.member(record.member)?.branches) || [];
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const record = this.record;
    const { t, f } = this.localize;
    if (!record || this.busy) return;
    this.fieldErrors = checkPatron(this.draft, t);
    const invalid = Object.keys(this.fieldErrors);
    if (invalid.length > 0) {
      this.problem = t.patron.fixErrors(invalid.length, f);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(`#hold-${invalid[0]}`)?.focus();
      return;
    }
    this.busy = true;
    this.problem = '';
    const home = this.member || this.connection.client.member;
    const patron = { name: this.draft.name.trim(), email: this.draft.email.trim(), ...(home ? { member: home } : {}) };
    try {
      const request = { recordId: record.id, pickup: { member: record.member, branch: this.branch }, patron };
      const hold = await this.submission.send(request, (idempotencyKey) =>
        this.connection.client.holds.create(request, { idempotencyKey }),
      );
      this.hold = hold;
      emit(this, 'atrium-hold-created', { id: hold.id, recordId: hold.recordId });
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#hold-title')?.focus();
    } catch (error) {
      this.problem = problemMessage(error, t);
    } finally {
      this.busy = false;
    }
  }

  protected override render(): TemplateResult | typeof nothing {
    const record = this.record;
    if (!record || !canBeHeld(record)) return nothing;
    const { t } = this.localize;
    return html`<section class="hold" part="hold" aria-labelledby="hold-title">
      ${
        this.hold
          ? this.renderHold(this.hold)
          : this.open
            ? this.renderForm()
            : html`<span id="hold-title" hidden>${t.hold.title}</span>
              <button class="button" type="button" @click=${this.start}>${t.hold.place}</button>`
      }
      <div class="problem-box" role="alert">${this.problem ? html`<p class="problem">${this.problem}</p>` : nothing}</div>
    </section>`;
  }

  private renderForm(): TemplateResult {
    const { t, locale } = this.localize;
    return html`<form novalidate @submit=${this.submit}>
      <h4 id="hold-title">${t.hold.title}</h4>
      <div class="field">
        <label for="hold-pickup">${t.hold.pickup}</label>
        <select id="hold-pickup" @change=${(event: Event) => (this.branch = (event.target as HTMLSelectElement).value)}>
          ${this.branches().map(
            (branch) =>
              html`<option value=${branch.id} ?selected=${branch.id === this.branch}>
                ${this.directory?.branchName(this.record!.member, branch.id, locale) ?? branch.id}
              </option>`,
          )}
        </select>
      </div>
      ${renderPatronFields('hold', this.draft, this.fieldErrors, t, (field, value) => {
        this.draft = { ...this.draft, [field]: value };
        if (this.fieldErrors[field]) this.fieldErrors = { ...this.fieldErrors, [field]: undefined };
      })}
      <button class="button" type="submit" ?disabled=${this.busy}>${this.busy ? t.hold.placing : t.hold.submit}</button>
    </form>`;
  }

  private renderHold(hold: Hold): TemplateResult {
    const { t, locale } = this.localize;
    const when = new Intl.DateTimeFormat(this.localize.lang || 'en', { dateStyle: 'medium', timeStyle: 'short' });
    return html`<h4 id="hold-title" tabindex="-1">${t.hold.placed}</h4>
      <p class="hold-status">${t.hold.statusLine(t.hold.statuses[hold.status])}</p>
      <p>${t.hold.pickup}: ${this.directory?.branchName(hold.pickup.member, hold.pickup.branch, locale) ?? hold.pickup.branch}</p>
      <h5>${t.hold.history}</h5>
      <ol class="history">
        ${hold.history.map(
          (step) => html`<li><time datetime=${step.at}>${when.format(Date.parse(step.at))}</time> ${t.hold.statuses[step.status]}</li>`,
        )}
      </ol>`;
  }
}
