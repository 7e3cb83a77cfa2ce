import { expect } from '@esm-bundle/chai';
import { createClient } from '@atrium/sdk';
import { sendKeys } from '@web/test-runner-commands';
import 'axe-core';
import type { AxeResults, RunOptions } from 'axe-core';
import { closedRelayUrl, relayUrl } from '../../test-support/test-env.js';
import { deepActiveElement, waitFor } from '../../test-support/wait.js';
import './atrium-search.js';
import type { AtriumSearch } from './atrium-search.component.js';
import { mountService } from '../../test-support/mount.js';

const mount = (attributes: Record<string, string> = {}): Promise<AtriumSearch> => mountService('atrium-search', attributes);

const $ = <T extends Element = HTMLElement>(search: AtriumSearch, selector: string) => search.shadowRoot!.querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(search: AtriumSearch, selector: string) => [
  ...search.shadowRoot!.querySelectorAll<T>(selector),
];
const titles = (search: AtriumSearch) => $$<HTMLButtonElement>(search, 'button.title');
const liveRegion = (search: AtriumSearch) => $(search, '[role="status"]')!;
const text = (element: Element | null) => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** Types a query the way a patron does and presses Enter; resolves with the search's detail. */
async function searchFor(search: AtriumSearch, query: string): Promise<{ query: string; total: number }> {
  const done = new Promise<{ query: string; total: number }>((resolve) =>
    search.addEventListener('atrium-search', (event) => resolve(event.detail), { once: true }),
  );
  const box = $<HTMLInputElement>(search, '#q')!;
  box.focus();
  box.select();
  await sendKeys({ type: query });
  await sendKeys({ press: 'Enter' });
  const detail = await done;
  await search.updateComplete;
  return detail;
}

/** The relay's search requests made by this page so far. */
const searchRequests = () => performance.getEntriesByType('resource').filter((entry) => new URL(entry.name).pathname === '/v1/search');

function facetOptions(search: AtriumSearch, legend: string) {
  const fieldset = $$<HTMLFieldSetElement>(search, 'fieldset').find(
    (candidate) => candidate.querySelector('legend')!.textContent === legend,
  );
  if (!fieldset) return [];
  return [...fieldset.querySelectorAll('label')].map((label) => ({
    label: label.querySelector('.facet-label')!.textContent!,
    count: Number(label.querySelector('.count')!.textContent!.replace(/[^\d]/g, '')),
    input: label.querySelector('input')!,
  }));
}

