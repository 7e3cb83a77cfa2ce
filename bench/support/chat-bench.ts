// What the chat benchmarks share: the member and librarian they use, and starting a chat
// server (ours or bare) as a child process that reports its own memory.
import { type ChildProcess, fork } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_MEMBER = 'bench-library';
export const BENCH_LIBRARIAN = { member: BENCH_MEMBER, email: 'desk@bench.example.org', password: 'a long bench password' };

/** What the parent asks over IPC, and what the server answers. */
export type ServerRequest = { type: 'memory' } | { type: 'close' };
export type ServerReady = { type: 'ready'; url: string };
export type ServerMemory = { type: 'memory'; heapUsed: number; rss: number };

/** `recovery`: bare, with Socket.IO's connection-state recovery switched on. */
export type ServerKind = 'ours' | 'bare' | 'recovery';

export interface ChatServer {
  readonly kind: ServerKind;
  readonly url: string;
  /** Heap and RSS of the server process after a full garbage collection. */
  memory(): Promise<{ heapUsed: number; rss: number }>;
  close(): Promise<void>;
}

const SERVER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'chat-server.ts');

export async function startChatServer(kind: ServerKind, options: { databaseUrl?: string } = {}): Promise<ChatServer> {
  const child: ChildProcess = fork(SERVER, [kind], {
    execArgv: ['--expose-gc', '--import', 'tsx'],
    env: { ...process.env, ...(options.databaseUrl ? { BENCH_DATABASE_URL: options.databaseUrl } : {}) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const next = <T>(type: string) =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (message: { type: string }) => {
        if (message.type !== type) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(message as T);
      };
      const onExit = (code: number | null) => reject(new Error(`the ${kind} chat server exited (${code}) early`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const { url } = await next<ServerReady>('ready');
  return {
    kind,
    url,
    async memory() {
      const answer = next<ServerMemory>('memory');
      child.send({ type: 'memory' } satisfies ServerRequest);
      const { heapUsed, rss } = await answer;
      return { heapUsed, rss };
    },
    async close() {
      if (child.exitCode === null) child.send({ type: 'close' } satisfies ServerRequest);
      const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(force);
    },
  };
}

/** Runs `work` on every item with at most `concurrency` at once. */
export async function inBatches<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index]!, index);
      }
    }),
  );
  return results;
}

export const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export const mb = (bytes: number) => bytes / 1024 / 1024;

/** Printed with the figures: other work on the machine moves latencies more than anything measured. */
export function machineNote(): string {
  return `Node ${process.version}, ${os.availableParallelism()} CPUs, load average ${os.loadavg()[0]!.toFixed(1)}`;
}
