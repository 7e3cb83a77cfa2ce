import { expect } from '@esm-bundle/chai';
import { languageOf, resolveLocale } from './resolve-locale.js';

describe('resolveLocale', () => {
  it('maps Simplified Chinese tags to zh-Hans', () => {
    for (const tag of ['zh', 'zh-CN', 'zh-SG', 'zh-Hans', 'zh-Hans-CN', 'ZH_cn']) {
      expect(resolveLocale(tag), tag).to.equal('zh-Hans');
    }
  });

  it('maps Traditional Chinese tags to zh-Hant', () => {
    for (const tag of ['zh-TW', 'zh-HK', 'zh-MO', 'zh-Hant', 'zh-Hant-HK', 'zh-hant']) {
      expect(resolveLocale(tag), tag).to.equal('zh-Hant');
    }
  });

  it('uses English for every other language and for nothing at all', () => {
    for (const tag of ['en', 'en-GB', 'fr', 'zha', '', undefined, null]) {
      expect(resolveLocale(tag), String(tag)).to.equal('en');
    }
  });
});

describe('languageOf', () => {
  afterEach(() => {
    document.body.replaceChildren();
    document.documentElement.lang = 'en';
  });

  it('prefers the element, then its ancestors across shadow roots, then the document', () => {
    const outer = document.createElement('div');
    outer.lang = 'zh-TW';
    const host = document.createElement('div');
    outer.append(host);
    document.body.append(outer);
    const inner = document.createElement('span');
    host.attachShadow({ mode: 'open' }).append(inner);

    expect(languageOf(inner)).to.equal('zh-TW');
    inner.lang = 'zh-CN';
    expect(languageOf(inner)).to.equal('zh-CN');
    inner.removeAttribute('lang');
    outer.removeAttribute('lang');
    document.documentElement.lang = 'fr';
    expect(languageOf(inner)).to.equal('fr');
  });
});
