// The worst read latency the query language can provoke, and /healthz beside it. A `serve` process runs on the
// database bench/import.ts built (N papers, default 300,000), with the rate limits and the page cache off: one client
// asks for everything, and nothing is answered from memory. Each hostile search is asked three times, alone, while
// /healthz is probed every 20 ms; then four 900-filter queries (the review's freeze) run side by side for half of
// BENCH_SECONDS, then the four costliest searches for BENCH_SECONDS (default 10), /healthz probed the same way.
// Prints each search's status and worst time, and /healthz's p50, p99 and max in each phase. Then the second hardening
// pass's parts (bench/hostile-upstream.ts): hostile LaTeX, a misbehaving GitHub, a herd on PostgreSQL.
// Usage: node --import tsx bench/hostile.ts [N]   (BENCH_PARTS=search,latex,github,postgres picks parts; default all)
import path from 'node:path';
import { corpusFile } from './corpus.ts';
import { importedDatabase, machineLine, percentile } from './env.ts';
import { startServerProcess } from '../test/helpers/server-process.ts';
import { githubPart, latexPart, postgresHerdPart } from './hostile-upstream.ts';

const n = Number(process.argv[2] ?? process.env.BENCH_N ?? 300_000);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const parts = new Set((process.env.BENCH_PARTS ?? 'search,latex,github,postgres').split(','));

const common = 'the of and a in to is we for that on with by this are as an be our which'.split(' ');
const prefixes = 'the con pre int dis exp sta mod par rep ana sim gen com res ref per pro tra inf cha eff obs met dat fun str sys net lea ima'.split(' ');
const filterFlood = Array.from({ length: 900 }, (_, i) => `cat:${i}`).join(' ').slice(0, 4990);
const abstract = 'We propose a new method for learning representations of graphs with neural networks and show that the results improve on the state of the art across many benchmarks in vision and language while using less data and compute than previous approaches';

const hostile: Array<[name: string, url: string]> = [
  ['900 cat: filters (refused)', `/api/search?mode=keyword&q=${encodeURIComponent(filterFlood)}`],
  ['100 exclusions (refused)', `/api/search?mode=keyword&q=${encodeURIComponent(`model ${Array.from({ length: 100 }, (_, i) => `-w${i}`).join(' ')}`)}`],
  ['cat:x alone', '/api/search?mode=keyword&q=cat%3Ax'],
  ['after:2099 alone', '/api/search?mode=keyword&q=after%3A2099'],
  ['cat:cs, the largest archive', '/api/search?mode=keyword&q=cat%3Acs'],
  ['10 cat: + a date range + a common word', `/api/search?mode=keyword&q=${encodeURIComponent('model cat:cs.LG cat:cs.CV cat:hep-th cat:math cat:astro-ph cat:quant-ph cat:stat cat:econ cat:q-bio cat:gr-qc after:1990-01-15 before:2026-11-14')}`],
  ['a rare category + common words + an old range', `/api/search?mode=keyword&q=${encodeURIComponent('data model results cat:econ.EM before:2009')}`],
  ['32 three-letter prefixes (refused)', `/api/search?mode=keyword&q=${encodeURIComponent(prefixes.map((p) => `${p}*`).join(' '))}`],
  ['4 prefixes + 28 common words', `/api/search?mode=keyword&q=${encodeURIComponent([...prefixes.slice(0, 4).map((p) => `${p}*`), ...common, 'model', 'data', 'method', 'results', 'show', 'approach', 'problem', 'system'].join(' '))}`],
  ['32 common words (AND, then OR)', `/api/search?mode=keyword&q=${encodeURIComponent([...common, 'model', 'data', 'method', 'results', 'show', 'approach', 'problem', 'system', 'learning', 'network', 'paper'].slice(0, 32).join(' '))}`],
  ['a common word minus 20 common words', `/api/search?mode=keyword&q=${encodeURIComponent(`model ${common.slice(0, 20).map((w) => `-${w}`).join(' ')}`)}`],
  ['12 phrases of common words', `/api/search?mode=keyword&q=${encodeURIComponent(Array.from({ length: 12 }, (_, i) => `"the ${['model', 'data', 'results', 'analysis', 'method', 'problem'][i % 6]}"`).join(' '))}`],
  ['4 phrases with prefixes', `/api/search?mode=keyword&q=${encodeURIComponent(prefixes.slice(0, 4).map((p) => `"the ${p}*"`).join(' '))}`],
  ['a long phrase of common words', `/api/search?mode=keyword&q=${encodeURIComponent(`"${abstract.split(' ').slice(0, 24).join(' ')}"`)}`],
  ['a pasted abstract (hybrid)', `/api/search?q=${encodeURIComponent(abstract)}`],
  ['page 50 of a common word', '/search?mode=keyword&q=model&p=50'],
  ['search feed of 4 prefixes + 28 words', `/feeds/search.atom?q=${encodeURIComponent([...prefixes.slice(0, 4).map((p) => `${p}*`), ...common, 'model', 'data', 'method', 'results', 'show', 'approach', 'problem', 'system'].join(' '))}`],
  ['suggestions for "con"', '/api/suggest?q=con'],
];

