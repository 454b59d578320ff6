// A person's first visit, in a real browser: the feed, a search, a paper, the day before.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startApp, type RunningApp } from '../helpers/app.ts';
import { launchBrowser, watchedPage } from '../helpers/browser.ts';
import { kaggleSample } from '../helpers/paths.ts';

describe('browsing in Chromium', () => {
  let app: RunningApp;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  before(async () => {
    app = await startApp(({ services }) => services.importer.importFile(kaggleSample).then(() => undefined));
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  it('shows papers, searches, opens a paper and goes to the previous day', async () => {
    const { page, problems } = await watchedPage(browser.context);

    await page.goto(app.url + '/');
    assert.ok((await page.locator('article.card').count()) > 0, 'the front page lists papers');
    const heading = await page.locator('main h1').textContent();

    // Suggestions arrive as one types (the page script fills the search box's list).
    await page.getByLabel('Search papers').pressSequentially('prompt diph', { delay: 20 });
    await page.waitForFunction(() => document.querySelectorAll('#search-suggestions option').length > 0);
    assert.match((await page.locator('#search-suggestions option').first().getAttribute('value')) ?? '', /Calculation of prompt diphoton/);
    await page.getByLabel('Search papers').fill('diphoton');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/\/search\?q=diphoton/);
    assert.equal(await page.locator('article.card mark').first().textContent(), 'diphoton');

    await page.locator('article.card h2 a').first().click();
    await page.waitForURL(/\/papers\/0704\.0001$/);
    assert.match((await page.locator('h1').textContent()) ?? '', /Calculation of prompt diphoton/);
    assert.ok(await page.getByRole('button', { name: 'Copy BibTeX' }).isVisible(), 'the script shows the copy button');
    if (process.env.SCREENSHOT_DIR) await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/paper.png`, fullPage: true });

    await page.goto(app.url + '/');
    await page.locator('a[rel="prev"]').first().click();
    await page.waitForURL(/\/date\/\d{4}-\d{2}-\d{2}$/);
    assert.notEqual(await page.locator('main h1').textContent(), heading, 'another day is shown');
    assert.ok((await page.locator('article.card').count()) > 0);
    if (process.env.SCREENSHOT_DIR) await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/day.png`, fullPage: false });

    assert.deepEqual(problems, [], 'no script or CSP errors');
  });

  it('is usable on a phone-sized screen', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto(app.url + '/');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `no horizontal scrolling (overflow ${overflow}px)`);
    assert.ok(await page.getByLabel('Search papers').isVisible());
    if (process.env.SCREENSHOT_DIR) await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/phone.png` });
  });
});
