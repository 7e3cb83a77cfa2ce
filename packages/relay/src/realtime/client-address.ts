// The address a request comes from, for per-address rate limits: a Socket.IO handshake or a
// plain HTTP request. Behind a reverse proxy every request comes from the proxy; with
// trustProxy on, the proxy's X-Forwarded-For names the client (its first hop; the proxy must
// overwrite what the client sent).
import type { IncomingHttpHeaders } from 'node:http';

export interface AddressedRequest {
  headers: IncomingHttpHeaders;
  /** The peer's address; undefined once its connection is gone. */
  address: string | undefined;
}

export function clientAddress(request: AddressedRequest, trustProxy: boolean): string {
  if (trustProxy) {
    const header = request.headers['x-forwarded-for'];
    const first = (Array.isArray(header) ? header[0] : header)?.split(',')[0]?.trim();
    if (first) return unmapped(first);
  }
  return unmapped(request.address ?? 'unknown');
}

/** An IPv4 client of a dual-stack socket shows as ::ffff:a.b.c.d; one client, one spelling. */
function unmapped(address: string): string {
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice('::ffff:'.length) : address;
}
