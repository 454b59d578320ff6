// Import throughput: a synthetic snapshot of N records through `paperboard import`'s code path, FTS index included.
// Usage: node --import tsx bench/import.ts [N]   (writes bench/out/corpus-N.jsonl and bench/out/bench-N.db)
import fs from 'node:fs';
import path from 'node:path';
import { corpusFile, writeCorpus } from './corpus.ts';
import { machineLine, mib, openBenchDatabase } from './env.ts';

const n = Number(process.argv[2] ?? process.env.BENCH_N ?? 300_000);
const corpus = corpusFile(n);
const dbFile = path.join(path.dirname(corpus), `bench-${n}.db`);

if (!fs.existsSync(corpus)) {
  console.log(`writing the corpus (${n.toLocaleString('en')} records)…`);
  await writeCorpus(n, corpus);
}
const { db, services } = await openBenchDatabase(dbFile, { fresh: true });

const started = performance.now();
const counts = await services.importer.importFile(corpus);
const seconds = (performance.now() - started) / 1000;

const optimizeStarted = performance.now();
await services.search.reindex();
const reindexSeconds = (performance.now() - optimizeStarted) / 1000;
await db.close();

console.log(machineLine());
console.log(`corpus: ${n.toLocaleString('en')} records, ${mib(fs.statSync(corpus).size)}`);
console.log(`imported ${counts.imported}, updated ${counts.updated}, rejected ${counts.rejected}`);
console.log(`import: ${seconds.toFixed(1)} s, ${Math.round(n / seconds).toLocaleString('en')} papers/s (papers, versions, listings and FTS5 index)`);
console.log(`reindex (FTS rebuild + optimize): ${reindexSeconds.toFixed(1)} s`);
console.log(`database: ${mib(fs.statSync(dbFile).size)}`);
