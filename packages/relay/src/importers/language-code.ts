// Source files name languages in many ways (eng, en-US, fre, ger, chi). Records carry
// ISO 639-1 codes so the language facet has one value per language. ICU's CLDR data, built
// into Node's Intl, maps ISO 639-2 (bibliographic and terminology) codes and locale tags to
// their canonical language subtag and knows which codes name a real language.

const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
const cache = new Map<string, string | undefined>();

function lookUp(code: string): string | undefined {
  let language: string;
  try {
    language = new Intl.Locale(code.replace(/_/g, '-')).language;
  } catch {
    return undefined;
  }
  if (!/^[a-z]{2}$/.test(language)) return undefined;
  return languageNames.of(language) === undefined ? undefined : language;
}

/** The ISO 639-1 code for a language code or tag, or undefined when it has none or is not a language. */
export function toIso639_1(raw: string | undefined): string | undefined {
  const code = raw?.trim();
  if (!code) return undefined;
  if (!cache.has(code) && cache.size < 1000) cache.set(code, lookUp(code));
  return cache.has(code) ? cache.get(code) : lookUp(code);
}
