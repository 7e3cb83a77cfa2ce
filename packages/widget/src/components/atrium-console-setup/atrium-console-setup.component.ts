import { ApiError, type Librarian, type LoginResponse } from '@atrium/sdk';
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { AtriumClient } from '../../client/client-registry.js';
import { baseStyles } from '../../styles/base.styles.js';
import { formStyles } from '../../styles/form.styles.js';
import { consoleProblem } from '../atrium-console/console-problem.js';
import { ConsoleLocalizeController } from '../atrium-console/console-localize-controller.js';
import styles from './atrium-console-setup.styles.js';

/** As the relay requires (see the relay's password policy); checked there too. */
const MIN_PASSWORD_LENGTH = 10;

/**
 * The console's first-run pages. With `link` (the token of a one-time link that
 * `atrium-relay init` or `librarian link` printed), a form where its owner chooses a password;
 * it signs them in and fires `atrium-signed-in` with the session. With `librarian` (a consortium
 * administrator, who has no desk), what to do next to set the consortium up, and Sign out.
 *
 * @summary Choosing a password through a one-time link, and the administrator's first steps.
 *
 * @fires atrium-signed-in - The password was set; `detail` is the new session (token, expiresAt, librarian).
 * @fires atrium-sign-out - The administrator pressed Sign out.
 *
 * @csspart choose-password - The form where a password is chosen.
 * @csspart next-steps - The administrator's list of next steps.
 */
export class AtriumConsoleSetup extends LitElement {
  static override styles = [baseStyles, formStyles, styles];

  @property({ attribute: false }) client: AtriumClient | undefined;

  /** The one-time link's token, from `#password-link=…` in the console's address. */
  @property({ attribute: false }) link = '';

  /** A signed-in consortium administrator. */
  @property({ attribute: false }) librarian: Librarian | undefined;

  @state() private password = '';
  @state() private again = '';
  @state() private problem = '';
  @state() private saving = false;

  private readonly localize = new ConsoleLocalizeController(this);

  protected override render(): TemplateResult {
    return this.link ? this.renderChoosePassword() : this.renderNextSteps();
  }

  private renderChoosePassword(): TemplateResult {
    const { t } = this.localize;
    const s = t.setup;
    return html`<main class="setup">
      <h1>${t.title}</h1>
      <form part="choose-password" novalidate aria-labelledby="choose-title" @submit=${this.choose}>
        <h2 id="choose-title">${s.chooseHeading}</h2>
        <p>${s.chooseIntro}</p>
        <div class="field">
          <label for="new-password">${s.newPassword}</label>
          <input
            id="new-password"
            type="password"
            autocomplete="new-password"
            aria-describedby="password-hint"
            required
            .value=${this.password}
            @input=${(event: Event) => (this.password = (event.target as HTMLInputElement).value)}
          />
          <p id="password-hint" class="hint">${s.hint(MIN_PASSWORD_LENGTH)}</p>
        </div>
        <div class="field">
          <label for="password-again">${s.again}</label>
          <input
            id="password-again"
            type="password"
            autocomplete="new-password"
            required
            .value=${this.again}
            @input=${(event: Event) => (this.again = (event.target as HTMLInputElement).value)}
          />
        </div>
        <div role="alert">${this.problem ? html`<p class="problem">${this.problem}</p>` : nothing}</div>
        <button class="button" type="submit" ?disabled=${this.saving}>${this.saving ? s.submitting : s.submit}</button>
      </form>
    </main>`;
  }

  private renderNextSteps(): TemplateResult {
    const { t } = this.localize;
    const s = t.setup;
    return html`<main class="setup">
      <h1>${t.title}</h1>
      <section part="next-steps" aria-labelledby="welcome-title">
        <h2 id="welcome-title">${s.adminHeading(this.librarian?.name ?? '')}</h2>
        <p>${s.adminIntro}</p>
        <ol>
          ${s.steps.map((step) => html`<li>${step.text}${step.command ? html` <code>${step.command}</code>` : nothing}</li>`)}
        </ol>
        <p>${s.adminDesk}</p>
        <button class="button secondary" type="button" @click=${() => this.dispatchEvent(new Event('atrium-sign-out', { bubbles: true, composed: true }))}>
          ${t.signIn.signOut}
        </button>
      </section>
    </main>`;
  }

  private async choose(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const s = this.localize.t.setup;
    if (this.saving || !this.client) return;
    if ([...this.password].length < MIN_PASSWORD_LENGTH) {
      this.problem = s.tooShort(MIN_PASSWORD_LENGTH);
      return;
    }
    if (this.password !== this.again) {
      this.problem = s.differ;
      return;
    }
    this.saving = true;
    this.problem = '';
    try {
      const session: LoginResponse = await this.client.auth.choosePassword({ link: this.link, password: this.password });
      this.password = this.again = '';
      this.dispatchEvent(new CustomEvent<LoginResponse>('atrium-signed-in', { detail: session, bubbles: true, composed: true }));
    } catch (error) {
      if (error instanceof ApiError && error.code === 'link_expired') this.problem = s.linkExpired;
      else if (error instanceof ApiError && error.code === 'invalid_password') this.problem = s.weak;
      else this.problem = consoleProblem(error, this.localize.t);
    } finally {
      this.saving = false;
    }
  }
}
