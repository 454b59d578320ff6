// Latent semantic analysis, fitted on the corpus itself: TF-IDF vectors reduced to `dimensions` by a randomized
// truncated SVD (Halko, Martinsson & Tropp 2011, with two power iterations). Papers that use related words land
// near each other even when they share few words. Pure arithmetic: no I/O, deterministic for a seed.
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';

export interface LsaModel {
  dimensions: number;
  /** Stems, in the order of the projection's rows. */
  vocabulary: string[];
  idf: Float32Array;
  /** vocabulary.length × dimensions, row-major: each term's coordinates. */
  projection: Float32Array;
  /** How many documents it was fitted on. */
  documents: number;
}

export interface LsaOptions {
  dimensions: number;
  maxVocabulary: number;
  /** Terms in fewer documents than this are noise for a model of the corpus. */
  minDocumentFrequency: number;
  seed: number;
}

export interface SparseRows {
  offsets: Uint32Array;
  columns: Uint32Array;
  values: Float32Array;
}

/** A small seeded generator (mulberry32) and Gaussian draws (Box–Muller): fits are reproducible. */
function gaussian(seed: number): () => number {
  let a = seed >>> 0;
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(uniform() || 1e-12)) * Math.cos(2 * Math.PI * uniform());
}

/** TF-IDF weights of one document's tokens over a vocabulary, L2-normalised: sublinear term frequency. */
export function weigh(tokens: readonly string[], index: ReadonlyMap<string, number>, idf: Float32Array): Map<number, number> {
  const counts = new Map<number, number>();
  for (const token of tokens) {
    const j = index.get(token);
    if (j !== undefined) counts.set(j, (counts.get(j) ?? 0) + 1);
  }
  let norm = 0;
  for (const [j, tf] of counts) {
    const w = (1 + Math.log(tf)) * (idf[j] as number);
    counts.set(j, w);
    norm += w * w;
  }
  norm = Math.sqrt(norm) || 1;
  for (const [j, w] of counts) counts.set(j, w / norm);
  return counts;
}

/** Orthonormalises the columns of a row-major rows × cols matrix in place (modified Gram–Schmidt). */
function orthonormalize(m: Float64Array, rows: number, cols: number): void {
  for (let j = 0; j < cols; j += 1) {
    for (let i = 0; i < j; i += 1) {
      let dot = 0;
      for (let r = 0; r < rows; r += 1) dot += m[r * cols + i]! * m[r * cols + j]!;
      for (let r = 0; r < rows; r += 1) m[r * cols + j]! -= dot * m[r * cols + i]!;
    }
    let norm = 0;
    for (let r = 0; r < rows; r += 1) norm += m[r * cols + j]! ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let r = 0; r < rows; r += 1) m[r * cols + j]! /= norm;
  }
}

/** A · X: (docs × terms, sparse) times (terms × k) → docs × k. */
function times(a: SparseRows, docs: number, x: Float64Array, k: number): Float64Array {
  const out = new Float64Array(docs * k);
  for (let r = 0; r < docs; r += 1) {
    for (let p = a.offsets[r]!; p < a.offsets[r + 1]!; p += 1) {
      const j = a.columns[p]!;
      const w = a.values[p]!;
      for (let c = 0; c < k; c += 1) out[r * k + c]! += w * x[j * k + c]!;
    }
  }
  return out;
}

/** Aᵀ · Y: (terms × docs) times (docs × k) → terms × k. */
function timesTransposed(a: SparseRows, docs: number, terms: number, y: Float64Array, k: number): Float64Array {
  const out = new Float64Array(terms * k);
  for (let r = 0; r < docs; r += 1) {
    for (let p = a.offsets[r]!; p < a.offsets[r + 1]!; p += 1) {
      const j = a.columns[p]!;
      const w = a.values[p]!;
      for (let c = 0; c < k; c += 1) out[j * k + c]! += w * y[r * k + c]!;
    }
  }
  return out;
}

