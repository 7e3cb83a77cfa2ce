// The widget key travels with a browser's chat handshake: the relay refuses a key it never gave
// out, and lets the page in with the member's own key.
import { expect } from '@esm-bundle/chai';
import { ChatRefusedError, createClient } from '@atrium/sdk';
import { relayUrl } from '../test-support/test-env.js';

const memoryStorage = () => {
  const items = new Map<string, string>();
  return { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value) };
};

describe('chat and widget keys', () => {
  it('is refused with a key the relay does not know, and opens with the member’s key', async () => {
    const client = createClient({ baseUrl: relayUrl(), member: 'riverside-library' });
    const refused = await client.chat.connect({ key: 'wk_not-a-key-anyone-was-given', storage: memoryStorage() }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).to.be.instanceOf(ChatRefusedError);
    expect((refused as ChatRefusedError).code).to.equal('unknown_widget_key');
    expect((refused as ChatRefusedError).message).to.contain('widget-key');

    const chat = await client.chat.connect({ key: 'demo-riverside-library', storage: memoryStorage() });
    expect(chat.state.member).to.equal('riverside-library');
    chat.close();
  });
});
