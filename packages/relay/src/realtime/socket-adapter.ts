// The Socket.IO adapter seam: one process keeps rooms in memory; with REDIS_URL, broadcasts go
// through a Redis stream so every relay node behind the load balancer reaches its own sockets.
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import type { Server, ServerOptions } from 'socket.io';
import { ConfigError } from '../config.js';

export type RedisClient = ReturnType<typeof createClient>;

export interface SocketAdapter {
  readonly name: 'in-memory' | 'redis-streams';
  /** Passed to the Socket.IO server; empty for the in-memory adapter (Socket.IO's default). */
  readonly serverOptions: Partial<ServerOptions>;
  /** The shared connection when REDIS_URL is set: rate limits and other cross-node counters use it too. */
  readonly redis: RedisClient | undefined;
  /** Releases the adapter's Redis connections; the Socket.IO server must not broadcast afterwards. */
  close(io?: Server): Promise<void>;
}

export interface SocketAdapterConfig {
  redisUrl?: string | undefined;
  /** Prefix of the stream and channels, so deployments (or test runs) sharing one Redis stay apart. */
  redisPrefix: string;
  /** How to report a lost Redis connection (it is retried until it comes back). */
  onError?: (error: Error) => void;
}

/**
 * The stream reader blocks on Redis for this long and only lets go of its connection when a
 * read ends, so this bounds how long a closed relay keeps its process alive.
 */
const STREAM_BLOCK_MS = 1000;

export async function openSocketAdapter(config: SocketAdapterConfig): Promise<SocketAdapter> {
  if (config.redisUrl === undefined) {
    return { name: 'in-memory', serverOptions: {}, redis: undefined, close: async () => {} };
  }
  const url = config.redisUrl;
  let started = false;
  const redis = createClient({
    url,
    // Shown by CLIENT LIST on every connection the relay opens (the adapter's copies inherit it).
    name: `${config.redisPrefix}-relay`,
    socket: {
      connectTimeout: 5000,
      // Refused at start: fail at once with a clear message. Lost later: keep trying, since every
      // node shares the outage and the database still holds everything that matters.
      reconnectStrategy: (retries, cause) => (started ? Math.min(100 * 2 ** retries, 3000) : cause),
    },
  });
  redis.on('error', (error: Error) => {
    if (started) config.onError?.(error);
  });
  try {
    await redis.connect();
  } catch (error) {
    throw new ConfigError(
      `REDIS_URL: could not connect to ${redactUrl(url)} (${(error as Error).message}). Start Redis there, or unset REDIS_URL to run a single relay node.`,
    );
  }
  started = true;
  const adapter = createAdapter(redis, {
    streamName: `${config.redisPrefix}:socket.io`,
    channelPrefix: `${config.redisPrefix}:socket.io`,
    blockTimeInMs: STREAM_BLOCK_MS,
    // Chat payloads are JSON; skipping the binary scan saves work on every broadcast.
    onlyPlaintext: true,
  });
  let closing: Promise<void> | undefined;
  return {
    name: 'redis-streams',
    serverOptions: { adapter },
    redis,
    close(io) {
      closing ??= (async () => {
        // Socket.IO's close() would do this too, but it also closes the HTTP server that Fastify owns.
        if (io) for (const namespace of io._nsps.values()) await namespace.adapter.close();
        await redis.close().catch(() => redis.destroy());
      })();
      return closing;
    },
  };
}

/** The URL without its password, for logs and error messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the configured URL';
  }
}
