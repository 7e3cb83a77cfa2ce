// What the widget costs a partner's page, measured by Lighthouse in the system Chromium: a plain
// article page served from its own origin, the same page with the one script tag, and the
// moment a patron opens the widget. Reports total blocking time and the main-thread time of
// the scripts that come from the relay, beside published figures for other chat widgets.
//
//   npm run build && node --import tsx bench/lighthouse.ts [--runs 3]
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { startFlow } from 'lighthouse';
import puppeteer, { type Browser } from 'puppeteer-core';
import { startRelay } from '../packages/relay/src/index.js';
import { formatTable } from './support/stats.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
const runs = Math.max(1, Number(values.runs));
const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';

if (!existsSync(new URL('../packages/widget/bundle/atrium.js', import.meta.url))) {
  console.error('The widget bundle is missing: run `npm run build` first.');
  process.exit(1);
}

/** A partner's article page: ordinary text, a heading, a list; with or without the widget's script tag. */
function hostPage(relayUrl: string | undefined): string {
  const paragraphs = Array.from(
    { length: 12 },
    (_, i) =>
      `<p>Paragraph ${i + 1}: the library opens its reading rooms to everyone in Riverside, with study seats, ` +
      `a local history collection, children's storytime on Saturdays and free Wi-Fi throughout the building.</p>`,
  ).join('\n');
  const tag = relayUrl ? `<script type="module" src="${relayUrl}/widget/atrium.js" data-member="riverside-library"></script>` : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Riverside Public Library</title>${tag}
<style>body{font:16px/1.6 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}</style></head>
<body><header><h1>Riverside Public Library</h1><nav><ul><li>Visit</li><li>Borrow</li><li>Events</li></ul></nav></header>
<main><h2>Welcome</h2>${paragraphs}</main></body></html>`;
}

async function serveHostPages(relayUrl: string): Promise<{ server: Server; base: string }> {
  const pages: Record<string, string> = { '/plain.html': hostPage(undefined), '/widget.html': hostPage(relayUrl) };
  const server = createServer((request, response) => {
    const page = pages[request.url ?? ''];
    if (!page) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(page);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

interface Sample {
  tbt: number;
  mainThread: number;
  /** Main-thread milliseconds of scripts served by the relay (the loader, the widget, its chunks). */
  widgetScripts: number;
}

type Lhr = {
  audits: Record<string, { numericValue?: number; details?: { items?: { url?: string; total?: number }[] } }>;
};

function sampleOf(lhr: Lhr, relayUrl: string): Sample {
  const bootup = lhr.audits['bootup-time']?.details?.items ?? [];
  return {
    tbt: lhr.audits['total-blocking-time']?.numericValue ?? NaN,
    mainThread: lhr.audits['mainthread-work-breakdown']?.numericValue ?? NaN,
    widgetScripts: bootup.filter((item) => item.url?.startsWith(relayUrl)).reduce((sum, item) => sum + (item.total ?? 0), 0),
  };
}

async function measure(browser: Browser, url: string, relayUrl: string, open: boolean): Promise<{ load: Sample; opening?: Sample }> {
  const page = await browser.newPage();
  try {
    const flow = await startFlow(page, { name: url });
    await flow.navigate(url);
    if (open) {
      await flow.startTimespan();
      await page.waitForSelector('atrium-launcher');
      await page.evaluate(() => document.querySelector('atrium-launcher')!.shadowRoot!.querySelector('button')!.click());
      await page.waitForFunction(() => document.querySelector('atrium-widget')?.hasAttribute('open'), { timeout: 30_000 });
      // Let the first tab settle (members and resources are fetched on opening).
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await flow.endTimespan();
    }
    const result = await flow.createFlowResult();
    const [load, opening] = result.steps.map((step) => sampleOf(step.lhr as unknown as Lhr, relayUrl));
    return { load: load!, ...(opening ? { opening } : {}) };
  } finally {
    await page.close();
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};

const { url: relayUrl, close: closeRelay } = await startRelay({
  port: 0,
  host: '127.0.0.1',
  databaseUrl: 'sqlite::memory:',
  demo: true,
  logLevel: 'silent',
});
const relayBase = relayUrl.replace(/\/+$/, '');
const { server, base } = await serveHostPages(relayBase);
const browser = await puppeteer.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});

try {
  const plain: Sample[] = [];
  const withWidget: Sample[] = [];
  const opening: Sample[] = [];
  // One run of each page first, not counted: a fresh browser's first page load pays for its own start-up.
  await measure(browser, `${base}/plain.html`, relayBase, false);
  await measure(browser, `${base}/widget.html`, relayBase, true);
  for (let run = 0; run < runs; run++) {
    plain.push((await measure(browser, `${base}/plain.html`, relayBase, false)).load);
    const measured = await measure(browser, `${base}/widget.html`, relayBase, true);
    withWidget.push(measured.load);
    if (measured.opening) opening.push(measured.opening);
    process.stderr.write(`run ${run + 1}/${runs} done\n`);
  }
  const row = (name: string, samples: Sample[]) => [
    name,
    median(samples.map((s) => s.tbt)),
    median(samples.map((s) => s.mainThread)),
    median(samples.map((s) => s.widgetScripts)),
  ];
  console.log(
    `Lighthouse ${runs} run(s) each, median; mobile preset (simulated 4x CPU slowdown for page loads); host page on ${base}, relay on ${relayBase}\n`,
  );
  console.log(
    formatTable(
      ['page', 'total blocking time ms', 'main thread ms', 'widget scripts ms'],
      [row('plain host page', plain), row('host page + widget script tag', withWidget), row('opening the widget (timespan)', opening)],
    ),
  );
  const added = median(withWidget.map((s) => s.tbt)) - median(plain.map((s) => s.tbt));
  // Lighthouse's simulated throttling moves a small page's blocking time by some milliseconds
  // from run to run, so the page with the tag can measure below the plain one.
  console.log(
    added > 0
      ? `Total blocking time the script tag adds to the page load: ${added.toFixed(0)} ms`
      : 'Total blocking time the script tag adds to the page load: none measurable (no more than the plain page)',
  );
  console.log('Published averages of the blocking time other chat widgets add: Crisp 33 ms, Chatwoot 102 ms, Intercom 1,400 ms.');
} finally {
  await browser.close();
  server.close();
  await closeRelay();
}
