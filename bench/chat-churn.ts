// Delivery under churn, in two modes. Ours must lose, double and reorder nothing in either.
//
// `--mode flap` (the default): one patron and one librarian on a network that cuts every
// connection of both at a fixed interval (0.5 s, 1.5 s and 5 s in turn) while each writes 150
// messages; reports lost, duplicated, out of order and the time from the last cut until
// everything has arrived, for ours beside bare Socket.IO and Socket.IO's connection-state
// recovery, each on a fresh server.
//
// `--mode crowd`: many patrons behind a flaky network (a share of their connections cut at
// random every half second) while messages flow both ways; ours beside bare Socket.IO.
//
//   node --import tsx bench/chat-churn.ts [--mode flap] [--cuts 500,1500,5000] [--each-way 150] [--write-every 100]
//   node --import tsx bench/chat-churn.ts --mode crowd [--patrons 500] [--seconds 24] [--every 3000] [--cut-every 500] [--cut-share 0.1]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { io, type Socket } from 'socket.io-client';
import { createClient, type ChatMessage, type ChatTokenStorage } from '@atrium/sdk';
import { startFailoverProxy, type FailoverProxy } from '../test/support/failover-proxy.js';
import { BENCH_LIBRARIAN, BENCH_MEMBER, type ChatServer, inBatches, machineNote, pause, startChatServer } from './support/chat-bench.js';
import { flapOurs, flapSocketIo, type FlapOutcome } from './support/churn-flap.js';
import { formatTable } from './support/stats.js';

const { values } = parseArgs({
  options: {
    mode: { type: 'string', default: 'flap' },
    cuts: { type: 'string', default: '500,1500,5000' },
    'each-way': { type: 'string', default: '150' },
    'write-every': { type: 'string', default: '100' },
    patrons: { type: 'string', default: '500' },
    seconds: { type: 'string', default: '24' },
    /** Each side of each conversation sends one message about this often (ms). */
    every: { type: 'string', default: '3000' },
    'cut-every': { type: 'string', default: '500' },
    'cut-share': { type: 'string', default: '0.1' },
  },
});
const PATRONS = Number(values.patrons);
const SECONDS = Number(values.seconds);
const EVERY_MS = Number(values.every);
const CUT_EVERY_MS = Number(values['cut-every']);
const CUT_SHARE = Number(values['cut-share']);
const SETTLE_MS = 30_000;
const started = performance.now();
const startLoad = machineNote();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;
/** Longer than a request timeout plus socket.io-client's longest reconnection delay (3 s + 5 s). */
const QUIET_MS = 10_000;

/** What one side of every conversation wrote and heard, by text. */
class Tally {
  readonly sent = new Set<string>();
  readonly heard = new Map<string, number>();
  hear(text: string): void {
    this.heard.set(text, (this.heard.get(text) ?? 0) + 1);
  }
  /** Sent by the other side and never heard here. */
  lost(other: Tally): number {
    let lost = 0;
    for (const text of other.sent) if (!this.heard.has(text)) lost++;
    return lost;
  }
  /** Heard here more than once. */
  duplicated(): number {
    let extra = 0;
    for (const count of this.heard.values()) extra += count - 1;
    return extra;
  }
  complete(other: Tally): boolean {
    return this.lost(other) === 0;
  }
}

interface Outcome {
  label: string;
  sent: number;
  lost: number;
  duplicated: number;
  cuts: number;
}

const memoryStorage = (): ChatTokenStorage => {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
};

/** Both sides write one message about every EVERY_MS, while the proxy cuts patrons' connections. */
async function churn(
  proxy: FailoverProxy,
  say: (conversation: number, side: 'patron' | 'librarian', text: string) => Promise<unknown>,
): Promise<number> {
  let cuts = 0;
  const cutter = setInterval(() => void (cuts += proxy.drop(CUT_SHARE)), CUT_EVERY_MS);
  // The network calms down when the time is up; sends still waiting then go through.
  const calm = setTimeout(() => clearInterval(cutter), SECONDS * 1000);
  const until = performance.now() + SECONDS * 1000;
  const talk = async (conversation: number, side: 'patron' | 'librarian') => {
    await pause(Math.random() * EVERY_MS);
    for (let index = 0; performance.now() < until; index++) {
      await say(conversation, side, `${side} ${conversation}.${index}`);
      await pause(EVERY_MS * (0.5 + Math.random()));
    }
  };
  try {
    await Promise.all(Array.from({ length: PATRONS }, (_, i) => [talk(i, 'patron'), talk(i, 'librarian')]).flat());
  } finally {
    clearTimeout(calm);
    clearInterval(cutter);
  }
  return cuts;
}

