// Gives a component its translation and formatters, and re-renders it when the language
// that applies to it changes (its own `lang`, an ancestor's, or the document's).
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { formattersFor, type Formatters } from '../localize/formatters.js';
import { languageOf, resolveLocale, type LocaleId } from '../localize/resolve-locale.js';
import { loadedTranslation, loadTranslation, type Translation } from '../translations/translations.js';

type Host = ReactiveControllerHost & HTMLElement;

const connected = new Set<LocalizeController>();

// One observer for every controller: `lang` changes are rare, and any of them can change
// the language of many components (an ancestor's or the document's attribute).
let observer: MutationObserver | undefined;

function watch(target: Node): void {
  observer ??= new MutationObserver(() => {
    for (const controller of connected) controller.refresh();
  });
  observer.observe(target, { attributes: true, attributeFilter: ['lang'], subtree: true });
}

export class LocalizeController implements ReactiveController {
  private readonly host: Host;
  private tag = '';
  private currentLocale: LocaleId = 'en';
  private currentFormatters: Formatters = formattersFor('en');

  constructor(host: Host) {
    this.host = host;
    host.addController(this);
  }

  /** The translation for the language that applies to the host. */
  get t(): Translation {
    // English stands in for the moment a Chinese text chunk takes to arrive; `ready` lets a
    // component wait for it before it shows itself.
    return loadedTranslation(this.currentLocale) ?? loadedTranslation('en')!;
  }

  get f(): Formatters {
    return this.currentFormatters;
  }

  get locale(): LocaleId {
    return this.currentLocale;
  }

  /** The BCP 47 tag in effect (e.g. `zh-TW`), for `lang` attributes on rendered text. */
  get lang(): string {
    return this.tag;
  }

  hostConnected(): void {
    connected.add(this);
    watch(document.documentElement);
    // Ancestors inside shadow trees are invisible to the document observer.
    for (let root = this.host.getRootNode(); root instanceof ShadowRoot; root = root.host.getRootNode()) {
      watch(root);
    }
    this.refresh();
  }

  hostDisconnected(): void {
    connected.delete(this);
  }

  /** Re-reads the language and re-renders the host if it changed. */
  refresh(): void {
    const tag = languageOf(this.host);
    if (tag === this.tag) return;
    this.tag = tag;
    this.currentLocale = resolveLocale(tag);
    this.currentFormatters = formattersFor(tag);
    this.host.requestUpdate();
    if (!loadedTranslation(this.currentLocale)) void this.ready.catch(() => {});
  }

  /** Resolves once the texts of the host's language are here (at once for English). */
  get ready(): Promise<void> {
    const locale = this.currentLocale;
    return loadTranslation(locale).then(() => {
      if (locale === this.currentLocale) this.host.requestUpdate();
    });
  }
}
