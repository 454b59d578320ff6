// Every page type in Chromium, as a visitor and as a member, light and dark: axe-core finds no serious or critical
// violation; nothing overflows a 390 px phone; the signed-in header is one row at 1280 px; the keyboard shortcuts work;
// and a reader reaches the week and month views, an author and a category from the front page by clicking alone.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startApp, type RunningApp } from '../helpers/app.ts';
import { launchHeadless, watchedPage } from '../helpers/browser.ts';
import { sessionThroughMailFile } from '../helpers/sign-in.ts';

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation { id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> }

/** axe-core's serious and critical findings on the page as it is now (evaluated over CDP: the page's CSP stays on). */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

describe('every page, accessible and whole, in Chromium', () => {
  let app: RunningApp;
  let chromium: Browser;
  let visitor: BrowserContext;
  let member: BrowserContext;
  let paperPath = '';
  let authorPath = '';
  let categoryPath = '';
  let preferencesPath = '';

  before(async () => {
    app = await startApp(async ({ services }) => {
      await services.demo.loadIntoEmpty();
      const { user } = await services.accounts.addUser('admin@example.org', 'admin');
      // Subscribed, with topics: the account page's digest section and the preferences page have something to show.
      await services.subscriptions.subscribe({ email: 'admin@example.org', preferences: { topics: ['diffusion models', 'cat:cs.LG'] } }, user);
      preferencesPath = new URL((await services.subscriptions.summaryFor(user))?.editUrl ?? 'http://x/missing').pathname;
      preferencesPath += new URL((await services.subscriptions.summaryFor(user))?.editUrl ?? 'http://x/missing').search;
    }, { RATE_LIMIT_READS: '0', RATE_LIMIT_SEARCHES: '0' });
    chromium = await launchHeadless();
    visitor = await chromium.newContext();
    // A second context, signed in as the admin (every link of the header shows).
    member = await chromium.newContext();
    const session = await sessionThroughMailFile(app.services, path.join(app.dir, 'mail'), 'admin@example.org');
    await member.addCookies([{ name: 'pb_session', value: session, url: app.url }]);
    const front = await (await app.get('/')).text();
    paperPath = /href="(\/papers\/[^"#]+)"/.exec(front)?.[1] ?? '';
    authorPath = /href="(\/authors\/[^"]+)"/.exec(front)?.[1] ?? '';
    categoryPath = /href="(\/categories\/[^"]+)"/.exec(front)?.[1] ?? '';
    assert.ok(paperPath && authorPath && categoryPath, 'the front page links a paper, an author and a category');
  });
  after(async () => {
    await chromium?.close();
    await app?.close();
  });

  const visitorPages = () => [
    '/', '/trending', '/trending?by=stars', '/week/2026-W48', '/month/2026-11', paperPath, authorPath, categoryPath,
    '/search?q=diffusion+models', '/search?q=zzzzqqq', '/about', '/login', '/subscribe', '/papers/2401.99999',
  ];
  const memberPages = () => ['/', paperPath, '/submit', '/account', '/for-you', '/admin', '/u/admin', '/subscribe', preferencesPath];

  for (const scheme of ['light', 'dark'] as const) {
    it(`has no serious or critical axe violations on any page type (${scheme})`, async () => {
      const failures: string[] = [];
      for (const [context, pages] of [[visitor, visitorPages()], [member, memberPages()]] as const) {
        const { page } = await watchedPage(context);
        await page.emulateMedia({ colorScheme: scheme });
        for (const address of pages) {
          await page.goto(app.url + address);
          for (const found of await seriousViolations(page)) failures.push(`${address}: ${found}`);
        }
        await page.close();
      }
      assert.deepEqual(failures, []);
    });
  }

  it('overflows no page sideways on a 390 px phone', async () => {
    const overflowing: string[] = [];
    for (const [context, pages] of [[visitor, visitorPages()], [member, memberPages()]] as const) {
      const { page } = await watchedPage(context);
      await page.setViewportSize({ width: 390, height: 844 });
      for (const address of pages) {
        await page.goto(app.url + address);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        if (overflow > 0) overflowing.push(`${address}: ${overflow} px`);
      }
      await page.close();
    }
    assert.deepEqual(overflowing, []);
  });

  it('keeps the signed-in header to one row at 1280 px, and shows six cards on a 900 px screen', async () => {
    const { page, problems } = await watchedPage(member);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(app.url + '/');
    const height = await page.locator('.site-header').evaluate((header) => header.getBoundingClientRect().height);
    assert.ok(height <= 64, `the header is ${height} px tall`);
    const cards = await page.locator('[data-card]').evaluateAll((all) => all.filter((c) => c.getBoundingClientRect().bottom <= 900).length);
    assert.ok(cards >= 6, `${cards} cards fit a 900 px screen`);
    // Each of them with its picture (loaded, not a broken image), authors and its upvote count: no dead archive.
    const firstScreen = await page.locator('[data-card]').evaluateAll((all) => all.filter((c) => c.getBoundingClientRect().bottom <= 900).map((c) => ({
      picture: (c.querySelector('img.card-thumb') as HTMLImageElement | null)?.complete === true && ((c.querySelector('img.card-thumb') as HTMLImageElement | null)?.naturalWidth ?? 0) > 0,
      authors: (c.querySelector('.authors')?.textContent ?? '').trim().length > 0,
      votes: /^\d+$/.test((c.querySelector('.vote-count')?.textContent ?? '').trim()),
    })));
    assert.deepEqual(firstScreen.filter((c) => !(c.picture && c.authors && c.votes)), [], JSON.stringify(firstScreen));
    assert.equal(await page.locator('nav[aria-label="Main"] a[aria-current="page"]').innerText(), 'Today');
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('moves through the cards with j and k, opens with o, upvotes with u, searches with /, shows help with ?', async () => {
    const { page, problems } = await watchedPage(member);
    await page.goto(app.url + '/');
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    const first = page.locator('[data-card]').first();
    assert.equal(await first.getAttribute('data-selected'), '');
    const vote = first.locator('button.vote');
    const before = Number(await vote.locator('.vote-count').innerText());
    await page.keyboard.press('u');
    await page.waitForFunction((n) => document.querySelector('[data-card] button.vote .vote-count')?.textContent === String(n), before + 1);
    assert.equal(await vote.getAttribute('aria-label'), `Upvoted, ${before + 1} ${before + 1 === 1 ? 'upvote' : 'upvotes'}`);
    assert.ok(await vote.evaluate((button) => button === document.activeElement), 'the vote button keeps the focus');
    await page.keyboard.press('w');
    assert.equal(await first.locator('[data-why]').getAttribute('open'), '', 'w opens why the card is here');
    await page.keyboard.press('?');
    assert.ok(await page.locator('#shortcuts').isVisible());
    await page.keyboard.press('Escape');
    assert.ok(!(await page.locator('#shortcuts').isVisible()));
    await page.keyboard.press('/');
    assert.ok(await page.locator('#site-search').evaluate((input) => input === document.activeElement));
    await page.keyboard.type('jko'); // typed into the box: no shortcut fires
    assert.equal(await page.locator('#site-search').inputValue(), 'jko');
    await page.locator('#site-search').blur();
    await page.keyboard.press('j');
    await page.keyboard.press('o');
    await page.waitForURL(/\/papers\//);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('takes a reader from the front page to the week, the month, an author and a category by clicking alone', async () => {
    const { page, problems } = await watchedPage(visitor);
    await page.goto(app.url + '/');
    await page.getByRole('navigation', { name: 'Period' }).getByRole('link', { name: 'Week' }).click();
    await page.waitForURL(/\/week\/\d{4}-W\d{2}$/);
    assert.match(await page.locator('h1').innerText(), /^Week \d+/);
    await page.getByRole('navigation', { name: 'Period' }).getByRole('link', { name: 'Month' }).click();
    await page.waitForURL(/\/month\/\d{4}-\d{2}$/);
    await page.locator('[data-card] .authors a').first().click();
    await page.waitForURL(/\/authors\//);
    assert.ok(await page.locator('[data-card]').count() >= 1);
    await page.goto(app.url + '/');
    await page.locator('[data-card] a.chip').first().click();
    await page.waitForURL(/\/categories\//);
    assert.match(await page.locator('h1').innerText(), /^[a-z-]+(\.[A-Za-z-]+)?: /);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('shows no "Copy BibTeX" button that cannot copy when JavaScript is off', async () => {
    const plain = await chromium.newContext({ javaScriptEnabled: false });
    const page = await plain.newPage();
    await page.goto(app.url + paperPath);
    const copy = page.locator('button[data-copy]');
    assert.equal(await copy.count(), 1, 'the button is in the page');
    assert.ok(!(await copy.isVisible()), 'but hidden: copying needs the script');
    assert.ok(await page.locator('#bibtex').isVisible(), 'the BibTeX itself is there to select');
    await plain.close();
  });
});
