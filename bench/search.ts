// Keyword search latency: 200 mixed queries (1–4 words, phrases, prefixes), top 20 with highlights and snippets,
// against the database bench/import.ts built. Usage: node --import tsx bench/search.ts [N]
import path from 'node:path';
import { corpusFile } from './corpus.ts';
import { benchQueries, type QueryKind } from './queries.ts';
import { importedDatabase, machineLine, openBenchDatabase, percentile } from './env.ts';

const n = Number(process.argv[2] ?? process.env.BENCH_N ?? 300_000);
const dbFile = path.join(path.dirname(corpusFile(n)), `bench-${n}.db`);
importedDatabase(dbFile, n);

const queries = benchQueries();

const { db, services } = await openBenchDatabase(dbFile, { fresh: false });
const WARM = Number(process.env.BENCH_WARM ?? 20);
for (const { q } of queries.slice(0, WARM)) await services.search.keyword(q, { limit: 20 }); // warm the page cache (and the search worker)

const timings: Record<QueryKind | 'all', number[]> = { words: [], phrase: [], prefix: [], all: [] };
const slowest: Array<{ q: string; ms: number }> = [];
let emptyResults = 0;
for (const { kind, q } of queries) {
  const started = performance.now();
  const result = await services.search.keyword(q, { limit: 20 });
  const ms = performance.now() - started;
  if (result.items.length === 0) emptyResults += 1;
  timings[kind].push(ms);
  timings.all.push(ms);
  slowest.push({ q, ms });
}
await db.close();

console.log(machineLine());
console.log(`corpus: ${n.toLocaleString('en')} papers; 200 queries, top 20 with highlighted title and snippet`);
for (const [kind, list] of Object.entries(timings)) {
  const sorted = [...list].sort((a, b) => a - b);
  console.log(`${kind.padEnd(7)} n=${String(sorted.length).padStart(3)}  p50 ${percentile(sorted, 50).toFixed(1)} ms  p99 ${percentile(sorted, 99).toFixed(1)} ms  max ${(sorted.at(-1) ?? 0).toFixed(1)} ms`);
}
console.log(`queries with no result: ${emptyResults}`);
slowest.sort((a, b) => b.ms - a.ms);
console.log(`slowest: ${slowest.slice(0, 5).map((s) => `${s.q} (${s.ms.toFixed(0)} ms)`).join(' · ')}`);
