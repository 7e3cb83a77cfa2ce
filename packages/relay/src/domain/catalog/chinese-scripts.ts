// Members write their Chinese names in one script; readers of the other script should not
// have to read it. Phrase-level conversion suits names (圖書館 -> 图书馆), unlike the
// character-by-character folding the search index needs.
import type { LocalizedName } from '@atrium/sdk';
import * as OpenCC from 'opencc-js';

const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });
const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });

/** The name with `zhHans` and `zhHant` filled from `zh` where the member gave none. */
export function withChineseScripts(name: LocalizedName): LocalizedName {
  if (!name.zh) return name;
  return { ...name, zhHans: name.zhHans ?? toSimplified(name.zh), zhHant: name.zhHant ?? toTraditional(name.zh) };
}
