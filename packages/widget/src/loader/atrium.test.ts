// The loader as a partner page gets it: the built files, served by the relay.
import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import { relayUrl } from '../test-support/test-env.js';
import { deepActiveElement, waitFor } from '../test-support/wait.js';

/**
 * Globals the libraries inside the bundle keep so that several copies on one page agree:
 * Lit's version lists and decorator metadata, zod's shared configuration. Nothing else may appear.
 */
const LIBRARY_GLOBALS = ['litElementVersions', 'litHtmlVersions', 'litPropertyMetadata', 'reactiveElementVersions', '__zod_globalConfig'];

const widgetRequests = () => performance.getEntriesByType('resource').filter((entry) => entry.name.endsWith('/widget/atrium-widget.js'));

describe('atrium.js loader', () => {
  it('shows a launcher at once and loads the widget only when a patron opens it', async () => {
    const globalsBefore = new Set(Object.getOwnPropertyNames(window));
    const script = document.createElement('script');
    script.type = 'module';
    script.src = `${relayUrl()}/widget/atrium.js`;
    script.dataset['member'] = 'riverside-library';
    script.dataset['lang'] = 'zh-Hant';
    script.dataset['theme'] = 'dark';
    const loaded = new Promise((resolve, reject) => {
      script.onload = resolve;
      script.onerror = () => reject(new Error(`${script.src} did not load: is the widget built (npm run build)?`));
    });
    document.body.append(script);
    await loaded;

    const host = await waitFor(() => document.querySelector('atrium-launcher'), 'the launcher');
    const launcher = host.shadowRoot!.querySelector('button')!;
    expect(launcher.textContent!.trim()).to.equal('搜尋館藏');
    expect(launcher.getAttribute('aria-expanded')).to.equal('false');
    expect(getComputedStyle(launcher.parentElement!).position).to.equal('fixed');
    expect(customElements.get('atrium-widget')).to.equal(undefined);
    expect(widgetRequests()).to.have.length(0);

    launcher.focus();
    await sendKeys({ press: 'Enter' });
    const widget = await waitFor(() => document.querySelector('atrium-widget'), 'the widget', 20000);
    const searchBox = await waitFor(
      () => (deepActiveElement() as HTMLElement | null)?.id === 'q' && deepActiveElement(),
      'focus in the search box',
    );
    expect(searchBox.getAttribute('type')).to.equal('search');
    expect(widget.getAttribute('member')).to.equal('riverside-library');
    expect(widget.getAttribute('lang')).to.equal('zh-Hant');
    expect(widget.getAttribute('theme')).to.equal('dark');
    expect(widget.hasAttribute('open')).to.equal(true);
    expect(document.querySelector('atrium-launcher')).to.equal(null);
    expect(widgetRequests()).to.have.length(1);

    await sendKeys({ press: 'Escape' });
    await waitFor(() => !widget.hasAttribute('open'), 'the panel to close');
    const widgetLauncher = widget.shadowRoot!.querySelector('[part~="launcher"]')!;
    expect(deepActiveElement()).to.equal(widgetLauncher);
    expect(widgetLauncher.textContent!.trim()).to.equal('搜尋館藏');

    const added = Object.getOwnPropertyNames(window).filter((name) => !globalsBefore.has(name));
    expect(added.filter((name) => !LIBRARY_GLOBALS.includes(name))).to.deep.equal([]);
  });
});
