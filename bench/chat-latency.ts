// Patron → librarian delivery latency through the relay (stored, then broadcast) beside a bare
// Socket.IO relay (forwarded, nothing stored) in the same run: 200 conversations each sending
// one message a second, then the rate stepped up to the highest one sustained with p99 ≤ 100 ms.
//
//   node --import tsx bench/chat-latency.ts [--conversations 200] [--seconds 10] [--step-seconds 5] [--pg [--pg-url postgres://...]]
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import { createClient } from '@atrium/sdk';
import { BENCH_LIBRARIAN, BENCH_MEMBER, type ChatServer, inBatches, machineNote, pause, startChatServer } from './support/chat-bench.js';
import { formatTable, percentiles } from './support/stats.js';

const { values } = parseArgs({
  options: {
    conversations: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '10' },
    'step-seconds': { type: 'string', default: '5' },
    /** Also measure the relay on PostgreSQL (at --pg-url, or ATRIUM_TEST_PG_URL, or the local test database). */
    pg: { type: 'boolean', default: false },
    'pg-url': { type: 'string', default: process.env.ATRIUM_TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/test' },
  },
});
const CONVERSATIONS = Number(values.conversations);
const BASE_SECONDS = Number(values.seconds);
const STEP_SECONDS = Number(values['step-seconds']);
const P99_LIMIT_MS = 100;
const STEPS = [2, 3, 4, 6, 8, 12, 16, 24, 32].map((perConversation) => perConversation * CONVERSATIONS);
const WARMUP_MS = 500;
const DRAIN_MS = 3000;

/** Patrons who can send, and a librarian side that reports each delivery's send time. */
interface Rig {
  send(conversation: number, sentAt: number): void;
  onDelivered(listener: (sentAt: number) => void): void;
  close(): void;
}

const socketTo = (url: string, auth: object) =>
  new Promise<Socket>((resolve, reject) => {
    const socket = io(url, { auth, forceNew: true, transports: ['websocket'], timeout: 30_000 });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });

async function oursRig(server: ChatServer): Promise<Rig> {
  const staff = createClient({ baseUrl: server.url, member: BENCH_MEMBER });
  const { token } = await staff.auth.login({ email: BENCH_LIBRARIAN.email, password: BENCH_LIBRARIAN.password });
  const desk = await staff.console.connect({ token, timeoutMs: 30_000 });
  await desk.setPresence('available');
  const listeners: ((sentAt: number) => void)[] = [];
  let next = 0;
  const patrons = await inBatches(
    Array.from({ length: CONVERSATIONS }, (_, i) => i),
    10,
    async () => {
      const socket = await socketTo(`${server.url}/patron`, { member: BENCH_MEMBER });
      const started = (await socket.timeout(30_000).emitWithAck('chat:start', {})) as { ok: boolean; conversation: { id: string } };
      if (!started.ok) throw new Error(`chat:start refused: ${JSON.stringify(started)}`);
      const conversation = await desk.accept(started.conversation.id);
      conversation.on('message', (message) => {
        if (message.from.role === 'patron') for (const listener of listeners) listener(Number(message.text));
      });
      return { socket, conversationId: started.conversation.id };
    },
  );
  return {
    send(index, sentAt) {
      const { socket, conversationId } = patrons[index]!;
      socket.emit('chat:message', { conversationId, clientId: `m${next++}`, text: String(sentAt) }, () => {});
    },
    onDelivered: (listener) => void listeners.push(listener),
    close() {
      for (const { socket } of patrons) socket.disconnect();
      desk.close();
    },
  };
}

async function bareRig(server: ChatServer): Promise<Rig> {
  const rooms = Array.from({ length: CONVERSATIONS }, (_, i) => `conversation-${i}`);
  const librarian = await socketTo(`${server.url}/librarian`, { rooms });
  const patrons = await inBatches(rooms, 10, (room) => socketTo(`${server.url}/patron`, { room }));
  return {
    send: (index, sentAt) => void patrons[index]!.emit('msg', { room: rooms[index], text: String(sentAt) }, () => {}),
    onDelivered: (listener) => void librarian.on('msg', (payload: { text: string }) => listener(Number(payload.text))),
    close() {
      for (const socket of patrons) socket.disconnect();
      librarian.disconnect();
    },
  };
}

interface StepResult {
  rate: number;
  /** Messages sent inside the measured window. */
  sent: number;
  delivered: number;
  p50: number;
  p99: number;
}

