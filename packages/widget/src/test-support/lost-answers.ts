// A connection that drops after the relay has acted: the relay receives each POST to a path
// and answers it, but the first few answers never reach the page, as on a phone that loses its
// network at the wrong moment.
import { relayUrl } from './test-env.js';

/**
 * The relay's address spelled another way (localhost / 127.0.0.1). The widget keeps one SDK
 * client per address, so an element given this one builds a client that uses the wrapped fetch.
 */
export function relayUrlForFreshClient(): string {
  const relay = new URL(relayUrl());
  relay.hostname = relay.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
  return relay.href.replace(/\/$/, '');
}

/**
 * Runs `work` while the answers to the first `lost` POSTs to `pathname` are lost; resolves with
 * the Idempotency-Key each such POST carried, in order.
 */
export async function withLostAnswers(pathname: string, lost: number, work: () => Promise<void>): Promise<string[]> {
  const realFetch = window.fetch;
  const keys: string[] = [];
  window.fetch = async (input, init) => {
    const response = await realFetch(input, init);
    const request = new Request(input, init);
    if (request.method === 'POST' && new URL(request.url).pathname === pathname) {
      keys.push(request.headers.get('idempotency-key') ?? '');
      if (keys.length <= lost) throw new TypeError('Failed to fetch');
    }
    return response;
  };
  try {
    await work();
  } finally {
    window.fetch = realFetch;
  }
  return keys;
}
