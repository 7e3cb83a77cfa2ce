// The Origin header of a widget's handshake, normalized like the origins a widget key allows
// (the shared `Origin` schema), so comparing is plain string equality.

/** The Origin header of a handshake, normalized like stored origins; undefined for none. */
export function normalizeOrigin(header: string | undefined): string | undefined {
  if (header === undefined || header === '') return undefined;
  try {
    const url = new URL(header);
    // "null" (sandboxed frames, file: pages) and other schemes keep their raw text and match nothing stored.
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : header;
  } catch {
    return header;
  }
}
