// `npm start`: build if needed, then serve the demo consortium on SQLite (seeded on first run).
// Extra arguments go to `atrium-relay serve`, e.g. `npm start -- --port 9000`.
import { build } from './build.mjs';

build();
const { main } = await import('../packages/relay/dist/cli/main.js');
process.exitCode = await main(['serve', '--demo', ...process.argv.slice(2)]);
