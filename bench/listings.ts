// The listing queries behind `/`, the day, week and month pages, category pages, `/trending` and trending by stars,
// uncached: what the page caches hide and what a change to the listings' SQL (hidden papers, issue 21) costs. Each is
// asked ROUNDS times through the papers service (its own cache does not hold listings); median and p99 in ms.
// Usage: node --import tsx bench/listings.ts [N] [DB]   (DB: a copy of bench/out/bench-N.db from bench/import.ts;
// this script can be copied into an older checkout and pointed at its own copy, to compare releases in one run)
import fs from 'node:fs';
import path from 'node:path';
import { corpusFile } from './corpus.ts';
import { importedDatabase, machineLine, openBenchDatabase, percentile } from './env.ts';

const n = Number(process.argv[2] ?? process.env.BENCH_N ?? 300_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);
const baseFile = path.join(path.dirname(corpusFile(n)), `bench-${n}.db`);
const file = process.argv[3] ?? path.join(path.dirname(baseFile), `listings-${n}.db`);
if (!process.argv[3]) {
  importedDatabase(baseFile, n);
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  fs.copyFileSync(baseFile, file);
}

const { db, services } = await openBenchDatabase(file, { fresh: false });
const papers = services.papers;
const latest = (await papers.latestDay()) as string;
const weekFrom = new Date(Date.parse(`${latest}T00:00:00Z`) - 6 * 86_400_000).toISOString().slice(0, 10);
const monthFrom = `${latest.slice(0, 7)}-01`;
const page = { limit: 30, offset: 0 };

const cases: Array<[string, () => Promise<unknown>]> = [
  ['day (trending, with count)', () => papers.list({ from: latest, to: latest }, { ...page, order: 'trending' })],
  ['week (trending, with count)', () => papers.list({ from: weekFrom, to: latest }, { ...page, order: 'trending' })],
  ['month (trending, with count)', () => papers.list({ from: monthFrom, to: latest }, { ...page, order: 'trending' })],
  ['week in cs.LG (with count)', () => papers.list({ from: weekFrom, to: latest }, { ...page, order: 'trending', category: 'cs.LG' })],
  ['/trending', () => papers.trending({ ...page })],
  ['/trending?by=stars', () => papers.trending({ ...page, by: 'stars' })],
];

console.log(machineLine());
console.log(`${n.toLocaleString('en')} papers (${(await papers.count()).toLocaleString('en')} stored), latest day ${latest}, ${ROUNDS} rounds each`);
for (const [name, run] of cases) {
  await run(); // warm the page cache of SQLite
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i += 1) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  console.log(`${name.padEnd(30)} median ${percentile(times, 50).toFixed(2)} ms   p99 ${percentile(times, 99).toFixed(2)} ms`);
}
await db.close();
