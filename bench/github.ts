// Papers with code at scale, two figures:
// 1. Refreshing R repositories (default 10,000) against a local GitHub (this file's server: GitHub's documented
//    shapes, ETags, rate-limit headers, a `Date` header per answer), through the real service and polite client with
//    the per-host interval time-scaled: the requests per repository on a first run (facts + star history), a second
//    run the same day (conditional: all 304), and a run a week later (new counts), the smallest gap between two
//    requests as the server saw it, and what the run takes at the real interval.
// 2. `/trending?by=stars` beside `/trending` at N papers (default 300,000) with 100,000 repositories linked, each
//    with two counts a week apart, served by `paperboard serve` (page cache off, so every request renders).
// Usage: node --import tsx bench/github.ts [N] [R]   (part 2 needs bench/out/bench-N.db from bench/import.ts)
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { corpusFile, random } from './corpus.ts';
import { importedDatabase, machineLine, openBenchDatabase, percentile } from './env.ts';
import { measure } from './load.ts';
import { startServerProcess } from '../test/helpers/server-process.ts';

const n = Number(process.argv[2] ?? process.env.BENCH_N ?? 300_000);
const repositoryCount = Number(process.argv[3] ?? 10_000);
const LINKED = 100_000;
const TIME_SCALE = Number(process.env.BENCH_TIME_SCALE ?? 0.002);
const INTERVAL_MS = 750; // src/app/services.ts GITHUB_INTERVAL_MS
const out = path.dirname(corpusFile(n));

