import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import { type Booking, type CatalogRecord, createClient, type Hold } from '@atrium/sdk';
import { axeViolations } from '../../test-support/axe-check.js';
import { relayUrl } from '../../test-support/test-env.js';
import { deepActiveElement, waitFor } from '../../test-support/wait.js';
import './atrium-console-bookings.js';
import type { AtriumConsoleBookings } from './atrium-console-bookings.component.js';

const MEMBER = 'riverside-library';
const TIMEZONE = 'Asia/Hong_Kong';

const client = () => createClient({ baseUrl: relayUrl(), retries: 0 });

async function signIn(): Promise<string> {
  return (await client().auth.login({ email: `librarian@${MEMBER}.example.org`, password: 'atrium-demo' })).token;
}

/** A patron books the next free quiet seat, as the Book tab would. */
async function patronBooking(name: string): Promise<Booking> {
  const resourceId = `${MEMBER}:central-quiet-seats`;
  const { slots } = await client().bookings.availability(resourceId);
  const slot = slots.find((candidate) => candidate.remaining > 0)!;
  const email = `${name.toLowerCase().replace(/\W+/g, '-')}-${Date.now()}@example.org`;
  return client().bookings.create({ resourceId, start: slot.start, end: slot.end, patron: { name, email } });
}

/** A patron places a hold on a lendable record for pickup at Central. */
async function patronHold(name: string): Promise<Hold> {
  const answer = await fetch(`${relayUrl()}/v1/search?q=hobbit&member=${MEMBER}&facets=none&limit=50`);
  const { items } = (await answer.json()) as { items: CatalogRecord[] };
  const record = items.find((item) => item.holdings.some((h) => !['reference-only', 'missing'].includes(h.status)))!;
  const email = `${name.toLowerCase().replace(/\W+/g, '-')}-${Date.now()}@example.org`;
  return client().holds.create({ recordId: record.id, pickup: { member: MEMBER, branch: 'central' }, patron: { name, email } });
}

const localDay = (instant: string) => new Intl.DateTimeFormat('en-CA', { timeZone: TIMEZONE }).format(Date.parse(instant));

async function mount(token: string, lang = 'en'): Promise<AtriumConsoleBookings> {
  const element = document.createElement('atrium-console-bookings');
  element.lang = lang;
  element.client = client();
  element.token = token;
  document.body.append(element);
  await waitFor(() => element.shadowRoot?.querySelector('h3#bookings-heading'), 'the bookings to load');
  return element;
}

const $ = <T extends Element = HTMLElement>(element: AtriumConsoleBookings, selector: string) =>
  element.shadowRoot!.querySelector<T>(selector);

async function showDay(element: AtriumConsoleBookings, day: string): Promise<void> {
  const input = $<HTMLInputElement>(element, '#date')!;
  input.value = day;
  input.dispatchEvent(new Event('change'));
  await waitFor(() => !element.shadowRoot!.querySelector('[aria-busy="true"]'), 'the day to load');
}

async function noViolations(element: Element): Promise<void> {
  expect(await axeViolations(element)).to.deep.equal([]);
}