export function fitLsa(documents: ReadonlyArray<readonly string[]>, options: LsaOptions): LsaModel {
  const n = documents.length;
  const df = new Map<string, number>();
  for (const tokens of documents) for (const t of new Set(tokens)) df.set(t, (df.get(t) ?? 0) + 1);
  // Terms in more than half the documents say nothing about any one of them.
  const vocabulary = [...df]
    .filter(([, f]) => f >= options.minDocumentFrequency && f <= n * 0.5)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, options.maxVocabulary)
    .map(([t]) => t);
  const terms = vocabulary.length;
  const index = new Map(vocabulary.map((t, j) => [t, j]));
  const idf = new Float32Array(terms);
  vocabulary.forEach((t, j) => (idf[j] = Math.log((n + 1) / ((df.get(t) ?? 0) + 1)) + 1));

  const offsets = new Uint32Array(n + 1);
  const columns: number[] = [];
  const values: number[] = [];
  documents.forEach((tokens, r) => {
    for (const [j, w] of weigh(tokens, index, idf)) {
      columns.push(j);
      values.push(w);
    }
    offsets[r + 1] = columns.length;
  });
  const a: SparseRows = { offsets, columns: Uint32Array.from(columns), values: Float32Array.from(values) };
  const { projection, dimensions } = rightSingularVectors(a, n, terms, options.dimensions, options.seed);
  return { dimensions, vocabulary, idf, projection, documents: n };
}

/**
 * The top right singular vectors of a sparse rows × cols matrix (cols × k, row-major), by randomized SVD: a Gaussian
 * sketch, two power iterations, then the eigen-decomposition of the small Gram matrix of B = Qᵀ A.
 */
export function rightSingularVectors(a: SparseRows, n: number, terms: number, wanted: number, seed: number): { projection: Float32Array; dimensions: number } {
  const k = Math.min(wanted, terms, n);
  const wide = Math.min(k + 10, terms, n); // oversampling
  const draw = gaussian(seed);
  const omega = new Float64Array(terms * wide).map(() => draw());
  let q = times(a, n, omega, wide);
  orthonormalize(q, n, wide);
  for (let iteration = 0; iteration < 2; iteration += 1) {
    const z = timesTransposed(a, n, terms, q, wide);
    orthonormalize(z, terms, wide);
    q = times(a, n, z, wide);
    orthonormalize(q, n, wide);
  }
  // B = Qᵀ A (wide × terms); its right singular vectors are the term space's principal directions.
  const bt = timesTransposed(a, n, terms, q, wide); // Bᵀ, terms × wide
  const gram = new Matrix(wide, wide);
  for (let i = 0; i < wide; i += 1) {
    for (let j = i; j < wide; j += 1) {
      let dot = 0;
      for (let t = 0; t < terms; t += 1) dot += bt[t * wide + i]! * bt[t * wide + j]!;
      gram.set(i, j, dot);
      gram.set(j, i, dot);
    }
  }
  const evd = new EigenvalueDecomposition(gram, { assumeSymmetric: true });
  const order = evd.realEigenvalues.map((value, i) => ({ value, i })).sort((x, y) => y.value - x.value).slice(0, k);
  const vectors = evd.eigenvectorMatrix;
  // V = Bᵀ U Σ⁻¹: each term's coordinate along the top directions.
  const projection = new Float32Array(terms * k);
  order.forEach(({ value, i }, c) => {
    const sigma = Math.sqrt(Math.max(value, 1e-12));
    for (let t = 0; t < terms; t += 1) {
      let sum = 0;
      for (let w = 0; w < wide; w += 1) sum += bt[t * wide + w]! * vectors.get(w, i);
      projection[t * k + c] = sum / sigma;
    }
  });
  return { projection, dimensions: k };
}

/** A document's (or a query's) coordinates in the model's space, unit length (cosine = dot product). */
export function embedWith(model: LsaModel, index: ReadonlyMap<string, number>, tokens: readonly string[]): Float32Array {
  const k = model.dimensions;
  const out = new Float32Array(k);
  for (const [j, w] of weigh(tokens, index, model.idf)) {
    for (let c = 0; c < k; c += 1) out[c]! += w * model.projection[j * k + c]!;
  }
  let norm = 0;
  for (let c = 0; c < k; c += 1) norm += out[c]! ** 2;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let c = 0; c < k; c += 1) out[c]! /= norm;
  return out;
}
