// Papers with code in Chromium, on the demo set as `npm start` loads it: trending by code, a card's repository and
// stars, the paper page's code section with its sparkline, and a member adding a link through the form.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startApp, type RunningApp } from '../helpers/app.ts';
import { launchBrowser, watchedPage } from '../helpers/browser.ts';
import { sessionThroughMailFile } from '../helpers/sign-in.ts';

describe('papers with code in Chromium', () => {
  let app: RunningApp;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  before(async () => {
    app = await startApp(async ({ services }) => void (await services.demo.loadIntoEmpty()));
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  it('shows trending by code, the repository on the card and the paper page, and takes a member’s link', async () => {
    const { page, problems } = await watchedPage(browser.context);
    await page.goto(`${app.url}/trending`);
    await page.getByRole('link', { name: 'By GitHub stars' }).click(); // a tab of its own, one click from any listing
    await page.waitForURL(/\/trending\?by=stars$/);
    assert.equal(await page.locator('main h1').textContent(), 'Trending by code');

    const first = page.locator('article.card').first();
    const mark = first.locator('.code-mark');
    assert.ok(await mark.isVisible(), 'the card shows its code');
    const gained = /★ [\d,]+\s+\+([\d,]+) this week/.exec(await mark.innerText())?.[1];
    assert.ok(gained, 'the card shows the stars and the week\'s gain');
    const repository = (await mark.locator('a').first().textContent()) ?? '';
    assert.match(repository, /^[\w.-]+\/[\w.-]+$/);

    await first.locator('h2 a').click();
    await page.waitForURL(/\/papers\//);
    const section = page.getByRole('region', { name: 'Code' });
    assert.ok(await section.isVisible());
    assert.match(await section.innerText(), new RegExp(`${repository.replace(/[.]/g, '\\.')}[\\s\\S]*★ [\\d,]+ stars · \\+${gained} this week`));
    const sparkline = section.locator('svg.sparkline').first();
    assert.ok(await sparkline.isVisible(), 'the stars of the last weeks, drawn');
    assert.match((await sparkline.getAttribute('aria-label')) ?? '', /over the last weeks, from [\d,]+ to [\d,]+/);
    assert.match(await section.innerText(), /Sign in to add a code link/);
    if (process.env.SCREENSHOT_DIR) await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/code.png`, fullPage: true });

    // A member adds a second repository through the form.
    const session = await sessionThroughMailFile(app.services, path.join(app.dir, 'mail'), 'ada@example.org');
    await browser.context.addCookies([{ name: 'pb_session', value: session, url: app.url }]);
    await page.reload();
    await page.getByLabel('Add a code link').fill('https://github.com/ada/reproduction');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.waitForURL(/#code-heading$/);
    const added = page.getByRole('region', { name: 'Code' }).locator('li.repository', { hasText: 'ada/reproduction' });
    assert.match(await added.innerText(), /stars not counted yet[\s\S]*Linked by a member \(added by ada\)|added by ada/);
    assert.match(await added.innerText(), /suggested/, "a member's link is a suggestion until a moderator confirms it");

    assert.deepEqual(problems, [], 'no script or CSP errors');
  });
});
