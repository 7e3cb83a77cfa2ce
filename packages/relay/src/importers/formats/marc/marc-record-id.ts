// A MARC record's local id from its control number (001). Control numbers may hold spaces and
// slashes ("   73090924 //r82", an LCCN with its revision suffix), which record ids and URL
// paths cannot: padding is dropped and the few characters an id cannot carry are percent-encoded,
// so the same 001 always gives the same id and two different 001s never share one.

const MAX_LOCAL_ID_LENGTH = 200;
/** Whitespace, the percent sign itself, and what a URL path or query would read as structure. */
const ENCODED = /[\s%/?#\\\p{Cc}]/gu;

function percentEncode(char: string): string {
  return [...Buffer.from(char, 'utf8')].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('');
}

/** The local id for a control number, or undefined when it is empty or too long to be one. */
export function localIdFromControlNumber(controlNumber: string | undefined): string | undefined {
  const trimmed = controlNumber?.trim();
  if (!trimmed) return undefined;
  const id = trimmed.replace(ENCODED, percentEncode);
  return id.length > MAX_LOCAL_ID_LENGTH ? undefined : id;
}
