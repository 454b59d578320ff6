// Trending as HF means it (issue 21, point 2, in part): trending by GitHub stars is a tab of its own beside Trending ·
// Day · Week · Month, one click from every listing, and the operator picks what `/` shows (FRONT_PAGE).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { startApp, type RunningApp } from '../helpers/app.ts';
import { kaggleSample } from '../helpers/paths.ts';

const seed = async ({ services }: { services: RunningApp['services'] }) => {
  await services.importer.importFile(kaggleSample);
};

describe('the front page and the stars tab', () => {
  let day: RunningApp;
  let stars: RunningApp;
  before(async () => {
    day = await startApp(seed, { PAGE_CACHE_SECONDS: '0' });
    stars = await startApp(seed, { PAGE_CACHE_SECONDS: '0', FRONT_PAGE: 'stars' });
  });
  after(async () => {
    await day.close();
    await stars.close();
  });

  it('puts "By GitHub stars" one click from the front page and from every period', async () => {
    for (const path of ['/', '/trending', '/date/2007-04-02', '/week/2007-W14']) {
      const page = await (await day.get(path)).text();
      assert.match(page, /<a href="\/trending\?by=stars" class="tab"[^>]*>By GitHub stars<\/a>/, path);
    }
    const tab = await (await day.get('/trending?by=stars')).text();
    assert.match(tab, /<a href="\/trending\?by=stars" class="tab" aria-current="page">By GitHub stars<\/a>/);
    assert.match(tab, /<h1>Trending by code<\/h1>/);
  });

  it('keeps a picker on its period, never offers a later day, and marks the right section', async () => {
    const week = await (await day.get('/week/2007-W14')).text();
    const today = new Date().toISOString().slice(0, 10);
    assert.match(week, new RegExp(`<form action="/week" method="get" class="jump"><label class="visually-hidden" for="jump-date">Go to the week of</label><input id="jump-date" type="date" name="d" value="2007-04-08" max="${today}" required/>`));
    assert.equal((await day.get('/week?d=2007-04-03')).headers.get('location'), '/week/2007-W14');
    assert.equal((await day.get('/month?d=2007-04-03')).headers.get('location'), '/month/2007-04');
    assert.equal((await day.get('/week?d=someday')).status, 400);
    assert.match(await (await day.get('/month/2007-04')).text(), /<form action="\/month"/);
    const mainNav = /<nav class="main-nav"[^>]*>(.*?)<\/nav>/.exec(week)?.[1] ?? '';
    assert.ok(mainNav.includes('Today') && !mainNav.includes('aria-current'), 'a week is neither Today nor Trending');
    assert.match(await (await day.get('/date/2007-04-02')).text(), /<a href="\/" aria-current="page">Today<\/a>/);
    const future = await (await day.get('/week/2999-W01')).text();
    assert.match(future, new RegExp(`name="d" value="${today}" max="${today}"`), 'a later day is never pre-filled');
  });

  it('shows what FRONT_PAGE says on /', async () => {
    assert.match(await (await day.get('/')).text(), /Latest papers/);
    const front = await (await stars.get('/')).text();
    assert.match(front, /<h1>Trending by code<\/h1>/);
    assert.match(front, /aria-current="page">By GitHub stars</);
  });

  it('refuses a front page it does not know, saying which it knows', () => {
    assert.throws(() => loadConfig({ FRONT_PAGE: 'random' }), (error: unknown) => error instanceof ConfigError && /FRONT_PAGE.*trending, stars or day/.test(error.message));
    assert.equal(loadConfig({ FRONT_PAGE: 'trending' }).frontPage, 'trending');
  });
});
