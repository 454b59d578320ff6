// Author and category pages over real HTTP: who wrote what (whole names only), co-authors, the JSON twins, the author
// feed through a real XML parser, and what a careless or hostile visitor sends.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startApp, type RunningApp } from '../helpers/app.ts';
import { kaggleSample } from '../helpers/paths.ts';
import { validateAtom, validateJsonFeed, validateRss } from '../helpers/feed-validator.ts';

interface AuthorJson { name: string; papers: Array<{ id: string; authors: Array<{ name: string }>; publishedAt: string }>; coAuthors: Array<{ name: string; papers: number }> }

describe('author and category pages', () => {
  let app: RunningApp;
  before(async () => {
    app = await startApp(async ({ services }) => void (await services.importer.importFile(kaggleSample)), { RATE_LIMIT_READS: '0', RATE_LIMIT_SEARCHES: '0' });
  });
  after(() => app.close());

  it("lists an author's papers newest first, with co-authors, as a page and as JSON", async () => {
    const json = (await (await app.get('/api/authors/C.%20Bal%C3%A1zs')).json()) as AuthorJson;
    assert.equal(json.name, 'C. Balázs');
    assert.ok(json.papers.length >= 1);
    for (const paper of json.papers) assert.ok(paper.authors.some((a) => a.name === 'C. Balázs'));
    const dates = json.papers.map((p) => p.publishedAt);
    assert.deepEqual(dates, [...dates].sort().reverse());
    assert.ok(json.coAuthors.some((c) => c.name === 'E. L. Berger'));
    const page = await (await app.get('/authors/C.%20Bal%C3%A1zs')).text();
    assert.match(page, /<h1>C\. Balázs<\/h1>/);
    assert.match(page, /<a href="\/authors\/E\.%20L\.%20Berger">E\. L\. Berger<\/a>/);
    assert.match(page, /type="application\/atom\+xml"[^>]*href="\/feeds\/authors\/C\.%20Bal%C3%A1zs\.atom"/);
  });

  it('matches whole names, case and accents aside, and answers 404 for nobody', async () => {
    const lower = (await (await app.get('/api/authors/c.%20balazs')).json()) as AuthorJson;
    assert.equal(lower.name, 'C. Balázs', 'the heading is the name as papers write it');
    assert.equal((await app.get('/api/authors/Bal%C3%A1zs')).status, 404, 'a surname alone is not the author');
    const missing = await app.get('/authors/Nobody%20Here');
    assert.equal(missing.status, 404);
    assert.match(await missing.text(), /No paper here has an author called/);
  });

  it('refuses hostile names with a 400 or a 404, never a 500', async () => {
    for (const name of ['"', '*', 'a" OR "b', 'NEAR(a b)', '-x', 'x'.repeat(301), '%00', '\u202Eabc', '(((((', ':']) {
      const status = (await app.get(`/api/authors/${encodeURIComponent(name)}`)).status;
      assert.ok([400, 404, 414].includes(status), `${JSON.stringify(name)} → ${status}`);
    }
  });

  it("serves an author's feed that parses as Atom, RSS and JSON Feed", async () => {
    const atom = await (await app.get('/feeds/authors/C.%20Bal%C3%A1zs.atom')).text();
    assert.ok(validateAtom(atom).length >= 1);
    assert.ok(validateRss(await (await app.get('/feeds/authors/C.%20Bal%C3%A1zs.rss')).text()).length >= 1);
    assert.ok(validateJsonFeed(await (await app.get('/feeds/authors/C.%20Bal%C3%A1zs.json')).text()).length >= 1);
    assert.equal((await app.get('/feeds/authors/Nobody.atom')).status, 404);
  });

  it("lists a category's day, week and month, and refuses what is no category", async () => {
    const day = (await (await app.get('/api/categories/hep-ph?date=2007-04-02')).json()) as Array<{ paper: { id: string } }>;
    assert.ok(day.length >= 1);
    const all = (await (await app.get('/api/daily_papers?date=2007-04-02&limit=100')).json()) as Array<{ paper: { id: string } }>;
    assert.ok(day.length < all.length, 'a category is a part of the day');
    const week = await (await app.get('/categories/hep-ph?week=2007-W14')).text();
    assert.match(week, /<h1>hep-ph: Week 14, 2007/);
    assert.match(week, /aria-current="page"[^>]*>Week</);
    for (const bad of ['cs.LG%25', 'x'.repeat(50), 'CS', '.x', 'cs.LG%20OR%201']) assert.equal((await app.get(`/api/categories/${bad}`)).status, 400, bad);
    assert.equal((await app.get('/categories/hep-ph?week=2007-W99')).status, 400);
  });
});
