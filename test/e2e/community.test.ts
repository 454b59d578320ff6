// A member's day, in Chromium: sign in through a real mailed link, submit a paper by its URL, upvote it
// (no reload), comment, find it on today's feed and on /trending; then a moderator hides the comment.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { startApp, type RunningApp } from '../helpers/app.ts';
import { launchBrowser, watchedPage } from '../helpers/browser.ts';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.ts';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.ts';

describe('the community in Chromium', () => {
  let sink: SmtpSink;
  let fixtures: FixtureServer;
  let app: RunningApp;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  before(async () => {
    sink = await startSmtpSink();
    fixtures = await startFixtureServer();
    app = await startApp(async ({ services }) => void (await services.accounts.addUser('mod@example.org', 'moderator')), {
      SMTP_URL: sink.url,
      ARXIV_API_URL: `${fixtures.url}/api/query`,
      INGEST_TIME_SCALE: '0.001',
      SUBMIT_MAX_AGE_DAYS: '100000', // the recorded paper is from 2017
    });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    await fixtures?.close();
    await sink?.close();
  });

  /** Asks for a link on /login, reads it from the mail the SMTP server received, and confirms. */
  async function signIn(page: Page, email: string) {
    const since = sink.messages.length;
    await page.goto(`${app.url}/login`);
    await page.locator('main').getByLabel('Email address').fill(email);
    await page.getByRole('button', { name: 'Mail me a sign-in link' }).click();
    await page.getByText('Check your inbox').first().waitFor();
    const mail = await sink.waitFor(email, { since });
    const link = new URL(/https?:\/\/\S+\/login\/verify\?token=[\w-]+/.exec(mail.text ?? '')?.[0] ?? 'http://x/missing');
    await page.goto(`${app.url}${link.pathname}${link.search}`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  }

  it('signs in by mail, submits, upvotes, comments, trends; a moderator hides the comment', async () => {
    const { page, problems } = await watchedPage(browser.context);

    await signIn(page, 'ada@example.org');
    await page.getByRole('link', { name: 'Submit' }).click();
    await page.getByLabel('arXiv id or URL').fill('https://arxiv.org/abs/1707.08567v2');
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.waitForURL(/\/papers\/1707\.08567$/);
    assert.match(await page.locator('main').innerText(), /Submitted by ada/);

    // The upvote goes through the page script: the page is not reloaded.
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    await page.locator('.paper-actions button.vote').click();
    await page.locator('.paper-actions button.vote.voted').waitFor();
    assert.equal(await page.locator('.paper-actions .vote-count').textContent(), '1');
    assert.equal(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded), true, 'no reload');

    await page.getByPlaceholder('Add a comment').fill('The **mixture** results are *striking*.');
    await page.getByRole('button', { name: 'Comment', exact: true }).click();
    await page.locator('.comment-body strong', { hasText: 'mixture' }).waitFor();
    if (process.env.SCREENSHOT_DIR) await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/discussion.png`, fullPage: true });

    await page.goto(`${app.url}/`);
    const card = page.locator('article.card', { has: page.locator('a[href="/papers/1707.08567"]') });
    assert.match(await card.innerText(), /submitted by ada/);
    assert.match(await card.locator('.vote-count').innerText(), /^1$/);
    await page.getByRole('link', { name: 'Trending', exact: true }).click();
    await page.waitForURL(/\/trending$/);
    assert.equal(await page.locator('article.card h2 a[href="/papers/1707.08567"]').count(), 1, 'on /trending');
    const why = page.locator('article.card').first().locator('summary', { hasText: 'Why here' });
    assert.match(await why.innerText(), /^Why here: 1 upvote · 1 commenter · listed today$/, 'in plain words');
    await why.click();
    assert.match(await page.locator('article.card .why p').first().innerText(), /1 upvote \[\d+%\] \+ 1 commenter/);
    if (process.env.SCREENSHOT_DIR) await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/trending.png` });

    // The moderator, in the same browser after Ada signs out.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(page, 'mod@example.org');
    await page.goto(`${app.url}/papers/1707.08567`);
    await page.locator('.comment').getByRole('button', { name: 'Hide' }).click();
    await page.locator('.comment .chip-warn', { hasText: 'Hidden by a moderator' }).waitFor();

    const anonymous = await (await fetch(`${app.url}/papers/1707.08567`)).text();
    assert.doesNotMatch(anonymous, /mixture/, 'readers no longer see it');
    assert.deepEqual(problems, [], 'no script or CSP errors');
  });
});
