// Every tab of the widget, as a patron moves through them: each loads, has no axe violation in
// either writing direction (WCAG 2.2 target sizes included), and fits a 360 px phone without sideways scrolling.
import { expect } from '@esm-bundle/chai';
import { setViewport } from '@web/test-runner-commands';
import { axeViolations } from '../../test-support/axe-check.js';
import { waitFor } from '../../test-support/wait.js';
import './atrium-widget.js';
import type { AtriumWidget } from './atrium-widget.component.js';
import { mountService } from '../../test-support/mount.js';

/** What shows that each tab has loaded and rendered its first view. */
const READY: Record<string, string> = {
  search: 'atrium-search',
  book: 'atrium-booking',
  chat: 'atrium-chat',
  ask: 'atrium-ask',
};

const mount = (dir: 'ltr' | 'rtl'): Promise<AtriumWidget> => mountService('atrium-widget', { placement: 'inline', dir });

async function showTab(widget: AtriumWidget, id: string): Promise<HTMLElement> {
  widget.shadowRoot!.querySelector<HTMLButtonElement>(`#tab-${id}`)!.click();
  const tag = READY[id]!;
  const element = await waitFor(() => widget.shadowRoot!.querySelector<HTMLElement>(`#panel-${id} ${tag}`), `the ${id} tab`);
  await customElements.whenDefined(tag);
  await waitFor(
    () => element.shadowRoot && element.shadowRoot.childElementCount > 0 && !element.shadowRoot.querySelector('.spinner'),
    `the ${id} tab to render`,
  );
  return element;
}

describe('<atrium-widget> tab by tab', () => {
  afterEach(async () => {
    document.body.replaceChildren();
    await setViewport({ width: 1280, height: 800 });
  });

  for (const dir of ['ltr', 'rtl'] as const) {
    it(`loads every tab with no axe violation, ${dir}`, async () => {
      const widget = await mount(dir);
      for (const id of Object.keys(READY)) {
        await showTab(widget, id);
        expect(await axeViolations(widget), `${id} tab, ${dir}`).to.deep.equal([]);
      }
    });
  }

  it('fits every tab on a 360 px phone, right to left too, without sideways scrolling', async () => {
    await setViewport({ width: 360, height: 740 });
    for (const dir of ['ltr', 'rtl'] as const) {
      const widget = await mount(dir);
      for (const id of Object.keys(READY)) {
        const tab = await showTab(widget, id);
        const panel = widget.shadowRoot!.querySelector<HTMLElement>(`#panel-${id}`)!;
        expect(panel.scrollWidth, `${id} tab, ${dir}`).to.be.at.most(panel.clientWidth + 1);
        expect(tab.getBoundingClientRect().right, `${id} tab, ${dir}`).to.be.at.most(361);
        expect(tab.getBoundingClientRect().left, `${id} tab, ${dir}`).to.be.at.least(-1);
      }
      widget.remove();
    }
  });

  it('mirrors the layout right to left: the first tab sits at the right', async () => {
    const widget = await mount('rtl');
    const tabs = [...widget.shadowRoot!.querySelectorAll<HTMLElement>('[role="tab"]')];
    const [first, second] = tabs.map((tab) => tab.getBoundingClientRect());
    expect(first!.left).to.be.greaterThan(second!.left);
  });
});
