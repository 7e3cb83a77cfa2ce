// A patron on the demo partner page and a librarian in the console, each in their own browser
// context, as two people: they chat both ways; then the patron leaves a question that the
// librarian claims, answers and publishes, and the patron reads the answer on the page.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startRelay } from '../../packages/relay/src/index.js';
import { launchChromium } from '../support/chromium.js';

let relay: Awaited<ReturnType<typeof startRelay>>;
let browser: Browser;
let patronContext: BrowserContext;
let librarianContext: BrowserContext;
let patron: Page;
let librarian: Page;
const pageErrors: string[] = [];

before(async () => {
  relay = await startRelay({ port: 0, host: '127.0.0.1', databaseUrl: 'sqlite::memory:', demo: true, logLevel: 'silent' });
  browser = await launchChromium();
  patronContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  librarianContext = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  patron = await patronContext.newPage();
  librarian = await librarianContext.newPage();
  for (const page of [patron, librarian]) page.on('pageerror', (error) => pageErrors.push(error.message));

  await librarian.goto(`${relay.url}/console/?lang=en`);
  await librarian.getByLabel('Email').fill('librarian@riverside-library.example.org');
  await librarian.getByLabel('Password').fill('atrium-demo');
  await librarian.getByRole('button', { name: 'Sign in' }).click();
  await librarian.getByRole('radio', { name: 'Available' }).check();
});
after(async () => {
  await browser?.close();
  await relay?.close();
});

it('a patron on the demo page and a librarian in the console chat both ways', async () => {
  await patron.goto(`${relay.url}/demo/`);
  await patron.getByRole('button', { name: /search the library/i }).click();
  await patron.getByRole('tab', { name: 'Chat' }).click();
  await patron.getByLabel('Your question').fill('Do you have the Riverside flood maps from 1952?');
  await patron.getByRole('button', { name: 'Start chat' }).click();

  const queue = librarian.locator('[part~="queue"]');
  await queue.getByText('Do you have the Riverside flood maps from 1952?').waitFor();
  await queue
    .getByRole('button', { name: /^Accept/ })
    .first()
    .click();
  const chat = librarian.locator('atrium-console-chat');
  await chat.getByText('Do you have the Riverside flood maps from 1952?').waitFor();

  await chat.getByLabel('Your reply').fill('Yes: the local history room has them, second floor.');
  await chat.getByLabel('Your reply').press('Enter');
  const log = patron
    .getByRole('log')
    .or(patron.getByRole('region', { name: 'Messages' }))
    .first();
  await log.getByText('Yes: the local history room has them, second floor.').waitFor();

  await patron.getByLabel('Message', { exact: true }).fill('Thank you! Can I see them on Saturday?');
  await patron.getByLabel('Message', { exact: true }).press('Enter');
  await chat.getByText('Thank you! Can I see them on Saturday?').waitFor();

  // Each message shows once on each side.
  assert.equal(await log.getByText('Yes: the local history room has them, second floor.').count(), 1);
  assert.equal(await chat.getByText('Thank you! Can I see them on Saturday?').count(), 1);
  assert.deepEqual(pageErrors, []);
});

it('a question left on the demo page is claimed, answered and published in the console, and read by the patron', async () => {
  const question = `Which branch has a microfilm reader? (${Date.now()})`;
  await patron.goto(`${relay.url}/demo/`);
  await patron.getByRole('button', { name: /search the library/i }).click();
  await patron.getByRole('tab', { name: 'Ask' }).click();
  await patron.getByLabel('Your question').fill(question);
  await patron.getByRole('button', { name: 'Send question' }).click();
  await patron.getByRole('heading', { name: 'Your question was sent' }).waitFor();

  await librarian
    .getByRole('button', { name: 'Questions' })
    .or(librarian.getByRole('tab', { name: 'Questions' }))
    .first()
    .click();
  const view = librarian.locator('atrium-console-questions');
  await view.getByRole('button', { name: 'Refresh' }).click();
  await view.getByText(question).first().click();
  await view.getByRole('button', { name: 'Claim' }).click();
  await view.getByLabel('Your answer').fill('The Central Library has one on the second floor; ask at the desk.');
  await view.getByLabel('Publish to the knowledge base').check();
  await view.getByRole('button', { name: 'Send answer' }).click();
  await view.getByText('Your answer was sent and published to the knowledge base.').waitFor();

  await patron.reload();
  await patron.getByRole('button', { name: /search the library/i }).click();
  await patron.getByRole('tab', { name: 'Ask' }).click();
  await patron.getByText('The Central Library has one on the second floor; ask at the desk.').waitFor();

  const kb = (await (await fetch(`${relay.url}/v1/kb?q=microfilm`)).json()) as { items: { question: string }[] };
  assert.ok(
    kb.items.some((item) => item.question.includes('microfilm reader')),
    'the answer is in the knowledge base',
  );
  assert.deepEqual(pageErrors, []);
});
