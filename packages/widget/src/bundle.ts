// What /widget/atrium-widget.js defines: the widget with its Search tab. The other tabs fetch
// their code the first time a patron opens them, and only the reader's language is fetched,
// so opening the widget stays light.
import { languageOf, resolveLocale } from './localize/resolve-locale.js';
import { loadTranslation } from './translations/translations.js';

export { AtriumWidget } from './components/atrium-widget/atrium-widget.js';

/** Fetches the texts for a language tag (`zh-TW`, `zh-Hans`…) so the widget first shows in it. */
export async function preloadLanguage(tag: string): Promise<void> {
  await loadTranslation(resolveLocale(tag)).catch(() => {});
}

const services = ['atrium-widget', 'atrium-search', 'atrium-booking', 'atrium-chat', 'atrium-ask'];

// A partner page may also place a service on its own (say an inline <atrium-booking>): define
// those it has now, each in its own chunk.
const standalone: Record<string, () => Promise<unknown>> = {
  'atrium-booking': () => import('./components/atrium-booking/atrium-booking.js'),
  'atrium-chat': () => import('./components/atrium-chat/atrium-chat.js'),
  'atrium-ask': () => import('./components/atrium-ask/atrium-ask.js'),
};
for (const [tag, load] of Object.entries(standalone)) {
  if (document.querySelector(tag)) void load();
}

// The languages of the page and of the services already on it arrive before anything renders.
const tags = new Set([languageOf(document.documentElement), ...[...document.querySelectorAll(services.join(','))].map(languageOf)]);
await Promise.all([...tags].map(preloadLanguage));
