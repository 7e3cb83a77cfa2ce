import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import { createClient, type ChatMessage, type PatronChat } from '@atrium/sdk';
import { axeViolations } from '../../test-support/axe-check.js';
import { relayUrl } from '../../test-support/test-env.js';
import { waitFor } from '../../test-support/wait.js';
import type { AtriumConsoleChat } from '../atrium-console-chat/atrium-console-chat.component.js';
import '../atrium-console-bookings/atrium-console-bookings.js';
import './atrium-console.js';
import type { AtriumConsole } from './atrium-console.component.js';
import { pressEnterWhileComposing } from '../../test-support/ime.js';

const EMAIL = 'librarian@riverside-library.example.org';
const PASSWORD = 'atrium-demo';

const $ = <T extends Element = HTMLElement>(root: Element, selector: string) => root.shadowRoot!.querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(root: Element, selector: string) => [...root.shadowRoot!.querySelectorAll<T>(selector)];
const chatView = (console: AtriumConsole) => $<AtriumConsoleChat>(console, 'atrium-console-chat');
const queueItem = (console: AtriumConsole, id: string) => $(console, `.queue-item[data-conversation="${id}"]`);
const chatEntry = (console: AtriumConsole, id: string) => $<HTMLButtonElement>(console, `.chat-entry[data-conversation="${id}"]`);

async function mount(lang?: string): Promise<AtriumConsole> {
  const element = document.createElement('atrium-console');
  element.relay = relayUrl();
  if (lang) element.lang = lang;
  document.body.append(element);
  await element.updateComplete;
  return element;
}

async function signIn(console: AtriumConsole, email = EMAIL, password = PASSWORD): Promise<void> {
  (await waitFor(() => $<HTMLInputElement>(console, '#email'), 'the email field')).focus();
  await sendKeys({ type: email });
  $<HTMLInputElement>(console, '#password')!.focus();
  await sendKeys({ type: password });
  await sendKeys({ press: 'Enter' });
}

async function signInAvailable(console: AtriumConsole): Promise<void> {
  await signIn(console);
  const available = await waitFor(() => $<HTMLInputElement>(console, 'input[name="presence"][value="available"]'), 'the presence choice');
  available.click();
  await waitFor(() => available.checked, 'the librarian to be available');
}

async function accept(console: AtriumConsole, id: string): Promise<void> {
  const item = await waitFor(() => queueItem(console, id), `waiting chat ${id} in the queue`);
  item.querySelector<HTMLButtonElement>('button')!.click();
  await waitFor(() => chatEntry(console, id)?.getAttribute('aria-current') === 'true', `chat ${id} to open`);
}

function messageTexts(console: AtriumConsole): string[] {
  const view = chatView(console);
  return view ? [...view.shadowRoot!.querySelectorAll('.message .text')].map((node) => node.textContent!.trim()) : [];
}

async function reply(console: AtriumConsole, text: string): Promise<void> {
  const view = await waitFor(() => chatView(console), 'the open chat');
  await view.updateComplete;
  view.shadowRoot!.querySelector<HTMLTextAreaElement>('#composer')!.focus();
  await sendKeys({ type: text });
  await sendKeys({ press: 'Enter' });
}

/** Ends a chat the way a librarian does: select it, End chat, confirm. */
async function endInConsole(console: AtriumConsole, id: string): Promise<void> {
  chatEntry(console, id)!.click();
  await waitFor(() => chatEntry(console, id)?.getAttribute('aria-current') === 'true', `chat ${id} in view`);
  const view = chatView(console)!;
  await view.updateComplete;
  [...view.shadowRoot!.querySelectorAll<HTMLButtonElement>('.actions button')]
    .find((button) => button.textContent!.trim() === 'End chat')!
    .click();
  await view.updateComplete;
  view.shadowRoot!.querySelector<HTMLButtonElement>('.actions .danger')!.click();
  await waitFor(() => view.shadowRoot!.querySelector('.ended'), `chat ${id} to end`);
}

/** Visible text of an element and the shadow trees inside it. */
function deepText(node: Node): string {
  if (node instanceof Text) return node.data;
  if (node instanceof HTMLElement && (node.hidden || node.tagName === 'STYLE')) return '';
  const children = node instanceof Element && node.shadowRoot ? [...node.shadowRoot.childNodes] : [...node.childNodes];
  return children.map(deepText).join(' ');
}

