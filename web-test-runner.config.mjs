// Browser tests for the widget, in the system Chromium, against a real relay with the demo
// consortium. The relay starts once for the whole run; test pages learn its address from
// `window.__ATRIUM_TEST__`, set by the test page below.
import { createServer } from 'node:net';
import { existsSync } from 'node:fs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';

const relayEntry = new URL('./packages/relay/dist/index.js', import.meta.url);
const demoConsortium = new URL('./packages/relay/dist/demo/consortium.js', import.meta.url);
const initCommand = new URL('./packages/relay/dist/cli/init-command.js', import.meta.url);

/** Filled in when the dev server starts; read by every test page. */
const testEnv = {
  relayUrl: process.env.ATRIUM_TEST_RELAY_URL ?? null,
  relayError: null,
  closedUrl: null,
  strictRelayUrl: null,
  firstRun: null,
};

/** An address where nothing listens: a port the OS just handed out and took back. */
async function closedAddress() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

function relayPlugin() {
  let relay;
  let firstRunRelay;
  let strictRelay;
  return {
    name: 'atrium-relay',
    async serverStart() {
      testEnv.closedUrl = await closedAddress();
      if (testEnv.relayUrl) return;
      if (!existsSync(relayEntry)) {
        testEnv.relayError =
          'packages/relay/dist/index.js is missing: run `npx tsc -b packages/relay` (and `npm run build` for the widget bundle)';
        console.warn(`Atrium relay not started: ${testEnv.relayError}`);
        return;
      }
      try {
        const { startRelay } = await import(relayEntry.href);
        relay = await startRelay({
          port: 0,
          host: '127.0.0.1',
          databaseUrl: 'sqlite::memory:',
          demo: true,
          logLevel: 'silent',
          // Every test page is one browser on one address, starting more chats a minute than any
          // reference room would; the per-session limits stay as patrons have them.
          chatRateLimits: { start: { perAddress: { limit: 10_000 } }, message: { perAddress: { limit: 10_000 } } },
          // The same one address asks every test's questions.
          questionRateLimits: { perAddress: { limit: 10_000 }, perMember: { limit: 10_000 } },
        });
        testEnv.relayUrl = relay.url.replace(/\/+$/, '');
        // One relay serves every test file, and each file's demo librarian leaves chats open:
        // more than the default three at once would be refused across the run.
        for (const member of ['harbour-museum', 'riverside-library', 'eastern-university']) {
          const account = await relay.relay.storage.staff.findLibrarianByEmail(`librarian@${member}.example.org`);
          if (account) await relay.relay.chat.setCapacity(account.id, 100);
        }
        // A second relay that takes one question an hour from an address, for the refusal patrons see.
        strictRelay = await startRelay({
          port: 0,
          host: '127.0.0.1',
          databaseUrl: 'sqlite::memory:',
          logLevel: 'silent',
          questionRateLimits: { perAddress: { limit: 1, windowSeconds: 3600 } },
        });
        const { DEMO_MEMBERS } = await import(demoConsortium.href);
        await strictRelay.relay.storage.catalog.upsertMembers(DEMO_MEMBERS);
        testEnv.strictRelayUrl = strictRelay.url.replace(/\/+$/, '');
        // A relay set up as a new consortium is: `atrium-relay init` on an empty store, without a
        // terminal, so it prints the administrator's one-time link.
        firstRunRelay = await startRelay({ port: 0, host: '127.0.0.1', databaseUrl: 'sqlite::memory:', logLevel: 'silent' });
        const { initConsortium } = await import(initCommand.href);
        let printed = '';
        const output = { write: (text) => (printed += text) };
        const code = await initConsortium(
          firstRunRelay.relay.storage,
          {
            name: 'Lakeside Libraries',
            adminEmail: 'systems@lakeside.example.org',
            adminName: 'Morgan Reyes',
            publicUrl: firstRunRelay.url,
          },
          { stdout: output, stderr: output },
          undefined,
        );
        const link = /#password-link=([A-Za-z0-9_-]+)/.exec(printed)?.[1];
        if (code !== 0 || !link) throw new Error(`init did not print a link (exit ${code}): ${printed}`);
        testEnv.firstRun = { relayUrl: firstRunRelay.url.replace(/\/+$/, ''), link };
      } catch (error) {
        testEnv.relayError = `the relay failed to start: ${error?.stack ?? error}`;
        console.warn(`Atrium relay not started: ${testEnv.relayError}`);
      }
    },
    async serverStop() {
      await firstRunRelay?.close();
      await strictRelay?.close();
      await relay?.close();
    },
  };
}

export default {
  files: ['packages/widget/src/**/*.test.ts'],
  // Browser builds of dependencies, as the bundle uses: socket.io-client's development build
  // pulls in CommonJS `debug` and its Node build `ws`, which a browser cannot load.
  nodeResolve: { browser: true, exportConditions: ['browser', 'production'] },
  concurrency: 1,
  plugins: [esbuildPlugin({ ts: true, tsconfig: 'packages/widget/tsconfig.json' }), relayPlugin()],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: '/usr/bin/chromium',
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
      },
    }),
  ],
  testFramework: { config: { timeout: 20000 } },
  testsFinishTimeout: 300000,
  testRunnerHtml: (testFramework) => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <script>window.__ATRIUM_TEST__ = ${JSON.stringify(testEnv).replace(/</g, '\\u003c')};</script>
  </head>
  <body>
    <script type="module" src="${testFramework}"></script>
  </body>
</html>`,
};
