// Locale-aware formatting handed to translation functions, so numbers, plurals, dates,
// lists and language names follow the reader's language rather than the page author's.

export interface Formatters {
  number(value: number): string;
  plural(value: number): Intl.LDMLPluralRule;
  /** An ISO date (YYYY-MM-DD) as a reader of this language writes it. */
  date(isoDate: string): string;
  list(items: readonly string[]): string;
  /** The name of an ISO 639 language code, or undefined when the browser does not know it. */
  languageName(code: string): string | undefined;
}

export function createFormatters(locale: string): Formatters {
  const tag = supportedTag(locale);
  const numbers = new Intl.NumberFormat(tag);
  const plurals = new Intl.PluralRules(tag);
  const dates = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone: 'UTC' });
  const lists = new Intl.ListFormat(tag, { style: 'long', type: 'conjunction' });
  const languages = new Intl.DisplayNames(tag, { type: 'language', fallback: 'none' });
  return {
    number: (value) => numbers.format(value),
    plural: (value) => plurals.select(value),
    date(isoDate) {
      const time = Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`);
      return Number.isNaN(time) ? isoDate : dates.format(time);
    },
    list: (items) => lists.format(items),
    languageName(code) {
      try {
        return languages.of(code) ?? undefined;
      } catch {
        return undefined;
      }
    },
  };
}

function supportedTag(locale: string): string {
  try {
    return Intl.getCanonicalLocales(locale)[0] ?? 'en';
  } catch {
    return 'en';
  }
}
