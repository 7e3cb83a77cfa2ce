// The demo consortium on a relay of its own, in memory on port 0: what most realtime tests talk to.
import { type RelayConfigInput, startRelay } from '../../src/index.js';

export function startDemoRelay(options: RelayConfigInput = {}): ReturnType<typeof startRelay> {
  return startRelay({ port: 0, host: '127.0.0.1', databaseUrl: 'sqlite::memory:', demo: true, logLevel: 'silent', ...options });
}
