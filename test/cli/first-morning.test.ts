// The first morning: a fresh install started beside local fake Hugging Face and arXiv servers (recorded fixtures,
// never the real sites) shows their papers within 30 s and no demo; started with nothing answering, it shows the demo
// within 30 s, and the demo's papers are the captured page with their arXiv ids and authors. A server that was down
// catches up the days it missed, once.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { addDays, today } from '../../src/time.ts';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.ts';
import { fixturesDir } from '../helpers/paths.ts';
import { startServerProcess } from '../helpers/server-process.ts';
import { tempDatabase, tempDir } from '../helpers/temp-db.ts';

const hfDay = fs.readFileSync(path.join(fixturesDir, 'hf/daily_papers.2026-11-25.json'), 'utf8');
const hfIds = (JSON.parse(hfDay) as Array<{ paper: { id: string } }>).map((item) => item.paper.id);

const listing = (ids: string[]) => `<?xml version='1.0' encoding='UTF-8'?>
<feed xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns="http://www.w3.org/2005/Atom">
  <id>http://rss.arxiv.org/atom/cs.LG</id><title>cs.LG updates on arXiv.org</title><updated>2026-12-05T05:00:00Z</updated>
  ${ids.map((id) => `<entry><id>oai:arXiv.org:${id}v1</id><title>t</title><arxiv:announce_type>new</arxiv:announce_type></entry>`).join('\n')}
</feed>`;

/** A port with nothing listening: every request is refused at once. */
async function deadUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

