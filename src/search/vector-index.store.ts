// The VectorIndex port and its in-process implementation: usearch's HNSW graph (cosine), which ships its native
// binary in the npm package, builds 200,000 × 256-d in about a minute here and answers in a fraction of a
// millisecond (docs/search.md has the measurements against hnswlib-node and sqlite-vec). Exact search is kept
// beside it, for checking the approximate one's recall.
import fs from 'node:fs';
import { exactSearch, Index, MetricKind, ScalarKind } from 'usearch';

export interface Neighbour {
  pk: number;
  /** Cosine similarity, 1 = same direction. */
  similarity: number;
}

export interface VectorIndex {
  readonly dimensions: number;
  size(): number;
  add(entries: ReadonlyArray<{ pk: number; vector: Float32Array }>): void;
  /** Puts new vectors in place of the ones stored under the same keys (a paper revised). */
  replace(entries: ReadonlyArray<{ pk: number; vector: Float32Array }>): void;
  search(vector: Float32Array, k: number): Neighbour[];
  save(file: string): void;
}

const CONNECTIVITY = 16;
const EXPANSION_ADD = 128;
const EXPANSION_SEARCH = 384;

function neighbours(keys: BigUint64Array, distances: Float32Array): Neighbour[] {
  const out: Neighbour[] = [];
  for (let i = 0; i < keys.length; i += 1) out.push({ pk: Number(keys[i]), similarity: 1 - (distances[i] as number) });
  return out;
}

export function createVectorIndex(dimensions: number, file?: string): VectorIndex {
  const index = new Index(dimensions, MetricKind.Cos, ScalarKind.F32, CONNECTIVITY, EXPANSION_ADD, EXPANSION_SEARCH, false);
  if (file && fs.existsSync(file)) index.load(file);
  return {
    dimensions,
    size: () => Number(index.size()),
    add(entries) {
      if (entries.length === 0) return;
      const keys = new BigUint64Array(entries.map((e) => BigInt(e.pk)));
      const matrix = new Float32Array(entries.length * dimensions);
      entries.forEach((e, i) => matrix.set(e.vector, i * dimensions));
      index.add(keys, matrix, 0);
    },
    replace(entries) {
      if (entries.length === 0) return;
      index.remove(new BigUint64Array(entries.map((e) => BigInt(e.pk))));
      this.add(entries);
    },
    search(vector, k) {
      if (index.size() === 0) return [];
      const found = index.search(vector, k, 0);
      return neighbours(found.keys, found.distances);
    },
    save(target) {
      const temporary = `${target}.tmp`;
      index.save(temporary);
      fs.renameSync(temporary, target); // a crash mid-save never leaves a broken index behind
    },
  };
}

/** The true nearest neighbours, by brute force over every vector: the reference recall is measured against. */
export function exactNeighbours(all: { pks: number[]; matrix: Float32Array; dimensions: number }, vector: Float32Array, k: number): Neighbour[] {
  const found = exactSearch(all.matrix, vector, all.dimensions, k, MetricKind.Cos) as { keys: BigUint64Array; distances: Float32Array };
  return neighbours(found.keys, found.distances).map((n) => ({ pk: all.pks[n.pk] as number, similarity: n.similarity }));
}
