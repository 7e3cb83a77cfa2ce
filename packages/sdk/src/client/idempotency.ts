/** Options of a call that creates something: the key makes retries (the SDK's or yours) safe. */
export interface CreateOptions {
  signal?: AbortSignal;
  /**
   * Sent as `Idempotency-Key`. Generated when left out; pass your own to retry a create
   * yourself (after a crash or a reload) and get the first answer instead of a second booking.
   */
  idempotencyKey?: string;
}

export function newIdempotencyKey(): string {
  const crypto = globalThis.crypto;
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // Browsers offer randomUUID only on HTTPS pages; a partner page on plain HTTP still has getRandomValues.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