/** Waits until every message has arrived, or nothing more has arrived for a while (what is missing then is lost). */
async function settle(patrons: Tally[], librarians: Tally[]): Promise<void> {
  const deadline = performance.now() + SETTLE_MS;
  const heard = () => [...patrons, ...librarians].reduce((sum, tally) => sum + tally.heard.size, 0);
  let last = heard();
  let quietSince = performance.now();
  while (performance.now() < deadline && performance.now() - quietSince < QUIET_MS) {
    if (patrons.every((patron, i) => patron.complete(librarians[i]!) && librarians[i]!.complete(patron))) return;
    await pause(200);
    const now = heard();
    if (now !== last) [last, quietSince] = [now, performance.now()];
  }
}

function outcome(label: string, patrons: Tally[], librarians: Tally[], cuts: number): Outcome {
  let sent = 0;
  let lost = 0;
  let duplicated = 0;
  patrons.forEach((patron, i) => {
    const librarian = librarians[i]!;
    sent += patron.sent.size + librarian.sent.size;
    lost += patron.lost(librarian) + librarian.lost(patron);
    duplicated += patron.duplicated() + librarian.duplicated();
  });
  return { label, sent, lost, duplicated, cuts };
}

async function ours(server: ChatServer): Promise<Outcome> {
  const proxy = await startFailoverProxy([Number(new URL(server.url).port)]);
  const staff = createClient({ baseUrl: server.url, member: BENCH_MEMBER });
  const { token } = await staff.auth.login({ email: BENCH_LIBRARIAN.email, password: BENCH_LIBRARIAN.password });
  // The librarian's desk is on a steady connection; the patrons are on the flaky one.
  const desk = await staff.console.connect({ token, timeoutMs: 30_000 });
  await desk.setPresence('available');
  const patronTally = Array.from({ length: PATRONS }, () => new Tally());
  const librarianTally = Array.from({ length: PATRONS }, () => new Tally());
  const patronClient = createClient({ baseUrl: proxy.url, member: BENCH_MEMBER });
  const pairs = await inBatches(
    Array.from({ length: PATRONS }, (_, i) => i),
    10,
    async (i) => {
      const session = await patronClient.chat.connect({ storage: memoryStorage(), timeoutMs: 3000 });
      const conversation = await desk.accept(session.id);
      const heard = (tally: Tally, from: ChatMessage['from']['role']) => (message: ChatMessage) =>
        message.from.role === from && tally.hear(message.text);
      session.on('message', heard(patronTally[i]!, 'librarian'));
      conversation.on('message', heard(librarianTally[i]!, 'patron'));
      return { session, conversation };
    },
  );
  process.stderr.write(`ours: ${PATRONS} conversations open (${elapsed()}); churning for ${SECONDS} s\n`);
  try {
    const cuts = await churn(proxy, (i, side, text) => {
      const tally = side === 'patron' ? patronTally[i]! : librarianTally[i]!;
      tally.sent.add(text);
      const { session, conversation } = pairs[i]!;
      return side === 'patron' ? session.send(text) : conversation.send(text);
    });
    process.stderr.write(`ours: churn over (${elapsed()}); waiting for stragglers\n`);
    await settle(patronTally, librarianTally);
    return outcome('ours (SDK: seq, resume, outbox)', patronTally, librarianTally, cuts);
  } finally {
    for (const { session } of pairs) session.close();
    desk.close();
    await proxy.close();
  }
}

async function bare(server: ChatServer): Promise<Outcome> {
  const proxy = await startFailoverProxy([Number(new URL(server.url).port)]);
  const rooms = Array.from({ length: PATRONS }, (_, i) => `conversation-${i}`);
  const connect = (url: string, auth: object) =>
    new Promise<Socket>((resolve, reject) => {
      const socket = io(url, { auth, forceNew: true, timeout: 30_000 });
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', reject);
    });
  const librarian = await connect(`${server.url}/librarian`, { rooms });
  const patronTally = Array.from({ length: PATRONS }, () => new Tally());
  const librarianTally = Array.from({ length: PATRONS }, () => new Tally());
  librarian.on('msg', ({ room, text }: { room: string; text: string }) => librarianTally[rooms.indexOf(room)]!.hear(text));
  const patrons = await inBatches(rooms, 10, async (room, i) => {
    const socket = await connect(`${proxy.url}/patron`, { room });
    socket.on('msg', ({ text }: { text: string }) => patronTally[i]!.hear(text));
    return socket;
  });
  process.stderr.write(`bare: ${PATRONS} conversations open (${elapsed()}); churning for ${SECONDS} s\n`);
  try {
    const cuts = await churn(proxy, async (i, side, text) => {
      (side === 'patron' ? patronTally[i]! : librarianTally[i]!).sent.add(text);
      (side === 'patron' ? patrons[i]! : librarian).emit('msg', { room: rooms[i], text });
    });
    process.stderr.write(`bare: churn over (${elapsed()}); waiting for stragglers\n`);
    await settle(patronTally, librarianTally);
    return outcome('bare Socket.IO (plain emit)', patronTally, librarianTally, cuts);
  } finally {
    for (const socket of patrons) socket.disconnect();
    librarian.disconnect();
    await proxy.close();
  }
}

