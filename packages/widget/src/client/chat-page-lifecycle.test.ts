// The chat as a guest of the page's back/forward cache: the SDK closes its socket when the page
// is hidden for navigation and, when the page comes back from the cache, reopens it and fetches
// what was said meanwhile, once.
import { expect } from '@esm-bundle/chai';
import { createClient, type ChatMessage, type LibrarianDesk, type PatronChat } from '@atrium/sdk';
import { relayUrl } from '../test-support/test-env.js';
import { waitFor } from '../test-support/wait.js';

/** Keeps the session token for the test alone, so nothing is left in the page's storage for other test files. */
function memoryStorage() {
  const items = new Map<string, string>();
  return { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value) };
}

const pageTransition = (type: 'pagehide' | 'pageshow', persisted: boolean) =>
  window.dispatchEvent(new PageTransitionEvent(type, { persisted }));

describe('chat and the back/forward cache', () => {
  let chat: PatronChat | undefined;
  let desk: LibrarianDesk | undefined;

  afterEach(() => {
    chat?.close();
    desk?.close();
  });

  it('disconnects on pagehide and resumes on pageshow without losing or repeating a message', async () => {
    const client = createClient({ baseUrl: relayUrl(), member: 'riverside-library' });
    chat = await client.chat.connect({ storage: memoryStorage() });
    const { token } = await client.auth.login({ email: 'librarian@riverside-library.example.org', password: 'atrium-demo' });
    desk = await client.console.connect({ token });
    await desk.setPresence('available');
    const conversation = await desk.accept(chat.id);

    const heard: ChatMessage[] = [];
    chat.on('message', (message) => heard.push(message));
    await conversation.send('Welcome to the library chat.');
    await waitFor(() => heard.length === 1, 'the first reply');

    pageTransition('pagehide', true);
    await conversation.send('Your book is on the second floor.');
    // Nothing reaches a page in the cache: its socket is closed.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(heard.map((message) => message.text)).to.deep.equal(['Welcome to the library chat.']);

    pageTransition('pageshow', true);
    await waitFor(() => heard.length === 2, 'the message sent while the page was cached');
    await conversation.send('Anything else?');
    await waitFor(() => heard.length === 3, 'a message after the return');
    expect(heard.map((message) => message.seq)).to.deep.equal([1, 2, 3]);
  });

  it('does not reopen a chat on a pageshow that is not a return from the cache', async () => {
    const client = createClient({ baseUrl: relayUrl(), member: 'riverside-library' });
    chat = await client.chat.connect({ storage: memoryStorage() });
    pageTransition('pagehide', false);
    pageTransition('pageshow', false);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const sent = chat.send('still there?');
    expect(chat.outbox.map((entry) => entry.state)).to.deep.equal(['waiting']);
    chat.close();
    chat = undefined;
    sent.catch(() => {});
  });
});
