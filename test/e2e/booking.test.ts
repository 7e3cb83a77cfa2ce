// A patron on the demo partner page books a study seat for two from the Book tab, takes the
// calendar file and cancels; then places a hold on a book for pickup at another branch. The
// relay, the built bundle and Chromium, driven the way a person uses them.
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
  page = await browser.newPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  page.on('pageerror', (error) => pageErrors.push(error.message));
});
after(async () => {
  await browser?.close();
  await relay?.close();
});

async function placesLeft(resourceId: string, start: string): Promise<number> {
  const answer = await fetch(`${relay.url}/v1/resources/${encodeURIComponent(resourceId)}/availability`);
  const { slots } = (await answer.json()) as { slots: { start: string; remaining: number }[] };
  return slots.find((slot) => slot.start === start)?.remaining ?? NaN;
}

it('books a seat for two with a calendar file, then cancels and the places come back', async () => {
  await page.goto(`${relay.url}/demo/`);
  await page.getByRole('button', { name: /search the library/i }).click();
  await page.getByRole('tab', { name: 'Book' }).click();
  await page.getByLabel('What would you like to book?').selectOption('riverside-library:central-quiet-seats');

  const grid = page.getByRole('grid');
  await grid.waitFor();
  const free = grid.locator('[role="gridcell"][aria-disabled="false"]').filter({ hasText: /places? left/ });
  const cell = free.first();
  const start = (await cell.getAttribute('data-key')) ?? '';
  const before = await placesLeft('riverside-library:central-quiet-seats', start);
  assert.ok(before >= 2, 'a time with room for two');
  await cell.focus();
  await page.keyboard.press('Enter');

  await page.getByLabel('Name').fill('Ada Lovelace');
  await page.getByLabel('Email').fill(`ada-${Date.now()}@example.org`);
  await page.getByLabel('Number of people').fill('2');
  await page.getByRole('button', { name: 'Book', exact: true }).click();

  await page.getByRole('heading', { name: 'Booked' }).waitFor();
  await page.getByText('At Central Library.', { exact: true }).waitFor();
  await page.getByText('For 2 people.', { exact: true }).waitFor();
  assert.equal(await placesLeft('riverside-library:central-quiet-seats', start), before - 2);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /add to calendar/i }).click()]);
  assert.match(download.suggestedFilename(), /\.ics$/);
  const stream = await download.createReadStream();
  let ics = '';
  for await (const chunk of stream) ics += String(chunk);
  assert.match(ics, /BEGIN:VEVENT[\s\S]*Quiet study seats[\s\S]*END:VEVENT/);

  await page.getByRole('button', { name: 'Cancel booking' }).click();
  await page.getByRole('button', { name: 'Yes, cancel it' }).click();
  await page.getByRole('heading', { name: 'Your booking is cancelled.' }).waitFor();
  assert.equal(await placesLeft('riverside-library:central-quiet-seats', start), before);
  assert.deepEqual(pageErrors, []);
});

it('places a hold on a book for pickup at another branch and shows its first step', async () => {
  await page.goto(`${relay.url}/demo/`);
  await page.getByRole('button', { name: /search the library/i }).click();
  const box = page.getByRole('searchbox').first();
  await box.fill('harry potter');
  await box.press('Enter');
  const results = page.getByRole('list', { name: /results/i }).getByRole('listitem');
  const riverside = results.filter({ hasText: /Riverside/ }).first();
  await riverside.waitFor();
  const title = (await riverside.getByRole('heading').textContent())?.trim() ?? '';
  await riverside.getByRole('button', { name: title }).click();
  const record = page.getByRole('article', { name: title });
  await record.waitFor();

  await record.getByRole('button', { name: 'Place hold' }).click();
  const pickup = record.getByLabel('Pick up at');
  const branches = await pickup.locator('option').allTextContents();
  const elsewhere = branches.find((name) => name.trim() && !/Central Library/.test(name));
  assert.ok(elsewhere, `another branch to pick up at, among ${branches.join(' | ')}`);
  await pickup.selectOption({ label: elsewhere });
  await record.getByLabel('Name').fill('Grace Hopper');
  await record.getByLabel('Email').fill(`grace-${Date.now()}@example.org`);
  await record.getByRole('button', { name: 'Place hold' }).click();

  await record.getByText('Hold placed').waitFor();
  await record.getByText('Status: Submitted').waitFor();
  assert.deepEqual(pageErrors, []);
});
