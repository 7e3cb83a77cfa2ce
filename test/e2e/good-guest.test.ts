// The widget as a guest on a hostile page: a partner site on another origin than the relay,
// whose Content Security Policy forbids inline scripts and eval, and whose stylesheet resets
// everything, fights over z-index and forces its own buttons. The patron still searches, books
// and chats, the widget looks like itself, and the page's policy is never violated.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createClient } from '../../packages/sdk/src/index.js';
import { startRelay } from '../../packages/relay/src/index.js';
import { launchChromium } from '../support/chromium.js';

let relay: Awaited<ReturnType<typeof startRelay>>;
let host: Server;
let hostUrl = '';
let relayUrl = '';
let browser: Browser;
let page: Page;
const problems: string[] = [];

const HOSTILE_CSS = `
  * { all: unset !important; }
  html, body, div, p, main, header, nav, ul, li, h1 { display: block; }
  header { position: sticky; top: 0; z-index: 2147483647; background: #222; color: #fff; }
  div, section { position: relative; z-index: 999999 !important; }
  button { background: red !important; color: yellow !important; font-size: 40px !important; border: 5px dashed lime !important; }
  input, select, textarea { width: 5px !important; }
`;

function hostPage(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A partner page</title>
<link rel="stylesheet" href="/hostile.css">
<script type="module" src="${relayUrl}/widget/atrium.js" data-member="riverside-library"></script>
</head><body><header><h1>Riverside</h1><nav><ul><li><button>Menu</button></li></ul></nav></header>
<main>${'<p>Partner content.</p>'.repeat(30)}</main></body></html>`;
}

before(async () => {
  relay = await startRelay({ port: 0, host: '127.0.0.1', databaseUrl: 'sqlite::memory:', demo: true, logLevel: 'silent' });
  // The relay by name, the page by address: two origins.
  relayUrl = relay.url.replace('127.0.0.1', 'localhost').replace(/\/+$/, '');
  host = createServer((request, response) => {
    if (request.url === '/hostile.css') return void response.writeHead(200, { 'content-type': 'text/css' }).end(HOSTILE_CSS);
    if (request.url !== '/') return void response.writeHead(404).end();
    const ws = relayUrl.replace(/^http/, 'ws');
    response
      .writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        // No inline script, no eval; scripts and connections only to the page itself and the relay.
        'content-security-policy': `default-src 'self'; script-src 'self' ${relayUrl}; connect-src 'self' ${relayUrl} ${ws}; style-src 'self' 'unsafe-inline'; img-src 'self' ${relayUrl} data:`,
      })
      .end(hostPage());
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}/`;
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { __violations: string[] }).__violations ??= [];
      (window as unknown as { __violations: string[] }).__violations.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
  });
});
after(async () => {
  await browser?.close();
  host?.close();
  await relay?.close();
});

it('searches, books and chats on a hostile page of another origin, looking like itself', async () => {
  await page.goto(hostUrl);
  const launcher = page.getByRole('button', { name: /search the library/i });
  await launcher.waitFor();
  const look = await launcher.evaluate((button) => {
    const style = getComputedStyle(button);
    return { background: style.backgroundColor, fontSize: style.fontSize, border: style.borderStyle };
  });
  assert.deepEqual(look, { background: 'rgb(11, 92, 173)', fontSize: '16px', border: 'none' }, 'the page’s button rules do not reach in');
  const box = (await launcher.boundingBox())!;
  const onTop = await page.evaluate(
    ([x, y]) => document.elementFromPoint(x!, y!)?.localName,
    [box.x + box.width / 2, box.y + box.height / 2],
  );
  assert.match(onTop ?? '', /^atrium-/, 'the launcher is not covered by the page’s z-index war');

  await launcher.click();
  const searchBox = page.getByRole('searchbox').first();
  await searchBox.waitFor();
  assert.ok(((await searchBox.boundingBox())?.width ?? 0) > 100, 'the page’s 5 px inputs do not reach in');
  await searchBox.fill('harry potter');
  await searchBox.press('Enter');
  await page
    .getByRole('list', { name: /results/i })
    .getByRole('listitem')
    .first()
    .waitFor();

  await page.getByRole('tab', { name: 'Book' }).click();
  await page.getByLabel('What would you like to book?').selectOption('riverside-library:central-quiet-seats');
  const cell = page
    .getByRole('grid')
    .locator('[role="gridcell"][aria-disabled="false"]')
    .filter({ hasText: /places? left/ })
    .first();
  await cell.click();
  await page.getByLabel('Name').fill('Ada Lovelace');
  await page.getByLabel('Email').fill(`ada-${Date.now()}@example.org`);
  await page.getByRole('button', { name: 'Book', exact: true }).click();
  await page.getByRole('heading', { name: 'Booked' }).waitFor();

  const client = createClient({ baseUrl: relay.url, member: 'riverside-library' });
  const { token } = await client.auth.login({ email: 'librarian@riverside-library.example.org', password: 'atrium-demo' });
  const desk = await client.console.connect({ token });
  try {
    await desk.setPresence('available');
    await page.getByRole('tab', { name: 'Chat' }).click();
    await page.getByLabel('Your question').fill('Is there step-free access to the reading room?');
    await page.getByRole('button', { name: 'Start chat' }).click();
    const waiting = await new Promise<string>((resolve) => {
      const check = (items: { conversationId: string; preview?: string }[]) => {
        const item = items.find((candidate) => candidate.preview?.includes('step-free'));
        if (item) resolve(item.conversationId);
      };
      check(desk.queue);
      desk.on('queue', check);
    });
    const conversation = await desk.accept(waiting);
    await conversation.send('Yes, through the lift by the main entrance.');
    await page.getByText('Yes, through the lift by the main entrance.', { exact: true }).waitFor();
  } finally {
    desk.close();
  }

  const violations = await page.evaluate(() => (window as unknown as { __violations?: string[] }).__violations ?? []);
  assert.deepEqual(violations, [], 'the page’s Content Security Policy is never violated');
  assert.deepEqual(problems, []);
});
