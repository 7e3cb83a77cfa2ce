// Maps any BCP 47 tag a page may carry to one of the three translations the widget ships.
// Kept free of imports: the loader uses it too and must stay tiny.

export type LocaleId = 'en' | 'zh-Hans' | 'zh-Hant';

const TRADITIONAL_REGIONS = new Set(['tw', 'hk', 'mo']);

/** `zh-CN`, `zh-SG`, `zh-Hans`, `zh` -> Simplified; `zh-TW`, `zh-HK`, `zh-MO`, `zh-Hant` -> Traditional. */
export function resolveLocale(tag: string | null | undefined): LocaleId {
  const parts = (tag ?? '').trim().toLowerCase().replace(/_/g, '-').split('-');
  if (parts[0] !== 'zh') return 'en';
  if (parts.includes('hant')) return 'zh-Hant';
  if (parts.includes('hans')) return 'zh-Hans';
  return parts.some((part) => TRADITIONAL_REGIONS.has(part)) ? 'zh-Hant' : 'zh-Hans';
}

/**
 * The language that applies to `element`: its own `lang`, else the nearest ancestor's
 * (crossing shadow roots, as the HTML language inheritance does), else the document's,
 * else the browser's.
 */
export function languageOf(element: Element): string {
  let node: Node | null = element;
  while (node) {
    if (node instanceof Element) {
      const lang = node.getAttribute('lang');
      if (lang) return lang;
    }
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return document.documentElement.lang || navigator.language || 'en';
}
