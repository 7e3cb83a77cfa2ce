// A component's polite live region: what screen readers hear when results arrive, a booking is
// cancelled or an answer comes in, without moving focus.
import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';

export class AnnouncerController implements ReactiveController {
  private message = '';

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Says `message`; the same message twice in a row is cleared first so it is read again. */
  async announce(message: string): Promise<void> {
    if (message === this.message && message !== '') {
      this.message = '';
      this.host.requestUpdate();
      await this.host.updateComplete;
    }
    this.message = message;
    this.host.requestUpdate();
  }

  /** The live region, rendered once in the component's template. */
  render(className = 'visually-hidden'): TemplateResult {
    return html`<div class=${className} role="status" aria-live="polite" aria-atomic="true">${this.message}</div>`;
  }
}
