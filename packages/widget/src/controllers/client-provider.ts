// Answers client requests from components rendered inside the host, so a whole widget
// talks to the relay through one client built from the host's `relay` and `member`.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { sharedClient, type AtriumClient, type ClientSettings } from '../client/client-registry.js';
import { ClientRequestEvent, type ClientCallback } from '../client/client-request-event.js';

type Host = ReactiveControllerHost & HTMLElement & ClientSettings;

export class ClientProvider implements ReactiveController {
  private readonly host: Host;
  private readonly subscribers = new Set<ClientCallback>();
  private current: AtriumClient | undefined;

  constructor(host: Host) {
    this.host = host;
    host.addController(this);
    // Listening from construction: children may connect before the host's first update.
    host.addEventListener(ClientRequestEvent.type, this.onRequest);
  }

  get client(): AtriumClient {
    this.current ??= sharedClient(this.host);
    return this.current;
  }

  hostUpdate(): void {
    const next = sharedClient(this.host);
    if (next === this.current) return;
    this.current = next;
    for (const callback of this.subscribers) callback(next, () => this.subscribers.delete(callback));
  }

  private readonly onRequest = (event: ClientRequestEvent): void => {
    if (event.composedPath()[0] === this.host) return;
    event.stopPropagation();
    const { callback } = event;
    this.subscribers.add(callback);
    callback(this.client, () => this.subscribers.delete(callback));
  };
}
