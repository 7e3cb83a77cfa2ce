import { expect } from '@esm-bundle/chai';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { axeViolations } from '../../test-support/axe-check.js';
import { relayUrlForFreshClient, withLostAnswers } from '../../test-support/lost-answers.js';
import { relayUrl } from '../../test-support/test-env.js';
import { deepActiveElement, waitFor } from '../../test-support/wait.js';
import '../atrium-widget/atrium-widget.js';
import './atrium-booking.js';
import type { AtriumBooking } from './atrium-booking.component.js';
import { mountService } from '../../test-support/mount.js';

const SEATS = 'riverside-library:central-quiet-seats';
const ROOM = 'riverside-library:central-study-room-2';

const mount = (attributes: Record<string, string> = {}): Promise<AtriumBooking> => mountService('atrium-booking', attributes);

const $ = <T extends Element = HTMLElement>(root: AtriumBooking, selector: string) => root.shadowRoot!.querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(root: AtriumBooking, selector: string) => [...root.shadowRoot!.querySelectorAll<T>(selector)];
const freeCells = (booking: AtriumBooking) => $$(booking, '[role="gridcell"][aria-disabled="false"]');

/** Picks a resource the way a patron does, and waits for its week of times. */
async function chooseResource(booking: AtriumBooking, id: string): Promise<void> {
  const select = await waitFor(() => $<HTMLSelectElement>(booking, '#resource'), 'the resource list');
  select.value = id;
  select.dispatchEvent(new Event('change'));
  await waitFor(() => $(booking, '[role="grid"]') && freeCells(booking).length > 0, 'free times');
}

/** Places left in one slot, straight from the relay. */
async function remaining(resourceId: string, start: string): Promise<number> {
  const answer = await fetch(`${relayUrl()}/v1/resources/${encodeURIComponent(resourceId)}/availability`);
  const { slots } = (await answer.json()) as { slots: { start: string; remaining: number }[] };
  return slots.find((slot) => slot.start === start)!.remaining;
}

async function type(selector: string, booking: AtriumBooking, text: string): Promise<void> {
  (await waitFor(() => $<HTMLInputElement>(booking, selector), selector)).focus();
  await sendKeys({ type: text });
}

const uniqueEmail = () => `patron-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.org`;

