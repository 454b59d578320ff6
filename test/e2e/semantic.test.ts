// Search by meaning, in Chromium: switching a search to meaning, similar papers on a paper page, and a member's
// "for you" page with its reasons and "not interested".
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startDemoApp, type RunningApp } from '../helpers/app.ts';
import { launchBrowser, watchedPage } from '../helpers/browser.ts';
import { signInThroughMailFile } from '../helpers/sign-in.ts';

describe('search by meaning in Chromium', () => {
  let app: RunningApp;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  before(async () => {
    app = await startDemoApp({ fitted: true });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  it('searches by meaning, follows similar papers, and learns from upvotes on "for you"', async () => {
    const { page, problems } = await watchedPage(browser.context);

    await page.goto(`${app.url}/search?q=${encodeURIComponent('protons colliding at high energy')}`);
    assert.equal(await page.locator('nav[aria-label="Search mode"] [aria-current="true"]').textContent(), 'words and meaning', 'hybrid by default');
    await page.locator('nav[aria-label="Search mode"]').getByRole('link', { name: 'meaning', exact: true }).click();
    await page.waitForURL(/mode=semantic/);
    const chips = await page.locator('article.card .chip').allTextContents();
    assert.ok(chips.slice(0, 5).filter((c) => /^(hep|nucl|physics|astro)/.test(c)).length >= 3, `physics for a physics question: ${chips.slice(0, 5).join(', ')}`);

    await page.goto(`${app.url}/papers/0704.0001`);
    const similar = page.locator('ul.similar a');
    assert.ok((await similar.count()) >= 5, 'similar papers on the paper page');
    const next = (await similar.first().getAttribute('href')) as string;
    await similar.first().click();
    await page.waitForURL((url) => url.pathname === next);

    // A member upvotes the diphoton paper; "for you" then offers papers near it, each with the reason.
    const session = await signInThroughMailFile(app, 'reader@example.org');
    await browser.context.addCookies([{ name: 'pb_session', value: session.cookies.get('pb_session') as string, url: app.url }]);
    await page.goto(`${app.url}/papers/0704.0001`);
    await page.locator('.vote-form button').first().click();
    await page.locator('.vote-form button.voted').first().waitFor();
    await page.goto(`${app.url}/for-you`);
    const items = page.locator('.for-you-item');
    assert.ok((await items.count()) > 0, 'papers for this member');
    assert.match((await items.first().locator('.for-you-why').textContent()) ?? '', /Near papers you upvoted: Calculation of prompt diphoton/);
    const dismissed = (await items.first().locator('h2 a').getAttribute('href')) as string;
    await items.first().getByRole('button', { name: 'Not interested' }).click();
    await page.waitForURL(/\/for-you$/);
    await page.locator('.for-you-item').first().waitFor();
    assert.equal(await page.locator(`.for-you-item h2 a[href="${dismissed}"]`).count(), 0, 'the paper is gone');

    assert.deepEqual(problems, [], 'no script or CSP errors');
  });
});
