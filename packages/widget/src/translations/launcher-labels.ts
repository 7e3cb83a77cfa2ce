// The launcher's name in each language. Separate from the full translations because the
// loader shows the launcher before the widget (and its translations) is downloaded.
import type { LocaleId } from '../localize/resolve-locale.js';

export const launcherLabels = {
  en: 'Search the library',
  'zh-Hans': '搜索馆藏',
  'zh-Hant': '搜尋館藏',
} satisfies Record<LocaleId, string>;

export const loadFailedLabels = {
  en: 'Could not load the library search. Try again',
  'zh-Hans': '馆藏搜索加载失败，请重试',
  'zh-Hant': '館藏搜尋載入失敗，請重試',
} satisfies Record<LocaleId, string>;
