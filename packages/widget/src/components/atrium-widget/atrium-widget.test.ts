import { expect } from '@esm-bundle/chai';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { axeViolations } from '../../test-support/axe-check.js';
import { closedRelayUrl, relayUrl } from '../../test-support/test-env.js';
import { deepActiveElement, waitFor } from '../../test-support/wait.js';
import './atrium-widget.js';
import type { AtriumWidget } from './atrium-widget.component.js';
import { mountService } from '../../test-support/mount.js';

const mount = (attributes: Record<string, string> = {}): Promise<AtriumWidget> =>
  mountService('atrium-widget', { relay: closedRelayUrl(), ...attributes });

const part = (widget: AtriumWidget, name: string) => widget.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`)!;
const searchOf = (widget: AtriumWidget) => widget.shadowRoot!.querySelector('atrium-search')!;
const panelShown = (widget: AtriumWidget) => part(widget, 'panel').checkVisibility();

describe('<atrium-widget>', () => {
  afterEach(async () => {
    document.body.replaceChildren();
    await setViewport({ width: 1280, height: 800 });
  });

  it('shows a labelled launcher and a closed panel', async () => {
    const widget = await mount();
    const launcher = part(widget, 'launcher');
    expect(launcher.tagName).to.equal('BUTTON');
    expect(launcher.textContent!.trim()).to.equal('Search the library');
    expect(launcher.getAttribute('aria-expanded')).to.equal('false');
    expect(launcher.getAttribute('aria-controls')).to.equal('panel');
    expect(panelShown(widget)).to.equal(false);
  });

  it('follows the ARIA tabs pattern', async () => {
    const widget = await mount({ open: '' });
    const tablist = widget.shadowRoot!.querySelector('[role="tablist"]')!;
    expect(tablist.getAttribute('aria-label')).to.equal('Library services');
    const tabs = [...tablist.querySelectorAll('[role="tab"]')];
    expect(tabs.map((tab) => tab.textContent!.trim())).to.deep.equal(['Search', 'Book', 'Chat', 'Ask']);
    const tab = tabs[0]!;
    expect(tab.getAttribute('aria-selected')).to.equal('true');
    expect(tab.getAttribute('tabindex')).to.equal('0');
    const tabpanel = widget.shadowRoot!.getElementById(tab.getAttribute('aria-controls')!)!;
    expect(tabpanel.getAttribute('role')).to.equal('tabpanel');
    expect(tabpanel.getAttribute('aria-labelledby')).to.equal(tab.id);
    expect(tabpanel.checkVisibility()).to.equal(true);
    expect(tabpanel.querySelector('atrium-search')).to.exist;
    const panel = part(widget, 'panel');
    expect(panel.localName).to.equal('dialog');
    expect(widget.shadowRoot!.getElementById(panel.getAttribute('aria-labelledby')!)!.textContent).to.equal('Library services');
  });

  it('opens from the keyboard, moves focus to the search box, and Escape closes it back to the launcher', async () => {
    const widget = await mount();
    const events: string[] = [];
    widget.addEventListener('atrium-open', (event) => events.push(`${event.type}:${event.bubbles && event.composed}`));
    widget.addEventListener('atrium-close', (event) => events.push(`${event.type}:${event.bubbles && event.composed}`));

    part(widget, 'launcher').focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => panelShown(widget), 'the panel to open');
    expect(widget.hasAttribute('open')).to.equal(true);
    expect(part(widget, 'launcher').getAttribute('aria-expanded')).to.equal('true');
    const searchBox = await waitFor(
      () => (deepActiveElement() as HTMLInputElement | null)?.type === 'search' && deepActiveElement(),
      'focus in the search box',
    );
    expect(searchBox.getAttribute('id')).to.equal('q');

    await sendKeys({ press: 'Escape' });
    await waitFor(() => !panelShown(widget), 'the panel to close');
    expect(widget.hasAttribute('open')).to.equal(false);
    expect(deepActiveElement()).to.equal(part(widget, 'launcher'));
    expect(events).to.deep.equal(['atrium-open:true', 'atrium-close:true']);
  });

  it('lets Escape clear typed text before it closes the panel', async () => {
    const widget = await mount();
    await widget.open();
    await sendKeys({ type: 'poems' });
    await sendKeys({ press: 'Escape' });
    expect(panelShown(widget)).to.equal(true);
    await sendKeys({ press: 'Escape' });
    await waitFor(() => !panelShown(widget), 'the panel to close');
    expect(deepActiveElement()).to.equal(part(widget, 'launcher'));
  });

  it('does not take focus from the page when opened by the open attribute', async () => {
    const pageButton = document.createElement('button');
    pageButton.textContent = 'Page control';
    document.body.append(pageButton);
    pageButton.focus();
    const widget = await mount({ open: '' });
    expect(panelShown(widget)).to.equal(true);
    expect(deepActiveElement()).to.equal(pageButton);
  });

  it('closes with its close button and with close(), returning focus to the launcher', async () => {
    const widget = await mount();
    await widget.open();
    part(widget, 'close-button').focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => !panelShown(widget), 'the panel to close');
    expect(deepActiveElement()).to.equal(part(widget, 'launcher'));

    await widget.open();
    await widget.close();
    expect(panelShown(widget)).to.equal(false);
    expect(deepActiveElement()).to.equal(part(widget, 'launcher'));
  });

  it('sits in the page, always open and without a launcher, when placed inline', async () => {
    const widget = await mount({ placement: 'inline' });
    expect(widget.shadowRoot!.querySelector('[part~="launcher"]')).to.equal(null);
    expect(widget.shadowRoot!.querySelector('[part~="close-button"]')).to.equal(null);
    const panel = part(widget, 'panel');
    expect(panel.checkVisibility()).to.equal(true);
    expect(panel.getAttribute('role')).to.equal('region');
    expect(getComputedStyle(panel).position).to.equal('static');
  });

  it('fills a 360 px phone screen and a 200% zoomed one, and fits a desktop corner', async () => {
    await setViewport({ width: 360, height: 740 });
    const widget = await mount();
    await widget.open();
    let box = part(widget, 'panel').getBoundingClientRect();
    expect([box.left, box.top, box.width, box.height]).to.deep.equal([0, 0, 360, 740]);
    // Full screen means modal: the page behind, including the launcher, cannot take focus.
    expect(part(widget, 'panel').matches(':modal')).to.equal(true);
    part(widget, 'launcher').focus();
    expect(deepActiveElement()).to.not.equal(part(widget, 'launcher'));
    await sendKeys({ press: 'Escape' });
    await waitFor(() => !panelShown(widget), 'the panel to close');
    expect(deepActiveElement()).to.equal(part(widget, 'launcher'));
    await widget.open();

    // A 1280×800 screen at 200% zoom leaves 640×400 CSS pixels: too short for a floating panel.
    await setViewport({ width: 640, height: 400 });
    box = part(widget, 'panel').getBoundingClientRect();
    expect([box.left, box.top, box.width, box.height]).to.deep.equal([0, 0, 640, 400]);

    await setViewport({ width: 1280, height: 800 });
    await waitFor(() => !part(widget, 'panel').matches(':modal'), 'a non-modal panel on a wide screen');
    box = part(widget, 'panel').getBoundingClientRect();
    expect(box.width).to.be.within(300, 460);
    expect(box.right).to.be.below(1280);
    expect(box.bottom).to.be.below(800);
    expect(box.top).to.be.above(0);
  });

  it('shows Traditional Chinese interface text with lang="zh-Hant" and switches when lang changes', async () => {
    const widget = await mount({ lang: 'zh-Hant' });
    await widget.open();
    const search = searchOf(widget);
    await search.updateComplete;
    expect(part(widget, 'launcher').textContent!.trim()).to.equal('搜尋館藏');
    expect(widget.shadowRoot!.querySelector('[role="tab"]')!.textContent!.trim()).to.equal('搜尋');
    expect(part(widget, 'close-button').getAttribute('aria-label')).to.equal('關閉');
    expect(search.shadowRoot!.querySelector('label[for="q"]')!.textContent).to.equal('檢索全部館藏');
    expect(search.shadowRoot!.querySelector('button[type="submit"]')!.textContent).to.equal('搜尋');

    widget.setAttribute('lang', 'zh-CN');
    await waitFor(() => search.shadowRoot!.querySelector('button[type="submit"]')!.textContent === '搜索', 'Simplified text');
    expect(part(widget, 'launcher').textContent!.trim()).to.equal('搜索馆藏');
  });

  it('search(q) opens the panel and reports the search with the total found', async () => {
    const widget = await mount({ relay: relayUrl() });
    const detail = new Promise<{ query: string; total: number }>((resolve) =>
      widget.addEventListener('atrium-search', (event) => resolve(event.detail), { once: true }),
    );
    await widget.search('harry potter');
    expect(panelShown(widget)).to.equal(true);
    const { query, total } = await detail;
    expect(query).to.equal('harry potter');
    expect(total).to.be.greaterThan(0);
  });

  it('has no axe violations when open with results, on a desktop and on a phone', async () => {
    const widget = await mount({ relay: relayUrl() });
    await widget.search('harry potter');
    const search = searchOf(widget);
    await waitFor(() => search.shadowRoot!.querySelectorAll('.result').length > 0, 'results');
    // Filters are collapsed in the narrow panel; open them so their markup is judged too.
    search.shadowRoot!.querySelector<HTMLButtonElement>('.filters-toggle')!.click();
    await search.updateComplete;

    const check = async () => {
      expect(await axeViolations(widget)).to.deep.equal([]);
    };
    await check();
    await setViewport({ width: 360, height: 740 });
    await check();
  });
});
