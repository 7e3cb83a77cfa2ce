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

const byTag = new Map<string, Formatters>();

/**
 * The formatters for a language, shared by every component that reads it. Each Intl object is made
 * on first use: building one loads the browser's locale data, which on a slow phone costs tens of
 * milliseconds, and most panels never show a list or a language name.
 */
export function formattersFor(locale: string): Formatters {
  const tag = supportedTag(locale);
  let formatters = byTag.get(tag);
  if (!formatters) {
    formatters = buildFormatters(tag);
    byTag.set(tag, formatters);
  }
  return formatters;
}

function lazy<T>(make: () => T): () => T {
  let made: T | undefined;
  return () => (made ??= make());
}

function buildFormatters(tag: string): Formatters {
  const numbers = lazy(() => new Intl.NumberFormat(tag));
  const plurals = lazy(() => new Intl.PluralRules(tag));
  const dates = lazy(() => new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone: 'UTC' }));
  const lists = lazy(() => new Intl.ListFormat(tag, { style: 'long', type: 'conjunction' }));
  const languages = lazy(() => new Intl.DisplayNames(tag, { type: 'language', fallback: 'none' }));
  return {
    number: (value) => numbers().format(value),
    plural: (value) => plurals().select(value),
    date(isoDate) {
      const time = Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`);
      return Number.isNaN(time) ? isoDate : dates().format(time);
    },
    list: (items) => lists().format(items),
    languageName(code) {
      try {
        return languages().of(code) ?? undefined;
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