describe('<atrium-console-bookings>', () => {
  afterEach(() => document.body.replaceChildren());

  it('shows a day’s bookings in the library’s time zone and cancels one after confirmation', async () => {
    const token = await signIn();
    const booking = await patronBooking('Grace Hopper');
    const element = await mount(token);
    expect($(element, 'h2')!.textContent).to.equal('Bookings & holds');
    expect($(element, '.zone')!.textContent).to.contain(TIMEZONE);
    await showDay(element, localDay(booking.start));

    const row = await waitFor(() => $(element, `tr[data-booking="${booking.id}"]`), 'the booking row');
    const clock = new Intl.DateTimeFormat('en', { hour: '2-digit', minute: '2-digit', timeZone: TIMEZONE });
    expect(row.querySelector('time')!.textContent).to.equal(
      `${clock.format(Date.parse(booking.start))}–${clock.format(Date.parse(booking.end))}`,
    );
    expect(row.textContent).to.contain('Grace Hopper').and.to.contain(booking.resourceName.en).and.to.contain('Confirmed');
    expect(row.querySelector('[data-action="no-show"]'), 'no no-show before the slot starts').to.equal(null);
    await noViolations(element);

    const cancel = row.querySelector<HTMLButtonElement>('[data-action="cancel"]')!;
    expect(cancel.getAttribute('aria-label')).to.contain('Grace Hopper');
    cancel.focus();
    await sendKeys({ press: 'Enter' });
    const yes = await waitFor(() => $<HTMLButtonElement>(element, '#confirm-yes'), 'the confirmation');
    expect($(element, '#confirm-question')!.textContent).to.contain('Grace Hopper');
    await waitFor(() => deepActiveElement() === yes, 'focus on the confirming button');
    await sendKeys({ press: 'Escape' });
    await waitFor(() => !$(element, '#confirm-yes') && deepActiveElement() === cancel, 'the confirmation to close, focus back on Cancel');
    expect((await client().bookings.get(booking.id, booking.token)).status, 'dismissing changes nothing').to.equal('confirmed');

    await sendKeys({ press: 'Enter' });
    await waitFor(() => deepActiveElement() === $(element, '#confirm-yes'), 'the confirmation again');
    await noViolations(element);
    await sendKeys({ press: 'Enter' });
    await waitFor(
      () => $(element, `tr[data-booking="${booking.id}"] .status`)?.textContent === 'Cancelled',
      'the booking to show as cancelled',
    );
    expect($(element, '[role="status"]')!.textContent).to.equal('The booking of Grace Hopper is cancelled.');
    expect($(element, `tr[data-booking="${booking.id}"] [data-action="cancel"]`)).to.equal(null);
    expect((await client().bookings.get(booking.id, booking.token)).status).to.equal('cancelled');
  });

  it('groups holds by step and moves one on with a note', async () => {
    const token = await signIn();
    const hold = await patronHold('Ada Byron');
    const element = await mount(token);
    const item = await waitFor(() => $(element, `[data-hold="${hold.id}"]`), 'the hold');
    expect(item.closest('section')!.querySelector('h4')!.textContent).to.match(/^Submitted \(\d+\)$/);
    const moves = [...item.querySelectorAll<HTMLButtonElement>('[data-move]')].map((button) => button.dataset.move);
    expect(moves).to.deep.equal(['placed', 'failed', 'cancelled']);

    item.querySelector<HTMLInputElement>('input')!.focus();
    await sendKeys({ type: 'Pulled from the stacks' });
    item.querySelector<HTMLButtonElement>('[data-move="placed"]')!.click();
    const moved = await waitFor(() => {
      const now = $(element, `[data-hold="${hold.id}"]`);
      return now?.closest('.hold-group')?.querySelector('h4')?.id === 'group-placed' && now;
    }, 'the hold under Placed');
    await waitFor(() => deepActiveElement() === moved, 'focus on the moved hold');
    expect($(element, '[role="status"]')!.textContent).to.contain('is now: Placed');
    expect([...moved.querySelectorAll<HTMLButtonElement>('[data-move]')].map((button) => button.dataset.move)).to.deep.equal([
      'in_transit',
      'ready_for_pickup',
      'failed',
      'cancelled',
    ]);
    expect(moved.querySelector('.history')!.textContent).to.contain('Pulled from the stacks');
    const seen = await client().holds.get(hold.id, hold.token);
    expect(seen.status).to.equal('placed');
    expect(seen.history.at(-1)!.note).to.equal('Pulled from the stacks');
    await noViolations(element);
  });

  it('filters by branch, speaks Traditional Chinese, and says clearly when the session has ended', async () => {
    const token = await signIn();
    const booking = await patronBooking('Lin Huiyin');
    const element = await mount(token, 'zh-Hant');
    expect($(element, 'h2')!.textContent).to.equal('預約與預借');
    await showDay(element, localDay(booking.start));
    await waitFor(() => $(element, `tr[data-booking="${booking.id}"]`), 'the booking row');
    expect($(element, `tr[data-booking="${booking.id}"] .status`)!.textContent).to.equal('已確認');

    const branch = $<HTMLSelectElement>(element, '#branch')!;
    expect([...branch.options].map((option) => option.textContent!.trim())).to.deep.equal([
      '全部分館',
      '中央圖書館',
      '東岸分館',
      '山邊分館',
    ]);
    branch.value = 'hillside';
    branch.dispatchEvent(new Event('change'));
    await waitFor(() => !$(element, `tr[data-booking="${booking.id}"]`), 'the Central booking to leave the Hillside list');
    await waitFor(() => !element.shadowRoot!.querySelector('[aria-busy="true"]'), 'the branch to load');
    await noViolations(element);

    element.token = 'not-a-valid-token-at-all';
    const alert = await waitFor(() => $(element, '[role="alert"] .problem'), 'the error');
    expect(alert.textContent).to.equal('您的登入已失效，請重新登入。');
  });
});
