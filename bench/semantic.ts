// Search by meaning at scale: fits the corpus model, embeds every paper, builds the HNSW index (time and memory),
// then measures 200 queries: latency of a semantic search (embedding + index + papers), and recall@10 of the
// approximate index against exact search over every vector.
// Usage: node --import tsx bench/semantic.ts [N]   (needs bench/out/bench-N.db from bench/import.ts)
import fs from 'node:fs';
import path from 'node:path';
import { exactNeighbours, type Neighbour } from '../src/search/vector-index.store.ts';
import { corpusFile, random, realText } from './corpus.ts';
import { importedDatabase, machineLine, mib, openBenchDatabase, percentile } from './env.ts';

const n = Number(process.argv[2] ?? process.env.BENCH_N ?? 300_000);
const dbFile = path.join(path.dirname(corpusFile(n)), `bench-${n}.db`);
importedDatabase(dbFile, n);
const { db, services } = await openBenchDatabase(dbFile, { fresh: false });
const rssBefore = process.memoryUsage().rss;
// BENCH_REUSE=1 measures queries against the model and index a previous run built.
const reuse = process.env.BENCH_REUSE === '1' && (await services.search.semanticStatus()).vectors > 0;
const fit = reuse
  ? { documents: 0, vocabulary: 0, vectors: (await services.search.semanticStatus()).vectors, fitSeconds: 0, embedSeconds: 0, indexSeconds: 0 }
  : await services.search.refitSemantic((message) => console.log(`  ${message}`));
const rssAfter = process.memoryUsage().rss;
const indexFile = path.join(path.dirname(dbFile), 'vectors-lsa.usearch');

// Queries: sentences of real abstracts, as a reader would describe a topic.
const rand = random(17);
const sentences = realText().sentences;
const queries = Array.from({ length: 200 }, () => sentences[Math.floor(rand() * sentences.length)] as string);
for (const q of queries.slice(0, 20)) await services.search.search(q, { mode: 'semantic', limit: 10 }); // warm up

const timings: number[] = [];
for (const q of queries) {
  const started = performance.now();
  await services.search.search(q, { mode: 'semantic', limit: 10 });
  timings.push(performance.now() - started);
}
timings.sort((a, b) => a - b);

// Recall: every stored vector in one matrix, exact cosine top 10 against the index's top 10.
const pks: number[] = [];
const dimensions = (await services.search.semanticStatus()).dimensions;
const matrix = new Float32Array(fit.vectors * dimensions);
const rows = db.sqlite.prepare('SELECT paper_pk, vector FROM paper_vectors ORDER BY paper_pk').all() as Array<{ paper_pk: number; vector: Buffer }>;
rows.forEach((r, i) => {
  pks.push(r.paper_pk);
  matrix.set(new Float32Array(r.vector.buffer.slice(r.vector.byteOffset, r.vector.byteOffset + r.vector.byteLength)), i * dimensions);
});
let found = 0;
let exactMs = 0;
const { lsaEmbedder } = await import('../src/search/embedder.ts');
const model = await (await import('../src/search/vectors.repository.ts')).loadModel(db, 'lsa');
const embedder = lsaEmbedder(model!);
const vectors = await embedder.embed(queries);
for (let i = 0; i < queries.length; i += 1) {
  const started = performance.now();
  const truth = new Set(exactNeighbours({ pks, matrix, dimensions }, vectors[i] as Float32Array, 10).map((x: Neighbour) => x.pk));
  exactMs += performance.now() - started;
  const approximate = await services.search.search(queries[i] as string, { mode: 'semantic', limit: 10 });
  const keys = new Set((await services.papers.keysOf(approximate.items.map((item) => item.paper.id))).values());
  found += [...truth].filter((pk) => keys.has(pk)).length;
}

console.log(machineLine());
console.log(`corpus: ${n.toLocaleString('en')} papers; model fitted on ${fit.documents.toLocaleString('en')} (${fit.vocabulary.toLocaleString('en')} terms, ${dimensions} dimensions)`);
console.log(`fit ${fit.fitSeconds.toFixed(1)} s · embed ${fit.vectors.toLocaleString('en')} papers ${fit.embedSeconds.toFixed(1)} s · HNSW build ${fit.indexSeconds.toFixed(1)} s`);
console.log(`memory: process RSS +${mib(rssAfter - rssBefore)} during the rebuild; index file ${mib(fs.statSync(indexFile).size)}`);
console.log(`semantic search (embed + HNSW + papers), 200 queries: p50 ${percentile(timings, 50).toFixed(2)} ms, p99 ${percentile(timings, 99).toFixed(2)} ms`);
console.log(`recall@10 against exact search: ${(found / (queries.length * 10)).toFixed(3)} (exact search: ${(exactMs / queries.length).toFixed(1)} ms a query)`);
await db.close();
