// One conversation on a network that flaps: a proxy cuts every connection of both the patron
// and the librarian at a fixed interval while each writes a steady stream of messages. Measured
// for ours (the SDK: seq, outbox, resume) beside bare Socket.IO (plain emit, socket.io-client's
// own reconnect and send buffer) and Socket.IO's connection-state recovery (the server replays
// what a reconnecting client missed), each on its own server process.
import { io, type Socket } from 'socket.io-client';
import { createClient, type ChatMessage, type ChatTokenStorage } from '@atrium/sdk';
import { startFailoverProxy, type FailoverProxy } from '../../test/support/failover-proxy.js';
import { BENCH_LIBRARIAN, BENCH_MEMBER, type ChatServer, pause } from './chat-bench.js';

export interface FlapOptions {
  /** Messages each side writes. */
  eachWay: number;
  /** Between one message and the next of the same side (ms). */
  everyMs: number;
  cutEveryMs: number;
  /** How long after the last cut a message still counts as delivered late rather than lost (ms). */
  giveUpMs: number;
}

export interface FlapOutcome {
  relay: string;
  cutEveryMs: number;
  sent: number;
  cuts: number;
  lost: number;
  duplicated: number;
  /** Heard after a later message of the same sender. */
  outOfOrder: number;
  /** From the last cut until the last message arrived; undefined when some never did. */
  settledMs: number | undefined;
}

/** What one side heard of the other's messages (`<side> <index>`), in arrival order. */
class Ear {
  readonly heard = new Map<number, number>();
  highest = -1;
  outOfOrder = 0;
  lastAt = 0;
  hear(text: string): void {
    const index = Number(text.slice(text.indexOf(' ') + 1));
    this.heard.set(index, (this.heard.get(index) ?? 0) + 1);
    if (index < this.highest) this.outOfOrder++;
    this.highest = Math.max(this.highest, index);
    this.lastAt = performance.now();
  }
  missing(sent: number): number {
    let missing = 0;
    for (let index = 0; index < sent; index++) if (!this.heard.has(index)) missing++;
    return missing;
  }
  duplicated(): number {
    let extra = 0;
    for (const count of this.heard.values()) extra += count - 1;
    return extra;
  }
}

/** Sends through `say` on both sides at a steady pace while the proxy cuts everything; then waits for stragglers. */
async function flap(
  label: string,
  proxy: FailoverProxy,
  options: FlapOptions,
  say: (side: 'patron' | 'librarian', text: string) => void,
  ears: { patron: Ear; librarian: Ear },
): Promise<FlapOutcome> {
  let cuts = 0;
  let lastCut = performance.now();
  const cutter = setInterval(() => {
    cuts += proxy.drop(1);
    lastCut = performance.now();
  }, options.cutEveryMs);
  const write = async (side: 'patron' | 'librarian') => {
    for (let index = 0; index < options.eachWay; index++) {
      say(side, `${side} ${index}`);
      await pause(options.everyMs);
    }
  };
  try {
    await Promise.all([write('patron'), write('librarian')]);
  } finally {
    clearInterval(cutter);
  }
  const complete = () => ears.patron.missing(options.eachWay) === 0 && ears.librarian.missing(options.eachWay) === 0;
  const deadline = lastCut + options.giveUpMs;
  while (!complete() && performance.now() < deadline) await pause(20);
  const lost = ears.patron.missing(options.eachWay) + ears.librarian.missing(options.eachWay);
  return {
    relay: label,
    cutEveryMs: options.cutEveryMs,
    sent: 2 * options.eachWay,
    cuts,
    lost,
    duplicated: ears.patron.duplicated() + ears.librarian.duplicated(),
    outOfOrder: ears.patron.outOfOrder + ears.librarian.outOfOrder,
    settledMs: lost === 0 ? Math.max(0, Math.max(ears.patron.lastAt, ears.librarian.lastAt) - lastCut) : undefined,
  };
}

const memoryStorage = (): ChatTokenStorage => {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
};

export async function flapOurs(server: ChatServer, options: FlapOptions): Promise<FlapOutcome> {
  const proxy = await startFailoverProxy([Number(new URL(server.url).port)]);
  const client = createClient({ baseUrl: proxy.url, member: BENCH_MEMBER });
  const { token } = await client.auth.login({ email: BENCH_LIBRARIAN.email, password: BENCH_LIBRARIAN.password });
  const desk = await client.console.connect({ token, timeoutMs: 2000 });
  await desk.setPresence('available');
  const patron = await client.chat.connect({ storage: memoryStorage(), timeoutMs: 2000 });
  const conversation = await desk.accept(patron.id);
  const ears = { patron: new Ear(), librarian: new Ear() };
  const from = (role: ChatMessage['from']['role'], ear: Ear) => (message: ChatMessage) =>
    message.from.role === role && ear.hear(message.text);
  patron.on('message', from('librarian', ears.patron));
  conversation.on('message', from('patron', ears.librarian));
  try {
    return await flap(
      'ours (SDK: seq, outbox, resume)',
      proxy,
      options,
      (side, text) => void (side === 'patron' ? patron.send(text) : conversation.send(text)).catch(() => {}),
      ears,
    );
  } finally {
    patron.close();
    desk.close();
    await proxy.close();
  }
}

/** Bare Socket.IO, or with connection-state recovery when the server was started so: the same client either way. */
export async function flapSocketIo(server: ChatServer, label: string, options: FlapOptions): Promise<FlapOutcome> {
  const proxy = await startFailoverProxy([Number(new URL(server.url).port)]);
  const room = 'conversation-0';
  const connect = (namespace: string, auth: object) =>
    new Promise<Socket>((resolve, reject) => {
      const socket = io(`${proxy.url}${namespace}`, { auth, forceNew: true });
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', reject);
    });
  const librarian = await connect('/librarian', { rooms: [room] });
  const patron = await connect('/patron', { room });
  const ears = { patron: new Ear(), librarian: new Ear() };
  patron.on('msg', ({ text }: { text: string }) => ears.patron.hear(text));
  librarian.on('msg', ({ text }: { text: string }) => ears.librarian.hear(text));
  try {
    return await flap(
      label,
      proxy,
      options,
      (side, text) => void (side === 'patron' ? patron : librarian).emit('msg', { room, text }),
      ears,
    );
  } finally {
    patron.disconnect();
    librarian.disconnect();
    await proxy.close();
  }
}