interface Probe {
  stop(): Promise<number[]>;
}

/** Asks /healthz every 20 ms until stopped; its latencies, in ms. */
function probeHealth(url: string): Probe {
  const latencies: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      await (await fetch(`${url}/healthz`)).text();
      latencies.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return latencies.sort((a, b) => a - b);
    },
  };
}

async function timedGet(url: string): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const response = await fetch(url);
  await response.arrayBuffer();
  return { status: response.status, ms: performance.now() - started };
}

const describe = (list: number[]) => `p50 ${percentile(list, 50).toFixed(1)} ms, p99 ${percentile(list, 99).toFixed(1)} ms, max ${(list.at(-1) ?? 0).toFixed(1)} ms (${list.length} probes)`;

console.log(machineLine());
if (parts.has('search')) await searchPart();
if (parts.has('latex')) await latexPart();
if (parts.has('github')) await githubPart();
if (parts.has('postgres')) await postgresHerdPart();

async function searchPart(): Promise<void> {
const dbFile = importedDatabase(path.join(path.dirname(corpusFile(n)), `bench-${n}.db`), n);
// The page cache off: every search is worked out, as a stream of distinct hostile queries would make it.
const server = await startServerProcess({ PAPERBOARD_DB: dbFile, RATE_LIMIT_READS: '0', RATE_LIMIT_SEARCHES: '0', PAGE_CACHE_SECONDS: '0', LOG_LEVEL: 'warn', ...(process.env.SEARCH_WORKERS ? { SEARCH_WORKERS: process.env.SEARCH_WORKERS } : {}) }, ['--no-jobs']);
try {
  console.log(`corpus: ${n.toLocaleString('en')} papers; server: paperboard serve (SEARCH_WORKERS=${process.env.SEARCH_WORKERS ?? 'its default, cores - 1'}), this client on the same cores`);
  for (const [, url] of hostile) await timedGet(server.url + url); // warm: workers, statistics, page cache

  console.log('\nalone (worst of 3), /healthz probed meanwhile:');
  const alone = probeHealth(server.url);
  const worst: Array<{ name: string; url: string; ms: number }> = [];
  for (const [name, url] of hostile) {
    const runs = [];
    for (let i = 0; i < 3; i += 1) runs.push(await timedGet(server.url + url));
    const ms = Math.max(...runs.map((r) => r.ms));
    worst.push({ name, url, ms });
    console.log(`  ${String(runs[0]?.status).padEnd(4)} ${ms.toFixed(1).padStart(8)} ms  ${name}`);
  }
  console.log(`  /healthz: ${describe(await alone.stop())}`);

  /** Runs `urls` side by side, each again and again, for `span` seconds, with /healthz probed meanwhile. */
  async function sideBySide(urls: string[], span: number): Promise<void> {
    const probe = probeHealth(server.url);
    const until = Date.now() + span * 1000;
    const answered: number[] = [];
    const statuses = new Map<number, number>();
    await Promise.all(urls.map(async (url) => {
      while (Date.now() < until) {
        const { status, ms } = await timedGet(server.url + url);
        answered.push(ms);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    }));
    answered.sort((a, b) => a - b);
    console.log(`  searches: ${answered.length} answered (${[...statuses].map(([s, c]) => `${c}× ${s}`).join(', ')}), ${describe(answered).replace(/ \(\d+ probes\)/, '')}`);
    console.log(`  /healthz: ${describe(await probe.stop())}`);
  }

  console.log(`\nfour 900-filter queries side by side for ${Math.ceil(seconds / 2)} s:`);
  await sideBySide(Array.from({ length: 4 }, () => hostile[0]?.[1] as string), Math.ceil(seconds / 2));

  const costliest = worst.filter((w) => !w.name.includes('refused')).sort((a, b) => b.ms - a.ms).slice(0, 4);
  console.log(`\nthe four costliest side by side for ${seconds} s: ${costliest.map((c) => c.name).join('; ')}`);
  await sideBySide(costliest.map((c) => c.url), seconds);
} finally {
  await server.stop();
}
}
