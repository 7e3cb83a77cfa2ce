import { expect } from '@esm-bundle/chai';
import { createClient } from '@atrium/sdk';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { axeViolations } from '../../test-support/axe-check.js';
import { relayUrlForFreshClient, withLostAnswers } from '../../test-support/lost-answers.js';
import { relayUrl, strictRelayUrl } from '../../test-support/test-env.js';
import { deepActiveElement, waitFor } from '../../test-support/wait.js';
import '../atrium-widget/atrium-widget.js';
import './atrium-ask.js';
import type { AtriumAsk } from './atrium-ask.component.js';
import { mountService } from '../../test-support/mount.js';

const mount = (attributes: Record<string, string> = {}): Promise<AtriumAsk> => mountService('atrium-ask', attributes);

const $ = <T extends Element = HTMLElement>(root: Element, selector: string) => root.shadowRoot!.querySelector<T>(selector);
const text = (element: Element | null) => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

async function type(ask: AtriumAsk, selector: string, value: string): Promise<void> {
  (await waitFor(() => $<HTMLElement>(ask, selector), selector)).focus();
  await sendKeys({ type: value });
}

const unique = () => `${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
const savedEntries = () => JSON.parse(localStorage.getItem(`atrium-questions ${relayUrl()}`) ?? '[]') as { id: string; token: string }[];

describe('<atrium-ask> against the demo relay', () => {
  afterEach(async () => {
    document.body.replaceChildren();
    localStorage.clear();
    history.replaceState(null, '', location.pathname + location.search);
    await setViewport({ width: 1280, height: 800 });
  });

  it('sends a question with its context, gives a private link, and shows the answer and takes a follow-up on return', async () => {
    const ask = await mount();
    const created: string[] = [];
    ask.addEventListener('atrium-question-created', (event) => created.push(event.detail.id));
    const question = `Do you keep old harbour maps from the 1920s? (${unique()})`;
    await type(ask, '#ask-text', question);
    expect(text($(ask, '#ask-text-count'))).to.equal(`${question.length} / 4,000`);
    $<HTMLSelectElement>(ask, '#ask-category')!.value = 'research';
    $<HTMLSelectElement>(ask, '#ask-category')!.dispatchEvent(new Event('change'));
    await type(ask, '#ask-email', 'reader@example.org');
    $<HTMLButtonElement>(ask, 'button[type="submit"]')!.click();

    const title = await waitFor(() => $(ask, '#sent-title'), 'the confirmation');
    await waitFor(() => deepActiveElement() === title, 'focus on the confirmation');
    expect(text(title)).to.equal('Your question was sent');
    expect(text($(ask, '[part="confirmation"]'))).to.include('We will write to reader@example.org when a librarian answers.');
    const [saved] = savedEntries();
    expect(created).to.deep.equal([saved!.id]);
    const link = $<HTMLInputElement>(ask, '#ask-link')!.value;
    expect(link).to.equal(`${location.href.split('#')[0]}#atrium-question=${saved!.id}/${saved!.token}`);

    // The relay has it with the page and the topic; the librarian answers it.
    const client = createClient({ baseUrl: relayUrl() });
    const { token } = await client.auth.login({ email: 'librarian@riverside-library.example.org', password: 'atrium-demo' });
    const staffView = await client.staff.questions.get({ token }, saved!.id);
    expect(staffView.text).to.equal(question);
    expect(staffView.category).to.equal('research');
    expect(staffView.context?.pageUrl).to.equal(location.href.split('#')[0]);
    expect(staffView.patron.email).to.equal('reader@example.org');
    await client.staff.questions.claim({ token }, saved!.id);
    await client.staff.questions.answer({ token }, saved!.id, { text: 'Yes: the map room has them; ask at the desk.' });

    // A return visit: a new element finds the question in this browser and announces the change.
    ask.remove();
    const back = await mount();
    const item = await waitFor(
      () => back.shadowRoot!.querySelector('[part="question"] .message.answer') && $(back, '[part="question"]'),
      'the answer',
    );
    expect(text(item.querySelector('.question-text'))).to.equal(question);
    expect(text(item.querySelector('.status'))).to.equal('Answered');
    await waitFor(
      () => /^Answer from .+, Riverside Public Library · .+ New$/.test(text(item.querySelector('.message.answer .who'))),
      'the answer signed with the member name and marked new',
    );
    expect(text(item.querySelector('.message.answer .body'))).to.equal('Yes: the map room has them; ask at the desk.');
    await waitFor(() => text($(back, '[role="status"]')) === 'One of your questions: Answered.', 'the status change announced');

    await type(back, `#follow-up-${saved!.id}`, 'Thank you! Which floor?');
    $<HTMLButtonElement>(back, '.follow-up button[type="submit"]')!.click();
    await waitFor(() => text($(back, '[role="status"]')) === 'Your follow-up was sent.', 'the follow-up announced');
    await waitFor(() => back.shadowRoot!.querySelectorAll('.message').length === 2, 'the follow-up in the thread');
    expect(text(back.shadowRoot!.querySelector('.message.patron .body'))).to.equal('Thank you! Which floor?');
    expect((await client.staff.questions.get({ token }, saved!.id)).messages.map((message) => message.author)).to.deep.equal([
      'librarian',
      'patron',
    ]);
    expect(await axeViolations(back)).to.deep.equal([]);
  });

  it('names the fields that need fixing, with focus on the first, and sends nothing', async () => {
    const ask = await mount();
    await type(ask, '#ask-email', 'not an address');
    $<HTMLButtonElement>(ask, 'button[type="submit"]')!.click();
    const textarea = await waitFor(() => $<HTMLTextAreaElement>(ask, '#ask-text[aria-invalid="true"]'), 'the question marked invalid');
    await waitFor(() => deepActiveElement() === textarea, 'focus on the question');
    expect(text($(ask, '#ask-text-error'))).to.equal('Write your question.');
    expect(textarea.getAttribute('aria-describedby')).to.include('ask-text-error');
    expect($(ask, '#ask-email')!.getAttribute('aria-invalid')).to.equal('true');
    expect(text($(ask, '#ask-email-error'))).to.equal('Enter an email address such as name@example.org, or leave the field empty.');
    expect(text($(ask, '[role="alert"]'))).to.equal('Please correct 2 fields below.');
    expect(savedEntries()).to.deep.equal([]);
    expect(await axeViolations(ask)).to.deep.equal([]);

    // What the quick check lets through, the shared schema refuses: named by field all the same.
    const strict = await mount();
    await type(strict, '#ask-text', 'When do you open?');
    await type(strict, '#ask-email', 'reader@library.x');
    $<HTMLButtonElement>(strict, 'button[type="submit"]')!.click();
    const email = await waitFor(() => $(strict, '#ask-email[aria-invalid="true"]'), 'the email marked invalid');
    await waitFor(() => deepActiveElement() === email, 'focus on the email field');
    expect(text($(strict, '#ask-email-error'))).to.equal('Enter an email address such as name@example.org, or leave the field empty.');
    expect(text($(strict, '[role="alert"]'))).to.equal('Please correct 1 field below.');
    expect(savedEntries()).to.deep.equal([]);

    // A refusal the patron cannot fix in the form says what is wrong without blaming a field.
    const nowhere = await mount({ member: 'no-such-member' });
    await type(nowhere, '#ask-text', 'Is anyone there?');
    $<HTMLButtonElement>(nowhere, 'button[type="submit"]')!.click();
    await waitFor(() => text($(nowhere, '[role="alert"]')) !== '', 'the refusal');
    expect(text($(nowhere, '[role="alert"]'))).to.equal('Questions are not set up for this library.');
    expect($(nowhere, '#sent-title')).to.equal(null);
  });

  it('files a question once when the patron sends again after every answer was lost', async () => {
    const question = `Can I renew a loan by phone? (${unique()})`;
    // The relay files the question; its answer never reaches the page, three times over.
    const keys = await withLostAnswers('/v1/questions', 3, async () => {
      const ask = await mount({ relay: relayUrlForFreshClient() });
      await type(ask, '#ask-text', question);
      $<HTMLButtonElement>(ask, 'button[type="submit"]')!.click();
      await waitFor(() => text($(ask, '[role="alert"]')), 'the problem after the lost answers');
      expect($<HTMLTextAreaElement>(ask, '#ask-text')!.value, 'the question is still in the form').to.equal(question);

      $<HTMLButtonElement>(ask, 'button[type="submit"]')!.click();
      await waitFor(() => $(ask, '#sent-title'), 'the confirmation');
    });
    expect(keys.length).to.equal(4);
    expect(new Set(keys).size, 'one key for every attempt').to.equal(1);
    const client = createClient({ baseUrl: relayUrl() });
    const auth = await client.auth.login({ email: 'librarian@riverside-library.example.org', password: 'atrium-demo' });
    const filed = (await client.staff.questions.list(auth, { limit: 500 })).filter((item) => item.text === question);
    expect(filed.length, 'the relay holds the question once').to.equal(1);
  });

  it('says when to try again when the relay refuses more questions, and keeps the question in the form', async () => {
    // The strict relay takes one question an hour from this browser's address: the second is refused.
    const ask = await mount({ relay: strictRelayUrl() });
    const outcome = () => $(ask, '#sent-title') ?? (text($(ask, '[role="alert"]')) ? $(ask, '[role="alert"]') : null);
    await type(ask, '#ask-text', `Is the reading room open late? (${unique()})`);
    $<HTMLButtonElement>(ask, 'button[type="submit"]')!.click();
    if ((await waitFor(outcome, 'the first question sent or refused')).id === 'sent-title') {
      const another = [...ask.shadowRoot!.querySelectorAll('button')].find((button) => text(button) === 'Ask another question');
      another!.click();
      await type(ask, '#ask-text', `And on Sundays? (${unique()})`);
      $<HTMLButtonElement>(ask, 'button[type="submit"]')!.click();
      await waitFor(() => text($(ask, '[role="alert"]')) !== '', 'the refusal');
    }
    expect(text($(ask, '[role="alert"]'))).to.match(
      /^Too many questions in a short time, so yours was not sent yet\. Please try again at \d{1,2}:\d{2}( [AP]M)?\.$/,
    );
    expect($<HTMLTextAreaElement>(ask, '#ask-text')!.value).to.match(/\(\d+-\d+\)$/, 'the question is still in the form');
    expect($(ask, '#sent-title')).to.equal(null);
    expect(await axeViolations(ask)).to.deep.equal([]);
  });

  it('brings a question opened by its private link into this browser, newest first, and keeps the order', async () => {
    const client = createClient({ baseUrl: relayUrl(), member: 'riverside-library' });
    const question = `Can I renew a loan by phone? (${unique()})`;
    const created = await client.questions.ask({ text: question });
    const earlierText = `Are you open on public holidays? (${unique()})`;
    const earlier = await client.questions.ask({ text: earlierText });
    localStorage.setItem(`atrium-questions ${relayUrl()}`, JSON.stringify([{ id: earlier.id, token: earlier.token }]));
    history.replaceState(null, '', `${location.pathname}${location.search}#atrium-question=${created.id}/${created.token}`);
    const ask = await mount();
    const shown = () => [...ask.shadowRoot!.querySelectorAll('.question-text')].map((heading) => text(heading));
    await waitFor(() => shown().length === 2, 'both questions');
    expect(shown()).to.deep.equal([question, earlierText]);
    expect(text($(ask, '.status'))).to.equal('Waiting for a librarian');
    expect(savedEntries().map((entry) => entry.id)).to.deep.equal([created.id, earlier.id]);
    // Checking again keeps the list in the same order.
    await ask.refresh();
    await ask.refresh();
    expect(shown()).to.deep.equal([question, earlierText]);
    expect(savedEntries().map((entry) => entry.id)).to.deep.equal([created.id, earlier.id]);
  });

  it('is the Ask tab of the widget and takes over what the patron wrote when nobody can chat', async () => {
    const widget = document.createElement('atrium-widget');
    widget.setAttribute('relay', relayUrl());
    widget.setAttribute('member', 'riverside-library');
    widget.setAttribute('placement', 'inline');
    document.body.append(widget);
    await widget.updateComplete;
    const tabs = [...widget.shadowRoot!.querySelectorAll<HTMLElement>('[role="tab"]')];
    expect(tabs.map((tab) => tab.textContent!.trim()).at(-1)).to.equal('Ask');

    // What the Chat tab sends when the patron chooses to leave a question instead.
    const search = widget.shadowRoot!.querySelector('atrium-search')!;
    search.dispatchEvent(
      new CustomEvent('atrium-ask-offer', { detail: { text: 'Where are the study rooms?' }, bubbles: true, composed: true }),
    );
    const askTab = widget.shadowRoot!.querySelector('#tab-ask')!;
    await waitFor(() => askTab.getAttribute('aria-selected') === 'true', 'the Ask tab selected');
    const ask = widget.shadowRoot!.querySelector('atrium-ask')!;
    const textarea = await waitFor(() => $<HTMLTextAreaElement>(ask, '#ask-text'), 'the question box');
    await waitFor(() => textarea.value === 'Where are the study rooms?', 'the text carried over');
    await waitFor(() => deepActiveElement() === textarea, 'focus on the question box');
    expect(await axeViolations(widget)).to.deep.equal([]);

    // A later offer brings the form back even after a question was sent.
    $<HTMLButtonElement>(ask, 'button[type="submit"]')!.click();
    await waitFor(() => $(ask, '#sent-title'), 'the question sent');
    search.dispatchEvent(new CustomEvent('atrium-ask-offer', { detail: { text: 'Can I bring a laptop?' }, bubbles: true, composed: true }));
    await waitFor(() => $<HTMLTextAreaElement>(ask, '#ask-text')?.value === 'Can I bring a laptop?', 'the new text in the form');
    await waitFor(() => deepActiveElement() === $(ask, '#ask-text'), 'focus on the question box again');
  });

  it('shows the records a librarian linked in the answer, and opens one in the widget’s Search tab', async () => {
    const client = createClient({ baseUrl: relayUrl(), member: 'riverside-library' });
    const poem = (await client.search({ q: '李白', member: 'eastern-university', limit: 1 })).items[0]!;
    const book = (await client.search({ q: 'the', member: 'riverside-library', limit: 1 })).items[0]!;
    const question = `Something short to read on the train? (${unique()})`;
    const asked = await client.questions.ask({ text: question });
    localStorage.setItem(`atrium-questions ${relayUrl()}`, JSON.stringify([{ id: asked.id, token: asked.token }]));
    const { token } = await client.auth.login({ email: 'librarian@riverside-library.example.org', password: 'atrium-demo' });
    await client.staff.questions.claim({ token }, asked.id);
    await client.staff.questions.answer({ token }, asked.id, { text: 'A poem, or the start of a novel.', records: [poem.id, book.id] });

    const widget = document.createElement('atrium-widget');
    widget.setAttribute('relay', relayUrl());
    widget.setAttribute('member', 'riverside-library');
    widget.setAttribute('placement', 'inline');
    document.body.append(widget);
    await widget.updateComplete;
    const requested: string[] = [];
    widget.addEventListener('atrium-record-request', (event) => requested.push(event.detail.id));
    widget.shadowRoot!.querySelector<HTMLElement>('#tab-ask')!.click();
    const ask = await waitFor(() => widget.shadowRoot!.querySelector('atrium-ask'), 'the Ask tab');
    const links = await waitFor(() => {
      const buttons = [...ask.shadowRoot!.querySelectorAll<HTMLButtonElement>('.message.answer .linked-record')];
      return buttons.length === 2 && text(buttons[1]!.querySelector('.linked-member')) === 'Riverside Public Library' && buttons;
    }, 'the linked records under the answer');
    expect(links.map((button) => text(button.querySelector('.linked-title')))).to.deep.equal([poem.title, book.title]);
    expect(text(links[0]!.querySelector('.linked-member'))).to.equal('Eastern University Library');
    const list = links[0]!.closest('ul')!;
    expect(text(ask.shadowRoot!.getElementById(list.getAttribute('aria-labelledby')!))).to.equal('Records the librarian pointed you to');
    expect(await axeViolations(widget)).to.deep.equal([]);

    // Keyboard: the patron reaches the first record and presses Enter; the Search tab shows it.
    links[0]!.focus();
    await sendKeys({ press: 'Enter' });
    const searchTab = widget.shadowRoot!.querySelector('#tab-search')!;
    await waitFor(() => searchTab.getAttribute('aria-selected') === 'true', 'the Search tab selected');
    const search = widget.shadowRoot!.querySelector('atrium-search')!;
    const recordTitle = await waitFor(() => $(search, '#record-title'), 'the record view');
    await waitFor(() => deepActiveElement() === recordTitle, 'focus on the record’s title');
    // The heading says "Loading record…" until the record arrives; then it is the title, announced.
    await waitFor(() => text(recordTitle) === poem.title, 'the record’s title');
    await waitFor(() => text($(search, '[role="status"]')) === poem.title, 'the title announced');
    await waitFor(() => search.shadowRoot!.querySelector('.holdings'), 'the record’s holdings');
    expect(requested).to.deep.equal([poem.id]);
    expect(widget.recordInView).to.equal(poem.id);
  });

  it('labels linked records in Simplified Chinese', async () => {
    const client = createClient({ baseUrl: relayUrl(), member: 'riverside-library' });
    const poem = (await client.search({ q: '李白', member: 'eastern-university', limit: 1 })).items[0]!;
    const asked = await client.questions.ask({ text: `有没有短诗推荐？ (${unique()})` });
    localStorage.setItem(`atrium-questions ${relayUrl()}`, JSON.stringify([{ id: asked.id, token: asked.token }]));
    const { token } = await client.auth.login({ email: 'librarian@riverside-library.example.org', password: 'atrium-demo' });
    await client.staff.questions.claim({ token }, asked.id);
    await client.staff.questions.answer({ token }, asked.id, { text: '推荐这首。', records: [poem.id] });
    const ask = await mount({ lang: 'zh-Hans' });
    const link = await waitFor(() => $(ask, '.linked-record'), 'the linked record');
    await waitFor(() => text(link.querySelector('.linked-member')) === '东方大学图书馆', 'the member in Simplified Chinese');
    expect(text($(ask, '.linked-label'))).to.equal('馆员为你推荐的馆藏');
    // The titles are the catalogue's; the words around them must be Chinese.
    const linked = $(ask, '[part="linked-records"]')!.cloneNode(true) as HTMLElement;
    for (const element of linked.querySelectorAll('.linked-title')) element.remove();
    expect((linked.textContent ?? '').match(/[A-Za-z]{2,}[A-Za-z ]*/g) ?? []).to.deep.equal([]);
  });

  it('fits a 360 px screen', async () => {
    await setViewport({ width: 360, height: 720 });
    const ask = await mount();
    await waitFor(() => $(ask, '#ask-text'), 'the form');
    expect(ask.scrollWidth).to.be.at.most(360);
    const submit = $(ask, 'button[type="submit"]')!.getBoundingClientRect();
    expect(submit.right).to.be.at.most(360);
    expect(submit.height).to.be.at.least(24);
  });

  it('speaks Traditional Chinese throughout, with no English interface text', async () => {
    const ask = await mount({ lang: 'zh-Hant' });
    const english = () => {
      const root = document.createDocumentFragment();
      for (const child of ask.shadowRoot!.childNodes) root.append(child.cloneNode(true));
      // What people wrote is theirs; the interface around it must be Chinese.
      for (const element of root.querySelectorAll('.question-text, .body')) element.remove();
      const labels = [...root.querySelectorAll('[aria-label]')].map((element) => element.getAttribute('aria-label'));
      return [root.textContent ?? '', ...labels].join(' ').match(/[A-Za-z]{2,}[A-Za-z ]*/g) ?? [];
    };
    await waitFor(() => $(ask, '#ask-text'), 'the form');
    expect(text($(ask, 'label[for="ask-text"]'))).to.equal('您的問題');
    expect(english()).to.deep.equal([]);

    $<HTMLButtonElement>(ask, 'button[type="submit"]')!.click();
    await waitFor(() => $(ask, '#ask-text-error'), 'the error');
    expect(english()).to.deep.equal([]);

    await type(ask, '#ask-text', '請問有沒有大字版的書？');
    $<HTMLButtonElement>(ask, 'button[type="submit"]')!.click();
    await waitFor(() => $(ask, '#sent-title') && $(ask, '.question-text'), 'the confirmation and the question');
    expect(text($(ask, '#sent-title'))).to.equal('您的問題已送出');
    expect(english()).to.deep.equal([]);
  });
});
