import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import type { CatalogRecord } from '@atrium/sdk';
import { axeViolations } from '../../test-support/axe-check.js';
import { relayUrl } from '../../test-support/test-env.js';
import { deepActiveElement, waitFor } from '../../test-support/wait.js';
import '../atrium-search/atrium-search.js';
import type { AtriumSearch } from '../atrium-search/atrium-search.component.js';
import type { AtriumHold } from './atrium-hold.component.js';

async function records(q: string, member = 'riverside-library'): Promise<CatalogRecord[]> {
  const answer = await fetch(`${relayUrl()}/v1/search?q=${encodeURIComponent(q)}&member=${member}&facets=none&limit=50`);
  return ((await answer.json()) as { items: CatalogRecord[] }).items;
}

const lendable = (record: CatalogRecord) => record.holdings.some((h) => !['reference-only', 'missing'].includes(h.status));

/** The record's details in <atrium-search>, and the hold element inside them. */
async function showRecord(id: string, lang = 'en'): Promise<{ search: AtriumSearch; hold: AtriumHold }> {
  const search = document.createElement('atrium-search');
  search.setAttribute('relay', relayUrl());
  search.setAttribute('member', 'riverside-library');
  search.lang = lang;
  document.body.append(search);
  await search.showRecord(id);
  const hold = await waitFor(() => search.shadowRoot!.querySelector('atrium-hold'), 'the record details');
  return { search, hold };
}

const $ = <T extends Element = HTMLElement>(hold: AtriumHold, selector: string) => hold.shadowRoot!.querySelector<T>(selector);

describe('<atrium-hold> in a record of <atrium-search>', () => {
  afterEach(() => document.body.replaceChildren());

  it('places a hold with pickup at a branch and shows its status and history', async () => {
    const record = (await records('hobbit')).find(lendable)!;
    const { search, hold } = await showRecord(record.id);
    const created = new Promise<CustomEvent<{ id: string; recordId: string }>>((resolve) =>
      search.addEventListener('atrium-hold-created', (event) => resolve(event), { once: true }),
    );
    const place = await waitFor(() => $<HTMLButtonElement>(hold, 'button'), 'the Place hold button');
    expect(place.textContent!.trim()).to.equal('Place hold');
    place.click();
    const pickup = await waitFor(() => $<HTMLSelectElement>(hold, '#hold-pickup'), 'the pickup choice');
    await waitFor(() => deepActiveElement() === pickup, 'focus on the pickup choice');
    expect($(hold, 'label[for="hold-pickup"]')!.textContent).to.equal('Pick up at');
    const branches = [...pickup.options].map((option) => option.textContent!.trim());
    expect(branches.length).to.be.greaterThan(1);
    pickup.value = pickup.options[1]!.value;
    pickup.dispatchEvent(new Event('change'));

    $<HTMLInputElement>(hold, '#hold-name')!.focus();
    await sendKeys({ type: 'Ada Lovelace' });
    $<HTMLInputElement>(hold, '#hold-email')!.focus();
    await sendKeys({ type: `hold-${Date.now()}@example.org` });
    await sendKeys({ press: 'Enter' });

    const event = await created;
    expect(event.bubbles && event.composed).to.equal(true);
    expect(event.detail.recordId).to.equal(record.id);
    const status = await waitFor(() => $(hold, '.hold-status'), 'the hold status');
    expect(status.textContent).to.equal('Status: Submitted');
    expect($(hold, '#hold-title')!.textContent).to.equal('Hold placed');
    expect($(hold, '.hold')!.textContent).to.contain(branches[1]);
    const steps = [...hold.shadowRoot!.querySelectorAll('.history li')].map((li) => li.textContent!);
    expect(steps.length).to.be.greaterThan(0);
    expect(steps[0]).to.contain('Submitted');

    expect(await axeViolations(hold)).to.deep.equal([]);
  });

  it("shows the relay's reason when the lending library does not send to the chosen branch, then places it at another", async () => {
    const record = (await records('李白', 'eastern-university')).find(lendable)!;
    const { hold } = await showRecord(record.id);
    (await waitFor(() => $<HTMLButtonElement>(hold, 'button'), 'the Place hold button')).click();
    const pickup = await waitFor(() => $<HTMLSelectElement>(hold, '#hold-pickup'), 'the pickup choice');
    pickup.value = 'rare-books';
    pickup.dispatchEvent(new Event('change'));
    $<HTMLInputElement>(hold, '#hold-name')!.focus();
    await sendKeys({ type: 'Li Bai Reader' });
    $<HTMLInputElement>(hold, '#hold-email')!.focus();
    await sendKeys({ type: `pickup-${Date.now()}@example.org` });
    await sendKeys({ press: 'Enter' });
    const alert = $(hold, '[role="alert"]')!;
    await waitFor(() => alert.textContent!.includes('choose another pickup branch'), 'the pickup refusal');
    expect(alert.textContent).to.contain('Rare Books');

    pickup.value = 'east-asian';
    pickup.dispatchEvent(new Event('change'));
    $<HTMLButtonElement>(hold, 'button[type="submit"]')!.click();
    await waitFor(() => $(hold, '.hold-status'), 'the hold status');
    expect($(hold, '.hold')!.textContent).to.contain('East Asian Library');
  });

  it('asks for a name and a valid email before sending, in Traditional Chinese too', async () => {
    const record = (await records('hobbit')).find(lendable)!;
    const { hold } = await showRecord(record.id, 'zh-Hant');
    (await waitFor(() => $<HTMLButtonElement>(hold, 'button'), 'the Place hold button')).click();
    await waitFor(() => $(hold, '#hold-pickup'), 'the form');
    $<HTMLButtonElement>(hold, 'button[type="submit"]')!.click();
    await waitFor(() => $(hold, '[role="alert"]')!.textContent!.includes('請更正'), 'the error summary');
    const name = $<HTMLInputElement>(hold, '#hold-name')!;
    expect(name.getAttribute('aria-invalid')).to.equal('true');
    expect(hold.shadowRoot!.getElementById(name.getAttribute('aria-describedby')!)!.textContent).to.equal('請輸入您的姓名。');
    const english = [...hold.shadowRoot!.querySelectorAll('label, button, h4, p, option')].filter((el) =>
      /[A-Za-z]{2,}/.test(el.textContent!.replace('name@example.org', '')),
    );
    expect(english.map((el) => el.textContent)).to.deep.equal([]);
  });

  it('offers no hold when every copy is reference-only or missing', async () => {
    const record = (await records('hobbit')).find(lendable)!;
    const { hold } = await showRecord(record.id);
    await waitFor(() => $(hold, 'button'), 'the Place hold button');
    hold.record = {
      ...record,
      holdings: record.holdings.map((holding, index) => ({ ...holding, status: index % 2 ? 'missing' : 'reference-only' })),
    };
    await hold.updateComplete;
    expect(hold.shadowRoot!.querySelector('button')).to.equal(null);
  });
});
