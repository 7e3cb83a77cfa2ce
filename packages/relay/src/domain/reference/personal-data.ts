// Removes personal data from a question or answer before it joins the public knowledge base:
// email addresses, phone numbers (international, North American and Chinese formats), library
// card and other long numbers, and the asking patron's name. The titles of records the answer
// links are catalogue data, not personal data: they are kept as written.

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

// Card numbers named as such, even when short: "card no. A123456", "借書證 0012345".
const CARD =
  /((?:library\s+)?card(?:\s+(?:no\.?|number|#))?|barcode|patron\s+id|借[书書][证證][号號]?|[读讀]者[证證][号號]?|卡[号號])(\s*(?:is|是|为|為)?\s*[:：#]?\s*)[A-Za-z]{0,3}\d[\d\s-]{3,}\d/giu;

const PHONES = [
  // Mainland mobile numbers: 138 0013 8000, +86 138-0013-8000.
  /(?:\+?86[\s-]?)?(?<!\d)1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?!\d)/g,
  // Chinese landlines with an area code: 010-12345678, (021) 1234 5678, （0755）12345678.
  /[(（]?0\d{2,3}[)）]?[\s-]?\d{3,4}[\s-]?\d{4}(?!\d)/g,
  // International form: +852 2345 6789, +1 (555) 123-4567, +44 20 7946 0958.
  /\+\d{1,3}[\s.-]?(?:\(?\d{1,4}\)?[\s.-]?){1,4}\d{2,4}(?!\d)/g,
  // North American and other grouped forms: (555) 123-4567, 555.123.4567, 2345 6789.
  /(?<![\d-])(?:\(\d{3}\)\s?|\d{3}[.-])\d{3}[.-]\d{4}(?!\d)/g,
];

// Any other run of eight or more digits (card numbers, ids), possibly grouped.
const LONG_NUMBER = /(?<![\d])\d(?:[\s-]?\d){7,}(?!\d)/g;

// Local numbers without an area code, as written in Hong Kong and elsewhere: 2345 6789.
const LOCAL_PHONE = /(?<![\d-]|\d\s)\d{4}[\s-]\d{4}(?![\d-]|\s\d)/g;

const FULLWIDTH = /[０-９＋]/g;

/**
 * The text without personal data. `keep` lists titles of linked records: where the text quotes
 * one, it stays whole, even when it holds the patron's name ("The Rowling Effect" for a patron
 * called Rowling) or a long number.
 */
export function scrubPersonalData(text: string, patronName?: string, keep: readonly string[] = []): string {
  const titles = [...new Set(keep.map((title) => title.trim()).filter((title) => title.length >= 2))].sort((a, b) => b.length - a.length);
  if (titles.length === 0) return scrubPart(text, patronName);
  const quoted = new RegExp(titles.map(escape).join('|'), 'giu');
  let out = '';
  let last = 0;
  for (const match of text.matchAll(quoted)) {
    out += scrubPart(text.slice(last, match.index), patronName) + match[0];
    last = match.index + match[0].length;
  }
  return out + scrubPart(text.slice(last), patronName);
}

function scrubPart(text: string, patronName: string | undefined): string {
  if (text.length === 0) return text;
  let out = text.replace(FULLWIDTH, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0));
  out = out.replace(EMAIL, '[email]');
  out = out.replace(CARD, (_match, label: string, separator: string) => `${label}${separator}[card number]`);
  out = keepingReferences(out, (rest) => {
    let scrubbed = rest;
    for (const phone of PHONES) scrubbed = scrubbed.replace(phone, '[phone]');
    return scrubbed.replace(LOCAL_PHONE, '[phone]').replace(LONG_NUMBER, '[number]');
  });
  if (patronName) out = scrubName(out, patronName);
  return out;
}

// An ISBN points at a book and a date at a day, not at a person: they stay.
const KEPT = /ISBN(?:-1[03])?:?\s*\d[\d\s-]{8,16}[\dXx]|(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)/gi;

function keepingReferences(text: string, scrub: (part: string) => string): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(KEPT)) {
    out += scrub(text.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return out + scrub(text.slice(last));
}

const HAN = /\p{Script=Han}/u;

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The full name, and each part of it long enough to be a name rather than a common word. */
function scrubName(text: string, name: string): string {
  const full = name.trim();
  if (full.length === 0) return text;
  const variants = new Set<string>([full]);
  const parts = full.split(/[\s,.·・]+/u).filter((part) => part.length > 0);
  for (const part of parts) {
    if (HAN.test(part)) {
      if (part.length >= 2) variants.add(part);
      // 王小明: the given name 小明 alone is how friends and answers often address the patron.
      if (part.length >= 3) variants.add(part.slice(1));
    } else if (part.length >= 3) variants.add(part);
  }
  const ordered = [...variants].sort((a, b) => b.length - a.length);
  let out = text;
  for (const variant of ordered) {
    const pattern = HAN.test(variant)
      ? new RegExp(escape(variant), 'gu')
      : new RegExp(`(?<![\\p{L}\\p{N}])${escape(variant)}(?![\\p{L}\\p{N}])`, 'giu');
    out = out.replace(pattern, '[name]');
  }
  return out;
}
