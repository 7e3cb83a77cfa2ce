import type { LocaleId } from '../localize/resolve-locale.js';
import en, { type Translation } from './en.js';
import zhHans from './zh-Hans.js';
import zhHant from './zh-Hant.js';

export type { Translation };

export const translations: Record<LocaleId, Translation> = {
  en,
  'zh-Hans': zhHans,
  'zh-Hant': zhHant,
};
