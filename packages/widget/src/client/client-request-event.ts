// How a component asks the nearest enclosing provider (an <atrium-widget>) for its client.
// A provider keeps the callback and calls it again whenever its client changes.
import type { AtriumClient } from './client-registry.js';

export type ClientCallback = (client: AtriumClient, unsubscribe: () => void) => void;

export class ClientRequestEvent extends Event {
  static readonly type = 'atrium-client-request';
  readonly callback: ClientCallback;

  constructor(callback: ClientCallback) {
    // Composed so the request leaves the shadow root the requester is rendered into.
    super(ClientRequestEvent.type, { bubbles: true, composed: true });
    this.callback = callback;
  }
}

declare global {
  interface HTMLElementEventMap {
    'atrium-client-request': ClientRequestEvent;
  }
}
