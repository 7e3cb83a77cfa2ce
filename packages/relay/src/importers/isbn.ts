// ISBN normalisation for imported records. Records store ISBN-13 digits without hyphens,
// so a patron searching either form of a book's ISBN finds it.

const ISBN_PREFIX = /^ISBN(?:-1[03])?:?\s*/i;

/** Strips an "ISBN" label, hyphens and spaces; returns undefined unless 10 or 13 characters remain in ISBN shape. */
function compact(raw: string): string | undefined {
  const digits = raw
    .trim()
    .replace(ISBN_PREFIX, '')
    .replace(/[\s\u2010-\u2015-]/g, '')
    .toUpperCase();
  return /^\d{9}[\dX]$/.test(digits) || /^\d{13}$/.test(digits) ? digits : undefined;
}

/** The check character of an ISBN-10 from its first nine digits. */
export function isbn10CheckDigit(first9: string): string {
  let sum = 0;
  for (let i = 0; i < 9; i += 1) sum += Number(first9[i]) * (10 - i);
  const check = (11 - (sum % 11)) % 11;
  return check === 10 ? 'X' : String(check);
}

/** The check digit of an ISBN-13 (EAN-13) from its first twelve digits. */
export function isbn13CheckDigit(first12: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i += 1) sum += Number(first12[i]) * (i % 2 === 0 ? 1 : 3);
  return String((10 - (sum % 10)) % 10);
}

function isIsbn10(digits: string): boolean {
  return digits.length === 10 && isbn10CheckDigit(digits.slice(0, 9)) === digits[9];
}

function isIsbn13(digits: string): boolean {
  return (
    digits.length === 13 && (digits.startsWith('978') || digits.startsWith('979')) && isbn13CheckDigit(digits.slice(0, 12)) === digits[12]
  );
}

/**
 * The ISBN-13 (digits only) for an ISBN-10 or ISBN-13 written with or without hyphens,
 * spaces or an "ISBN" label; undefined when the input is not an ISBN or its check digit is wrong.
 */
export function toIsbn13(raw: string): string | undefined {
  const digits = compact(raw);
  if (digits === undefined) return undefined;
  if (digits.length === 13) return isIsbn13(digits) ? digits : undefined;
  if (!isIsbn10(digits)) return undefined;
  const first12 = `978${digits.slice(0, 9)}`;
  return first12 + isbn13CheckDigit(first12);
}

/**
 * The ISBN-10 for an ISBN-10 or an ISBN-13 in the 978 range; undefined otherwise
 * (979 ISBNs have no ISBN-10 form).
 */
export function toIsbn10(raw: string): string | undefined {
  const digits = compact(raw);
  if (digits === undefined) return undefined;
  if (digits.length === 10) return isIsbn10(digits) ? digits : undefined;
  if (!isIsbn13(digits) || !digits.startsWith('978')) return undefined;
  const first9 = digits.slice(3, 12);
  return first9 + isbn10CheckDigit(first9);
}

export function isValidIsbn(raw: string): boolean {
  return toIsbn13(raw) !== undefined;
}
