// The measurement behind the choice of vector index (docs/search.md): usearch (a dependency) against hnswlib-node and
// sqlite-vec (not dependencies: install them in a scratch folder and name its node_modules in BENCH_EXTRA_MODULES).
// Vectors: the LSA vectors bench/semantic.ts stored for N papers; queries: 200 of them.
// Usage: BENCH_EXTRA_MODULES=/tmp/vecbench/node_modules node --import tsx bench/vector-index-choice.ts [N] [VECTORS]
import { createRequire } from 'node:module';
import path from 'node:path';
import { createVectorIndex, exactNeighbours } from '../src/search/vector-index.store.ts';
import { corpusFile } from './corpus.ts';
import { importedDatabase, machineLine, mib, openBenchDatabase, percentile } from './env.ts';

const n = Number(process.argv[2] ?? 300_000);
const count = Number(process.argv[3] ?? 100_000);
const { db } = await openBenchDatabase(importedDatabase(path.join(path.dirname(corpusFile(n)), `bench-${n}.db`), n), { fresh: false });
const rows = db.sqlite.prepare('SELECT paper_pk, vector FROM paper_vectors ORDER BY paper_pk LIMIT ?').all(count) as Array<{ paper_pk: number; vector: Buffer }>;
if (rows.length === 0) throw new Error('no vectors: run bench/semantic.ts first');
const vectors = rows.map((r) => new Float32Array(r.vector.buffer.slice(r.vector.byteOffset, r.vector.byteOffset + r.vector.byteLength)));
const pks = rows.map((r) => r.paper_pk);
const dimensions = vectors[0]!.length;
const matrix = new Float32Array(vectors.length * dimensions);
vectors.forEach((v, i) => matrix.set(v, i * dimensions));
const queries = Array.from({ length: 200 }, (_, i) => vectors[(i * 7919) % vectors.length] as Float32Array);
const truth = queries.map((q) => new Set(exactNeighbours({ pks, matrix, dimensions }, q, 10).map((x) => x.pk)));

function report(name: string, buildSeconds: number, search: (q: Float32Array) => number[], memory: number) {
  const times: number[] = [];
  let found = 0;
  queries.forEach((q, i) => {
    const started = performance.now();
    const keys = search(q);
    times.push(performance.now() - started);
    found += keys.filter((k) => truth[i]!.has(k)).length;
  });
  times.sort((a, b) => a - b);
  console.log(`${name.padEnd(14)} build ${buildSeconds.toFixed(1).padStart(6)} s · query p50 ${percentile(times, 50).toFixed(3)} ms, p99 ${percentile(times, 99).toFixed(3)} ms · recall@10 ${(found / (queries.length * 10)).toFixed(3)} · +${mib(memory)} RSS`);
}

console.log(machineLine());
console.log(`${vectors.length.toLocaleString('en')} LSA vectors × ${dimensions} dimensions, 200 queries, recall against exact search`);

let rss = process.memoryUsage().rss;
let started = performance.now();
const usearch = createVectorIndex(dimensions);
usearch.add(pks.map((pk, i) => ({ pk, vector: vectors[i] as Float32Array })));
report('usearch', (performance.now() - started) / 1000, (q) => usearch.search(q, 10).map((x) => x.pk), process.memoryUsage().rss - rss);

const extra = process.env.BENCH_EXTRA_MODULES;
if (extra) {
  const require = createRequire(path.join(path.resolve(extra), 'x.js'));
  const { HierarchicalNSW } = require('hnswlib-node') as { HierarchicalNSW: new (space: string, dim: number) => { initIndex(max: number, m: number, ef: number, seed: number): void; addPoint(v: number[] | Float32Array, label: number): void; setEf(ef: number): void; searchKnn(v: number[] | Float32Array, k: number): { neighbors: number[] } } };
  rss = process.memoryUsage().rss;
  started = performance.now();
  const hnsw = new HierarchicalNSW('cosine', dimensions);
  hnsw.initIndex(vectors.length, 16, 128, 100);
  vectors.forEach((v, i) => hnsw.addPoint(Array.from(v), pks[i] as number));
  hnsw.setEf(256);
  report('hnswlib-node', (performance.now() - started) / 1000, (q) => hnsw.searchKnn(Array.from(q), 10).neighbors, process.memoryUsage().rss - rss);

  const Database = require('better-sqlite3') as new (file: string) => { prepare(sql: string): { run(...a: unknown[]): unknown; all(...a: unknown[]): Array<{ rowid: number }> }; exec(sql: string): void; transaction(f: () => void): () => void };
  const sqliteVec = require('sqlite-vec') as { load(db: unknown): void };
  const vecDb = new Database(':memory:');
  sqliteVec.load(vecDb);
  rss = process.memoryUsage().rss;
  started = performance.now();
  vecDb.exec(`CREATE VIRTUAL TABLE v USING vec0(embedding float[${dimensions}] distance_metric=cosine)`);
  const insert = vecDb.prepare('INSERT INTO v (rowid, embedding) VALUES (?, ?)');
  vecDb.transaction(() => vectors.forEach((v, i) => insert.run(BigInt(pks[i] as number), Buffer.from(v.buffer))))();
  const knn = vecDb.prepare('SELECT rowid FROM v WHERE embedding MATCH ? AND k = 10');
  report('sqlite-vec', (performance.now() - started) / 1000, (q) => knn.all(Buffer.from(q.buffer.slice(0))).map((r) => Number(r.rowid)), process.memoryUsage().rss - rss);
}
await db.close();
