// The widget's texts by language. English comes with the widget; each Chinese script is a chunk
// of its own, fetched when a page first needs it, so a reader downloads one language, not three.
import type { LocaleId } from '../localize/resolve-locale.js';
import en, { type Translation } from './en.js';

export type { Translation };

const loaded: Partial<Record<LocaleId, Translation>> = { en };

const loaders: Record<Exclude<LocaleId, 'en'>, () => Promise<{ default: Translation }>> = {
  'zh-Hans': () => import('./zh-Hans.js'),
  'zh-Hant': () => import('./zh-Hant.js'),
};

const pending = new Map<LocaleId, Promise<Translation>>();

/** The texts for a language if they have arrived; undefined while they are being fetched. */
export function loadedTranslation(locale: LocaleId): Translation | undefined {
  return loaded[locale];
}

/** Fetches a language's texts once; a failed fetch is tried again on the next call. */
export function loadTranslation(locale: LocaleId): Promise<Translation> {
  const ready = loaded[locale];
  if (ready) return Promise.resolve(ready);
  let request = pending.get(locale);
  if (!request) {
    request = loaders[locale as Exclude<LocaleId, 'en'>]().then(
      (module) => (loaded[locale] = module.default),
      (error: unknown) => {
        pending.delete(locale);
        throw error;
      },
    );
    pending.set(locale, request);
  }
  return request;
}