async function crowd(): Promise<boolean> {
  const dir = mkdtempSync(path.join(tmpdir(), 'atrium-bench-churn-'));
  const results: Outcome[] = [];
  try {
    for (const kind of ['bare', 'ours'] as const) {
      const server = await startChatServer(kind, kind === 'ours' ? { databaseUrl: `sqlite:${path.join(dir, 'bench.db')}` } : {});
      try {
        results.push(kind === 'ours' ? await ours(server) : await bare(server));
      } finally {
        await server.close();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  console.log(
    `\nDelivery under churn: ${PATRONS} patrons, ${SECONDS} s, each side writing about every ${EVERY_MS / 1000} s, ${CUT_SHARE * 100}% of patron connections cut every ${CUT_EVERY_MS} ms\n`,
  );
  console.log(
    formatTable(
      ['relay', 'messages', 'TCP connections cut', 'lost', 'duplicated'],
      results.map((r) => [r.label, String(r.sent), String(r.cuts), String(r.lost), String(r.duplicated)]),
    ),
  );
  const ourResult = results.find((r) => r.label.startsWith('ours'));
  return ourResult !== undefined && ourResult.lost === 0 && ourResult.duplicated === 0;
}

async function flapping(): Promise<boolean> {
  const intervals = values.cuts.split(',').map(Number);
  const options = { eachWay: Number(values['each-way']), everyMs: Number(values['write-every']), giveUpMs: 30_000 };
  const results: FlapOutcome[] = [];
  const dir = mkdtempSync(path.join(tmpdir(), 'atrium-bench-flap-'));
  try {
    for (const cutEveryMs of intervals) {
      for (const kind of ['ours', 'bare', 'recovery'] as const) {
        const server = await startChatServer(
          kind,
          kind === 'ours' ? { databaseUrl: `sqlite:${path.join(dir, `flap-${cutEveryMs}.db`)}` } : {},
        );
        try {
          const run = { ...options, cutEveryMs };
          results.push(
            kind === 'ours'
              ? await flapOurs(server, run)
              : await flapSocketIo(server, kind === 'bare' ? 'bare Socket.IO' : 'Socket.IO with connection-state recovery', run),
          );
          process.stderr.write(`flap: ${kind} at a cut every ${cutEveryMs} ms done (${elapsed()})\n`);
        } finally {
          await server.close();
        }
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(
    `\nA flapping network: one conversation, ${options.eachWay} messages each way, one every ${options.everyMs} ms per side; every connection of both sides cut at the interval; a message not there ${options.giveUpMs / 1000} s after the last cut counts as lost\n`,
  );
  console.log(
    formatTable(
      ['cut every', 'relay', 'messages', 'connections cut', 'lost', 'duplicated', 'out of order', 'all delivered after the last cut'],
      results.map((r) => [
        `${r.cutEveryMs / 1000} s`,
        r.relay,
        String(r.sent),
        String(r.cuts),
        String(r.lost),
        String(r.duplicated),
        String(r.outOfOrder),
        r.settledMs === undefined ? 'never' : `${(r.settledMs / 1000).toFixed(1)} s`,
      ]),
    ),
  );
  return results
    .filter((r) => r.relay.startsWith('ours'))
    .every((r) => r.lost === 0 && r.duplicated === 0 && r.outOfOrder === 0 && r.settledMs !== undefined && r.settledMs <= 15_000);
}

const good = values.mode === 'crowd' ? await crowd() : await flapping();
console.log(
  good
    ? 'Ours: nothing lost, duplicated or out of order.'
    : 'Ours: LOST, DUPLICATED OR REORDERED MESSAGES, OR LATE (must be 0, within 15 s)',
);
console.log(`At the start: ${startLoad}. At the end: ${machineNote()}.`);
console.log(`(${((performance.now() - started) / 1000).toFixed(0)} s)`);
process.exit(good ? 0 : 1);
