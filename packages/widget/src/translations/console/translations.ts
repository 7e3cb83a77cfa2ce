// The librarian console's strings by language (the patron widget's are in ../translations.ts).
import type { LocaleId } from '../../localize/resolve-locale.js';
import en, { type ConsoleTranslation } from './en.js';
import zhHans from './zh-Hans.js';
import zhHant from './zh-Hant.js';

export type { ConsoleTranslation };

export const consoleTranslations: Record<LocaleId, ConsoleTranslation> = {
  en,
  'zh-Hans': zhHans,
  'zh-Hant': zhHant,
};
