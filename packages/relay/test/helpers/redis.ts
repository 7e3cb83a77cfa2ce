// Redis for the tests that need it: where it is and whether it answers. Without it, those tests
// are skipped with one line saying how to enable them; with CI=true a missing Redis fails the run.
import { createClient } from 'redis';

export const REDIS_URL = process.env.ATRIUM_TEST_REDIS_URL || 'redis://127.0.0.1:6379';

/** Why Redis cannot be used, or undefined when it answers. */
async function redisProblem(): Promise<string | undefined> {
  const probe = createClient({ url: REDIS_URL, socket: { connectTimeout: 3000, reconnectStrategy: false } });
  probe.on('error', () => {});
  try {
    await probe.connect();
    await probe.ping();
    return undefined;
  } catch (error) {
    return (error as Error).message || String(error);
  } finally {
    if (probe.isOpen) await probe.close().catch(() => probe.destroy());
  }
}

/** The `skip` reason for tests of `what` that need Redis, undefined when it answers. */
export async function skipWithoutRedis(what: string): Promise<string | undefined> {
  const problem = await redisProblem();
  if (problem === undefined) return undefined;
  if (process.env.CI === 'true') {
    throw new Error(`Redis at ${REDIS_URL} is unreachable in CI (${problem}); start Redis or set ATRIUM_TEST_REDIS_URL`);
  }
  const reason = `${what} skipped: nothing answers at ${REDIS_URL}; set ATRIUM_TEST_REDIS_URL=redis://... or start Redis`;
  console.log(reason);
  return reason;
}
