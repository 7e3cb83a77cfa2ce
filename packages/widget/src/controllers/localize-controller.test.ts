import { expect } from '@esm-bundle/chai';
import { html, LitElement } from 'lit';
import { LocalizeController } from './localize-controller.js';

class LocalizedProbe extends LitElement {
  readonly localize = new LocalizeController(this);
  protected override render() {
    return html`<p>${this.localize.t.searchButton} ${this.localize.f.number(12345)}</p>`;
  }
}
customElements.define('localized-probe', LocalizedProbe);

async function settle(element: LitElement): Promise<string> {
  // Attribute changes reach the controller through a MutationObserver (a microtask), then Lit renders.
  await new Promise((resolve) => setTimeout(resolve));
  // The first time a Chinese script is needed its texts are fetched; the element shows them when they arrive.
  await (element as LocalizedProbe).localize.ready;
  await element.updateComplete;
  return element.shadowRoot!.textContent!.trim();
}

describe('LocalizeController', () => {
  afterEach(() => {
    document.body.replaceChildren();
    document.documentElement.lang = 'en';
  });

  it('follows the document, an ancestor and the element itself, and reacts to changes', async () => {
    const section = document.createElement('section');
    const probe = document.createElement('localized-probe') as LocalizedProbe;
    section.append(probe);
    document.body.append(section);
    expect(await settle(probe)).to.equal('Search 12,345');

    document.documentElement.lang = 'zh-CN';
    expect(await settle(probe)).to.equal('搜索 12,345');

    section.lang = 'zh-HK';
    expect(await settle(probe)).to.equal('搜尋 12,345');

    probe.lang = 'en-GB';
    expect(await settle(probe)).to.equal('Search 12,345');
    expect(probe.localize.locale).to.equal('en');

    probe.removeAttribute('lang');
    expect(await settle(probe)).to.equal('搜尋 12,345');
  });

  it('follows the host of the shadow root it is rendered into', async () => {
    const host = document.createElement('div');
    host.lang = 'zh-Hant';
    document.body.append(host);
    const probe = document.createElement('localized-probe') as LocalizedProbe;
    host.attachShadow({ mode: 'open' }).append(probe);
    expect(await settle(probe)).to.equal('搜尋 12,345');
    host.lang = 'zh-Hans';
    expect(await settle(probe)).to.equal('搜索 12,345');
  });
});
