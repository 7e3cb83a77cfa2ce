// A chat server for the chat benchmarks, in a process of its own so its memory and CPU are
// measured apart from the clients: the relay ("ours"), or a bare Socket.IO relay of the same
// shape ("bare": a room per conversation, no storage, no seq, no outbox), or that bare relay with
// Socket.IO's connection-state recovery ("recovery": a client back within two minutes gets its
// rooms and the packets it missed).
//
//   node --expose-gc --import tsx bench/support/chat-server.ts ours|bare|recovery   (started by the benchmarks)
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { BENCH_LIBRARIAN, BENCH_MEMBER, type ServerMemory, type ServerReady, type ServerRequest } from './chat-bench.js';

const NO_LIMIT = { limit: 1_000_000_000, windowSeconds: 60 };

async function startOurs(databaseUrl: string): Promise<{ url: string; close(): Promise<void> }> {
  // Loaded here, not at the top: the bare server's memory should hold Socket.IO only.
  const { startRelay } = await import('../../packages/relay/src/index.js');
  const { addLibrarian } = await import('../../packages/relay/src/domain/staff/librarian-accounts.js');
  const { url, relay, close } = await startRelay({
    port: 0,
    host: '127.0.0.1',
    databaseUrl,
    ...(process.env.BENCH_PG_SCHEMA ? { pgSchema: process.env.BENCH_PG_SCHEMA } : {}),
    logLevel: 'silent',
    // Every benchmark client comes from 127.0.0.1: per-address limits would measure the limiter.
    chatRateLimits: { start: { perSession: NO_LIMIT, perAddress: NO_LIMIT }, message: { perSession: NO_LIMIT, perAddress: NO_LIMIT } },
  });
  await relay.storage.catalog.upsertMembers([
    {
      id: BENCH_MEMBER,
      name: { en: 'Bench Library' },
      kind: 'public-library',
      timezone: 'UTC',
      branches: [{ id: 'main', name: { en: 'Main' } }],
    },
  ]);
  const librarian = await addLibrarian(relay.storage, BENCH_LIBRARIAN);
  await relay.chat.setCapacity(librarian.id, 100_000);
  return { url, close };
}

function startBare(recovery: boolean): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer();
  const io = new Server(server, {
    serveClient: false,
    ...(recovery ? { connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000 } } : {}),
  });
  for (const name of ['/patron', '/librarian']) {
    io.of(name).on('connection', (socket) => {
      // A patron names its conversation's room; a librarian, every room it answers.
      const { room, rooms } = socket.handshake.auth as { room?: string; rooms?: string[] };
      void socket.join(rooms ?? (room ? [room] : []));
      socket.on('msg', (payload: { room?: string }, ack?: () => void) => {
        const to = payload?.room ?? room;
        if (to) {
          io.of('/patron').to(to).except(socket.id).emit('msg', payload);
          io.of('/librarian').to(to).except(socket.id).emit('msg', payload);
        }
        ack?.();
      });
    });
  }
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        close: () => new Promise((done) => void io.close(() => done())),
      }),
    ),
  );
}

if (process.send) {
  const kind = process.argv[2];
  const started =
    kind === 'ours' ? await startOurs(process.env.BENCH_DATABASE_URL || 'sqlite::memory:') : await startBare(kind === 'recovery');
  process.on('message', async (request: ServerRequest) => {
    if (request.type === 'memory') {
      // Twice: the first pass may only queue finalizers.
      globalThis.gc?.();
      globalThis.gc?.();
      const { heapUsed, rss } = process.memoryUsage();
      process.send!({ type: 'memory', heapUsed, rss } satisfies ServerMemory);
    } else if (request.type === 'close') {
      await started.close();
      process.exit(0);
    }
  });
  process.send({ type: 'ready', url: started.url } satisfies ServerReady);
}