/** A GitHub that answers any repository: stars grow with the day it is asked on; ETags as GitHub's, weak. */
function startLocalGithub() {
  const arrivals: number[] = [];
  let conditional = 0;
  let day = '2026-11-20';
  let remaining = 1_000_000;
  const server = http.createServer((req, res) => {
    arrivals.push(performance.now());
    if (req.headers['if-none-match']) conditional += 1;
    const url = new URL(req.url ?? '/', 'http://github.local');
    const match = /^\/repos\/([^/]+)\/([^/]+)(\/stargazers\/history)?$/.exec(url.pathname);
    const headers = {
      'content-type': 'application/json; charset=utf-8',
      date: new Date(`${day}T12:00:00Z`).toUTCString(),
      'x-ratelimit-limit': '1000000',
      'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 3600),
    };
    if (!match) return res.writeHead(404, headers).end('{"message":"Not Found"}');
    const [, owner = '', name = ''] = match;
    const number = Number(/(\d+)$/.exec(name)?.[1] ?? 0);
    const weeks = (Date.parse(day) - Date.parse('2026-11-20')) / (7 * 86_400_000);
    const stars = (number % 997) * 3 + Math.round(weeks * (number % 50) * 7);
    if (match[3]) {
      remaining -= 1;
      const week = Math.floor(Date.parse(`${day}T00:00:00Z`) / 1000 / 604_800) * 604_800;
      const rows = [0, 1, 2, 3].map((i) => ({ week: week - i * 604_800, total: 7, days: [1, 1, 1, 1, 1, 1, 1] }));
      return res.writeHead(200, { ...headers, 'x-ratelimit-remaining': String(remaining) }).end(JSON.stringify(rows));
    }
    const etag = `W/"${owner}-${name}-${stars}"`;
    if (req.headers['if-none-match'] === etag) return res.writeHead(304, { ...headers, etag, 'x-ratelimit-remaining': String(remaining) }).end();
    remaining -= 1;
    const body = {
      id: 100_000 + number, full_name: `${owner}/${name}`, stargazers_count: stars, forks_count: number % 40, language: 'Python',
      license: { spdx_id: 'MIT', name: 'MIT License' }, topics: ['deep-learning'], description: `Code for paper ${number}`,
      archived: false, pushed_at: '2026-10-01T00:00:00Z',
    };
    res.writeHead(200, { ...headers, etag, 'x-ratelimit-remaining': String(remaining) }).end(JSON.stringify(body));
  });
  return new Promise<{ url: string; arrivals: number[]; conditional: () => number; setDay: (d: string) => void; close: () => Promise<void> }>((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({
        url: `http://127.0.0.1:${port}`, arrivals, conditional: () => conditional, setDay: (d) => (day = d),
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

async function refreshRun(): Promise<void> {
  const github = await startLocalGithub();
  const file = path.join(out, `github-refresh-${repositoryCount}.db`);
  const { db, services } = await openBenchDatabase(file, { fresh: true, env: { GITHUB_API_URL: github.url, INGEST_TIME_SCALE: String(TIME_SCALE) } });
  try {
    // R papers, each naming its repository in its abstract: the links are found at import, as for any paper.
    const papersFile = path.join(out, `github-papers-${repositoryCount}.jsonl`);
    fs.writeFileSync(papersFile, Array.from({ length: repositoryCount }, (_, i) => JSON.stringify({
      id: `2611.${String(i).padStart(5, '0')}`, title: `Paper ${i}`, abstract: `We release code at https://github.com/lab-${i % 500}/method-${i}.`,
      categories: ['cs.LG'], publishedAt: '2026-11-19T00:00:00Z',
    })).join('\n'));
    await services.importer.importFile(papersFile);
    console.log(`-- refreshing ${(await services.code.counts()).repositories.toLocaleString('en')} repositories; per-host interval ${INTERVAL_MS} ms × time scale ${TIME_SCALE} = ${(INTERVAL_MS * TIME_SCALE).toFixed(2)} ms`);
    for (const [label, day, all] of [['first run', '2026-11-20', false], ['same day again', '2026-11-20', true], ['a week later', '2026-11-27', true]] as const) {
      github.setDay(day);
      const before = { arrivals: github.arrivals.length, conditional: github.conditional() };
      const started = performance.now();
      const report = await services.code.refreshGithub({ all, now: new Date(`${day}T13:00:00Z`) });
      const seconds = (performance.now() - started) / 1000;
      const times = github.arrivals.slice(before.arrivals);
      const gaps = times.slice(1).map((t, i) => t - (times[i] as number)).sort((a, b) => a - b);
      const requests = times.length;
      const handled = report.refreshed + report.unchanged + report.gone;
      console.log(
        `${label.padEnd(15)} ${requests.toLocaleString('en')} requests for ${handled.toLocaleString('en')} repositories = ${(requests / Math.max(1, handled)).toFixed(2)} a repository` +
          ` · conditional ${(((github.conditional() - before.conditional) / Math.max(1, requests)) * 100).toFixed(0)}% · fetched ${report.refreshed}, 304 ${report.unchanged}, failed ${report.failed}` +
          ` · ${seconds.toFixed(1)} s · gap between requests min ${(gaps[0] ?? 0).toFixed(2)} ms, p1 ${percentile(gaps, 1).toFixed(2)} ms` +
          ` · at the real interval: ${((requests * INTERVAL_MS) / 3_600_000).toFixed(1)} h`,
      );
    }
    const top = await services.feed.trending({ limit: 1, by: 'stars' });
    console.log(`top paper by stars a day: ${top.items[0]?.paper.id} at ${top.items[0]?.paper.codeStarsPerDay.toFixed(1)} stars a day`);
  } finally {
    await db.close();
    await github.close();
  }
}

/** A copy of the imported corpus with LINKED repositories, two Hugging Face counts a week apart each. */
async function trendingDatabase(): Promise<string> {
  const baseFile = importedDatabase(path.join(out, `bench-${n}.db`), n);
  const file = path.join(out, `github-${n}.db`);
  if (fs.existsSync(file)) return file;
  fs.copyFileSync(baseFile, `${file}.tmp`);
  const { db, services } = await openBenchDatabase(`${file}.tmp`, { fresh: false });
  const started = performance.now();
  // Bench-only read of every id: the service API has no "all papers" call, nor should it.
  const ids = db.sqlite.prepare('SELECT id FROM papers ORDER BY published_at DESC').pluck().all() as string[];
  const rand = random(12);
  const chosen = new Set<string>();
  // Code is commoner among recent papers, as on arXiv: half from the newest tenth, half from anywhere.
  while (chosen.size < Math.min(LINKED, ids.length)) {
    const pool = rand() < 0.5 ? ids.slice(0, Math.ceil(ids.length / 10)) : ids;
    chosen.add(pool[Math.floor(rand() * pool.length)] as string);
  }
  const items = [...chosen].map((id, i) => ({ id, githubRepo: `https://github.com/owner-${i % 5000}/repo-${i}`, projectPage: null, stars: Math.floor(rand() * 5000) }));
  for (let from = 0; from < items.length; from += 5000) {
    const batch = items.slice(from, from + 5000);
    services.code.linkFromHuggingFace(batch.map((b) => ({ ...b, githubStars: b.stars })), new Date('2026-11-20T12:00:00Z'));
    services.code.linkFromHuggingFace(batch.map((b) => ({ ...b, githubStars: b.stars + Math.floor(rand() * rand() * 700) })), new Date('2026-11-27T12:00:00Z'));
  }
  console.log(`linked ${(await services.code.counts()).repositories.toLocaleString('en')} repositories with two counts each in ${((performance.now() - started) / 1000).toFixed(0)} s (through the code service)`);
  db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  await db.close();
  fs.renameSync(`${file}.tmp`, file);
  return file;
}

async function trendingRun(): Promise<void> {
  const file = await trendingDatabase();
  // As served (visitors' pages micro-cached while nothing changes), then with every request rendering: the cost of a
  // page after each vote or star count.
  for (const cacheSeconds of ['10', '0']) {
    console.log(`-- trending at ${n.toLocaleString('en')} papers and ${LINKED.toLocaleString('en')} repositories; 100 connections; ` +
      (cacheSeconds === '0' ? 'page cache off: every request renders' : 'as served: the page cache on'));
    const server = await startServerProcess({ PAPERBOARD_DB: file, PAGE_CACHE_SECONDS: cacheSeconds, RATE_LIMIT_READS: '0', RATE_LIMIT_SEARCHES: '0' }, ['--no-jobs']);
    try {
      await measure(server.url, '/trending', ['/trending']);
      await measure(server.url, '/trending?by=stars', ['/trending?by=stars']);
      await measure(server.url, '/api/trending', ['/api/trending']);
      await measure(server.url, '/api/…?by=stars', ['/api/trending?by=stars']);
      await measure(server.url, 'by=stars, page 50', ['/trending?by=stars&p=50']);
    } finally {
      await server.stop();
    }
  }
}

console.log(machineLine());
if (process.env.BENCH_PART !== 'trending') await refreshRun();
if (process.env.BENCH_PART !== 'refresh') await trendingRun();
