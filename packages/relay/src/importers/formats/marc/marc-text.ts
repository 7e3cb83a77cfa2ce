// Cataloguers end MARC subfields with ISBD punctuation (" /", " :", ";", ",", "."), which
// belongs to the card layout, not to the value: these helpers take it off as catalogues do.
import { clean } from '../../record-builder.js';

/** Abbreviations and initials whose full stop is part of the name ("Cox, Jerome R.", "Jr."). */
const KEEPS_ITS_STOP = /(?:^|[\s.(])(?:[A-Z]|[A-Z][a-z]|Jr|Sr|Bros|Co|Corp|Inc|Ltd|St|ca|etc|al)\.$/;

/** The text without trailing ISBD punctuation; a full stop stays after an initial or abbreviation. */
export function trimPunctuation(value: string | undefined): string | undefined {
  let text = clean(value);
  if (text === undefined) return undefined;
  for (;;) {
    const before: string = text;
    text = text.replace(/\s*[/:;,=]$/, '').trimEnd();
    if (text.endsWith('.') && !text.endsWith('...') && !KEEPS_ITS_STOP.test(text)) text = text.slice(0, -1).trimEnd();
    if (text === before) break;
  }
  return text === '' ? undefined : text;
}

/** Subfield values joined by spaces, each tidied, the last without its trailing punctuation. */
export function joinSubfields(values: readonly string[]): string | undefined {
  const parts = values.map((value) => clean(value)).filter((value): value is string => value !== undefined);
  return parts.length === 0 ? undefined : trimPunctuation(parts.join(' '));
}
