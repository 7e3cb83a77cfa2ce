// The Socket.IO adapter seam: a relay that cannot reach REDIS_URL refuses to start and says so;
// one that can reaches sockets on another relay through Redis, and lets go of Redis on close.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { createClient } from 'redis';
import { io as connect } from 'socket.io-client';
import { ConfigError, startRelay } from '../src/index.js';
import { REDIS_URL, skipWithoutRedis } from './helpers/redis.js';

const skip = await skipWithoutRedis('Redis tests');

describe('Socket.IO adapter', () => {
  it('refuses to start when REDIS_URL does not answer, naming the setting', async () => {
    await assert.rejects(
      startRelay({
        port: 0,
        host: '127.0.0.1',
        databaseUrl: 'sqlite::memory:',
        logLevel: 'silent',
        redisUrl: 'redis://:secret@127.0.0.1:1',
      }),
      (error: unknown) =>
        error instanceof ConfigError &&
        /^REDIS_URL: could not connect to redis:\/\/:\*\*\*@127\.0\.0\.1:1/.test(error.message) &&
        !error.message.includes('secret'),
    );
  });

  it('rejects a REDIS_PREFIX that could collide with other keys', async () => {
    await assert.rejects(
      startRelay({ port: 0, databaseUrl: 'sqlite::memory:', logLevel: 'silent', redisUrl: REDIS_URL, redisPrefix: 'a b*' }),
      (error: unknown) => error instanceof ConfigError && error.message.includes('redis-prefix: must be 1-64 letters'),
    );
  });

  describe('with Redis', { skip }, () => {
    const prefix = `atrium-test-${randomBytes(4).toString('hex')}`;
    after(async () => {
      const redis = createClient({ url: REDIS_URL });
      await redis.connect();
      for await (const keys of redis.scanIterator({ MATCH: `${prefix}:*` })) if (keys.length > 0) await redis.del(keys);
      await redis.close();
    });

    it('carries a broadcast from one relay to a socket connected to another, and closes its Redis connections', async () => {
      const options = {
        port: 0,
        host: '127.0.0.1',
        databaseUrl: 'sqlite::memory:',
        logLevel: 'silent',
        redisUrl: REDIS_URL,
        redisPrefix: prefix,
      } as const;
      const [one, two] = await Promise.all([startRelay(options), startRelay(options)]);
      const redis = createClient({ url: REDIS_URL });
      await redis.connect();
      // Counted by name, as other clients of the same Redis come and go.
      const connections = async () => (await redis.clientList()).filter((client) => client.name === `${prefix}-relay`).length;
      assert.equal(await connections(), 6, 'three connections per relay: commands, stream reader, subscriber');
      try {
        const socket = connect(two.url, { transports: ['websocket'], forceNew: true });
        await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
        const heard = new Promise((resolve) => socket.once('notice', resolve));
        one.relay.io.emit('notice', { from: 'node one' });
        assert.deepEqual(await heard, { from: 'node one' });
        // One node shutting down drops its own sockets only.
        const bystander = connect(two.url, { transports: ['websocket'], forceNew: true });
        await new Promise<void>((resolve) => bystander.once('connect', () => resolve()));
        await one.close();
        const after = new Promise((resolve) => bystander.once('after', resolve));
        two.relay.io.emit('after', 'still here');
        assert.equal(await after, 'still here');
        assert.ok(bystander.connected);
        bystander.disconnect();
        socket.disconnect();
      } finally {
        await Promise.all([one.close(), two.close()]);
      }
      // The stream reader lets go once its current blocking read ends.
      const deadline = Date.now() + 5000;
      while ((await connections()) > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal(await connections(), 0);
      await redis.close();
    });
  });
});