describe('<atrium-console> against the demo relay', () => {
  const patrons: PatronChat[] = [];

  afterEach(async () => {
    // Ended, so the demo librarian has room for the next test's chats.
    for (const patron of patrons.splice(0)) {
      await patron.end().catch(() => {});
      patron.close();
    }
    // Signing out closes the librarian's connection before the next test signs in again.
    for (const console of document.querySelectorAll('atrium-console')) console.remove();
    document.body.replaceChildren();
    sessionStorage.clear();
    document.documentElement.lang = 'en';
  });

  async function patron(context?: { pageUrl?: string; recordId?: string }): Promise<PatronChat> {
    const client = createClient({ baseUrl: relayUrl(), member: 'riverside-library' });
    const chat = await client.chat.connect(context ? { context } : {});
    patrons.push(chat);
    return chat;
  }

  it('says clearly when the password is wrong and changes nothing', async () => {
    const console = await mount();
    await signIn(console, EMAIL, 'not-the-password');
    const alert = await waitFor(() => $(console, '[role="alert"] .problem'), 'the sign-in error');
    expect(alert.textContent).to.contain('email or password is not right');
    expect($(console, '#email')).to.exist;
    expect(sessionStorage.length).to.equal(0);
  });

  it('takes a chat from the queue with the patron’s context, exchanges messages, counts unread in a second chat and ends', async () => {
    const client = createClient({ baseUrl: relayUrl() });
    const record = (await client.search({ q: 'the', member: 'riverside-library', limit: 1 })).items[0]!;
    const console = await mount();
    await signInAvailable(console);

    const first = await patron({ pageUrl: 'https://www.riverside-library.example.org/catalogue', recordId: record.id });
    const item = await waitFor(() => queueItem(console, first.id), 'the first patron in the queue');
    expect(item.querySelector('.badge')!.textContent).to.contain('Your member');
    await waitFor(() => item.querySelector('.context')?.textContent?.includes(record.title), 'the record title');
    const link = item.querySelector<HTMLAnchorElement>('.context a')!;
    expect(link.href).to.equal('https://www.riverside-library.example.org/catalogue');
    expect(link.rel).to.contain('noopener');

    await accept(console, first.id);
    await waitFor(() => !queueItem(console, first.id), 'the accepted chat to leave the queue');

    const heardByFirst: ChatMessage[] = [];
    first.on('message', (message) => heardByFirst.push(message));
    await first.send('Do you have large-print editions?');
    await waitFor(() => messageTexts(console).includes('Do you have large-print editions?'), 'the patron’s message in the console');
    await reply(console, 'Yes, on the ground floor.');
    await waitFor(() => heardByFirst.some((message) => message.text === 'Yes, on the ground floor.'), 'the reply at the patron');
    expect(messageTexts(console)).to.deep.equal(['Do you have large-print editions?', 'Yes, on the ground floor.']);
    // Enter that picks an input method's candidate sends nothing.
    const composer = chatView(console)!.shadowRoot!.querySelector<HTMLTextAreaElement>('#composer')!;
    composer.focus();
    await sendKeys({ type: '大字本' });
    pressEnterWhileComposing(composer);
    await chatView(console)!.updateComplete;
    expect(composer.value).to.equal('大字本');
    expect(messageTexts(console)).to.deep.equal(['Do you have large-print editions?', 'Yes, on the ground floor.']);
    composer.value = '';
    composer.dispatchEvent(new Event('input', { bubbles: true, composed: true }));

    // The patron types: the librarian sees it.
    await first.typing(true);
    await waitFor(() => chatView(console)?.shadowRoot!.querySelector('.typing')?.textContent?.includes('typing'), 'the typing indicator');

    // A second chat: accepting it puts the first in the background, where its new message counts as unread.
    const second = await patron();
    await accept(console, second.id);
    const readByPatron: number[] = [];
    first.on('read', (read) => readByPatron.push(read.seq));
    await first.send('And audiobooks?');
    await waitFor(() => chatEntry(console, first.id)?.querySelector('.unread')?.textContent?.includes('1 unread'), 'one unread message');
    expect(chatEntry(console, second.id)!.querySelector('.unread')).to.equal(null);

    // Alt+Up steps back to the first chat.
    document.body.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'ArrowUp', code: 'ArrowUp', altKey: true, bubbles: true, composed: true }),
    );
    await waitFor(() => chatEntry(console, first.id)!.getAttribute('aria-current') === 'true', 'Alt+Up to open the first chat');
    await waitFor(() => !chatEntry(console, first.id)!.querySelector('.unread'), 'the unread count to clear');
    await waitFor(() => readByPatron.includes(3), 'the read receipt at the patron');
    expect(messageTexts(console)).to.deep.equal(['Do you have large-print editions?', 'Yes, on the ground floor.', 'And audiobooks?']);

    expect(await axeViolations(console)).to.deep.equal([]);

    // End the first chat, with confirmation; the patron hears it.
    let ended = false;
    first.on('ended', () => (ended = true));
    const view = chatView(console)!;
    await endInConsole(console, first.id);
    await waitFor(() => ended, 'the patron to hear the end');
    await waitFor(() => view.shadowRoot!.querySelector('.ended')?.textContent?.includes('You ended the chat'), 'the ended notice');
    expect(chatEntry(console, first.id)!.querySelector('.badge.ended')).to.exist;
  });

  it('accepts the oldest waiting chat with Alt+A and brings open chats back after a reload', async () => {
    const console = await mount();
    await signInAvailable(console);
    const waiting = await patron();
    await waitFor(() => queueItem(console, waiting.id), 'the patron in the queue');
    // The oldest, which may be a chat an earlier test left waiting.
    const oldest = $$(console, '.queue-item')
      .map((item) => ({ id: item.dataset['conversation']!, since: Date.parse(item.querySelector('time')!.getAttribute('datetime')!) }))
      .sort((a, b) => a.since - b.since)[0]!;
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', code: 'KeyA', altKey: true, bubbles: true, composed: true }));
    await waitFor(() => chatEntry(console, oldest.id), 'Alt+A to accept the oldest chat');
    if (oldest.id !== waiting.id) {
      await endInConsole(console, oldest.id);
      await accept(console, waiting.id);
    }

    // A reload: a new console in the same tab signs in from sessionStorage and reopens the chats.
    console.remove();
    const again = await mount();
    await waitFor(() => chatEntry(again, waiting.id), 'the open chat after the reload');
    await waiting.send('Still there?');
    chatEntry(again, waiting.id)!.click();
    await waitFor(() => messageTexts(again).includes('Still there?'), 'a message after the reload');
  });

  it('transfers a chat to another member’s queue with a note, and it leaves the desk', async () => {
    const console = await mount();
    await signInAvailable(console);
    const chat = await patron();
    await accept(console, chat.id);
    let movedTo = '';
    chat.on('transferred', (transferred) => (movedTo = transferred.queueMember));
    const view = chatView(console)!;
    [...view.shadowRoot!.querySelectorAll<HTMLButtonElement>('.actions button')]
      .find((button) => button.textContent!.trim() === 'Transfer')!
      .click();
    const dialog = view.shadowRoot!.querySelector('dialog')!;
    await waitFor(() => dialog.open, 'the transfer dialog');
    // Without a choice nothing is sent.
    dialog.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitFor(() => dialog.querySelector('[role="alert"] .problem'), 'the missing choice');
    expect(chatEntry(console, chat.id)).to.exist;
    dialog.querySelector<HTMLInputElement>('input[value="member:eastern-university"]')!.click();
    dialog.querySelector<HTMLTextAreaElement>('#transfer-note')!.focus();
    await sendKeys({ type: 'Asks about Tang poetry manuscripts.' });
    dialog.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitFor(() => movedTo === 'eastern-university', 'the patron to learn where the chat went');
    await waitFor(() => !chatEntry(console, chat.id), 'the chat to leave the desk');
    expect(JSON.parse(sessionStorage.getItem('atrium-console:chats') ?? '[]')).to.not.include(chat.id);
  });

  it('hosts the bookings and holds view with the librarian’s token, and keeps the chats meanwhile', async () => {
    const console = await mount();
    await signInAvailable(console);
    const chat = await patron();
    await accept(console, chat.id);
    const tab = [...$$(console, 'nav .view')].find((button) => button.textContent!.trim() === 'Bookings & holds')!;
    tab.click();
    const bookings = await waitFor(
      () => $<HTMLElement & { token: string; member: string }>(console, 'atrium-console-bookings'),
      'the bookings view',
    );
    expect(bookings.token).to.equal(JSON.parse(sessionStorage.getItem('atrium-console:session')!).token);
    expect(bookings.member).to.equal('riverside-library');
    expect(tab.getAttribute('aria-current')).to.equal('page');
    // A message while another view is shown waits as unread.
    await chat.send('Are you there?');
    expect(chatEntry(console, chat.id)).to.equal(null);
    [...$$(console, 'nav .view')][0]!.click();
    await waitFor(() => messageTexts(console).includes('Are you there?'), 'the message once back in the chat view');
  });

  it('speaks Simplified Chinese with no English interface text', async () => {
    const console = await mount('zh-Hans');
    await waitFor(() => $(console, '#email'), 'the sign-in form');
    const allowed = (text: string) => text.replace(/Shift\+Enter|Alt\+\S+|Enter|Atrium/g, '').match(/[A-Za-z]{2,}/g) ?? [];
    expect(allowed(deepText(console))).to.deep.equal([]);
    await signInAvailable(console);
    const chat = await patron();
    await accept(console, chat.id);
    await chat.send('你好');
    await waitFor(() => messageTexts(console).includes('你好'), 'the patron’s message');
    // What patrons wrote, names and the member's canned responses are data; the console's own words must be Chinese.
    const data = [console, chatView(console)!].flatMap((root) => [
      ...root.shadowRoot!.querySelectorAll('.who, .preview, .transfer, .text, .context, kbd, .last, option:not([value=""])'),
    ]);
    for (const part of data) part.setAttribute('hidden', '');
    const text = deepText(console);
    for (const part of data) part.removeAttribute('hidden');
    expect(allowed(text)).to.deep.equal([]);
    expect(text).to.contain('等候中的咨询');
    expect(text).to.contain('结束咨询');
  });
});
