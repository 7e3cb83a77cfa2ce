// Memory per idle patron connection, measured in the server process after a full GC: the
// relay's /patron namespace (handshake with a signed session, session room) beside a bare
// Socket.IO server holding the same number of sockets. Target: at most 1.5× bare.
//
//   node --import tsx bench/chat-idle.ts [--sizes 1000,5000]
import { parseArgs } from 'node:util';
import { io, type Socket } from 'socket.io-client';
import {
  BENCH_MEMBER,
  type ChatServer,
  type ServerKind,
  inBatches,
  machineNote,
  mb,
  pause,
  startChatServer,
} from './support/chat-bench.js';
import { formatTable } from './support/stats.js';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '1000,5000' } } });
const sizes = values.sizes
  .split(',')
  .map(Number)
  .sort((a, b) => a - b);

function connect(server: ChatServer, index: number): Promise<Socket> {
  const auth = server.kind === 'ours' ? { member: BENCH_MEMBER } : { room: `idle-${index}` };
  const socket = io(`${server.url}/patron`, { auth, forceNew: true, transports: ['websocket'], reconnection: false, timeout: 30_000 });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

interface Row {
  kind: ServerKind;
  sockets: number;
  heapPerSocket: number;
  rssPerSocket: number;
}

async function measure(kind: ServerKind): Promise<Row[]> {
  const server = await startChatServer(kind);
  const sockets: Socket[] = [];
  const rows: Row[] = [];
  try {
    // A few connections first, so the baseline holds code paths and pools every connection uses.
    for (let i = 0; i < 10; i++) sockets.push(await connect(server, i));
    await pause(200);
    const base = await server.memory();
    for (const size of sizes) {
      const more = await inBatches(
        Array.from({ length: size - sockets.length }, (_, i) => sockets.length + i),
        50,
        (index) => connect(server, index),
      );
      sockets.push(...more);
      await pause(500);
      const now = await server.memory();
      const added = sockets.length - 10;
      rows.push({
        kind,
        sockets: sockets.length,
        heapPerSocket: (now.heapUsed - base.heapUsed) / added,
        rssPerSocket: (now.rss - base.rss) / added,
      });
      process.stderr.write(
        `${kind}: ${sockets.length} sockets, heap ${mb(now.heapUsed).toFixed(1)} MB, RSS ${mb(now.rss).toFixed(1)} MB\n`,
      );
    }
  } finally {
    for (const socket of sockets) socket.disconnect();
    await server.close();
  }
  return rows;
}

const started = performance.now();
const startLoad = machineNote();
const bare = await measure('bare');
const ours = await measure('ours');
const kb = (bytes: number) => (bytes / 1024).toFixed(1);
console.log(`\nIdle patron connections (websocket), memory per connection in the server process after GC\n`);
console.log(
  formatTable(
    ['sockets', 'bare heap KB', 'ours heap KB', 'heap ratio', 'bare RSS KB', 'ours RSS KB', 'RSS ratio'],
    sizes.map((size, index) => {
      const b = bare[index]!;
      const o = ours[index]!;
      return [
        String(size),
        kb(b.heapPerSocket),
        kb(o.heapPerSocket),
        o.heapPerSocket / b.heapPerSocket,
        kb(b.rssPerSocket),
        kb(o.rssPerSocket),
        o.rssPerSocket / b.rssPerSocket,
      ];
    }),
  ),
);
console.log(`At the start: ${startLoad}. At the end: ${machineNote()}.`);
console.log(`Target: ours ≤ 1.5× bare. (${((performance.now() - started) / 1000).toFixed(0)} s)`);
process.exit(0);
