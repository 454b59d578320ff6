// The search page against the API it is built on: the same 100 keyword queries asked of `/search?mode=keyword` and of
// `/api/search?mode=keyword` on a `paperboard serve` over N papers (default 300,000), each on a fresh server (a cold
// first pass, then a warm second), page cache off, one request at a time. What the page adds is rendering the cards.
// Usage: node --import tsx bench/search-page.ts [N]   (needs bench/out/bench-N.db from bench/import.ts)
import path from 'node:path';
import { corpusFile } from './corpus.ts';
import { importedDatabase, machineLine, percentile } from './env.ts';
import { benchQueries } from './queries.ts';
import { startServerProcess } from '../test/helpers/server-process.ts';

const n = Number(process.argv[2] ?? process.env.BENCH_N ?? 300_000);
const file = importedDatabase(path.join(path.dirname(corpusFile(n)), `bench-${n}.db`), n);
const queries = benchQueries(100);

async function pass(url: string, address: (q: string) => string): Promise<{ p50: number; p99: number; bytes: number }> {
  const times: number[] = [];
  let bytes = 0;
  for (const { q } of queries) {
    const started = performance.now();
    const response = await fetch(url + address(q));
    bytes += (await response.arrayBuffer()).byteLength;
    if (!response.ok) throw new Error(`${address(q)}: ${response.status}`);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99), bytes: bytes / queries.length };
}

console.log(machineLine());
console.log(`corpus: ${n.toLocaleString('en')} papers; 100 keyword queries, top 20, one at a time, page cache off`);
for (const [name, address] of [
  ['/api/search', (q: string) => `/api/search?mode=keyword&q=${encodeURIComponent(q)}`],
  ['/search (page)', (q: string) => `/search?mode=keyword&q=${encodeURIComponent(q)}`],
] as const) {
  const server = await startServerProcess({ PAPERBOARD_DB: file, PAGE_CACHE_SECONDS: '0', RATE_LIMIT_READS: '0', RATE_LIMIT_SEARCHES: '0' }, ['--no-jobs']);
  try {
    const cold = await pass(server.url, address);
    const warm = await pass(server.url, address);
    const f = (x: number) => x.toFixed(1);
    console.log(`${name.padEnd(15)} first pass p50 ${f(cold.p50)} ms, p99 ${f(cold.p99)} ms · second pass p50 ${f(warm.p50)} ms, p99 ${f(warm.p99)} ms · ${(warm.bytes / 1024).toFixed(0)} KB an answer`);
  } finally {
    await server.stop();
  }
}
