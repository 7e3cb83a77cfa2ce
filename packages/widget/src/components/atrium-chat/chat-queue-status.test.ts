import { expect } from '@esm-bundle/chai';
import type { Conversation, PatronChat, PatronQueuePosition } from '@atrium/sdk';
import { html, LitElement, render } from 'lit';
import { LocalizeController } from '../../controllers/localize-controller.js';
import './atrium-chat.js';
import type { ChatHost } from './chat-host.js';
import { ChatQueueStatus } from './chat-queue-status.js';

const text = (element: Element | null) => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** A waiting conversation whose place in line is whatever the test last pushed, as the SDK keeps it. */
function waitingChat(member = 'riverside-library') {
  const listeners = new Map<string, (payload: unknown) => void>();
  const fake = {
    state: { id: 'c1', member, status: 'waiting', lastSeq: 1, read: { patron: 0, librarian: 0 } } as unknown as Conversation,
    queuePosition: undefined as PatronQueuePosition | undefined,
    on(event: string, listener: (payload: unknown) => void) {
      listeners.set(event, listener);
      return () => listeners.delete(event);
    },
  };
  const push = (event: string, payload: unknown) => listeners.get(event)?.(payload);
  return { chat: fake as unknown as PatronChat, fake, push };
}

class QueueHost extends LitElement {
  readonly localize = new LocalizeController(this);
}
customElements.define('test-queue-host', QueueHost);

describe('the chat queue status', () => {
  let element: QueueHost;
  let status: ChatQueueStatus;
  const announced: string[] = [];
  const offers: number[] = [];

  beforeEach(async () => {
    element = document.createElement('test-queue-host') as QueueHost;
    document.body.append(element);
    await element.updateComplete;
    announced.length = 0;
    offers.length = 0;
    const host = { element, localize: element.localize, announce: (said: string) => announced.push(said), memberName: (id: string) => id };
    status = new ChatQueueStatus(host as unknown as ChatHost, () => offers.push(1));
  });

  afterEach(() => document.body.replaceChildren());

  const show = (chat: PatronChat) => {
    const root = document.createElement('div');
    render(status.render(chat, html``), root);
    return {
      place: text(root.querySelector('[part="queue-status"] .place')),
      nobody: text(root.querySelector('.nobody strong')),
      offer: root.querySelector<HTMLButtonElement>('button.ask-offer'),
    };
  };

  it('shows the place in line from the SDK and reads out each change once', () => {
    const { chat, fake, push } = waitingChat();
    status.attach(chat);
    fake.queuePosition = { conversationId: 'c1', position: 2, librariansAvailable: 1 } as PatronQueuePosition;
    push('queue', fake.queuePosition);
    expect(show(chat).place).to.equal('You are number 2 in line.');
    fake.queuePosition = { conversationId: 'c1', position: 1, librariansAvailable: 1 } as PatronQueuePosition;
    push('queue', fake.queuePosition);
    push('queue', fake.queuePosition);
    const shown = show(chat);
    expect(shown.place).to.equal('You are next in line.');
    expect(shown.nobody).to.equal('');
    expect(shown.offer).to.equal(null);
    expect(announced).to.deep.equal(['You are number 2 in line.', 'You are next in line.']);
  });

  it('offers to leave a question only while no librarian can be reached', () => {
    const { chat, fake, push } = waitingChat();
    status.attach(chat);
    fake.queuePosition = { conversationId: 'c1', position: 3, librariansAvailable: 0 } as PatronQueuePosition;
    push('queue', fake.queuePosition);
    const nobody = show(chat);
    expect(nobody.nobody).to.equal('No librarian can be reached right now.');
    expect(text(nobody.offer)).to.equal('Leave a question instead');
    nobody.offer!.click();
    expect(offers).to.have.length(1);
    expect(nobody.place, 'no place in line while nobody can answer').to.equal('');
    expect(announced).to.deep.equal(['No librarian can be reached right now.']);

    // A librarian comes online: the notice goes, the place shows and is read out.
    fake.queuePosition = { conversationId: 'c1', position: 3, librariansAvailable: 1 } as PatronQueuePosition;
    push('queue', fake.queuePosition);
    const back = show(chat);
    expect(back.nobody).to.equal('');
    expect(back.offer).to.equal(null);
    expect(back.place).to.equal('You are number 3 in line.');
    expect(announced).to.deep.equal(['No librarian can be reached right now.', 'You are number 3 in line.']);
  });

  it('does not show the place in the previous line after a transfer', () => {
    const { chat, fake, push } = waitingChat();
    fake.queuePosition = { conversationId: 'c1', position: 1, librariansAvailable: 0 } as PatronQueuePosition;
    status.attach(chat);
    // After a reload the notice is there at once, and "next in line" is not shown beside it.
    expect(show(chat).nobody).to.equal('No librarian can be reached right now.');
    expect(show(chat).place).to.equal('');
    fake.state = { ...fake.state, queueMember: 'eastern-university' };
    push('transferred', { conversationId: 'c1', queueMember: 'eastern-university' });
    const moved = show(chat);
    expect(moved.place).to.equal('');
    expect(moved.nobody).to.equal('');
    fake.queuePosition = { conversationId: 'c1', position: 4, librariansAvailable: 2 } as PatronQueuePosition;
    push('queue', fake.queuePosition);
    expect(show(chat).place).to.equal('You are number 4 in line.');
  });
});
