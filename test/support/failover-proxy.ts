// A TCP stand-in for a load balancer in front of several relay nodes: each new connection goes
// to the first node that accepts it, so clients move to the next node once one has died. It can
// also cut connections at random, like a flaky mobile network.
import net from 'node:net';

export interface FailoverProxy {
  /** e.g. `http://127.0.0.1:40123`: what clients connect to. */
  readonly url: string;
  /** The port of the node each connection now open was forwarded to. */
  openConnections(): number[];
  /** Cuts a random share (0..1) of the open connections, as a flaky network does; returns how many. */
  drop(share: number): number;
  close(): Promise<void>;
}

export async function startFailoverProxy(upstreamPorts: readonly number[], host = '127.0.0.1'): Promise<FailoverProxy> {
  const open = new Map<net.Socket, number>();

  const server = net.createServer((client) => {
    client.pause();
    let upstream: net.Socket | undefined;
    client.on('error', () => client.destroy());
    client.on('close', () => {
      open.delete(client);
      upstream?.destroy();
    });
    const tryNode = (index: number) => {
      const port = upstreamPorts[index];
      if (port === undefined) {
        client.destroy();
        return;
      }
      const attempt = net.connect({ port, host });
      upstream = attempt;
      let connected = false;
      attempt.once('connect', () => {
        connected = true;
        if (client.destroyed) return attempt.destroy();
        open.set(client, port);
        client.pipe(attempt);
        attempt.pipe(client);
        client.resume();
      });
      attempt.on('error', () => {
        // Refused: that node is down, so the next one gets the connection. Reset after
        // connecting: the node died, and the client must see the connection drop.
        attempt.destroy();
        if (connected) client.destroy();
        else if (!client.destroyed) tryNode(index + 1);
      });
      attempt.on('close', () => {
        if (connected) client.destroy();
      });
    };
    tryNode(0);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://${host}:${port}`,
    openConnections: () => [...open.values()],
    drop(share) {
      let dropped = 0;
      for (const socket of open.keys()) {
        if (Math.random() >= share) continue;
        socket.destroy();
        dropped++;
      }
      return dropped;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open.keys()) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
