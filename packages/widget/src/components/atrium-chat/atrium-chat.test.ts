import { expect } from '@esm-bundle/chai';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { createClient, type DeskConversation, type LibrarianDesk } from '@atrium/sdk';
import { axeViolations } from '../../test-support/axe-check.js';
import { closedRelayUrl, relayUrl } from '../../test-support/test-env.js';
import { deepActiveElement, waitFor } from '../../test-support/wait.js';
import '../atrium-widget/atrium-widget.js';
import type { AtriumWidget } from '../atrium-widget/atrium-widget.component.js';
import './atrium-chat.js';
import type { AtriumChat } from './atrium-chat.component.js';
import { mountService } from '../../test-support/mount.js';
import { pressEnterWhileComposing } from '../../test-support/ime.js';

const MEMBER = 'riverside-library';
const LIBRARIAN = 'Reference desk, Riverside Public Library';

const $ = <T extends Element = HTMLElement>(chat: AtriumChat, selector: string) => chat.shadowRoot!.querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(chat: AtriumChat, selector: string) => [...chat.shadowRoot!.querySelectorAll<T>(selector)];
const text = (element: Element | null) => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const announced = (chat: AtriumChat) => $$(chat, '[aria-live="polite"] p').map(text);

const desks: LibrarianDesk[] = [];

/** The demo librarian, signed in with the SDK as the console does, ready to take chats. */
async function librarian(): Promise<LibrarianDesk> {
  const client = createClient({ baseUrl: relayUrl(), member: MEMBER });
  const { token } = await client.auth.login({ email: `librarian@${MEMBER}.example.org`, password: 'atrium-demo' });
  const desk = await client.console.connect({ token });
  desks.push(desk);
  await desk.setPresence('available');
  return desk;
}

const mount = (attributes: Record<string, string> = {}): Promise<AtriumChat> =>
  mountService('atrium-chat', { member: MEMBER, ...attributes });

const mountWidget = (attributes: Record<string, string> = {}): Promise<AtriumWidget> =>
  mountService('atrium-widget', { member: MEMBER, ...attributes });

/** Starts a chat the way a patron does: types the question, presses Enter. Resolves with the conversation id. */
async function startChat(chat: AtriumChat, question: string): Promise<string> {
  const started = new Promise<string>((resolve) =>
    chat.addEventListener('atrium-chat-start', (event) => resolve(event.detail.conversationId), { once: true }),
  );
  (await waitFor(() => $<HTMLTextAreaElement>(chat, '#question'), 'the question box')).focus();
  await sendKeys({ type: question });
  await sendKeys({ press: 'Enter' });
  const id = await started;
  await waitFor(() => $(chat, '.message.mine[data-seq]'), 'the question stored');
  return id;
}

async function noAxeViolations(root: Element): Promise<void> {
  expect(await axeViolations(root)).to.deep.equal([]);
}

