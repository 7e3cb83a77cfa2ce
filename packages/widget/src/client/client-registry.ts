// One SDK client per relay and member, so every component on a page shares its connection
// settings, retries and caches instead of building its own.
import { createClient } from '@atrium/sdk';

export type AtriumClient = ReturnType<typeof createClient>;

export interface ClientSettings {
  /** Base URL of the relay; empty means the origin the widget's script was loaded from. */
  relay?: string | undefined;
  /** The member whose site embeds the widget (the patron's home library). */
  member?: string | undefined;
}

const clients = new Map<string, AtriumClient>();

/** Where the widget's own script came from: the relay that served it. */
export function defaultRelayUrl(): string {
  return new URL(import.meta.url).origin;
}

export function sharedClient(settings: ClientSettings): AtriumClient {
  const baseUrl = (settings.relay || defaultRelayUrl()).replace(/\/+$/, '');
  const member = settings.member || undefined;
  const key = `${baseUrl} ${member ?? ''}`;
  let client = clients.get(key);
  if (!client) {
    client = createClient({ baseUrl, ...(member ? { member } : {}), timeoutMs: 10_000, retries: 2 });
    clients.set(key, client);
  }
  return client;
}
