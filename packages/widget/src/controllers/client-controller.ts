// Gives a component the SDK client it should use: the one of the enclosing <atrium-widget>
// when there is one, otherwise the shared client for the component's own relay and member.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { sharedClient, type AtriumClient, type ClientSettings } from '../client/client-registry.js';
import { ClientRequestEvent } from '../client/client-request-event.js';

type Host = ReactiveControllerHost & HTMLElement & ClientSettings;

export class ClientController implements ReactiveController {
  private readonly host: Host;
  private provided: AtriumClient | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(host: Host) {
    this.host = host;
    host.addController(this);
  }

  get client(): AtriumClient {
    return this.provided ?? sharedClient(this.host);
  }

  /** True when an enclosing provider decides which client this component uses. */
  get isProvided(): boolean {
    return this.provided !== undefined;
  }

  hostConnected(): void {
    this.host.dispatchEvent(
      new ClientRequestEvent((client, unsubscribe) => {
        this.unsubscribe = unsubscribe;
        if (client === this.provided) return;
        this.provided = client;
        this.host.requestUpdate();
      }),
    );
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.provided = undefined;
  }
}
