// Searches an attacker would send: hundreds of filters, hundreds of exclusions, ranges no paper is in, many costly
// searches at once, and more of them than a person makes. None may freeze the server, answer 500, or go unlimited.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { writeCorpus } from '../../bench/corpus.ts';
import { startApp, type RunningApp } from '../helpers/app.ts';
import { runCli } from '../helpers/cli.ts';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.ts';
import { tempDir } from '../helpers/temp-db.ts';

const PAPERS = 20_000;
const q = (text: string) => encodeURIComponent(text);

/** A request's status and how long it took, in milliseconds. */
async function timed(server: { url: string }, url: string): Promise<{ status: number; ms: number; body: string }> {
  const started = performance.now();
  const response = await fetch(server.url + url);
  const body = await response.text();
  return { status: response.status, ms: performance.now() - started, body };
}

// The server runs in a process of its own, so what is measured is its latency, not this test's.
describe('hostile searches', () => {
  const dir = tempDir('paperboard-hostile-');
  const env = { PAPERBOARD_DB: path.join(dir, 'paperboard.db'), RATE_LIMIT_SEARCHES: '10000', RATE_LIMIT_READS: '100000' };
  let app: ServerProcess;
  before(async () => {
    const file = path.join(dir, 'corpus.jsonl');
    await writeCorpus(PAPERS, file);
    assert.equal((await runCli(['import', file], env)).code, 0);
    app = await startServerProcess(env);
    await fetch(`${app.url}/api/search?q=warm`); // starts a search worker
  });
  after(async () => {
    await app.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  // As many cat: filters as a query's 5,000 characters hold (about 800), and the 900 of the review.
  const nineHundredFilters = Array.from({ length: 900 }, (_, i) => `cat:${i}`).join(' ');
  const filterFlood = nineHundredFilters.slice(0, nineHundredFilters.lastIndexOf(' ', 5000));

  it('refuses 900 cat: filters at once with a 400 that says why, on every kind of search', async () => {
    for (const url of [`/api/search?q=${q(filterFlood)}`, `/search?q=${q(filterFlood)}`, `/feeds/search.atom?q=${q(filterFlood)}`]) {
      const answer = await timed(app, url);
      assert.equal(answer.status, 400, url);
      assert.ok(answer.ms < 200, `${url.slice(0, 20)} answered in ${answer.ms.toFixed(0)} ms`);
      assert.match(answer.body, /cat: takes a category such as cs\.LG/);
    }
    const whole = await timed(app, `/api/search?q=${q(nineHundredFilters)}`);
    assert.equal(whole.status, 400);
    assert.match(whole.body, /at most 5000 characters/);
    const tooMany = Array.from({ length: 11 }, (_, i) => `cat:cs.x${i}`).join(' ');
    const answer = await timed(app, `/api/search?q=${q(tooMany)}`);
    assert.equal(answer.status, 400);
    assert.match(answer.body, /at most 10 cat: filters/);
  });

  const FREEZE_MS = 250;

  /**
   * /healthz's latency while `searches` run: the best of three rounds, and the worst. Another test file may hold the
   * other core meanwhile, so one round can be slow for reasons of its own; a server that freezes is slow in all three.
   * The bound is a freeze's (the review's search held the loop 15 s), not the budget's: with the test files sharing two
   * cores, an idle /healthz was seen at 60 ms. The budget itself (50 ms) is measured by bench/hostile.ts.
   */
  async function healthWhile(searches: string[]): Promise<{ best: number; worst: number; statuses: number[] }> {
    for (const url of [...searches, '/healthz', '/healthz']) await timed(app, url); // warm: JIT, caches, workers
    const rounds: number[] = [];
    const statuses: number[] = [];
    for (let round = 0; round < 3; round += 1) {
      const running = searches.map((url) => timed(app, url));
      rounds.push((await timed(app, '/healthz')).ms);
      statuses.push(...(await Promise.all(running)).map((a) => a.status));
    }
    return { best: Math.min(...rounds), worst: Math.max(...rounds), statuses };
  }

  it('keeps /healthz answering while four such searches run', async () => {
    const health = await healthWhile(Array.from({ length: 4 }, () => `/api/search?q=${q(filterFlood)}&mode=keyword`));
    assert.ok(health.statuses.every((status) => status === 400));
    assert.ok(health.best < FREEZE_MS, `/healthz took ${health.best.toFixed(0)} ms at best`);
    assert.ok(health.worst < 1000, `/healthz took ${health.worst.toFixed(0)} ms at worst`);
  });

  it('answers a hundred exclusions with a 400, never a 500, and twenty with results', async () => {
    const hundred = `model ${Array.from({ length: 100 }, (_, i) => `-w${i}`).join(' ')}`;
    const refused = await timed(app, `/api/search?q=${q(hundred)}&mode=keyword`);
    assert.equal(refused.status, 400);
    assert.match(refused.body, /at most 20 exclusions/);
    const twenty = `model ${['data', 'learning', 'neural', 'network', 'graph', 'image', 'quantum', 'field', 'energy', 'field theory']
      .concat(Array.from({ length: 10 }, (_, i) => `x${i}`)).map((w) => `-"${w}"`).join(' ')}`;
    const answered = await timed(app, `/api/search?q=${q(twenty)}&mode=keyword`);
    assert.equal(answered.status, 200);
    const items = (JSON.parse(answered.body) as { items: Array<{ paper: { title: string; abstract: string } }> }).items;
    for (const item of items) assert.doesNotMatch(`${item.paper.title} ${item.paper.abstract}`.toLowerCase(), /\bneural\b|\bquantum\b/);
  });

  it('answers filters without words from the index: a category, an archive, ranges with and without papers', async () => {
    const search = async (text: string) => {
      const answer = await timed(app, `/api/search?q=${q(text)}&mode=keyword&limit=100`);
      assert.equal(answer.status, 200, text);
      return JSON.parse(answer.body) as { items: Array<{ paper: { categories: string[]; publishedAt: string } }> };
    };
    const lg = await search('cat:cs.LG');
    assert.equal(lg.items.length, 100);
    assert.ok(lg.items.every((i) => i.paper.categories.includes('cs.LG')));
    const astro = await search('cat:astro-ph');
    assert.ok(astro.items.length > 0 && astro.items.every((i) => i.paper.categories.some((c) => c.startsWith('astro-ph.'))));
    assert.equal((await search('cat:x')).items.length, 0);
    assert.equal((await search('after:2099')).items.length, 0);
    assert.equal((await search('before:1990')).items.length, 0);
    const window = await search('after:2015-03-10 before:2015-03-20');
    assert.ok(window.items.length > 0);
    for (const item of window.items) assert.ok(item.paper.publishedAt >= '2015-03-10' && item.paper.publishedAt < '2015-03-20', item.paper.publishedAt);
  });

  it('keeps /healthz answering while four costly searches run on the search workers', async () => {
    const prefixes = 'con* pre* int* dis* the of and a in to is we for that on with by this are as an be our which from these can at it its';
    const phrases = Array.from({ length: 12 }, (_, i) => `"the ${['model', 'data', 'results', 'analysis', 'method', 'problem'][i % 6]}"`).join(' ');
    const costly = [prefixes, phrases, 'results data model method analysis approach problem system', `${prefixes} -model`];
    const tooMany = await timed(app, `/api/search?q=${q('con* pre* int* dis* exp*')}&mode=keyword`);
    assert.equal(tooMany.status, 400);
    assert.match(tooMany.body, /at most 4 prefix searches/);
    const health = await healthWhile(costly.map((text) => `/api/search?q=${q(text)}&mode=keyword&p=2`));
    assert.ok(health.statuses.every((status) => status === 200));
    assert.ok(health.best < FREEZE_MS, `/healthz took ${health.best.toFixed(0)} ms at best`);
    assert.ok(health.worst < 1000, `/healthz took ${health.worst.toFixed(0)} ms at worst`);
  });
});

describe('search and read rate limits', () => {
  let app: RunningApp;
  before(async () => {
    app = await startApp(undefined, { RATE_LIMIT_SEARCHES: '5', RATE_LIMIT_READS: '40' });
  });
  after(() => app.close());

  it('count every kind of search against one limit a client, and say when to come back', async () => {
    const urls = ['/api/search?q=a', '/search?q=b', '/feeds/search.atom?q=c', '/api/search?q=d', '/search?q=e'];
    for (const url of urls) assert.equal((await app.get(url)).status, 200, url);
    const refused = await app.get('/api/search?q=f');
    assert.equal(refused.status, 429);
    assert.ok(Number(refused.headers.get('retry-after')) > 0);
    assert.equal(((await refused.json()) as { error: { code: string } }).error.code, 'rate_limited');
    assert.equal((await app.get('/feeds/search.rss?q=g')).status, 429, 'feeds share the limit');
  });

  it('count pages too, at a higher limit, but not the stylesheet', async () => {
    let status = 200;
    for (let i = 0; i < 45 && status === 200; i += 1) status = (await app.get(`/about?n=${i}`)).status;
    assert.equal(status, 429);
    assert.equal((await app.get('/assets/style.css')).status, 200);
  });
});
