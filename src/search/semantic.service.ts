// Search by meaning: fits the corpus model, embeds papers (all at reindex, new ones as they arrive), keeps the
// in-process vector index in step with the stored vectors, and answers nearest-neighbour queries.
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/database.ts';
import type { PapersService } from '../papers/papers.service.ts';
import { lsaEmbedder, paperText, type Embedder } from './embedder.ts';
import { fitLsa } from './lsa.ts';
import { contentTokens } from './text-tokens.ts';
import { createVectorIndex, type Neighbour, type VectorIndex } from './vector-index.store.ts';
import * as vectors from './vectors.repository.ts';

export interface SemanticSettings {
  dimensions: number;
  /** How many papers (the newest) the model is fitted on. */
  fitDocuments: number;
}

const MODEL = 'lsa';
const BATCH = 2000;

export function createSemanticService(deps: { db: Db; papers: PapersService; dataDir: string; settings: SemanticSettings }) {
  const { db, papers } = deps;
  const indexFile = path.join(deps.dataDir, `vectors-${MODEL}.usearch`);
  let embedder: Embedder | null = null;
  let index: VectorIndex | null = null;

  function currentEmbedder(): Embedder | null {
    if (!embedder) {
      const model = vectors.loadModel(db, MODEL);
      if (model) embedder = lsaEmbedder(model);
    }
    return embedder;
  }

  /** The index, loaded from its file when it holds every stored vector, else rebuilt from the table. */
  function currentIndex(): VectorIndex | null {
    const e = currentEmbedder();
    if (!e) return null;
    if (!index) {
      const stored = vectors.vectorCount(db);
      let loaded: VectorIndex | null = null;
      try {
        loaded = fs.existsSync(indexFile) ? createVectorIndex(e.dimensions, indexFile) : null;
      } catch {
        loaded = null; // a damaged file: rebuilt below
      }
      if (loaded && loaded.size() === stored) index = loaded;
      else index = rebuildIndex(e.dimensions);
    }
    return index;
  }

  function rebuildIndex(dimensions: number): VectorIndex {
    const fresh = createVectorIndex(dimensions);
    for (let after = 0; ; ) {
      const page = vectors.vectorsAfter(db, after, 10_000);
      if (page.length === 0) break;
      fresh.add(page);
      after = (page.at(-1) as { pk: number }).pk;
    }
    fs.mkdirSync(deps.dataDir, { recursive: true });
    fresh.save(indexFile);
    return fresh;
  }

  async function embedKeys(e: Embedder, pks: number[]): Promise<Array<{ pk: number; vector: Float32Array }>> {
    const found = await papers.byKeys(pks);
    const present = pks.filter((pk) => found.has(pk));
    const embedded = await e.embed(present.map((pk) => paperText(found.get(pk) as { title: string; abstract: string })));
    return present.map((pk, i) => ({ pk, vector: embedded[i] as Float32Array }));
  }

  const service = {
    /**
     * Fits the model on the newest papers, embeds every paper and rebuilds the index: `paperboard reindex`.
     * Returns what it did, with timings.
     */
    async refit(progress: (message: string) => void = () => undefined): Promise<{ documents: number; vocabulary: number; vectors: number; fitSeconds: number; embedSeconds: number; indexSeconds: number }> {
      const started = performance.now();
      const sample = papers.newestKeys(deps.settings.fitDocuments);
      const texts: string[][] = [];
      for (let i = 0; i < sample.length; i += BATCH) {
        const found = await papers.byKeys(sample.slice(i, i + BATCH));
        for (const paper of found.values()) texts.push(contentTokens(paperText(paper)));
      }
      // A small corpus supports few dimensions: with nearly as many dimensions as papers, LSA is plain TF-IDF again.
      const dimensions = Math.min(deps.settings.dimensions, Math.max(16, Math.floor(texts.length / 8)));
      const model = fitLsa(texts, { dimensions, maxVocabulary: 40_000, minDocumentFrequency: 2, seed: 7 });
      vectors.saveModel(db, MODEL, model, new Date().toISOString());
      embedder = lsaEmbedder(model);
      index = null;
      const fitted = performance.now();
      progress(`fitted ${MODEL} on ${texts.length} papers: ${model.vocabulary.length} terms, ${model.dimensions} dimensions`);
      vectors.clearVectors(db);
      let count = 0;
      for (let after = 0; ; ) {
        const pks = papers.keysAfter(after, BATCH);
        if (pks.length === 0) break;
        const batch = await embedKeys(embedder, pks);
        vectors.saveVectors(db, MODEL, batch);
        count += batch.length;
        after = pks.at(-1) as number;
      }
      const embeddedAt = performance.now();
      progress(`embedded ${count} papers`);
      fs.rmSync(indexFile, { force: true });
      index = rebuildIndex(model.dimensions);
      const done = performance.now();
      return {
        documents: texts.length, vocabulary: model.vocabulary.length, vectors: count,
        fitSeconds: (fitted - started) / 1000, embedSeconds: (embeddedAt - fitted) / 1000, indexSeconds: (done - embeddedAt) / 1000,
      };
    },

    /** Embeds the papers that arrived since the last run and adds them to the index; a no-op before the first fit. */
    async embedNew(): Promise<number> {
      const e = currentEmbedder();
      const idx = currentIndex();
      if (!e || !idx) return 0;
      let count = 0;
      for (let after = vectors.maxEmbeddedPk(db); ; ) {
        const pks = papers.keysAfter(after, BATCH);
        if (pks.length === 0) break;
        const batch = await embedKeys(e, pks);
        vectors.saveVectors(db, MODEL, batch);
        idx.add(batch);
        count += batch.length;
        after = pks.at(-1) as number;
      }
      if (count > 0) idx.save(indexFile);
      return count;
    },

    /** Whether a model is fitted (semantic search answers only then). */
    ready(): boolean {
      return currentEmbedder() !== null;
    },

    /** Papers nearest in meaning to a text, best first; null when the model knows none of its words. */
    async nearText(text: string, k: number): Promise<Neighbour[] | null> {
      const e = currentEmbedder();
      const idx = currentIndex();
      if (!e || !idx) return null;
      const [vector] = await e.embed([text]);
      if (!vector || vector.every((x) => x === 0)) return null;
      return idx.search(vector, k);
    },

    /** The stored vectors of papers (by key); papers without one are left out. */
    vectorsOf(pks: readonly number[]): Map<number, Float32Array> {
      return new Map(pks.flatMap((pk) => {
        const v = vectors.vectorOf(db, pk);
        return v ? [[pk, v] as const] : [];
      }));
    },

    /** Papers nearest to a vector, best first. */
    nearVector(vector: Float32Array, k: number): Neighbour[] {
      return currentIndex()?.search(vector, k) ?? [];
    },

    /** Papers nearest to a stored paper (itself left out). */
    nearPaper(pk: number, k: number): Neighbour[] {
      const idx = currentIndex();
      const vector = vectors.vectorOf(db, pk);
      if (!idx || !vector) return [];
      return idx.search(vector, k + 1).filter((n) => n.pk !== pk).slice(0, k);
    },

    status() {
      const e = currentEmbedder();
      return { model: e?.name ?? null, dimensions: e?.dimensions ?? 0, vectors: vectors.vectorCount(db) };
    },
  };
  return service;
}

export type SemanticService = ReturnType<typeof createSemanticService>;