/** Sends `rate` messages a second in total, round-robin over the conversations, for `seconds`. */
async function runStep(rig: Rig, rate: number, seconds: number): Promise<StepResult> {
  const latencies: number[] = [];
  let counted = 0;
  const start = performance.now();
  const measureFrom = start + WARMUP_MS;
  const measureTo = start + seconds * 1000;
  // Each step listens for good and counts only what it sent itself, so late arrivals never leak into the next.
  rig.onDelivered((sentAt) => {
    if (sentAt >= measureFrom && sentAt < measureTo) latencies.push(performance.now() - sentAt);
  });
  let due = 0;
  let conversation = 0;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const now = performance.now();
      if (now >= measureTo) {
        clearInterval(timer);
        resolve();
        return;
      }
      const target = Math.floor(((now - start) * rate) / 1000);
      for (; due < target; due++) {
        const sentAt = performance.now();
        rig.send(conversation, sentAt);
        conversation = (conversation + 1) % CONVERSATIONS;
        if (sentAt >= measureFrom && sentAt < measureTo) counted++;
      }
    }, 5);
  });
  const drainUntil = performance.now() + DRAIN_MS;
  while (latencies.length < counted && performance.now() < drainUntil) await pause(50);
  const { p50, p99 } = percentiles(latencies);
  return { rate, sent: counted, delivered: latencies.length, p50, p99: latencies.length < counted ? Infinity : p99 };
}

async function measure(
  kind: 'ours' | 'bare',
  label: string,
  databaseUrl?: string,
): Promise<{ label: string; base: StepResult; steps: StepResult[] }> {
  const server = await startChatServer(kind, databaseUrl ? { databaseUrl } : {});
  try {
    const rig = kind === 'ours' ? await oursRig(server) : await bareRig(server);
    try {
      const base = await runStep(rig, CONVERSATIONS, BASE_SECONDS);
      process.stderr.write(`${label}: ${CONVERSATIONS}/s p50 ${base.p50.toFixed(1)} ms p99 ${base.p99.toFixed(1)} ms\n`);
      const steps: StepResult[] = [];
      for (const rate of STEPS) {
        const step = await runStep(rig, rate, STEP_SECONDS);
        steps.push(step);
        process.stderr.write(
          `${label}: ${rate}/s p50 ${step.p50.toFixed(1)} ms p99 ${step.p99.toFixed(1)} ms (${step.delivered} delivered)\n`,
        );
        if (!(step.p99 <= P99_LIMIT_MS)) break;
        await pause(500);
      }
      return { label, base, steps };
    } finally {
      rig.close();
    }
  } finally {
    await server.close();
  }
}

const started = performance.now();
const startLoad = machineNote();
const dir = mkdtempSync(path.join(tmpdir(), 'atrium-bench-latency-'));
const results = [];
try {
  results.push(await measure('bare', 'bare Socket.IO'));
  results.push(await measure('ours', 'ours, SQLite', `sqlite:${path.join(dir, 'bench.db')}`));
  if (values.pg) {
    const url = values['pg-url'];
    const schema = `atrium_bench_${randomBytes(4).toString('hex')}`;
    process.env.BENCH_PG_SCHEMA = schema;
    try {
      results.push(await measure('ours', 'ours, PostgreSQL', url));
    } finally {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`drop schema if exists "${schema}" cascade`).finally(() => client.end());
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : 'lost');
console.log(`\nPatron → librarian delivery, ${CONVERSATIONS} conversations, loopback, server in its own process\n`);
console.log(
  formatTable(
    ['relay', `p50 ms @ ${CONVERSATIONS}/s`, `p99 ms @ ${CONVERSATIONS}/s`, 'highest rate p99 ≤ 100 ms', 'first rate over'],
    results.map(({ label, base, steps }) => {
      const passed = [base, ...steps].filter((step) => step.p99 <= P99_LIMIT_MS);
      const failed = steps.find((step) => !(step.p99 <= P99_LIMIT_MS));
      return [
        label,
        ms(base.p50),
        ms(base.p99),
        passed.length > 0 ? `${passed[passed.length - 1]!.rate} msg/s` : 'none',
        failed ? `${failed.rate} msg/s (p99 ${ms(failed.p99)})` : `not reached (≤ ${STEPS[STEPS.length - 1]} tried)`,
      ];
    }),
  ),
);
console.log(`At the start: ${startLoad}. At the end: ${machineNote()}.`);
console.log(
  `Steps of ${STEP_SECONDS} s (first ${WARMUP_MS} ms not counted); a step with an undelivered message counts as over. (${((performance.now() - started) / 1000).toFixed(0)} s)`,
);
process.exit(0);
