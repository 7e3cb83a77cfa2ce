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
import './atrium-console-questions.js';
import type { AtriumConsoleQuestions } from './atrium-console-questions.component.js';

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

async function mountAsk(): Promise<AtriumAsk> {
  const ask = document.createElement('atrium-ask');
  ask.setAttribute('relay', relayUrl());
  ask.setAttribute('member', 'riverside-library');
  document.body.append(ask);
  await ask.updateComplete;
  return ask;
}

/** The queue entry showing `question`, once the queue has it. */
const entry = (view: AtriumConsoleQuestions, question: string) =>
  [...view.shadowRoot!.querySelectorAll<HTMLButtonElement>('.queue-item')].find((item) => text(item.querySelector('.excerpt')) === question);

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
    await waitFor(() => text($(view, '[role="status"]')) === 'Your answer was sent and published to the knowledge base.', 'the answer announced');
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
    await waitFor(() => text($(view, '[part="error"]')) === 'A colleague claimed this question first. The list has been refreshed.', 'the 409 explained');
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
