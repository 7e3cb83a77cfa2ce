// Whether the open chat still reaches the relay: lost when socket.io says so, the browser goes
// offline or a request times out; back with anything the relay says. Shows "Reconnecting…".
import type { PatronChat } from '@atrium/sdk';
import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import type { ChatHost } from './chat-host.js';

/** How often the chat checks whether a lost connection is back (socket.io itself keeps retrying). */
const PROBE_INTERVAL_MS = 5000;

export class ChatConnection implements ReactiveController {
  lost = false;
  private probe: ReturnType<typeof setInterval> | undefined;
  private probing = false;

  constructor(private readonly host: ChatHost) {
    host.element.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('offline', this.onOffline);
  }

  hostDisconnected(): void {
    window.removeEventListener('offline', this.onOffline);
  }

  /** Every push about the conversation proves the connection is there. */
  attach(chat: PatronChat): (() => void)[] {
    this.back();
    const events = ['message', 'assigned', 'transferred', 'typing', 'read', 'queue', 'ended'] as const;
    return [
      ...events.map((event) => chat.on(event, () => this.heard())),
      chat.on('outbox', (entries) => {
        // "sending" is only ever set while connected; "waiting" without a retry time means offline.
        if (entries.some((entry) => entry.state === 'sending')) this.heard();
        else if (entries.some((entry) => entry.state === 'waiting' && !entry.retryAt)) this.lose();
      }),
      chat.on('connection', (state) => (state === 'reconnecting' ? this.lose() : this.heard())),
    ];
  }

  /** Stops checking (the chat closed on this page) and forgets that it was lost. */
  back(): void {
    this.lost = false;
    clearInterval(this.probe);
    this.probe = undefined;
  }

  lose(): void {
    if (this.lost) return;
    this.lost = true;
    this.probe = setInterval(() => void this.check(), PROBE_INTERVAL_MS);
    this.host.element.requestUpdate();
  }

  /** Anything from the relay proves the connection is back. */
  private heard(): void {
    if (!this.lost) return;
    this.back();
    this.host.element.requestUpdate();
  }

  private readonly onOffline = (): void => {
    const chat = this.host.chat();
    if (chat && chat.state.status !== 'ended') this.lose();
  };

  /** socket.io keeps a request made while offline and sends it on reconnecting: an answer means we are back. */
  private async check(): Promise<void> {
    const chat = this.host.chat();
    if (!chat || this.probing) return;
    this.probing = true;
    try {
      await chat.typing(false);
      if (chat === this.host.chat()) this.heard();
    } catch {
      // Still away; the next probe asks again.
    } finally {
      this.probing = false;
    }
  }

  render(): TemplateResult | typeof nothing {
    return this.lost
      ? html`<p class="connection" role="status"><span class="spinner" aria-hidden="true"></span>${this.host.localize.t.chat.reconnecting}</p>`
      : nothing;
  }
}
