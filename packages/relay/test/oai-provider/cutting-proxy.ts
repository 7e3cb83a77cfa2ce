// A loopback proxy in front of the OAI-PMH provider that can cut a connection part-way through
// a page, after its first record, as a dropped network link would.
import { connect, createServer, type Socket } from 'node:net';

export interface CuttingProxy {
  /** The provider's base URL, through the proxy. */
  url: string;
  /** The next `count` requests whose request line contains `match` are cut after their first record. */
  cut(match: string, count: number): void;
  /** Connections cut so far. */
  readonly cuts: number;
  close(): Promise<void>;
}

export async function startCuttingProxy(target: string): Promise<CuttingProxy> {
  const upstream = new URL(target);
  let pending = { match: '', count: 0 };
  let cuts = 0;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.once('data', (head: Buffer) => {
      const cutThis = pending.count > 0 && head.toString('latin1').split('\r\n')[0]!.includes(pending.match);
      if (cutThis) pending = { ...pending, count: pending.count - 1 };
      const server = connect(Number(upstream.port), upstream.hostname, () => server.write(head));
      sockets.add(server);
      server.on('close', () => sockets.delete(server));
      server.on('error', () => client.destroy());
      client.on('error', () => server.destroy());
      client.pipe(server);
      if (!cutThis) {
        server.pipe(client);
        return;
      }
      let seen = Buffer.alloc(0);
      server.on('data', (chunk: Buffer) => {
        seen = Buffer.concat([seen, chunk]);
        const end = seen.indexOf('</record>');
        if (end < 0) return;
        client.write(seen.subarray(0, end + '</record>'.length), () => {
          cuts += 1;
          client.resetAndDestroy();
          server.destroy();
        });
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}${upstream.pathname}`,
    cut(match, count) {
      pending = { match, count };
    },
    get cuts() {
      return cuts;
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
