// The address a socket's requests come from, for per-address rate limits. Behind a reverse
// proxy every socket comes from the proxy; with trustProxy on, the proxy's X-Forwarded-For
// names the client (its first hop; the proxy must overwrite what the client sent).
import type { Socket } from 'socket.io';

export function clientAddress(handshake: Socket['handshake'], trustProxy: boolean): string {
  if (trustProxy) {
    const header = handshake.headers['x-forwarded-for'];
    const first = (Array.isArray(header) ? header[0] : header)?.split(',')[0]?.trim();
    if (first) return unmapped(first);
  }
  return unmapped(handshake.address);
}

/** An IPv4 client of a dual-stack socket shows as ::ffff:a.b.c.d; one client, one spelling. */
function unmapped(address: string): string {
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice('::ffff:'.length) : address;
}
