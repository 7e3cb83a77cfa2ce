// Rate counters in Redis, so every relay node behind a load balancer counts the same attempts.
// Each key is a fixed window: INCR counts, PEXPIRE NX starts the window on the first attempt
// (Redis 7+), PTTL says when it closes; one MULTI, so a key never lives on without an expiry.
import type { createClient } from 'redis';
import type { RateDecision, RateLimiter } from './rate-limiter.js';

type RedisClient = Pick<ReturnType<typeof createClient>, 'multi'>;

export class RedisRateLimiter implements RateLimiter {
  readonly #keyPrefix: string;

  /**
   * `client` is a connected node-redis v5 client (the relay does not close it); keys are
   * `<prefix>:rl:…`, so deployments sharing one Redis (REDIS_PREFIX) keep their own counts.
   */
  constructor(
    private readonly client: RedisClient,
    prefix = 'atrium',
  ) {
    this.#keyPrefix = `${prefix}:rl:`;
  }

  async hit(key: string, limit: number, windowMs: number): Promise<RateDecision> {
    const redisKey = this.#keyPrefix + key;
    const [count, , ttl] = (await this.client
      .multi()
      .incr(redisKey)
      .pExpire(redisKey, windowMs, 'NX')
      .pTTL(redisKey)
      .exec()) as unknown as [number, number, number];
    if (Number(count) <= limit) return { allowed: true };
    // A negative TTL cannot follow PEXPIRE in the same transaction; the window length is the safe answer anyway.
    const remaining = Number(ttl);
    return { allowed: false, retryAfterMs: remaining > 0 ? remaining : windowMs };
  }
}
