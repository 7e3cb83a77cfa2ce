// Addresses that come from a catalogue or a patron's page become links only when they are web
// addresses: a `javascript:` or `data:` URL from an imported record never reaches an href.

/** The address as a web (http or https) URL, or undefined for anything else. */
export function safeUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
