// A patron on the demo partner page opens the widget, searches the union catalog, narrows by
// a facet and opens a record with its holdings: the relay, the built bundle and Chromium.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startRelay } from '../../packages/relay/src/index.js';
import { launchChromium } from '../support/chromium.js';

let relay: Awaited<ReturnType<typeof startRelay>>;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

before(async () => {
  relay = await startRelay({ port: 0, host: '127.0.0.1', databaseUrl: 'sqlite::memory:', demo: true, logLevel: 'silent' });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (error) => pageErrors.push(error.message));
});
after(async () => {
  await browser?.close();
  await relay?.close();
});

it('searches the union catalog from the demo page and opens a record', async () => {
  const requested: string[] = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  await page.goto(`${relay.url}/demo/`);

  // Only the loader is fetched until the patron asks for the widget.
  const launcher = page.getByRole('button', { name: /search|library|catalog/i }).first();
  await launcher.waitFor();
  assert.ok(requested.includes('/widget/atrium.js'));
  assert.ok(!requested.includes('/widget/atrium-widget.js'), 'the full widget waits for the patron');

  await launcher.click();
  const box = page.getByRole('searchbox').first();
  await box.waitFor();
  await box.fill('harry potter');
  await box.press('Enter');

  const results = page.getByRole('list', { name: /results/i }).getByRole('listitem');
  await results.first().waitFor();
  assert.match((await results.first().textContent()) ?? '', /Harry Potter/i);
  const status = page
    .getByRole('status')
    .filter({ hasText: /result/i })
    .first();
  assert.match((await status.textContent()) ?? '', /\d+ results?/);

  const title = (await results.first().getByRole('heading').textContent())?.trim() ?? '';
  await results.first().getByRole('button', { name: title }).click();
  const record = page.getByRole('article', { name: title });
  await record.waitFor();
  const holdings = record.getByRole('list').last().getByRole('listitem');
  assert.ok((await holdings.count()) >= 1, 'the record shows where to find it');
  assert.match((await holdings.first().textContent()) ?? '', /Available|On loan|On hold|In transit|Reference only/);

  await record.getByRole('button', { name: /back to results/i }).click();
  await results.first().waitFor();
  assert.deepEqual(pageErrors, []);
});
