// The dark look: it follows the reader's system setting, can be fixed by the partner, never
// overrides a colour the partner set, and stays readable (axe checks contrast).
import { expect } from '@esm-bundle/chai';
import { emulateMedia } from '@web/test-runner-commands';
import { axeViolations } from '../../test-support/axe-check.js';
import { waitFor } from '../../test-support/wait.js';
import './atrium-widget.js';
import type { AtriumWidget } from './atrium-widget.component.js';
import { mountService } from '../../test-support/mount.js';

const mount = (attributes: Record<string, string> = {}): Promise<AtriumWidget> =>
  mountService('atrium-widget', { placement: 'inline', ...attributes });

const panel = (widget: AtriumWidget) => widget.shadowRoot!.querySelector<HTMLElement>('[part~="panel"]')!;
const background = (widget: AtriumWidget) => getComputedStyle(panel(widget)).backgroundColor;
const searchText = (widget: AtriumWidget) => getComputedStyle(widget.shadowRoot!.querySelector('atrium-search')!).color;

describe('<atrium-widget> colour schemes', () => {
  afterEach(async () => {
    document.body.replaceChildren();
    await emulateMedia({ colorScheme: 'light' });
  });

  it('is light on a light system and dark on a dark one, tabs included', async () => {
    await emulateMedia({ colorScheme: 'light' });
    const widget = await mount();
    expect(background(widget)).to.equal('rgb(255, 255, 255)');
    expect(searchText(widget)).to.equal('rgb(31, 35, 40)');
    await emulateMedia({ colorScheme: 'dark' });
    expect(background(widget)).to.equal('rgb(22, 27, 34)');
    expect(searchText(widget)).to.equal('rgb(230, 237, 243)', 'the Search tab inside follows');
  });

  it('keeps the look the partner fixed with the theme attribute', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    expect(background(await mount({ theme: 'light' }))).to.equal('rgb(255, 255, 255)');
    await emulateMedia({ colorScheme: 'light' });
    expect(background(await mount({ theme: 'dark' }))).to.equal('rgb(22, 27, 34)');
  });

  it('lets a colour the partner set win in the dark look, and leaves the launcher in the brand colours', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const widget = await mount({ style: '--atrium-color-surface: rgb(40, 20, 60)', placement: 'floating' });
    const launcher = widget.shadowRoot!.querySelector<HTMLElement>('[part~="launcher"]')!;
    expect(getComputedStyle(launcher).backgroundColor).to.equal('rgb(11, 92, 173)');
    await widget.open();
    expect(background(widget)).to.equal('rgb(40, 20, 60)');
  });

  it('has no accessibility violations in the dark look with results on screen', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const widget = await mount();
    widget.search('moon');
    const search = widget.shadowRoot!.querySelector('atrium-search')!;
    await waitFor(() => search.shadowRoot!.querySelectorAll('[part~="result"]').length > 0, 'results');
    expect(await axeViolations(widget)).to.deep.equal([]);
  });
});
