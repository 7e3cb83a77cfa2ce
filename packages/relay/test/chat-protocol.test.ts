// The one realtime protocol: every request in the shared event map, sent with a payload that
// breaks its schema, is refused in its acknowledgement with `invalid_payload` naming the field,
// and nothing runs. A table below holds one wrong payload per event; a new event in the map
// without a row fails here, so no request reaches the relay unchecked.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LibrarianToRelay, PatronToRelay } from '@atrium/sdk';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { DEMO_LIBRARIAN_PASSWORD, demoLibrarianEmail } from '../src/demo/librarians.js';
import { startDemoRelay } from './helpers/demo-relay.js';

type Ack = { ok: boolean; error?: { code: string; message: string; details?: { path: string; message: string }[] } };

/** For each request: a payload its schema refuses, and the field the refusal must name. */
const WRONG: Record<string, { payload: unknown; field: string }> = {
  'chat:start': { payload: { context: { pageUrl: 42 } }, field: 'context.pageUrl' },
  'chat:message': { payload: { conversationId: 'c1', clientId: 'x', text: 7 }, field: 'text' },
  'chat:typing': { payload: { conversationId: 'c1', typing: 'yes' }, field: 'typing' },
  'chat:read': { payload: { conversationId: 'c1', seq: 'three' }, field: 'seq' },
  'chat:end': { payload: { conversationId: 12 }, field: 'conversationId' },
  'chat:resume': { payload: { conversationId: 'c1', afterSeq: 'zero' }, field: 'afterSeq' },
  'chat:rate': { payload: { conversationId: 'c1', score: 'great' }, field: 'score' },
  'chat:delete': { payload: {}, field: 'conversationId' },
  'chat:accept': { payload: { conversationId: null }, field: 'conversationId' },
  'chat:transfer': { payload: { conversationId: 'c1', to: 'anyone' }, field: 'to' },
  'presence:set': { payload: { status: 'asleep' }, field: 'status' },
};

describe('the realtime protocol refuses a wrong payload by naming its field', () => {
  let url = '';
  let close: () => Promise<void>;
  const sockets: Socket[] = [];

  before(async () => ({ url, close } = await startDemoRelay()));
  after(async () => {
    for (const socket of sockets) socket.disconnect();
    await close();
  });

  async function open(namespace: '/patron' | '/librarian', auth: object): Promise<Socket> {
    const socket = connectSocket(`${url}${namespace}`, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(socket);
    await new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(undefined));
      socket.once('connect_error', reject);
    });
    return socket;
  }

  async function librarianToken(): Promise<string> {
    const response = await fetch(`${url}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: demoLibrarianEmail('riverside-library'), password: DEMO_LIBRARIAN_PASSWORD }),
    });
    return ((await response.json()) as { token: string }).token;
  }

  it('has a wrong payload for every request in the map', () => {
    assert.deepEqual(Object.keys(WRONG).sort(), [...new Set([...Object.keys(PatronToRelay), ...Object.keys(LibrarianToRelay)])].sort());
  });

  for (const [side, requests] of [
    ['/patron', PatronToRelay],
    ['/librarian', LibrarianToRelay],
  ] as const) {
    it(`on ${side}: every request`, async () => {
      const socket = await open(side, side === '/patron' ? { member: 'riverside-library' } : { token: await librarianToken() });
      for (const event of Object.keys(requests)) {
        const { payload, field } = WRONG[event]!;
        const ack = (await socket.timeout(5000).emitWithAck(event, payload)) as Ack;
        assert.equal(ack.ok, false, event);
        assert.equal(ack.error?.code, 'invalid_payload', `${event}: ${JSON.stringify(ack)}`);
        assert.ok(
          ack.error?.details?.some((detail) => detail.path === field),
          `${event} names ${field}: ${JSON.stringify(ack.error?.details)}`,
        );
        assert.match(ack.error!.message, new RegExp(`^${event}: `));
      }
    });
  }
});
