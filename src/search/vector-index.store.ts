// The VectorIndex port and its in-process implementation: usearch's HNSW graph (cosine), which ships its native
// binary in the npm package, builds 200,000 × 256-d in about a minute here and answers in a fraction of a
// millisecond (docs/search.md has the measurements against hnswlib-node and sqlite-vec). Exact search is kept
// beside it, for checking the approximate one's recall.
//
// The index is saved to a file so a restart need not rebuild it, and that file is handed to native code, which
// trusts it: random bytes crashed the process with a segmentation fault, a truncated file with a heap corruption,
// on every start. So each save writes a manifest beside the file (its size, SHA-256, vector count, dimensions, the
// model that made the vectors and the last key), and a file is loaded only when it matches its manifest, and the
// manifest the model and vectors stored in the database.
import { createHash } from 'node:crypto';
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
  /** Writes the index and its manifest; `model` names what made the vectors, `lastKey` the highest key held. */
  save(file: string, saved: { model: string; lastKey: number }): void;
}

const CONNECTIVITY = 16;
const EXPANSION_ADD = 128;
const EXPANSION_SEARCH = 384;

function neighbours(keys: BigUint64Array, distances: Float32Array): Neighbour[] {
  const out: Neighbour[] = [];
  for (let i = 0; i < keys.length; i += 1) out.push({ pk: Number(keys[i]), similarity: 1 - (distances[i] as number) });
  return out;
}

/** What a save wrote: checked against the file and the database before the file is loaded. */
export interface Manifest {
  format: 'paperboard-usearch/1';
  bytes: number;
  sha256: string;
  count: number;
  dimensions: number;
  model: string;
  /** The highest key in the index: vectors stored after it are added once the file is loaded. */
  lastKey: number;
}

const manifestOf = (file: string) => `${file}.manifest.json`;

function sha256Of(file: string): string {
  const hash = createHash('sha256');
  const handle = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(1 << 20);
    for (let read = fs.readSync(handle, buffer); read > 0; read = fs.readSync(handle, buffer)) hash.update(buffer.subarray(0, read));
  } finally {
    fs.closeSync(handle);
  }
  return hash.digest('hex');
}

function readManifest(file: string): Manifest | null {
  try {
    const manifest = JSON.parse(fs.readFileSync(manifestOf(file), 'utf8')) as Partial<Manifest>;
    const valid =
      manifest.format === 'paperboard-usearch/1' && typeof manifest.sha256 === 'string' && typeof manifest.model === 'string' &&
      [manifest.bytes, manifest.count, manifest.dimensions, manifest.lastKey].every((n) => Number.isSafeInteger(n) && (n as number) >= 0);
    return valid ? (manifest as Manifest) : null;
  } catch {
    return null;
  }
}

/**
 * The manifest of a saved index file that may be loaded, or why it may not: cheap checks first, the checksum last.
 * A file may hold fewer vectors than the database (saves are spaced out): the rest is added after loading.
 */
export function checkIndexFile(file: string, expected: { dimensions: number; model: string; stored: number }): { manifest: Manifest } | { problem: string } {
  if (!fs.existsSync(file)) return { problem: 'there is no index file' };
  const manifest = readManifest(file);
  if (!manifest) return { problem: 'its manifest is missing or unreadable' };
  if (manifest.model !== expected.model) return { problem: `it was made by ${manifest.model}, the vectors stored by ${expected.model}` };
  if (manifest.dimensions !== expected.dimensions) return { problem: `it holds ${manifest.dimensions}-dimensional vectors, the model makes ${expected.dimensions}` };
  if (manifest.count > expected.stored) return { problem: `it holds ${manifest.count} vectors, more than the ${expected.stored} stored` };
  const bytes = fs.statSync(file).size;
  if (bytes !== manifest.bytes) return { problem: `it is ${bytes} bytes long, its manifest says ${manifest.bytes}` };
  if (sha256Of(file) !== manifest.sha256) return { problem: 'its checksum does not match its manifest' };
  return { manifest };
}

/** An empty index, or the one saved in `file`, which the caller has checked with checkIndexFile. */
export function createVectorIndex(dimensions: number, file?: string): VectorIndex {
  const index = new Index(dimensions, MetricKind.Cos, ScalarKind.F32, CONNECTIVITY, EXPANSION_ADD, EXPANSION_SEARCH, false);
  if (file) index.load(file);
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
    save(target, saved) {
      const temporary = `${target}.tmp`;
      index.save(temporary);
      const manifest: Manifest = {
        format: 'paperboard-usearch/1',
        bytes: fs.statSync(temporary).size,
        sha256: sha256Of(temporary),
        count: Number(index.size()),
        dimensions,
        ...saved,
      };
      fs.writeFileSync(`${manifestOf(target)}.tmp`, JSON.stringify(manifest));
      // File first, then its manifest: a crash between the two leaves a pair that does not match, which is rebuilt.
      fs.renameSync(temporary, target);
      fs.renameSync(`${manifestOf(target)}.tmp`, manifestOf(target));
    },
  };
}

/** The true nearest neighbours, by brute force over every vector: the reference recall is measured against. */
export function exactNeighbours(all: { pks: number[]; matrix: Float32Array; dimensions: number }, vector: Float32Array, k: number): Neighbour[] {
  const found = exactSearch(all.matrix, vector, all.dimensions, k, MetricKind.Cos) as { keys: BigUint64Array; distances: Float32Array };
  return neighbours(found.keys, found.distances).map((n) => ({ pk: all.pks[n.pk] as number, similarity: n.similarity }));
}