describe('<atrium-search> against the demo relay', () => {
  afterEach(() => document.body.replaceChildren());

  it('finds Harry Potter at Riverside, with matched words marked as elements and the count announced', async () => {
    const search = await mount();
    const { total } = await searchFor(search, 'harry potter');
    expect(total).to.be.greaterThan(1);

    const first = titles(search)[0]!;
    expect(first.textContent).to.match(/Harry Potter/);
    const marks = [...first.querySelectorAll('mark')].map((mark) => mark.textContent!.toLowerCase());
    expect(marks).to.include.members(['harry', 'potter']);
    // Only text and <mark> elements inside a title: server text is never parsed as HTML.
    for (const title of titles(search)) {
      const tags = [...title.querySelectorAll('*')].map((element) => element.localName);
      expect(
        tags.every((tag) => tag === 'mark'),
        tags.join(),
      ).to.equal(true);
    }

    const result = first.closest('.result')!;
    expect(result.querySelector('.creators')!.textContent).to.match(/Rowling/);
    expect(result.querySelector('.meta')!.textContent).to.match(/Book/);
    expect(result.querySelector('.meta')!.textContent).to.match(/Riverside/);
    expect(result.querySelector('.availability')!.textContent!.trim()).to.not.equal('');

    const announced = await waitFor(
      () => /results for/.test(liveRegion(search).textContent!) && liveRegion(search).textContent!,
      'an announcement',
    );
    expect(announced).to.equal(`${total.toLocaleString('en')} results for “harry potter”`);
    expect(liveRegion(search).getAttribute('aria-live')).to.equal('polite');
  });

  it('counts facets and narrows the results when one is ticked, keeping the other values countable', async () => {
    const search = await mount();
    const { total } = await searchFor(search, 'portrait');
    search.shadowRoot!.querySelector<HTMLButtonElement>('.filters-toggle')!.click();
    await search.updateComplete;

    const libraries = facetOptions(search, 'Library');
    expect(libraries.length, 'members with portraits').to.be.at.least(2);
    expect(libraries.reduce((sum, option) => sum + option.count, 0)).to.equal(total);
    for (const legend of ['Type', 'Availability', 'Decade']) expect(facetOptions(search, legend), legend).to.not.be.empty;

    const riverside = libraries.find((option) => /Riverside/.test(option.label))!;
    const narrowed = new Promise<{ total: number }>((resolve) =>
      search.addEventListener('atrium-search', (event) => resolve(event.detail), { once: true }),
    );
    riverside.input.focus();
    await sendKeys({ press: 'Space' });
    expect((await narrowed).total).to.equal(riverside.count);
    await search.updateComplete;
    expect(deepActiveElement(), 'focus stays on the checkbox').to.have.property('type', 'checkbox');

    const after = facetOptions(search, 'Library');
    expect(after.find((option) => /Riverside/.test(option.label))!.input.checked).to.equal(true);
    // Disjunctive: the other members keep their counts so they can be added.
    for (const option of libraries) {
      expect(after.find((candidate) => candidate.label === option.label)!.count).to.equal(option.count);
    }
    const members = titles(search).map((title) => title.closest('.result')!.querySelector('.meta')!.textContent!);
    expect(members.every((meta) => /Riverside/.test(meta))).to.equal(true);
  });

  it('loads more results after the last, without duplicates, re-fetching nothing, with focus on the first new one', async () => {
    const search = await mount();
    const { total } = await searchFor(search, 'portrait');
    expect(total).to.be.greaterThan(40);
    const firstPage = titles(search);
    expect(firstPage).to.have.length(20);
    const requestsBefore = searchRequests().length;

    $<HTMLButtonElement>(search, '[part~="load-more"]')!.click();
    await waitFor(() => titles(search).length > 20, 'the next page');

    const all = titles(search);
    expect(all).to.have.length(40);
    expect(new Set(all.map((title) => title.dataset['id'])).size).to.equal(40);
    // The first page is the same elements, untouched.
    expect(all.slice(0, 20)).to.deep.equal(firstPage);
    const requests = searchRequests().slice(requestsBefore);
    expect(requests).to.have.length(1);
    expect(new URL(requests[0]!.name).searchParams.has('cursor')).to.equal(true);
    expect(deepActiveElement()).to.equal(all[20]);
    expect($(search, '.shown')!.textContent).to.equal(`Showing 40 of ${total.toLocaleString('en')}`);
    await waitFor(() => liveRegion(search).textContent === '20 more results loaded', 'the announcement of more results');
  });

  it('opens a record with its holdings and goes back to the same place in the list', async () => {
    const search = await mount();
    await searchFor(search, 'harry potter');
    const opened = new Promise<string>((resolve) =>
      search.addEventListener('atrium-record-open', (event) => resolve(event.detail.id), { once: true }),
    );
    const second = titles(search)[1]!;
    const id = second.dataset['id']!;
    second.focus();
    await sendKeys({ press: 'Enter' });
    expect(await opened).to.equal(id);

    const record = await waitFor(
      () => $(search, '[part~="record"] .holdings') && $(search, '[part~="record"]'),
      'the record with holdings',
    );
    expect(deepActiveElement()).to.equal(record.querySelector('#record-title'));
    expect(record.querySelector('#record-title')!.textContent).to.match(/Harry Potter/);
    const fields = [...record.querySelectorAll('.fields dt')].map((dt) => dt.textContent);
    expect(fields).to.include.members(['Creators', 'Type', 'Held by']);
    const holdings = [...record.querySelectorAll('.holding')];
    expect(holdings.length).to.be.greaterThan(0);
    const branchIds = new Set(
      (await (await fetch(`${relayUrl()}/v1/members`)).json()).items.flatMap((member: { branches: { id: string }[] }) =>
        member.branches.map((branch) => branch.id),
      ),
    );
    for (const holding of holdings) {
      const branch = holding.querySelector('.holding-place strong')!.textContent!;
      expect(branchIds.has(branch), `"${branch}" is a name, not an id`).to.equal(false);
      expect(holding.querySelector('.status')!.textContent).to.match(
        /^(Available|On loan|On hold|In transit|On display|In storage|Reference only|Missing)$/,
      );
    }
    expect($(search, 'form')!.hidden).to.equal(true);

    const back = record.querySelector<HTMLButtonElement>('.back')!;
    back.focus();
    await sendKeys({ press: 'Enter' });
    await search.updateComplete;
    expect($(search, '[part~="record"]')).to.equal(null);
    expect(titles(search).length).to.be.greaterThan(1);
    expect(deepActiveElement()).to.equal(titles(search)[1]);
  });

  it('sorts newest first', async () => {
    const search = await mount();
    await searchFor(search, 'portrait');
    const select = $<HTMLSelectElement>(search, '#sort')!;
    const sorted = new Promise((resolve) => search.addEventListener('atrium-search', resolve, { once: true }));
    select.value = '-year';
    select.dispatchEvent(new Event('change'));
    await sorted;
    await search.updateComplete;
    // The second detail under a title is its date ("c.1785", "2007").
    const years = titles(search)
      .map((title) => title.closest('.result')!.querySelectorAll('.meta span')[1]?.textContent ?? '')
      .map((date) => Number(/\d{3,4}/.exec(date)?.[0]))
      .filter((year) => !Number.isNaN(year));
    expect(years.length).to.be.greaterThan(5);
    expect(years).to.deep.equal([...years].sort((a, b) => b - a));
  });

  it('says so, with a hint, when nothing matches', async () => {
    const search = await mount();
    const { total } = await searchFor(search, 'qqxzvvkpw');
    expect(total).to.equal(0);
    expect($(search, '.summary')!.textContent).to.equal('No results for “qqxzvvkpw”.');
    expect($(search, '.results .hint')!.textContent).to.match(/spelling/);
    await waitFor(() => liveRegion(search).textContent === 'No results for “qqxzvvkpw”.', 'the announcement');
  });

  it('finds 靜夜思 for 静夜思 on a Traditional Chinese page, in Traditional Chinese throughout', async () => {
    const search = await mount({ lang: 'zh-Hant' });
    const { total } = await searchFor(search, '静夜思');
    expect(total).to.be.greaterThan(0);
    expect(titles(search).some((title) => title.textContent!.includes('靜夜思'))).to.equal(true);
    expect($(search, '.summary')!.textContent!.trim()).to.equal(`「静夜思」共有 ${total.toLocaleString('zh-Hant')} 筆結果`);
    await waitFor(() => liveRegion(search).textContent!.includes('筆結果'), 'a Chinese announcement');

    search.shadowRoot!.querySelector<HTMLButtonElement>('.filters-toggle')!.click();
    await search.updateComplete;
    // Interface text only: record titles and creators are the catalogue's own data.
    const data = '.result-title, .creators';
    const walker = document.createTreeWalker(search.shadowRoot!, NodeFilter.SHOW_TEXT);
    const english: string[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest(data) || parent.closest('[hidden]') || parent.localName === 'style') continue;
      if (/[A-Za-z]{2,}/.test(node.textContent!)) english.push(node.textContent!.trim());
    }
    const attributes = $$(search, '[aria-label], [placeholder]').map(
      (element) => `${element.getAttribute('aria-label') ?? ''}${element.getAttribute('placeholder') ?? ''}`,
    );
    expect([...english, ...attributes.filter((text) => /[A-Za-z]{2,}/.test(text))]).to.deep.equal([]);
    expect(facetOptions(search, '類型').length).to.be.greaterThan(0);
  });

  it('names members in Simplified Chinese on a Simplified Chinese page', async () => {
    const search = await mount({ lang: 'zh-Hans' });
    await searchFor(search, 'harry potter');
    await waitFor(() => search.shadowRoot!.textContent!.includes('河畔公共图书馆'), 'the library named in Simplified');
    expect(search.shadowRoot!.textContent).not.to.include('圖書館');
  });

  it("shows the relay's explanation when a record cannot be opened, without a pointless Retry", async () => {
    const search = await mount();
    await search.showRecord('riverside-library:no-such-record');
    const alert = await waitFor(() => $(search, '[part~="record"] [role="alert"]'), 'the error');
    expect(alert.textContent).to.match(/This record could not be opened: .*riverside-library:no-such-record/);
    expect(alert.querySelector('button')).to.equal(null);
    $<HTMLButtonElement>(search, '.back')!.click();
    await search.updateComplete;
    await waitFor(() => deepActiveElement()?.id === 'q', 'focus back in the search box');
  });

  it('shows the records a published answer links, opens one, and comes back to the answer', async () => {
    const client = createClient({ baseUrl: relayUrl(), member: 'riverside-library' });
    const word = `tidepool${Date.now().toString(36)}`;
    const poem = (await client.search({ q: '李白', member: 'eastern-university', limit: 1 })).items[0]!;
    const asked = await client.questions.ask({ text: `Is there a poem about a ${word}?` });
    const { token } = await client.auth.login({ email: 'librarian@riverside-library.example.org', password: 'atrium-demo' });
    await client.staff.questions.claim({ token }, asked.id);
    await client.staff.questions.answer({ token }, asked.id, {
      text: `Not a ${word} as such, but this one is close.`,
      publish: true,
      records: [poem.id],
    });

    const search = await mount();
    await searchFor(search, word);
    const kb = await waitFor(() => $(search, '[part="kb-answers"]'), 'the published answer');
    kb.querySelector<HTMLButtonElement>('.kb-toggle')!.click();
    const link = await waitFor(() => {
      const button = kb.querySelector<HTMLButtonElement>('.kb-answer:not([hidden]) .linked-record');
      return button && text(button.querySelector('.linked-member')) === 'Eastern University Library' && button;
    }, 'the linked record under the answer');
    expect(text(link.querySelector('.linked-title'))).to.equal(poem.title);
    expect(text(kb.querySelector('.linked-label'))).to.equal('Records in this answer');
    const axe = (window as unknown as { axe: { run(context: Element, options?: RunOptions): Promise<AxeResults> } }).axe;
    expect((await axe.run(search, { resultTypes: ['violations'] })).violations.map((v) => v.id)).to.deep.equal([]);

    link.click();
    const title = await waitFor(() => $(search, '#record-title'), 'the record');
    await waitFor(() => deepActiveElement() === title, 'focus on the record title');
    await waitFor(() => text(title) === poem.title, 'the record’s title');
    $<HTMLButtonElement>(search, '.back')!.click();
    await waitFor(() => deepActiveElement() === $(search, '.kb .linked-record'), 'focus back on the linked record');
  });

  it('explains an unreachable relay and searches again with Retry', async () => {
    const search = await mount({ relay: closedRelayUrl() });
    const box = $<HTMLInputElement>(search, '#q')!;
    box.focus();
    await sendKeys({ type: 'harry potter' });
    await sendKeys({ press: 'Enter' });
    const alert = await waitFor(() => $(search, '[role="alert"]'), 'the connection error', 20000);
    expect(alert.textContent).to.match(/cannot be reached right now/);
    const retry = alert.querySelector('button')!;
    expect(retry.textContent).to.equal('Try again');

    // The connection comes back (here: the relay address is corrected) and Retry recovers.
    search.relay = relayUrl();
    await search.updateComplete;
    retry.click();
    await waitFor(() => titles(search).length > 0, 'results after Retry');
    expect($(search, '[role="alert"]')).to.equal(null);
  });
});
