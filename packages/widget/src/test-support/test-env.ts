// What web-test-runner.config.mjs tells each test page about the relay started for the run.
import { loadTranslation } from '../translations/translations.js';

interface TestEnv {
  relayUrl: string | null;
  relayError: string | null;
  /** An address where nothing listens, for "relay unreachable" tests. */
  closedUrl: string;
  /** A relay that takes one question an hour from an address, for "too many questions" tests. */
  strictRelayUrl: string | null;
  /** A relay that `atrium-relay init` set up, and the one-time link it printed for the administrator. */
  firstRun: { relayUrl: string; link: string } | null;
}

// The widget's bundle fetches the page's language before anything renders (bundle.ts); tests
// that mount components directly have both Chinese scripts ready the same way.
await Promise.all([loadTranslation('zh-Hans'), loadTranslation('zh-Hant')]);

const env = (window as unknown as { __ATRIUM_TEST__?: TestEnv }).__ATRIUM_TEST__;

/** The demo relay's base URL. Tests that need it fail, with the reason, when it is not running. */
export function relayUrl(): string {
  if (!env?.relayUrl) {
    throw new Error(`No relay for the browser tests: ${env?.relayError ?? 'run them with web-test-runner.config.mjs'}`);
  }
  return env.relayUrl;
}

export function strictRelayUrl(): string {
  if (!env?.strictRelayUrl)
    throw new Error(`No strict relay for the browser tests: ${env?.relayError ?? 'run them with web-test-runner.config.mjs'}`);
  return env.strictRelayUrl;
}

export function closedRelayUrl(): string {
  if (!env?.closedUrl) throw new Error('Run the browser tests with web-test-runner.config.mjs');
  return env.closedUrl;
}

export function firstRunRelay(): { relayUrl: string; link: string } {
  if (!env?.firstRun)
    throw new Error(`No first-run relay for the browser tests: ${env?.relayError ?? 'run them with web-test-runner.config.mjs'}`);
  return env.firstRun;
}