describe('<atrium-chat> against the demo relay', () => {
  afterEach(async () => {
    // End what the librarian still has open, so the next test finds them with room for a chat.
    for (const desk of desks.splice(0)) {
      await Promise.all(
        desk.conversations.filter((c) => c.state.status !== 'ended').map((c: DeskConversation) => c.end().catch(() => undefined)),
      );
      desk.close();
    }
    document.body.replaceChildren();
    localStorage.clear();
    await setViewport({ width: 1280, height: 800 });
  });

  it('loads nothing realtime and asks for a first question until the patron starts', async () => {
    const chat = await mount();
    expect(text($(chat, 'label[for="question"]'))).to.equal('Your question');
    expect($(chat, '#question')!.getAttribute('maxlength')).to.equal('4000');
    expect(text($(chat, '#question-count'))).to.equal('0 / 4,000');
    expect(text($(chat, '#question-hint'))).to.equal('Enter sends, Shift+Enter starts a new line.');
    expect($<HTMLButtonElement>(chat, 'button[type="submit"]')!.disabled).to.equal(true);
    const realtime = performance.getEntriesByType('resource').filter((entry) => /socket\.io|engine\.io/.test(entry.name));
    expect(realtime.map((entry) => entry.name)).to.deep.equal([]);
  });

  it('starts a chat: the message goes from sending to stored, the librarian answers, the answer is read out once', async () => {
    const chat = await mount();
    const seenPending: string[] = [];
    new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.addedNodes) {
          if (!(node instanceof HTMLElement)) continue;
          for (const pending of [node, ...node.querySelectorAll('*')].filter((element) => element.matches('.message.pending'))) {
            seenPending.push(text(pending.querySelector('.state')));
          }
        }
      }
    }).observe(chat.shadowRoot!, { childList: true, subtree: true });
    const messages: { seq: number; role: string }[] = [];
    chat.addEventListener('atrium-chat-message', (event) => messages.push(event.detail));

    const id = await startChat(chat, 'Do you have large-print books?');
    expect(seenPending).to.include('Sending…');
    const first = $(chat, '.message.mine[data-seq="1"]')!;
    expect(text(first.querySelector('.sender'))).to.equal('You');
    expect(text(first.querySelector('.text'))).to.equal('Do you have large-print books?');
    expect(first.querySelector('time')!.getAttribute('datetime')).to.match(/^\d{4}-\d\d-\d\dT/);
    expect($(chat, '.message.pending') === null, 'nothing pending').to.equal(true);
    expect(messages).to.deep.equal([{ seq: 1, role: 'patron' }]);
    // Focus followed the patron from the question box into the composer.
    expect(deepActiveElement()?.id).to.equal('composer-text');

    // Waiting: the status says so, and the page passes axe.
    expect(text($(chat, '[part="queue-status"] .status-line'))).to.equal('Waiting for a librarian…');
    await noAxeViolations(chat);

    const desk = await librarian();
    const conversation = await desk.accept(id);
    await waitFor(() => text($(chat, '[part="queue-status"] .status-line')) === `${LIBRARIAN} is answering.`, 'the librarian named');
    expect(announced(chat)).to.include(`${LIBRARIAN} joined the chat.`);

    const composer = $<HTMLTextAreaElement>(chat, '#composer-text')!;
    composer.focus();
    await sendKeys({ type: 'I also' });
    await conversation.send('Yes, on the first floor of Central Library.');
    const reply = await waitFor(() => $(chat, '.message.theirs[data-seq="2"]'), 'the reply');
    expect(text(reply.querySelector('.sender'))).to.equal(LIBRARIAN);
    expect(text(reply.querySelector('.text'))).to.equal('Yes, on the first floor of Central Library.');
    const line = `${LIBRARIAN}: Yes, on the first floor of Central Library.`;
    expect(announced(chat).filter((entry) => entry === line)).to.have.length(1);
    // The log is not itself a live region: only the new message is read, not the whole log.
    expect($(chat, '[part="chat-log"]')!.hasAttribute('aria-live')).to.equal(false);
    // Focus stayed where the patron was writing, with what they had typed.
    expect(deepActiveElement() === composer, 'focus in the composer').to.equal(true);
    expect(composer.value).to.equal('I also');

    // Shift+Enter is a new line, Enter sends, and the composer keeps focus, emptied.
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Shift' });
    await sendKeys({ type: 'want audiobooks' });
    expect(composer.value).to.equal('I also\nwant audiobooks');
    await sendKeys({ press: 'Enter' });
    const second = await waitFor(() => $(chat, '.message.mine[data-seq="3"]'), 'the second message stored');
    expect(text(second.querySelector('.text'))).to.equal('I also want audiobooks');
    expect(second.querySelector('.text')!.textContent).to.equal('I also\nwant audiobooks');
    expect(deepActiveElement() === composer, 'focus in the composer').to.equal(true);
    expect(composer.value).to.equal('');
    expect(messages).to.deep.equal([
      { seq: 1, role: 'patron' },
      { seq: 2, role: 'librarian' },
      { seq: 3, role: 'patron' },
    ]);

    // The librarian reads it: "Seen" under the patron's last message only.
    await conversation.markRead(3);
    await waitFor(() => $(chat, '.message[data-seq="3"] .seen'), 'the read receipt');
    expect($$(chat, '.seen')).to.have.length(1);
    expect(text($(chat, '.seen'))).to.equal('Seen');

    // Typing shows who is typing.
    await conversation.typing(true);
    await waitFor(() => text($(chat, '.typing')) === `${LIBRARIAN} is typing…`, 'the typing indicator');
    await conversation.typing(false);
    await waitFor(() => !$(chat, '.typing'), 'the typing indicator gone');

    await noAxeViolations(chat);
  });

  it('ends the chat after asking, then offers a rating, the transcript, deleting and a new chat', async () => {
    const chat = await mount();
    const id = await startChat(chat, 'How late are you open?');
    const ended = new Promise<string>((resolve) =>
      chat.addEventListener('atrium-chat-end', (event) => resolve(event.detail.conversationId), { once: true }),
    );

    $<HTMLButtonElement>(chat, 'button.ask-end')!.click();
    const yes = await waitFor(
      () => deepActiveElement()?.classList.contains('confirm-yes') && deepActiveElement(),
      'focus on the confirmation',
    );
    expect(text($(chat, '#confirm-end'))).to.equal('End this chat? The librarian will see that you left.');
    expect(yes.closest('[role="group"]')!.getAttribute('aria-labelledby')).to.equal('confirm-end');
    await sendKeys({ press: 'Enter' });
    expect(await ended).to.equal(id);

    const title = await waitFor(() => $(chat, '#ended-title'), 'the after-chat view');
    expect(text(title)).to.equal('Chat ended');
    expect(deepActiveElement() === title, 'focus on the heading').to.equal(true);
    expect(text($(chat, '.after > p'))).to.equal('You ended the chat.');
    expect($(chat, '#composer-text') === null, 'no composer').to.equal(true);
    // What was said stays readable.
    expect(text($(chat, '.message[data-seq="1"] .text'))).to.equal('How late are you open?');

    const rating = $(chat, '[part="rating"]')!;
    expect(text(rating.querySelector('legend'))).to.equal('How helpful was this chat?');
    const radios = [...rating.querySelectorAll<HTMLInputElement>('input[type="radio"][name="score"]')];
    expect(radios.map((radio) => text(radio.closest('label')))).to.deep.equal([
      '1 – Not helpful',
      '2 – A little helpful',
      '3 – Helpful',
      '4 – Very helpful',
      '5 – Extremely helpful',
    ]);
    expect(text(rating.querySelector('label[for="rating-comment"]'))).to.equal('Comment (optional)');
    // Sending without a score says what is missing and changes nothing.
    rating.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitFor(() => text($(chat, '#rating-problem')) === 'Choose a rating first.', 'the missing score');
    expect(deepActiveElement() === radios[0], 'focus on the first score').to.equal(true);

    const actions = [...chat.shadowRoot!.querySelectorAll('.after [part="chat-actions"] button')].map(text);
    expect(actions).to.deep.equal(['Download transcript', 'Delete my conversation', 'Start a new chat']);
    // The conversation is over: a reload starts afresh rather than reopening it.
    expect(localStorage.getItem(`atrium:chat-open:${MEMBER}`)).to.equal(null);
    await noAxeViolations(chat);

    // A score and a comment are kept by the relay.
    radios[3]!.click();
    rating.querySelector<HTMLTextAreaElement>('#rating-comment')!.value = 'Quick answer';
    rating.querySelector<HTMLTextAreaElement>('#rating-comment')!.dispatchEvent(new Event('input'));
    rating.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitFor(() => text($(chat, '.thanks')) === 'Thank you for your rating.', 'the thanks');
    expect(announced(chat)).to.include('Thank you for your rating.');

    // Deleting asks first, then erases the conversation and goes back to the start.
    $<HTMLButtonElement>(chat, 'button.ask-delete')!.click();
    await waitFor(() => deepActiveElement()?.classList.contains('confirm-yes'), 'focus on the confirmation');
    expect(text($(chat, '#confirm-delete'))).to.equal('Delete this conversation and all its messages for good? This cannot be undone.');
    await sendKeys({ press: 'Enter' });
    const question = await waitFor(() => $<HTMLTextAreaElement>(chat, '#question'), 'the start form again');
    expect(text($(chat, '.notice'))).to.equal('Your conversation was deleted.');
    await waitFor(() => deepActiveElement() === question, 'focus in the question box');
  });

  it('shows when the librarian ends the chat, and does not reopen a chat that ended while the page was away', async () => {
    const chat = await mount();
    const id = await startChat(chat, 'Where do I pay a fine?');
    const desk = await librarian();
    const conversation = await desk.accept(id);
    const composer = $<HTMLTextAreaElement>(chat, '#composer-text')!;
    composer.focus();
    await conversation.end();
    const title = await waitFor(() => $(chat, '#ended-title'), 'the after-chat view');
    expect(text($(chat, '.after > p'))).to.equal('The librarian ended the chat.');
    expect(announced(chat)).to.include('The librarian ended the chat.');
    // The composer the patron was in is gone: focus continues from the heading, not from the page's start.
    await waitFor(() => deepActiveElement() === title, 'focus on the heading');
    $<HTMLButtonElement>(chat, '.new-chat')!.click();
    await waitFor(() => $(chat, '#question'), 'the start form');

    const second = await startChat(chat, 'And can I pay online?');
    expect(second).to.not.equal(id);
    chat.remove();
    const other = await desk.accept(second);
    await other.end();
    const again = await mount();
    await waitFor(() => text($(again, '.notice')) === 'Your earlier chat has ended.', 'the notice').catch((error: Error) => {
      throw new Error(`${error.message}; shown instead: ${again.shadowRoot!.textContent!.replace(/\s+/g, ' ').slice(0, 400)}`);
    });
    expect(again.shadowRoot!.querySelector('#question')).to.exist;
    expect(localStorage.getItem(`atrium:chat-open:${MEMBER}`)).to.equal(null);
  });

  it('reopens the conversation this visitor has open when shown again (another tab, a reload)', async () => {
    const first = await mount();
    const id = await startChat(first, 'Is the east bank branch open on Sunday?');
    // The place in line, or the no-librarian notice when nobody can answer (never both).
    const waiting = (chat: AtriumChat) =>
      ['.place', '.nobody strong'].map((selector) => text($(chat, `[part="queue-status"] ${selector}`))).join(' | ');
    await waitFor(() => waiting(first) !== ' | ', 'the place in line or the notice');
    const place = waiting(first);
    first.remove();
    const second = await mount();
    await waitFor(() => $(second, '.message.mine[data-seq="1"]'), 'the conversation reopened');
    // The place in line is back with the conversation, not only at the relay's next push.
    expect(waiting(second)).to.equal(place);
    expect(text($(second, '.message[data-seq="1"] .text'))).to.equal('Is the east bank branch open on Sunday?');
    expect(localStorage.getItem(`atrium:chat-open:${MEMBER}`)).to.equal(id);
    const desk = await librarian();
    const conversation = await desk.accept(id);
    await conversation.send('Yes, from noon.');
    await waitFor(() => $(second, '.message.theirs[data-seq="2"]'), 'a reply in the reopened chat');
  });

  it('is the Chat tab of the widget: startChat() opens it with focus in the question box, axe-clean', async () => {
    const widget = await mountWidget({ placement: 'inline' });
    const tabs = [...widget.shadowRoot!.querySelectorAll('[role="tab"]')].map(text);
    expect(tabs).to.include('Chat');
    await widget.startChat();
    const tab = widget.shadowRoot!.querySelector('#tab-chat')!;
    expect(tab.getAttribute('aria-selected')).to.equal('true');
    const chat = widget.shadowRoot!.querySelector('atrium-chat')!;
    await waitFor(() => deepActiveElement() === $(chat, '#question'), 'focus in the question box');
    await noAxeViolations(widget);
  });

  it('speaks Traditional Chinese throughout, with no English interface text', async () => {
    const chat = await mount({ lang: 'zh-Hant' });
    /** Visible text and accessible names, leaving out key caps (Enter) and what people wrote. */
    const english = () => {
      const root = document.createElement('div');
      root.append(...[...chat.shadowRoot!.children].map((child) => child.cloneNode(true)));
      for (const element of root.querySelectorAll('kbd, .text')) element.remove();
      const labels = [...root.querySelectorAll('[aria-label]')].map((element) => element.getAttribute('aria-label'));
      return [root.textContent ?? '', ...labels].join(' ').match(/[A-Za-z]{2,}[A-Za-z ]*/g) ?? [];
    };
    expect(text($(chat, 'label[for="question"]'))).to.equal('您的問題');
    expect(text($(chat, 'button[type="submit"]'))).to.equal('開始諮詢');
    expect(english()).to.deep.equal([]);

    await startChat(chat, '請問有大字書嗎？');
    expect(text($(chat, '.message[data-seq="1"] .sender'))).to.equal('我');
    expect(text($(chat, '[part="queue-status"] .status-line'))).to.equal('正在等候館員…');
    expect(text($(chat, 'button.ask-end'))).to.equal('結束諮詢');
    expect($(chat, '[part="chat-log"]')!.getAttribute('aria-label')).to.equal('對話內容');
    expect(english()).to.deep.equal([]);

    $<HTMLButtonElement>(chat, 'button.ask-end')!.click();
    await waitFor(() => $(chat, '.confirm-yes'), 'the confirmation');
    expect(english()).to.deep.equal([]);
    $<HTMLButtonElement>(chat, '.confirm-yes')!.click();
    await waitFor(() => $(chat, '#ended-title'), 'the after-chat view');
    expect(text($(chat, '#ended-title'))).to.equal('諮詢已結束');
    expect(text($(chat, '[part="rating"] legend'))).to.equal('這次諮詢對您有幫助嗎？');
    expect(english()).to.deep.equal([]);
  });

  it('keeps the composer in view on a 360 px phone, also with the on-screen keyboard open', async () => {
    await setViewport({ width: 360, height: 640 });
    const widget = await mountWidget();
    await widget.startChat();
    const chat = widget.shadowRoot!.querySelector('atrium-chat')!;
    await startChat(chat, 'Can I renew a book by phone?');
    for (const height of [640, 330]) {
      // A phone's keyboard takes the lower half of the screen: the page has that much less height.
      await setViewport({ width: 360, height });
      await waitFor(() => innerHeight === height, 'the new viewport');
      const composer = $(chat, '#composer-text')!.getBoundingClientRect();
      const send = $(chat, 'button.send')!.getBoundingClientRect();
      expect(composer.top, `composer top at ${height}px`).to.be.at.least(0);
      expect(composer.bottom, `composer bottom at ${height}px`).to.be.at.most(height);
      expect($(chat, '[part="composer"]')!.getBoundingClientRect().bottom, `composer form at ${height}px`).to.be.at.most(height);
      expect(send.bottom, `Send at ${height}px`).to.be.at.most(height);
      expect(send.right).to.be.at.most(360);
      expect(send.height).to.be.at.least(24);
      expect(document.documentElement.scrollWidth).to.be.at.most(360);
    }
    await setViewport({ width: 360, height: 640 });
    await noAxeViolations(widget);
  });

  it('offers to leave a question when no librarian can be reached, with everything typed, and stays usable', async () => {
    const chat = await mount();
    const offers: string[] = [];
    chat.addEventListener('atrium-ask-offer', (event) => offers.push(event.detail.text));
    await startChat(chat, 'Can you find my grandfather’s wartime letters?');
    // Nobody is signed in as available in the demo consortium at this point of the run.
    await waitFor(() => text($(chat, '.nobody strong')) === 'No librarian can be reached right now.', 'the nobody-available notice');
    expect($(chat, '.place'), '"next in line" is not promised beside the notice').to.equal(null);
    const composer = $<HTMLTextAreaElement>(chat, '#composer-text')!;
    composer.focus();
    await sendKeys({ type: 'He served in 1944.' });
    const offer = $<HTMLButtonElement>(chat, 'button.ask-offer')!;
    expect(text(offer)).to.equal('Leave a question instead');
    offer.click();
    expect(offers).to.deep.equal(['Can you find my grandfather’s wartime letters?\n\nHe served in 1944.']);
    // The chat goes on meanwhile: the draft is still there and can be sent.
    expect(composer.value).to.equal('He served in 1944.');
    // Enter that picks an input method's candidate sends nothing.
    pressEnterWhileComposing(composer);
    await chat.updateComplete;
    expect(composer.value).to.equal('He served in 1944.');
    expect($$(chat, '.message.mine')).to.have.length(1);
    composer.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => $(chat, '.message.mine[data-seq="2"]'), 'the draft sent after all');
  });

  it('says when the chat cannot be reached instead of waiting in silence', async () => {
    const chat = await mount({ relay: closedRelayUrl() });
    $<HTMLTextAreaElement>(chat, '#question')!.focus();
    await sendKeys({ type: 'Hello?' });
    await sendKeys({ press: 'Enter' });
    await waitFor(
      () => text($(chat, '[part="error"]')) === 'The chat cannot be reached right now. Check your internet connection, then try again.',
      'the connection problem',
    );
    expect($(chat, '[part="error"]')!.getAttribute('role')).to.equal('alert');
    // What the patron wrote is still there.
    expect($<HTMLTextAreaElement>(chat, '#question')!.value).to.equal('Hello?');
  });
});
