// Reads a sortable year out of a date as sources write it: "2008.0", "-720.0", "c.1785",
// "1997-05-01", "500 BC". Negative years are BCE. Undefined when no year is stated.

const PLAIN = /^\s*(-?\d{1,4})(?:\.0+)?\s*$/;
const BCE = /(?<!\d)(\d{1,4})\s*(?:BCE|BC|B\.C\.(?:E\.)?)(?![a-z])/i;
const FOUR_OR_THREE_DIGITS = /(?<!\d)(\d{3,4})(?!\d)/;

export function parseYear(text: string | number | null | undefined): number | undefined {
  if (typeof text === 'number') return Number.isInteger(text) && Math.abs(text) <= 9999 ? text : undefined;
  if (!text) return undefined;
  const plain = PLAIN.exec(text);
  if (plain) return Number(plain[1]);
  const bce = BCE.exec(text);
  if (bce) return -Number(bce[1]);
  const digits = FOUR_OR_THREE_DIGITS.exec(text);
  return digits ? Number(digits[1]) : undefined;
}

/** How a year reads as a date when the source gives only the year. */
export function yearText(year: number): string {
  return year < 0 ? `${-year} BCE` : String(year);
}
