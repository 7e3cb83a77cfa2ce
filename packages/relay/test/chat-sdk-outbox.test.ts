// The patron's outbox across page loads and the transcript, through the SDK against a demo
// relay: what a patron typed is sent by the next page if this one never got it stored, once.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createClient, formatTranscript, type AtriumClient, type ChatTokenStorage, type PatronChat } from '@atrium/sdk';
import { DEMO_LIBRARIAN_PASSWORD, demoLibrarianEmail } from '../src/demo/librarians.js';
import type { Relay } from '../src/index.js';
import { startDemoRelay } from './helpers/demo-relay.js';

type MemoryStorage = Required<ChatTokenStorage> & { items: Map<string, string> };

function memoryStorage(): MemoryStorage {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

async function until(check: () => boolean | Promise<boolean>, what: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('the patron outbox across page loads', () => {
  let relay: Relay;
  let close: () => Promise<void>;
  let client: AtriumClient;
  const open: PatronChat[] = [];

  before(async () => {
    let url: string;
    ({ url, relay, close } = await startDemoRelay());
    client = createClient({ baseUrl: url, member: 'riverside-library' });
  });
  after(async () => {
    for (const chat of open) chat.close();
    await close();
  });

  async function page(storage: MemoryStorage): Promise<PatronChat> {
    const chat = await client.chat.connect({ storage });
    open.push(chat);
    return chat;
  }

  const storedTexts = async (chat: PatronChat) =>
    (await relay.chat.resume(chat.id, { role: 'patron', session: chat.session.id }, 0)).messages.map((message) => message.text);

  it('keeps a message in storage until the relay has stored it, then forgets it', async () => {
    const storage = memoryStorage();
    const chat = await page(storage);
    const key = `atrium:chat-outbox:${chat.id}`;
    const sent = chat.send('Do you have large-print editions?');
    assert.deepEqual(
      JSON.parse(storage.getItem(key) ?? '[]').map((entry: { text: string }) => entry.text),
      ['Do you have large-print editions?'],
      'written to storage before it leaves the page',
    );
    await sent;
    assert.equal(storage.getItem(key), null, 'removed once stored');
  });

  it('sends what the last page left unsent, and stores a message whose answer was lost only once', async () => {
    const storage = memoryStorage();
    const first = await page(storage);
    // Stored, but picture the page closing before the answer arrived: it is still in the outbox.
    await first.send('Is the reading room open on Sunday?', { clientId: 'sunday' });
    first.close();
    storage.setItem(
      `atrium:chat-outbox:${first.id}`,
      JSON.stringify([
        { clientId: 'sunday', text: 'Is the reading room open on Sunday?' },
        { clientId: 'parking', text: 'And is there parking?' },
      ]),
    );

    const reloaded = await page(storage);
    assert.equal(reloaded.id, first.id, 'the same conversation continues');
    const seqs: number[] = [];
    reloaded.on('message', (message) => seqs.push(message.seq));
    await until(() => reloaded.pending === 0, 'the outbox to empty');
    assert.deepEqual(await storedTexts(reloaded), ['Is the reading room open on Sunday?', 'And is there parking?']);
    assert.deepEqual(seqs, [2], 'the message already shown is not shown again');
    assert.equal(storage.getItem(`atrium:chat-outbox:${first.id}`), null);
  });

  it('ignores an outbox entry that is not one', async () => {
    const storage = memoryStorage();
    const first = await page(storage);
    first.close();
    storage.setItem(`atrium:chat-outbox:${first.id}`, '{"not":"a list"}');
    const reloaded = await page(storage);
    assert.equal(reloaded.pending, 0);
  });

  it('deletes a conversation from one tab, and the other tab’s delete finds it done', async () => {
    const storage = memoryStorage();
    const first = await page(storage);
    const second = await page(storage);
    assert.equal(second.id, first.id);
    await first.send('Please forget this.');
    await first.delete();
    await second.delete();
    await assert.rejects(relay.chat.resume(first.id, { role: 'patron', session: first.session.id }, 0), /no such conversation/);
  });

  it('gives a transcript of every message, with the librarian named', async () => {
    const storage = memoryStorage();
    const chat = await page(storage);
    const { token } = await client.auth.login({ email: demoLibrarianEmail('riverside-library'), password: DEMO_LIBRARIAN_PASSWORD });
    const desk = await client.console.connect({ token });
    try {
      await desk.setPresence('available');
      const conversation = await desk.accept(chat.id);
      await chat.send('Where can I find maps of the harbour?');
      await conversation.send('In the local history room, second floor.');
      await until(() => chat.lastSeq === 2, 'both messages');
      const text = await chat.transcript({ timeZone: 'UTC' });
      const lines = text.trim().split('\n');
      assert.match(lines[0] ?? '', /^Chat with riverside-library, started /);
      assert.match(text, /\] You: Where can I find maps of the harbour\?\n/);
      assert.match(text, /\] [^:]+: In the local history room, second floor\.\n/);
      assert.ok(!text.includes('(riverside-library)'), 'a librarian of the patron’s own member needs no member name');
    } finally {
      desk.close();
    }
  });

  it('names the member of a librarian answering for another member in a transcript', () => {
    const text = formatTranscript(
      {
        id: 'c',
        member: 'riverside-library',
        status: 'ended',
        createdAt: '2026-01-05T10:00:00Z',
        endedAt: '2026-01-05T10:09:00Z',
        lastSeq: 1,
        read: { patron: 1, librarian: 1 },
      },
      [
        {
          conversationId: 'c',
          seq: 1,
          clientId: 'x',
          from: { role: 'librarian', name: 'Mei', member: 'eastern-university' },
          text: '你好',
          ts: '2026-01-05T10:01:00Z',
        },
      ],
      { timeZone: 'UTC' },
    );
    assert.match(text, /\] Mei \(eastern-university\): 你好\n/);
    assert.match(text, /\nEnded Jan 5, 2026, 10:09 AM\n$/);
  });

  it('writes a transcript in the page’s language and member names when given the words', () => {
    const text = formatTranscript(
      {
        id: 'c',
        member: 'riverside-library',
        status: 'ended',
        createdAt: '2026-01-05T10:00:00Z',
        endedAt: '2026-01-05T10:09:00Z',
        lastSeq: 2,
        read: { patron: 2, librarian: 2 },
      },
      [
        {
          conversationId: 'c',
          seq: 2,
          clientId: 'y',
          from: { role: 'librarian', name: '美', member: 'eastern-university' },
          text: '在二樓。',
          ts: '2026-01-05T10:02:00Z',
        },
        { conversationId: 'c', seq: 1, clientId: 'x', from: { role: 'patron' }, text: '地圖在哪裡？', ts: '2026-01-05T10:01:00Z' },
      ],
      {
        timeZone: 'UTC',
        locale: 'zh-Hant',
        wording: {
          heading: (member, started) => `與${member}的對話，開始於 ${started}`,
          you: '您',
          librarian: '館員',
          librarianOf: (name, member) => `${name}（${member}）`,
          ended: (at) => `結束於 ${at}`,
          memberName: (id) => ({ 'riverside-library': '河濱公共圖書館', 'eastern-university': '東方大學圖書館' })[id] ?? id,
        },
      },
    );
    const lines = text.trim().split('\n');
    assert.match(lines[0] ?? '', /^與河濱公共圖書館的對話，開始於 /);
    assert.match(lines[2] ?? '', /\] 您: 地圖在哪裡？$/, 'messages in seq order');
    assert.match(lines[3] ?? '', /\] 美（東方大學圖書館）: 在二樓。$/);
    assert.match(lines.at(-1) ?? '', /^結束於 /);
    assert.doesNotMatch(text, /You|Chat with|Ended/);
  });
});