describe('<atrium-booking> against the demo relay', () => {
  afterEach(async () => {
    document.body.replaceChildren();
    localStorage.clear();
    await setViewport({ width: 1280, height: 800 });
  });

  it('is the Book tab of the widget, reached from the Search tab with the arrow keys, without axe violations', async () => {
    const widget = document.createElement('atrium-widget');
    widget.setAttribute('relay', relayUrl());
    widget.setAttribute('member', 'riverside-library');
    widget.setAttribute('placement', 'inline');
    document.body.append(widget);
    await widget.updateComplete;
    const tabs = [...widget.shadowRoot!.querySelectorAll<HTMLElement>('[role="tablist"] [role="tab"]')];
    expect(tabs.map((tab) => tab.textContent!.trim())).to.deep.equal(['Search', 'Book', 'Chat', 'Ask']);
    tabs[0]!.focus();
    await sendKeys({ press: 'ArrowRight' });
    await waitFor(() => deepActiveElement() === tabs[1], 'focus on the Book tab');
    expect(tabs[1]!.getAttribute('aria-selected')).to.equal('true');
    expect(tabs[1]!.getAttribute('tabindex')).to.equal('0');
    const panel = widget.shadowRoot!.getElementById(tabs[1]!.getAttribute('aria-controls')!)!;
    expect(panel.checkVisibility()).to.equal(true);
    const booking = panel.querySelector('atrium-booking')!;
    await waitFor(() => booking.shadowRoot!.querySelector('#resource option[value="' + SEATS + '"]'), 'resources in the Book tab');
    await chooseResource(booking, SEATS);
    expect(await axeViolations(widget)).to.deep.equal([]);
  });

  it('lists the home member first and shows a week of times as an ARIA grid moved through with the arrow keys', async () => {
    const booking = await mount();
    const select = await waitFor(() => $<HTMLSelectElement>(booking, '#resource'), 'the resource list');
    expect($(booking, 'label[for="resource"]')!.textContent).to.equal('What would you like to book?');
    await waitFor(() => select.querySelectorAll('optgroup').length >= 3, 'every member');
    expect(select.querySelector('optgroup')!.label).to.equal('Riverside Public Library');
    await chooseResource(booking, SEATS);

    const grid = $(booking, '[role="grid"]')!;
    expect(grid.getAttribute('aria-labelledby')).to.equal('slots-title');
    const rows = grid.querySelectorAll('[role="row"]');
    expect(rows.length).to.be.within(7, 8);
    for (const row of rows) expect(row.querySelector('[role="rowheader"]')!.textContent!.trim()).to.match(/^[A-Z][a-z]+day, /);
    const cells = freeCells(booking);
    for (const cell of cells) {
      expect(cell.getAttribute('aria-label')).to.match(/^[A-Z][a-z]+day, [A-Z][a-z]+ \d{1,2}, \d\d:\d\d–\d\d:\d\d, \d+ places? left$/);
    }
    // Roving tabindex: exactly one cell of the grid is in the tab order.
    expect($$(booking, '[role="gridcell"][tabindex="0"]').length).to.equal(1);

    const first = $(booking, '[role="gridcell"][tabindex="0"]')!;
    first.focus();
    const row = first.closest('[role="row"]')!;
    const rowCells = [...row.querySelectorAll<HTMLElement>('[role="gridcell"]')];
    if (rowCells.length > 1 && rowCells[0] === first) {
      await sendKeys({ press: 'ArrowRight' });
      await waitFor(() => deepActiveElement() === rowCells[1], 'focus on the next time of the day');
      expect(rowCells[1]!.getAttribute('tabindex')).to.equal('0');
      expect(first.getAttribute('tabindex')).to.equal('-1');
      await sendKeys({ press: 'End' });
      await waitFor(() => deepActiveElement() === rowCells[rowCells.length - 1], 'focus on the last time of the day');
      await sendKeys({ press: 'Home' });
      await waitFor(() => deepActiveElement() === rowCells[0], 'focus on the first time of the day');
    }
    await sendKeys({ press: 'ArrowDown' });
    await waitFor(() => deepActiveElement()?.closest('[role="row"]') !== row, 'focus on the next day');
    expect(deepActiveElement()!.getAttribute('role')).to.equal('gridcell');
    await sendKeys({ press: 'ArrowUp' });
    await waitFor(() => deepActiveElement()?.closest('[role="row"]') === row, 'focus back on the first day');
  });

  it('books a free time end to end, with a calendar file, and cancelling gives the place back', async () => {
    const booking = await mount();
    const created = new Promise<CustomEvent<{ id: string; resourceId: string }>>((resolve) =>
      booking.addEventListener('atrium-booking-created', (event) => resolve(event), { once: true }),
    );
    await chooseResource(booking, SEATS);
    const cell = freeCells(booking)[0]!;
    const start = cell.dataset.key!;
    const before = await remaining(SEATS, start);
    expect(cell.getAttribute('aria-label')).to.contain(`${before} place`);

    cell.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => deepActiveElement()?.id === 'booking-name', 'focus on the name field');
    expect(cell.getAttribute('aria-selected')).to.equal('true');
    await sendKeys({ type: 'Ada Lovelace' });
    await type('#booking-email', booking, uniqueEmail());
    await sendKeys({ press: 'Enter' });

    const event = await created;
    expect(event.bubbles && event.composed).to.equal(true);
    expect(event.detail.resourceId).to.equal(SEATS);
    const title = await waitFor(() => $(booking, '#confirmation-title'), 'the confirmation');
    expect(title.textContent!.trim()).to.equal('Booked');
    expect(deepActiveElement()).to.equal(title);
    expect($(booking, '[part="confirmation"] .booked')!.textContent).to.contain('Quiet study seats');
    expect(await remaining(SEATS, start)).to.equal(before - 1);

    const link = $<HTMLAnchorElement>(booking, 'a.calendar')!;
    expect(link.href).to.contain(`/v1/bookings/${encodeURIComponent(event.detail.id)}`);
    const ics = await fetch(link.href);
    expect(ics.status).to.equal(200);
    expect(ics.headers.get('content-type')).to.match(/^text\/calendar/);
    expect(await ics.text()).to.contain('BEGIN:VCALENDAR');

    $<HTMLButtonElement>(booking, 'button.cancel')!.click();
    const yes = await waitFor(() => $<HTMLButtonElement>(booking, 'button.cancel-yes'), 'the cancel confirmation');
    expect($(booking, '.confirm-cancel p')!.textContent).to.contain('Cancel this booking?');
    expect(await remaining(SEATS, start)).to.equal(before - 1);
    yes.click();
    await waitFor(() => $(booking, '#confirmation-title')!.textContent!.trim() === 'Your booking is cancelled.', 'the cancellation');
    await waitFor(() => deepActiveElement() === $(booking, '#confirmation-title'), 'focus on the cancellation heading');
    expect(await remaining(SEATS, start)).to.equal(before);
    expect($(booking, 'a.calendar')).to.equal(null);
  });

  it('books once when the patron sends again after every answer was lost', async () => {
    let start = '';
    let before = 0;
    // The relay books; its answer never reaches the page, three times over (the SDK's own retries).
    const keys = await withLostAnswers('/v1/bookings', 3, async () => {
      const booking = await mount({ relay: relayUrlForFreshClient() });
      await chooseResource(booking, SEATS);
      const cell = freeCells(booking)[0]!;
      start = cell.dataset.key!;
      before = await remaining(SEATS, start);
      cell.click();
      await type('#booking-name', booking, 'Grace Hopper');
      await type('#booking-email', booking, uniqueEmail());
      await sendKeys({ press: 'Enter' });
      await waitFor(() => $(booking, '.problem')?.textContent, 'the problem after the lost answers', 15_000);
      expect(await remaining(SEATS, start), 'the relay booked the first time').to.equal(before - 1);

      $<HTMLButtonElement>(booking, 'form button[type="submit"]')!.click();
      await waitFor(() => $(booking, '#confirmation-title'), 'the confirmation');
    });
    expect(await remaining(SEATS, start), 'still one place taken').to.equal(before - 1);
    expect(keys.length).to.equal(4);
    expect(new Set(keys).size, 'one key for every attempt').to.equal(1);
  });

  it('books for a party, taking a place for each person, and names the branch on the confirmation', async () => {
    const booking = await mount();
    await chooseResource(booking, SEATS);
    const cell = freeCells(booking).find((candidate) => candidate.getAttribute('aria-label')!.match(/(\d+) places? left/)![1] !== '1')!;
    const start = cell.dataset.key!;
    const before = await remaining(SEATS, start);
    cell.click();
    const party = await waitFor(() => $<HTMLInputElement>(booking, '#booking-party'), 'the party size field');
    expect(party.max).to.equal('2', 'the seats allow two people per booking');
    expect($(booking, `label[for="booking-party"]`)!.textContent).to.equal('Number of people');
    expect(party.getAttribute('aria-describedby')).to.equal('booking-party-hint');
    party.value = '2';
    party.dispatchEvent(new Event('input'));
    party.dispatchEvent(new Event('change'));
    await type('#booking-name', booking, 'Grace Hopper');
    await type('#booking-email', booking, uniqueEmail());
    $<HTMLButtonElement>(booking, '[part="booking-form"] button[type="submit"]')!.click();

    await waitFor(() => $(booking, '#confirmation-title'), 'the confirmation');
    expect($(booking, '[part="confirmation"] .party')!.textContent).to.equal('For 2 people.');
    expect($(booking, '[part="confirmation"] .where')!.textContent).to.equal('At Central Library.');
    expect(await remaining(SEATS, start)).to.equal(before - 2);
  });

  it('keeps a party within what is left and asks for no party size where one person books', async () => {
    const booking = await mount();
    await chooseResource(booking, SEATS);
    freeCells(booking)[0]!.click();
    const party = await waitFor(() => $<HTMLInputElement>(booking, '#booking-party'), 'the party size field');
    party.value = '9';
    party.dispatchEvent(new Event('change'));
    await booking.updateComplete;
    expect(party.value).to.equal('2');
    await chooseResource(booking, 'eastern-university:main-carrels');
    await waitFor(() => !$(booking, '[part="booking-form"]') && freeCells(booking).length > 0, 'the carrels’ free times');
    freeCells(booking)[0]!.click();
    await waitFor(() => $(booking, '#booking-name'), 'the booking form');
    expect($(booking, '#booking-party')).to.equal(null);
  });

  it('shows a booking made before a reload with its Cancel button', async () => {
    const first = await mount();
    await chooseResource(first, ROOM);
    freeCells(first)[0]!.click();
    await type('#booking-name', first, 'Grace Hopper');
    await type('#booking-email', first, uniqueEmail());
    await sendKeys({ press: 'Enter' });
    await waitFor(() => $(first, 'a.calendar'), 'the confirmation');
    first.remove();

    const again = await mount();
    const saved = await waitFor(() => $(again, '[part="saved-bookings"]'), 'the remembered booking');
    expect(saved.textContent).to.contain('Study Room 2');
    saved.querySelector<HTMLButtonElement>('button.cancel')!.click();
    (await waitFor(() => $<HTMLButtonElement>(again, 'button.cancel-yes'), 'the cancel confirmation')).click();
    await waitFor(() => !$(again, '[part="saved-bookings"]'), 'the booking gone from the list');
  });

  it('says a time was just taken and refreshes the grid when someone else books it first', async () => {
    const booking = await mount();
    await chooseResource(booking, ROOM);
    const cell = freeCells(booking)[0]!;
    const start = cell.dataset.key!;
    cell.click();
    const slotEnd = new Date(Date.parse(start) + 60 * 60_000).toISOString();
    const other = await fetch(`${relayUrl()}/v1/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': `test-${Date.now()}-taken` },
      body: JSON.stringify({ resourceId: ROOM, start, end: slotEnd, patron: { name: 'Someone Else', email: uniqueEmail() } }),
    });
    expect(other.status).to.equal(201);

    await type('#booking-name', booking, 'Ada Lovelace');
    await type('#booking-email', booking, uniqueEmail());
    await sendKeys({ press: 'Enter' });
    const alert = $(booking, '[role="alert"]')!;
    await waitFor(() => alert.textContent!.includes('just taken'), 'the slot-taken message');
    await waitFor(() => $(booking, `[data-key="${start}"]`)?.getAttribute('aria-disabled') === 'true', 'the taken time shown full');
    expect($(booking, `[data-key="${start}"]`)!.getAttribute('aria-label')).to.match(/, full$/);
    expect($(booking, '#booking-name')).to.equal(null);
  });

  it('explains a missing name and a bad email next to the fields and announces them', async () => {
    const booking = await mount();
    await chooseResource(booking, SEATS);
    freeCells(booking)[0]!.click();
    await type('#booking-email', booking, 'not-an-email');
    await sendKeys({ press: 'Enter' });
    const alert = $(booking, '[role="alert"]')!;
    await waitFor(() => alert.textContent!.includes('Please correct 2 fields'), 'the error summary');
    for (const [id, message] of [
      ['booking-name', 'Enter your name.'],
      ['booking-email', 'Enter an email address'],
    ] as const) {
      const input = $<HTMLInputElement>(booking, `#${id}`)!;
      expect(input.getAttribute('aria-invalid')).to.equal('true');
      expect(booking.shadowRoot!.getElementById(input.getAttribute('aria-describedby')!)!.textContent).to.contain(message);
    }
    expect(deepActiveElement()!.id).to.equal('booking-name');
    await sendKeys({ type: 'Ada' });
    expect($(booking, '#booking-name')!.getAttribute('aria-invalid')).to.equal('false');
  });

  it('shows no English in the Book tab in Traditional Chinese, names and times included', async () => {
    const widget = document.createElement('atrium-widget');
    for (const [name, value] of Object.entries({ relay: relayUrl(), member: 'riverside-library', placement: 'inline', lang: 'zh-Hant' })) {
      widget.setAttribute(name, value);
    }
    document.body.append(widget);
    await widget.updateComplete;
    const tab = widget.shadowRoot!.querySelector<HTMLElement>('#tab-book')!;
    expect(tab.textContent!.trim()).to.equal('預約');
    tab.click();
    const booking = await waitFor(() => widget.shadowRoot!.querySelector('atrium-booking'), 'the Book tab');
    await chooseResource(booking, SEATS);
    freeCells(booking)[0]!.click();
    await waitFor(() => $(booking, '#booking-name'), 'the form');
    const root = booking.shadowRoot!;
    const texts = [
      ...[...root.querySelectorAll<HTMLElement>('label, h3, p, [role="rowheader"], .slot, option, button')].map((el) => el.textContent!),
      ...[...root.querySelectorAll('[aria-label]')].map((el) => el.getAttribute('aria-label')!),
      ...[...root.querySelectorAll('optgroup')].map((el) => el.label),
    ];
    // Room names such as 討論室 A are the library's own; an English word is two letters or more.
    const english = texts.filter((text) => /[A-Za-z]{2,}/.test(text));
    expect(english).to.deep.equal([]);
    expect($(booking, 'label[for="resource"]')!.textContent).to.equal('您想預約什麼？');
  });

  it('has no axe violations with the grid and the form shown, and after booking', async () => {
    const booking = await mount();
    await chooseResource(booking, SEATS);
    freeCells(booking)[0]!.click();
    await waitFor(() => $(booking, '#booking-name'), 'the form');
    const check = async () => {
      expect(await axeViolations(booking)).to.deep.equal([]);
    };
    await check();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => $(booking, '.field-error'), 'field errors');
    await check();
  });

  it('fits a 360 px phone and a 200% zoomed screen without sideways scrolling', async () => {
    for (const viewport of [
      { width: 360, height: 740 },
      { width: 640, height: 400 },
    ]) {
      await setViewport(viewport);
      const booking = await mount();
      await chooseResource(booking, SEATS);
      freeCells(booking)[0]!.click();
      await waitFor(() => $(booking, '#booking-name'), 'the form');
      expect(document.documentElement.scrollWidth).to.be.at.most(viewport.width);
      for (const element of $$(booking, '[role="gridcell"], input, select, button')) {
        expect(element.getBoundingClientRect().right).to.be.at.most(viewport.width);
      }
      booking.remove();
    }
  });
});
