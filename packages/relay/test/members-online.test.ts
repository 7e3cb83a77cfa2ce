// A partner page shows "a librarian is online" from /v1/members: it must follow the console's
// presence, as librarians go available and away.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { createClient } from '@atrium/sdk';
import { startRelay } from '../src/index.js';
import { startDemoRelay } from './helpers/demo-relay.js';

let relay: Awaited<ReturnType<typeof startRelay>>;
before(async () => {
  relay = await startDemoRelay();
});
after(() => relay.close());

it('shows a member online while one of its librarians is available', async () => {
  const client = createClient({ baseUrl: relay.url });
  const online = async () => (await client.members.list()).items.filter((member) => member.online).map((member) => member.id);
  assert.deepEqual(await online(), []);

  const { token } = await client.auth.login({ email: 'librarian@riverside-library.example.org', password: 'atrium-demo' });
  const desk = await client.console.connect({ token });
  try {
    await desk.setPresence('available');
    assert.deepEqual(await online(), ['riverside-library']);
    await desk.setPresence('away');
    assert.deepEqual(await online(), []);
    await desk.setPresence('available');
  } finally {
    desk.close();
  }
  // The console going away takes the member offline: presence does not stay "available".
  for (let attempt = 0; attempt < 50 && (await online()).length > 0; attempt++) await new Promise((resolve) => setTimeout(resolve, 50));
  assert.deepEqual(await online(), []);
});
