import { expect } from '@esm-bundle/chai';
import { createClient } from '@atrium/sdk';
import { sendKeys } from '@web/test-runner-commands';
import 'axe-core';
import type { AxeResults, RunOptions } from 'axe-core';
import { relayUrl } from '../../test-support/test-env.js';
import { deepActiveElement, waitFor } from '../../test-support/wait.js';
import '../atrium-ask/atrium-ask.js';
import type { AtriumAsk } from '../atrium-ask/atrium-ask.component.js';
import '../atrium-search/atrium-search.js';
import '../atrium-widget/atrium-widget.js';
import './atrium-console-questions.js';
import type { AtriumConsoleQuestions } from './atrium-console-questions.component.js';
import { mountService } from '../../test-support/mount.js';

const axe = (window as unknown as { axe: { run(context: Element, options?: RunOptions): Promise<AxeResults> } }).axe;

const $ = <T extends Element = HTMLElement>(root: Element, selector: string) => root.shadowRoot!.querySelector<T>(selector);
const text = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

async function violations(element: Element): Promise<string[]> {
  const results = await axe.run(element, { resultTypes: ['violations'] });
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function signIn(): Promise<string> {
  const { token } = await createClient({ baseUrl: relayUrl() }).auth.login({
    email: 'librarian@riverside-library.example.org',
    password: 'atrium-demo',
  });
  return token;
}

async function mountConsole(token: string): Promise<AtriumConsoleQuestions> {
  const view = document.createElement('atrium-console-questions');
  view.baseUrl = relayUrl();
  view.token = token;
  document.body.append(view);
  await view.updateComplete;
  return view;
}

const mountAsk = (): Promise<AtriumAsk> => mountService('atrium-ask');

/** The queue entry showing `question`, once the queue has it. */
const entry = (view: AtriumConsoleQuestions, question: string) =>
  [...view.shadowRoot!.querySelectorAll<HTMLButtonElement>('.queue-item')].find(
    (item) => text(item.querySelector('.excerpt')) === question,
  );

const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

describe('<atrium-console-questions> against the demo relay', () => {
  afterEach(() => {
    document.body.replaceChildren();
    localStorage.clear();
  });

  it('takes a question from <atrium-ask> through claim and a published answer back to the patron and into search', async () => {
    const word = `lighthousekeeper${unique()}`;
    const question = `Is there a biography of a ${word}? Write to me at reader@example.org or call 2123 4567.`;

    // The patron asks in the widget.
    let ask = await mountAsk();
    $<HTMLTextAreaElement>(ask, '#ask-text')!.focus();
    await sendKeys({ type: question });
    $<HTMLButtonElement>(ask, 'button[type="submit"]')!.click();
    await waitFor(() => $(ask, '#sent-title'), 'the question sent');

    // The librarian finds it first in the queue, under their own member, beside the member's policy.
    const view = await mountConsole(await signIn());
    const item = await waitFor(() => entry(view, question), 'the question in the queue');
    expect(text(item.closest('ul')!.previousElementSibling)).to.equal('Your member');
    expect(text(item.querySelector('.status'))).to.equal('New');
    expect(text(item.querySelector('.item-meta'))).to.match(/New: only Riverside Public Library until |Visible to the consortium since /);
    item.click();
    const title = await waitFor(() => $(view, '#question-title'), 'the question opened');
    await waitFor(() => deepActiveElement() === title, 'focus on the question');
    expect(item.getAttribute('aria-current')).to.equal('true');
    expect(text($(view, '.question-text'))).to.equal(question);
    expect(text($(view, '#policy-title'))).to.equal('Service policy of Riverside Public Library');
    expect($(view, '[part="policy"] dl')).to.not.equal(null);
    expect(await violations(view)).to.deep.equal([]);

    // Claim, then answer and publish.
    [...view.shadowRoot!.querySelectorAll<HTMLButtonElement>('.question button')].find((button) => text(button) === 'Claim')!.click();
    const answerBox = await waitFor(() => $<HTMLTextAreaElement>(view, '#answer-text'), 'the answer editor');
    await waitFor(() => deepActiveElement() === answerBox, 'focus on the answer editor');
    await waitFor(() => text($(view, '[role="status"]')) === 'You claimed this question. Write your answer below.', 'the claim announced');
    expect(text($(view, '#publish-hint'))).to.include('Names, email addresses, phone numbers and card numbers are removed first.');
    await sendKeys({ type: `Yes: "Keeper of the Light" is a biography of a ${word}. It is on the second floor.` });
    $<HTMLInputElement>(view, '#answer-publish')!.click();
    expect(await violations(view)).to.deep.equal([]);
    $<HTMLButtonElement>(view, '.answer-form button[type="submit"]')!.click();
    await waitFor(
      () => text($(view, '[role="status"]')) === 'Your answer was sent and published to the knowledge base.',
      'the answer announced',
    );
    await waitFor(() => text($(view, '.question .status')) === 'Answered', 'the question answered');
    expect(text($(view, '.message.answer .body'))).to.include('Keeper of the Light');
    expect($(view, '#follow-up-text')).to.not.equal(null);

    // The patron comes back (a new page: the token is in this browser) and reads the answer.
    ask.remove();
    ask = await mountAsk();
    await waitFor(() => text($(ask, '.message.answer .body')).includes('Keeper of the Light'), 'the answer for the patron');
    expect(text($(ask, '.status'))).to.equal('Answered');

    // Anyone searching for it sees the published answer above the catalogue results, without the patron's details.
    const search = document.createElement('atrium-search');
    search.setAttribute('relay', relayUrl());
    document.body.append(search);
    await search.search(word);
    const kb = await waitFor(() => $(search, '[part="kb-answers"]'), 'the knowledge base answers');
    expect(text(kb.querySelector('.kb-heading'))).to.equal('Answers from librarians');
    const toggle = kb.querySelector<HTMLButtonElement>('.kb-toggle')!;
    expect(text(toggle)).to.include(word);
    expect(text(toggle)).to.not.include('reader@example.org');
    expect(text(toggle)).to.not.include('2123 4567');
    await waitFor(() => text(kb.querySelector('.kb-by')) === 'Answered by a librarian of Riverside Public Library', 'the answering member');
    const answer = kb.querySelector<HTMLElement>('.kb-answer')!;
    expect(answer.hidden).to.equal(true);
    toggle.click();
    await waitFor(() => !answer.hidden && toggle.getAttribute('aria-expanded') === 'true', 'the answer expanded');
    expect(text(answer)).to.include('Keeper of the Light');
    expect(kb.compareDocumentPosition($(search, '.results')!) & Node.DOCUMENT_POSITION_FOLLOWING).to.not.equal(0);
    expect(await violations(search)).to.deep.equal([]);
  });

  it('tells the librarian when a colleague claimed the question first, and shows who has it', async () => {
    const client = createClient({ baseUrl: relayUrl(), member: 'riverside-library' });
    const question = `Do you lend e-readers? (${unique()})`;
    const { id } = await client.questions.ask({ text: question });
    const token = await signIn();
    const view = await mountConsole(token);
    (await waitFor(() => entry(view, question), 'the question in the queue')).click();
    const claim = await waitFor(
      () => [...view.shadowRoot!.querySelectorAll<HTMLButtonElement>('.question button')].find((button) => text(button) === 'Claim'),
      'the Claim button',
    );

    // Someone else is quicker (here: the same desk in another tab).
    await client.staff.questions.claim({ token }, id);
    claim.click();
    await waitFor(
      () => text($(view, '[part="error"]')) === 'A colleague claimed this question first. The list has been refreshed.',
      'the 409 explained',
    );
    await waitFor(() => text($(view, '.question .status')) === 'Claimed', 'the question shown as claimed');
    expect(text(entry(view, question)!.querySelector('.item-meta'))).to.include('Claimed by you');
  });

  it('refers a question to another member, suggesting those that hold the record first', async () => {
    const client = createClient({ baseUrl: relayUrl(), member: 'riverside-library' });
    // A riverside patron asks about a poem only the university holds.
    const record = (await client.search({ q: '李白', member: 'eastern-university', limit: 1 })).items[0]!;
    const holder = record.holdings[0]!.member;
    expect(holder).to.equal('eastern-university');
    const question = `Is there a bilingual edition of this poem? (${unique()})`;
    await client.questions.ask({ text: question, context: { recordId: record.id } });
    const view = await mountConsole(await signIn());
    (await waitFor(() => entry(view, question), 'the question in the queue')).click();
    await waitFor(() => text($(view, '.facts')).includes(record.title), 'the record title');
    (await waitFor(() => $<HTMLElement>(view, '.refer summary'), 'the referral')).click();
    const select = await waitFor(() => $<HTMLSelectElement>(view, '#refer-member'), 'the member choice');
    await waitFor(() => select.options.length > 1, 'members to choose from');
    const offered = [...select.options].slice(1);
    expect(offered.map((option) => option.value)).to.not.include('riverside-library');
    expect(offered[0]!.value).to.equal(holder);
    expect(offered.filter((option) => text(option).endsWith('(holds the item)')).map((option) => option.value)).to.deep.equal([holder]);

    // Without a choice, the field says so and nothing moves.
    $<HTMLButtonElement>(view, '.refer button[type="submit"]')!.click();
    await waitFor(() => text($(view, '#refer-error')) === 'Choose a member first.', 'the missing member named');
    expect(select.getAttribute('aria-invalid')).to.equal('true');

    select.value = holder;
    select.dispatchEvent(new Event('change'));
    $<HTMLButtonElement>(view, '.refer button[type="submit"]')!.click();
    const name = (await client.members.list()).items.find((member) => member.id === holder)!.name.en;
    await waitFor(() => text($(view, '[role="status"]')) === `Referred to ${name}.`, 'the referral announced');
    await waitFor(() => $(view, '#question-title') === null && deepActiveElement() === $(view, '#queue-title'), 'back at the queue');
    const listed = await client.staff.questions.list({ token: view.token });
    const moved = listed.find((candidate) => candidate.text === question);
    if (moved) expect(moved.queueMember).to.equal(holder);
  });

  it('links catalogue records to an answer from the keyboard, and the patron opens them from the widget', async () => {
    const client = createClient({ baseUrl: relayUrl(), member: 'riverside-library' });
    const question = `Which Tang poems are about the moon? (${unique()})`;
    const asked = await client.questions.ask({ text: question });
    const view = await mountConsole(await signIn());
    (await waitFor(() => entry(view, question), 'the question in the queue')).click();
    (
      await waitFor(
        () => [...view.shadowRoot!.querySelectorAll<HTMLButtonElement>('.question button')].find((button) => text(button) === 'Claim'),
        'Claim',
      )
    ).click();
    await waitFor(() => deepActiveElement() === $(view, '#answer-text'), 'the answer editor');
    const answerForm = $(view, '.answer-form')!;
    expect(text(answerForm.querySelector('.links-heading'))).to.equal('Linked records');
    expect(text(answerForm.querySelector('.links-none'))).to.equal(
      'No records linked. The patron can open each record you link from your answer.',
    );

    // Enter in the search box searches the catalogue; it does not send the answer.
    const box = $<HTMLInputElement>(view, '#answer-record-q')!;
    expect(text($(view, 'label[for="answer-record-q"]'))).to.equal('Find a record to link');
    box.focus();
    await sendKeys({ type: '李白' });
    await sendKeys({ press: 'Enter' });
    const results = await waitFor(() => {
      const buttons = [...view.shadowRoot!.querySelectorAll<HTMLButtonElement>('#answer-record-results .record-result')];
      return buttons.length >= 2 && buttons;
    }, 'records found');
    await waitFor(() => /^\d records? found\. Choose one to link it\.$/.test(text($(view, '[role="status"]'))), 'the results announced');
    expect(text($(view, '.question .status'))).to.equal('Claimed', 'nothing was sent');
    const [first, second] = results.map((button) => ({ id: button.dataset.id!, title: text(button.querySelector('.result-title')) }));

    // Down into the list, Enter links the first; Down, Enter the second.
    await sendKeys({ press: 'ArrowDown' });
    expect(deepActiveElement()).to.equal(results[0]);
    await sendKeys({ press: 'Enter' });
    await waitFor(() => text($(view, '[role="status"]')) === `Linked “${first!.title}” (1 of 10).`, 'the first record announced');
    expect(results[0]!.getAttribute('aria-disabled')).to.equal('true');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await waitFor(() => text($(view, '[role="status"]')) === `Linked “${second!.title}” (2 of 10).`, 'the second record announced');
    const chips = () =>
      [...view.shadowRoot!.querySelectorAll('#answer-record-chips .chip')].map((chip) => text(chip.querySelector('.chip-title')));
    expect(chips()).to.deep.equal([first!.title, second!.title]);
    expect(await violations(view)).to.deep.equal([]);

    // Removing a chip says so and leaves focus on the chips.
    const remove = view.shadowRoot!.querySelectorAll<HTMLButtonElement>('#answer-record-chips .chip-remove')[0]!;
    expect(remove.getAttribute('aria-label')).to.equal(`Remove “${first!.title}”`);
    remove.click();
    await waitFor(() => text($(view, '[role="status"]')) === `Removed “${first!.title}”.`, 'the removal announced');
    expect(chips()).to.deep.equal([second!.title]);
    await waitFor(() => deepActiveElement() === $(view, '#answer-record-chips .chip-remove'), 'focus on the remaining chip');
    results[0]!.click();
    await waitFor(() => chips().length === 2, 'the first record linked again');

    // Send: the answer carries the records, in the order chosen.
    $<HTMLTextAreaElement>(view, '#answer-text')!.focus();
    await sendKeys({ type: 'Two poems by Li Bai about the moon.' });
    $<HTMLButtonElement>(view, '.answer-form button[type="submit"]')!.click();
    await waitFor(() => text($(view, '[role="status"]')) === 'Your answer was sent.', 'the answer announced');
    await waitFor(() => view.shadowRoot!.querySelectorAll('.message.answer .message-records li').length === 2, 'the records in the thread');
    expect(
      [...view.shadowRoot!.querySelectorAll('.message.answer .message-records .record-title')].map((title) => text(title)),
    ).to.deep.equal([second!.title, first!.title]);
    const stored = await client.questions.get(asked.id, asked.token);
    expect(stored.messages[0]!.records.map((record) => record.id)).to.deep.equal([second!.id, first!.id]);

    // The patron, in the widget on the partner page, opens a linked record from the answer.
    localStorage.setItem(`atrium-questions ${relayUrl()}`, JSON.stringify([{ id: asked.id, token: asked.token }]));
    const widget = document.createElement('atrium-widget');
    widget.setAttribute('relay', relayUrl());
    widget.setAttribute('member', 'riverside-library');
    widget.setAttribute('placement', 'inline');
    document.body.append(widget);
    await widget.updateComplete;
    widget.shadowRoot!.querySelector<HTMLElement>('#tab-ask')!.click();
    const ask = await waitFor(() => widget.shadowRoot!.querySelector('atrium-ask'), 'the Ask tab');
    const link = await waitFor(
      () => ask.shadowRoot!.querySelector<HTMLButtonElement>(`.linked-record[data-record="${CSS.escape(first!.id)}"]`),
      'the linked record',
    );
    expect(text(link.querySelector('.linked-title'))).to.equal(first!.title);
    link.click();
    const search = widget.shadowRoot!.querySelector('atrium-search')!;
    const title = await waitFor(() => $(search, '#record-title'), 'the record in the Search tab');
    await waitFor(
      () => widget.shadowRoot!.querySelector('#tab-search')!.getAttribute('aria-selected') === 'true' && deepActiveElement() === title,
      'focus on the record',
    );
    await waitFor(() => text(title) === first!.title, 'the record’s title');
  });

  it('refuses to send an answer linking a record the catalogue no longer has, naming it, and keeps the answer', async () => {
    const client = createClient({ baseUrl: relayUrl(), member: 'riverside-library' });
    const question = `Is there a biography of Du Fu? (${unique()})`;
    await client.questions.ask({ text: question });
    const view = await mountConsole(await signIn());
    (await waitFor(() => entry(view, question), 'the question in the queue')).click();
    (
      await waitFor(
        () => [...view.shadowRoot!.querySelectorAll<HTMLButtonElement>('.question button')].find((button) => text(button) === 'Claim'),
        'Claim',
      )
    ).click();
    await waitFor(() => $(view, '#answer-record-q'), 'the record search');
    $<HTMLInputElement>(view, '#answer-record-q')!.focus();
    await sendKeys({ type: '杜甫' });
    await sendKeys({ press: 'Enter' });
    const result = await waitFor(() => $<HTMLButtonElement>(view, '#answer-record-results .record-result'), 'a record found');
    const title = text(result.querySelector('.result-title'));
    result.click();
    await waitFor(() => $(view, '#answer-record-chips .chip'), 'the chip');
    // Meanwhile the record has left the catalogue: the picker still holds it, under an id the relay cannot find.
    (view as unknown as { answerLinks: { chosen: { id: string; title: string; member: string }[] } }).answerLinks.chosen[0]!.id =
      'eastern-university:withdrawn-record';
    $<HTMLTextAreaElement>(view, '#answer-text')!.focus();
    await sendKeys({ type: 'This one.' });
    $<HTMLButtonElement>(view, '.answer-form button[type="submit"]')!.click();
    await waitFor(
      () => text($(view, '[part="error"]')) === `No longer in the catalogue: ${title}. Remove it and send again.`,
      'the refusal naming the record',
    );
    expect(text($(view, '.question .status'))).to.equal('Claimed');
    expect($<HTMLTextAreaElement>(view, '#answer-text')!.value).to.equal('This one.');
    expect(view.shadowRoot!.querySelectorAll('#answer-record-chips .chip').length).to.equal(1);
  });

  it('speaks Simplified Chinese in the record picker', async () => {
    const client = createClient({ baseUrl: relayUrl(), member: 'riverside-library' });
    const question = `有关于月亮的唐诗吗？ (${unique()})`;
    const { id } = await client.questions.ask({ text: question });
    const token = await signIn();
    await client.staff.questions.claim({ token }, id);
    const view = document.createElement('atrium-console-questions');
    view.setAttribute('lang', 'zh-Hans');
    view.baseUrl = relayUrl();
    view.token = token;
    document.body.append(view);
    (await waitFor(() => entry(view, question), 'the question in the queue')).click();
    (await waitFor(() => $<HTMLInputElement>(view, '#answer-record-q'), 'the record search')).focus();
    await sendKeys({ type: '李白' });
    await sendKeys({ press: 'Enter' });
    (await waitFor(() => $<HTMLButtonElement>(view, '#answer-record-results .record-result'), 'a record found')).click();
    await waitFor(() => $(view, '#answer-record-chips .chip') && $(view, '[part="policy"] dl'), 'the chip and the policy');
    await waitFor(() => /^已关联“.+”（1\/10）。$/.test(text($(view, '[role="status"]'))), 'the link announced in Chinese');
    expect(text($(view, '.links-heading'))).to.equal('关联的馆藏');
    const picker = $(view, '.answer-form [part="record-links"]')!;
    const root = document.createDocumentFragment();
    root.append(picker.cloneNode(true));
    // Titles and creators are the catalogue's; the interface around them must be Chinese.
    for (const element of root.querySelectorAll('.chip-title, .result-title, .result-meta')) element.remove();
    const labels = [...root.querySelectorAll('[aria-label]')].map((element) => element.getAttribute('aria-label'));
    expect([root.textContent ?? '', ...labels].join(' ').match(/[A-Za-z]{2,}[A-Za-z ]*/g) ?? []).to.deep.equal([]);
  });

  it('speaks Traditional Chinese in the queue, the question and the policy headings', async () => {
    const client = createClient({ baseUrl: relayUrl(), member: 'riverside-library' });
    const question = `請問可以續借嗎？ (${unique()})`;
    await client.questions.ask({ text: question, category: 'lending' });
    const view = document.createElement('atrium-console-questions');
    view.setAttribute('lang', 'zh-Hant');
    view.baseUrl = relayUrl();
    view.token = await signIn();
    document.body.append(view);
    (await waitFor(() => entry(view, question), 'the question in the queue')).click();
    await waitFor(() => $(view, '[part="policy"] dl') && text($(view, '#policy-title')).startsWith('河'), 'the policy in Chinese');
    const english = () => {
      const root = document.createDocumentFragment();
      for (const child of view.shadowRoot!.childNodes) root.append(child.cloneNode(true));
      // What patrons and members wrote is theirs; the interface around it must be Chinese.
      for (const element of root.querySelectorAll('.excerpt, .question-text, .body, .policy dd, a')) element.remove();
      return (root.textContent ?? '').match(/[A-Za-z]{2,}[A-Za-z ]*/g) ?? [];
    };
    expect(text($(view, '.question .status'))).to.equal('新問題');
    expect(english()).to.deep.equal([]);
  });
});