async function waitFor<T>(what: string, probe: () => Promise<T | null>, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('the first morning', () => {
  let fixtures: FixtureServer;
  const dir = tempDir();
  before(async () => {
    fixtures = await startFixtureServer();
    const day = today();
    fixtures.override('/hf/api/daily_papers', (url) => ({ status: 200, body: url.searchParams.get('date') === day ? hfDay : '[]' }));
    fixtures.override('/rss/cs.LG', () => ({ status: 200, body: listing(['1605.08386']) }));
  });
  after(async () => {
    await fixtures.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("catches up at once from Hugging Face and arXiv, and loads no demo", async () => {
    const dead = await deadUrl();
    const server = await startServerProcess({
      PAPERBOARD_DB: path.join(dir, 'online.db'), DEMO_DATA: 'auto', CATCH_UP: 'auto', LOG_LEVEL: 'info',
      HF_API_URL: `${fixtures.url}/hf/api`, ARXIV_RSS_URL: `${fixtures.url}/rss`, ARXIV_API_URL: `${fixtures.url}/api/query`,
      GITHUB_API_URL: dead, INGEST_CATEGORIES: 'cs.LG', INGEST_TIME_SCALE: '0.001',
    }, ['--no-jobs']);
    try {
      const started = Date.now();
      const listed = await waitFor('Hugging Face papers on the day listing', async () => {
        const items = (await (await fetch(`${server.url}/api/daily_papers?date=${today()}`)).json()) as Array<{ paper: { id: string } }>;
        return items.length >= hfIds.length ? items : null;
      });
      assert.ok(Date.now() - started < 30_000);
      assert.deepEqual(new Set(hfIds.filter((id) => listed.some((item) => item.paper.id === id))), new Set(hfIds));
      // Today's arXiv listing follows, through the API for its details.
      await waitFor('the arXiv paper', async () => ((await fetch(`${server.url}/papers/1605.08386`)).status === 200 ? true : null));
      await waitFor('the catch-up to finish', async () => (/catch-up: GitHub: 0 repositories counted, \d+ failed/.test(server.log()) ? true : null)).catch((error: Error) => assert.fail(`${error.message}\n${server.log()}`));
      const front = await (await fetch(`${server.url}/`)).text();
      assert.doesNotMatch(front, /class="demo-banner"/, 'no demo when real papers came');
      assert.doesNotMatch(front, /catching-up/, 'the note is gone once it is done');
      assert.match(server.log(), /catch-up: Hugging Face \d{4}-\d{2}-\d{2}: 15 papers \(15 new\)/, 'a line per step');
      assert.ok(fixtures.requests.filter((r) => r.path.startsWith('/hf/api/daily_papers')).length === 7, 'the last seven days');
      assert.equal(await server.stop(), 0);
    } finally {
      server.child.kill('SIGKILL');
    }
  });

  it('loads the real demo within 30 s when nothing answers', async () => {
    const dead = await deadUrl();
    const server = await startServerProcess({
      PAPERBOARD_DB: path.join(dir, 'offline.db'), DEMO_DATA: 'auto', CATCH_UP: 'auto', LOG_LEVEL: 'info',
      HF_API_URL: dead, ARXIV_RSS_URL: dead, ARXIV_API_URL: dead, GITHUB_API_URL: dead, INGEST_TIME_SCALE: '0.001',
    }, ['--no-jobs']);
    try {
      const items = await waitFor('the demo', async () => {
        const list = (await (await fetch(`${server.url}/api/daily_papers`)).json()) as Array<{ paper: { id: string; authors: Array<{ name: string }> } }>;
        return list.length > 0 ? list : null;
      });
      assert.ok(items.every((item) => /^\d{4}\.\d{4,5}$/.test(item.paper.id)), 'arXiv ids, no local ones');
      assert.ok(items.filter((item) => item.paper.authors.length > 0).length >= items.length - 1, 'with their authors');
      const page = await (await fetch(`${server.url}/papers/2211.09807`)).text();
      assert.match(page, /Weijie Su/);
      assert.match(page, /https:\/\/arxiv\.org\/pdf\/2211\.09807/);
      const front = await (await fetch(`${server.url}/`)).text();
      assert.match(front, /class="demo-banner"/);
      assert.doesNotMatch(front, /paperboard demo remove/, 'operator commands are for /admin');
      assert.equal(await server.stop(), 0);
    } finally {
      server.child.kill('SIGKILL');
    }
  });

  it('fetches a missed Hugging Face day once, today and yesterday each time, and says so while it runs', async () => {
    const asked: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const hf = http.createServer((request, response) => {
      const date = new URL(request.url ?? '/', 'http://x').searchParams.get('date') ?? '';
      asked.push(date);
      const answer = () => response.writeHead(200, { 'content-type': 'application/json' }).end(asked.length === 1 ? hfDay : '[]');
      if (asked.length === 2) void gate.then(answer);
      else answer();
    });
    await new Promise<void>((resolve) => hf.listen(0, '127.0.0.1', resolve));
    const t = await tempDatabase({ HF_API_URL: `http://127.0.0.1:${(hf.address() as AddressInfo).port}/api`, INGEST_TIME_SCALE: '0.001' });
    try {
      const now = new Date('2026-12-05T09:00:00Z');
      const running = t.services.catchUp.run({ now });
      await waitFor('the first day', async () => (t.services.catchUp.status()?.papers ? true : null), 5_000);
      assert.deepEqual(t.services.catchUp.status(), { running: true, papers: 15, step: 'Hugging Face, 2026-12-04' });
      assert.equal(await t.services.catchUp.bringsPapers(10), true);
      release();
      const first = await running;
      assert.equal(first.papers, 15);
      assert.deepEqual(first.days, Array.from({ length: 7 }, (_, i) => addDays('2026-12-05', -i)));
      assert.equal(t.services.catchUp.status(), null);

      asked.length = 0;
      await t.services.catchUp.run({ now });
      assert.deepEqual(asked, ['2026-12-05', '2026-12-04'], 'older days were fetched once');
      asked.length = 0;
      await t.services.catchUp.run({ now: new Date('2026-12-08T09:00:00Z') });
      assert.deepEqual(asked, ['2026-12-08', '2026-12-07', '2026-12-06'], 'a server down for two days asks for those; the days it had are not asked again');
    } finally {
      await t.cleanup();
      await new Promise<void>((resolve) => hf.close(() => resolve()));
    }
  });

  it('harvests the arXiv days missed since the last success over OAI-PMH, in the followed categories, once', async () => {
    const asked: URLSearchParams[] = [];
    const recorded = fs.readFileSync(path.join(fixturesDir, 'oai-pmh/listrecords-arxiv-1-200.xml'), 'utf8');
    fixtures.override('/missed-oai', (url) => {
      asked.push(url.searchParams);
      return { status: 200, body: recorded, headers: { 'content-type': 'text/xml' } };
    });
    const t = await tempDatabase({
      HF_API_URL: `${fixtures.url}/hf/api`, ARXIV_OAI_URL: `${fixtures.url}/missed-oai`, INGEST_CATEGORIES: 'cs.DM,cs.LG', INGEST_TIME_SCALE: '0.001',
    });
    try {
      const runs = t.services.ingestRuns;
      const now = new Date('2015-01-03T09:00:00Z');
      await t.services.catchUp.run({ arxivMissed: true, now });
      assert.equal(asked.length, 0, 'no arXiv run ever succeeded: nothing is missed (a fresh install lists today)');

      await runs.record('arxiv-rss', { test: true }, async () => ({ counts: { imported: 0, updated: 0, unchanged: 0, rejected: 0 } }));
      await t.db.kysely.updateTable('ingest_runs').set({ finished_at: '2014-12-20T02:05:00.000Z' }).execute();
      const report = await t.services.catchUp.run({ arxivMissed: true, now });
      assert.equal(asked.length, 1, 'one archive (cs) for both categories');
      assert.equal(asked[0]?.get('set'), 'cs');
      assert.equal(asked[0]?.get('from'), '2014-12-27', 'at most a week back');
      assert.equal(asked[0]?.get('until'), '2015-01-03');
      assert.deepEqual(report.problems, []);
      const harvested = await t.services.papers.get('1412.8544');
      assert.deepEqual(harvested.listings, [{ day: '2014-12-29', reason: 'harvested' }], 'listed on its first version day');
      assert.equal(await t.services.papers.find('hep-th/9504118'), null, 'a paper outside the followed categories is left out');

      asked.length = 0;
      await t.services.catchUp.run({ arxivMissed: true, now: new Date('2015-01-03T10:00:00Z') });
      assert.equal(asked.length, 0, 'the missed days are harvested once');
    } finally {
      await t.cleanup();
    }
  });
});
