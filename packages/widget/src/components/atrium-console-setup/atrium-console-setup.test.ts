import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import { axeViolations } from '../../test-support/axe-check.js';
import { firstRunRelay } from '../../test-support/test-env.js';
import { waitFor } from '../../test-support/wait.js';
import '../atrium-console/atrium-console.js';
import type { AtriumConsole } from '../atrium-console/atrium-console.component.js';

// The console on a consortium that `atrium-relay init` has just set up: the administrator opens
// the one-time link init printed, chooses a password, and is told what to do next.
const GOOD = 'tide tables at dawn';

const setupOf = (console: AtriumConsole) => console.shadowRoot!.querySelector('atrium-console-setup');
const inSetup = <T extends Element = HTMLElement>(console: AtriumConsole, selector: string) =>
  setupOf(console)?.shadowRoot?.querySelector<T>(selector) ?? null;

async function openLink(link: string): Promise<AtriumConsole> {
  history.replaceState(null, '', `${location.pathname}${location.search}#password-link=${link}`);
  const element = document.createElement('atrium-console');
  element.relay = firstRunRelay().relayUrl;
  document.body.append(element);
  await element.updateComplete;
  return element;
}

async function choose(console: AtriumConsole, password: string, again = password): Promise<string> {
  const first = await waitFor(() => inSetup<HTMLInputElement>(console, '#new-password'), 'the new password field');
  first.value = '';
  first.focus();
  await sendKeys({ type: password });
  const second = inSetup<HTMLInputElement>(console, '#password-again')!;
  second.value = '';
  second.focus();
  await sendKeys({ type: again });
  await sendKeys({ press: 'Enter' });
  return waitFor(
    () => inSetup(console, '[role="alert"] .problem')?.textContent?.trim() || (inSetup(console, '[part="next-steps"]') && 'next steps'),
    'an answer',
  );
}

describe('first run: the administrator’s one-time link in the console', () => {
  afterEach(() => {
    document.querySelectorAll('atrium-console').forEach((element) => element.remove());
    sessionStorage.clear();
  });

  it('takes the link out of the address, refuses passwords that will not do, then signs in and shows the next steps', async () => {
    const console = await openLink(firstRunRelay().link);
    expect(location.hash).to.equal('');
    expect(await axeViolations(setupOf(console)!)).to.deep.equal([]);
    expect(await choose(console, 'short')).to.equal('The password must be at least 10 characters long.');
    expect(await choose(console, GOOD, 'tide tables at dusk')).to.match(/^The two passwords differ/);
    expect(await choose(console, 'aaaaaaaaaaaa')).to.match(/^This password cannot be used/);

    expect(await choose(console, GOOD)).to.equal('next steps');
    const steps = inSetup(console, '[part="next-steps"]')!;
    expect(steps.querySelector('h2')!.textContent).to.equal('Welcome, Morgan Reyes');
    expect([...steps.querySelectorAll('code')].map((code) => code.textContent)).to.deep.equal([
      'atrium-relay apply FILE --dry-run',
      'atrium-relay librarian link --email EMAIL',
    ]);
    expect(await axeViolations(setupOf(console)!)).to.deep.equal([]);

    // Used once, the link says so instead of taking another password.
    console.remove();
    sessionStorage.clear();
    const again = await openLink(firstRunRelay().link);
    expect(await choose(again, 'another good passphrase')).to.match(/^This link has been used or has expired/);
  });

  it('says so when the link is not one this relay made', async () => {
    const console = await openLink('not-a-link-this-relay-made');
    expect(await choose(console, GOOD)).to.match(/^This link has been used or has expired/);
  });
});
