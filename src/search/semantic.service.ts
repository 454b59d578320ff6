// Search by meaning: the embedder (LSA fitted on the corpus, or a local ONNX model when EMBEDDING_MODEL_DIR names
// one), every paper's vector (all at reindex, new ones as they arrive), the in-process vector index kept in step with
// the stored vectors, and nearest-neighbour queries.
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/database.ts';
import type { PapersService } from '../papers/papers.service.ts';
import { lsaEmbedder, paperText, type Embedder } from './embedder.ts';
import { fitLsa } from './lsa.ts';
import { createOnnxEmbedder } from './onnx-embedder.adapter.ts';
import { contentTokens } from './text-tokens.ts';
import { checkIndexFile, createVectorIndex, type Neighbour, type VectorIndex } from './vector-index.store.ts';
import * as vectors from './vectors.repository.ts';

export interface SemanticSettings {
  dimensions: number;
  /** How many papers (the newest) the LSA model is fitted on. */
  fitDocuments: number;
  /** A local ONNX sentence-embedding model's folder; unset: LSA. */
  modelDir: string | undefined;
}

const LSA = 'lsa';
/** The corpus-fitted model is refitted once the corpus has grown by this much since the fit (new words, new fields). */
export const REFIT_GROWTH = 0.25;
const BATCH = 2000;
/**
 * Papers embedded and added to the index between two turns of the event loop while serving: adding a vector to the
 * HNSW graph costs about 0.4 ms at 300,000 papers, so a slice stays near 50 ms; refits use BATCH.
 */
const SERVING_SLICE = 100;
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
/** How often a query looks for vectors and models that other processes stored, and how many it adds at most. */
const IN_STEP_INTERVAL_MS = 5_000;
/**
 * Saving the index writes it whole (189 MiB at 300,000 papers) on the event loop, so new vectors are saved at most this
 * often; a file that misses the last ones is loaded at the next start and the rest added from the table.
 */
const SAVE_INTERVAL_MS = 10 * 60_000;
const CATCH_UP_ON_QUERY = 500;
/** New papers are embedded this long after the last of a burst arrives. */
const EMBED_DELAY_MS = 500;
/** Revisions remembered between runs at most; past that (a re-import of a changed snapshot) `reindex` covers them. */
const MAX_PENDING_REVISIONS = 50_000;

export interface RefitReport {
  model: string;
  documents: number;
  vocabulary: number;
  vectors: number;
  fitSeconds: number;
  embedSeconds: number;
  indexSeconds: number;
}

export function createSemanticService(deps: { db: Db; papers: PapersService; dataDir: string; settings: SemanticSettings; log?: (message: string) => void }) {
  const { db, papers } = deps;
  const log = deps.log ?? (() => undefined);
  const onnxDir = deps.settings.modelDir;
  const modelName = onnxDir ? `onnx:${path.basename(path.resolve(onnxDir))}` : LSA;
  const indexFile = path.join(deps.dataDir, `vectors-${modelName.replace(/[^\w.-]+/g, '-')}.usearch`);
  let embedder: Promise<Embedder | null> | null = null;
  let index: VectorIndex | null = null;
  /** The key of the last stored vector the index holds: vectors are stored in key order, so it holds all up to it. */
  let indexedUpTo = 0;
  /** When the loaded LSA model was fitted: another process's reindex changes it, and this one reloads. */
  let loadedFit: string | null = null;
  /** Vectors of the current model: known once counted, then kept by refit, embedNew and catching up. */
  let stored: number | null = null;
  let checkedAt = 0;
  /** Embedding runs one at a time in a process (the job and arrivals would otherwise embed the same papers twice). */
  let embedding: Promise<unknown> = Promise.resolve();
  let embedTimer: NodeJS.Timeout | null = null;
  /** Stored papers with a new version since the last run, to embed again (their text may have changed). */
  let revised = new Set<number>();
  /** Set when the server stops: a pending embed run is not started against a closed database. */
  let closed = false;

  /** Runs work after whatever embedding is under way here has finished, failed or not. */
  function serially<T>(work: () => Promise<T>): Promise<T> {
    const run = embedding.catch(() => undefined).then(work);
    embedding = run;
    return run;
  }

  function currentEmbedder(): Promise<Embedder | null> {
    if (!embedder) {
      if (onnxDir) embedder = createOnnxEmbedder(onnxDir);
      else {
        embedder = vectors.loadModel(db, LSA).then((model) => {
          loadedFit = model?.fittedAt ?? null;
          return model ? lsaEmbedder(model) : null;
        });
      }
    }
    return embedder;
  }

  async function storedVectors(): Promise<number> {
    stored ??= await vectors.vectorCount(db, modelName);
    return stored;
  }

  let lastSave = 0;
  let saveTimer: NodeJS.Timeout | null = null;

  /** What made the stored vectors: the ONNX model, or the LSA fit of a given moment (a refit makes others). */
  async function vectorsModel(): Promise<string> {
    return onnxDir ? modelName : `${LSA}@${loadedFit ?? (await vectors.modelFittedAt(db, LSA)) ?? 'unfitted'}`;
  }

  /**
   * The index, loaded from its file when the file matches its manifest and the stored vectors (vector-index.store.ts),
   * else rebuilt from the table, saying why: a file that is not exactly what was saved never reaches native code.
   * Vectors stored after the file was saved are added from the table (the query path and the embed job catch up).
   */
  let loadingIndex: Promise<VectorIndex> | null = null;
  async function currentIndex(dimensions: number): Promise<VectorIndex> {
    if (index) return index;
    // One load at a time: requests that arrive while the index loads wait for that load.
    loadingIndex ??= loadIndex(dimensions).finally(() => {
      loadingIndex = null;
    });
    return loadingIndex;
  }

  async function loadIndex(dimensions: number): Promise<VectorIndex> {
    if (!index) {
      const count = await storedVectors();
      const checked = checkIndexFile(indexFile, { dimensions, model: await vectorsModel(), stored: count });
      if ('manifest' in checked) {
        index = createVectorIndex(dimensions, indexFile);
        indexedUpTo = checked.manifest.lastKey;
        stored = checked.manifest.count; // what the index holds; catching up adds the rest
        lastSave = Date.now(); // the file is as good as a save made now
        if (checked.manifest.count < count) void catchUp();
      } else {
        if (fs.existsSync(indexFile)) log(`vector index ${indexFile} not loaded (${checked.problem}): rebuilding it from ${count} stored vectors`);
        const rebuilt = await rebuildIndex(dimensions);
        index = rebuilt;
        indexedUpTo = await vectors.maxEmbeddedPk(db);
        if (count > 0) log(`vector index rebuilt: ${rebuilt.size()} vectors`);
      }
    }
    return index as VectorIndex;
  }

  async function saveNow(): Promise<void> {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = null;
    if (!index) return;
    fs.mkdirSync(deps.dataDir, { recursive: true });
    index.save(indexFile, { model: await vectorsModel(), lastKey: indexedUpTo });
    lastSave = Date.now();
  }

  /** Saves the index now if it was not saved lately, else once the interval has passed. */
  async function saveSoon(): Promise<void> {
    const wait = lastSave + SAVE_INTERVAL_MS - Date.now();
    if (wait <= 0) await saveNow();
    else if (!saveTimer) {
      saveTimer = setTimeout(() => void serially(() => saveNow()), wait);
      saveTimer.unref();
    }
  }

  /** Forgets the loaded model and index: the next use loads them again (another process refitted). */
  function unload(): void {
    embedder = null;
    index = null;
    stored = null;
    indexedUpTo = 0;
  }

  /**
   * Keeps this process in step with the stored vectors, which other processes write too (the embed job runs on one
   * instance; `paperboard reindex` and imports run beside the server): a model fitted elsewhere is loaded again, and
   * vectors stored elsewhere are added to the index, up to `limit` of them (adding blocks the event loop: about
   * 0.4 ms a vector at 300,000). Two indexed reads when nothing changed. Returns whether vectors are left to add.
   */
  async function keepInStep(limit: number): Promise<boolean> {
    checkedAt = Date.now();
    if (await reloadIfRefittedElsewhere()) return false;
    if (!index) {
      stored = null; // counted again when next needed
      return false;
    }
    const page = await addStoredVectors(index, indexedUpTo, limit);
    if (page.added === 0) return false;
    stored = (await storedVectors()) + page.added;
    indexedUpTo = page.last;
    return page.added === limit;
  }

  /** Drops the loaded model and index when another process fitted a new model; true when it did. */
  async function reloadIfRefittedElsewhere(): Promise<boolean> {
    if (onnxDir || !embedder || (await vectors.modelFittedAt(db, LSA)) === loadedFit) return false;
    unload();
    return true;
  }

  /** Adds the stored vectors after key `after` to an index, `limit` at most: how many, and the last key added. */
  async function addStoredVectors(target: VectorIndex, after: number, limit: number): Promise<{ added: number; last: number }> {
    const page = await vectors.vectorsAfter(db, after, limit);
    target.add(page);
    return { added: page.length, last: page.at(-1)?.pk ?? after };
  }

  /** On the query path: at most every few seconds, and a bounded catch-up (the embed job does the rest). */
  async function inStepNow(): Promise<void> {
    if (Date.now() - checkedAt >= IN_STEP_INTERVAL_MS) await keepInStep(CATCH_UP_ON_QUERY);
  }

  /** Adds every vector stored elsewhere, a page at a time, letting requests run between pages. */
  async function catchUp(): Promise<void> {
    while (await keepInStep(SERVING_SLICE)) await nextTurn();
  }


  async function rebuildIndex(dimensions: number): Promise<VectorIndex> {
    const fresh = createVectorIndex(dimensions);
    let last = 0;
    for (let page = { added: 1, last: 0 }; page.added > 0; ) {
      page = await addStoredVectors(fresh, page.last, 10_000);
      last = page.last;
    }
    fs.mkdirSync(deps.dataDir, { recursive: true });
    fresh.save(indexFile, { model: await vectorsModel(), lastKey: last });
    lastSave = Date.now();
    return fresh;
  }

  async function embedKeys(e: Embedder, pks: number[]): Promise<Array<{ pk: number; vector: Float32Array }>> {
    const found = await papers.byKeys(pks);
    const present = pks.filter((pk) => found.has(pk));
    const embedded = await e.embed(present.map((pk) => paperText(found.get(pk) as { title: string; abstract: string })));
    return present.map((pk, i) => ({ pk, vector: embedded[i] as Float32Array }));
  }

  /** Fits LSA on the newest papers; a small corpus gets fewer dimensions (with about as many as papers, LSA is TF-IDF again). */
  async function fitCorpusModel(progress: (message: string) => void): Promise<{ embedder: Embedder; documents: number; vocabulary: number }> {
    const sample = await papers.newestKeys(deps.settings.fitDocuments);
    const texts: string[][] = [];
    for (let i = 0; i < sample.length; i += BATCH) {
      const found = await papers.byKeys(sample.slice(i, i + BATCH));
      for (const paper of found.values()) texts.push(contentTokens(paperText(paper)));
    }
    const dimensions = Math.min(deps.settings.dimensions, Math.max(16, Math.floor(texts.length / 8)));
    const model = fitLsa(texts, { dimensions, maxVocabulary: 40_000, minDocumentFrequency: 2, seed: 7 });
    loadedFit = new Date().toISOString();
    await vectors.saveModel(db, LSA, model, { now: loadedFit, corpusPapers: await papers.count() });
    progress(`fitted ${LSA} on ${texts.length} papers: ${model.vocabulary.length} terms, ${model.dimensions} dimensions`);
    return { embedder: lsaEmbedder(model), documents: texts.length, vocabulary: model.vocabulary.length };
  }

  /** Fits (or loads) the model, embeds every paper and rebuilds the index; only inside the embedding chain. */
  async function refitNow(progress: (message: string) => void): Promise<RefitReport> {
      const started = performance.now();
      let documents = 0;
      let vocabulary = 0;
      let e: Embedder | null;
      if (onnxDir) {
        e = await currentEmbedder();
        progress(`using the ONNX model in ${onnxDir} (${e?.dimensions ?? 0} dimensions)`);
      } else {
        const fitted = await fitCorpusModel(progress);
        ({ documents, vocabulary } = fitted);
        e = fitted.embedder;
        embedder = Promise.resolve(e);
      }
      if (!e) throw new Error('no embedding model');
      index = null;
      const fitted = performance.now();
      await vectors.clearVectors(db);
      for (let after = 0; ; ) {
        const pks = await papers.keysAfter(after, BATCH);
        if (pks.length === 0) break;
        await vectors.saveVectors(db, e.name, await embedKeys(e, pks));
        after = pks.at(-1) as number;
      }
      stored = await vectors.vectorCount(db, modelName);
      const embeddedAt = performance.now();
      progress(`embedded ${stored} papers`);
      fs.rmSync(indexFile, { force: true });
      index = await rebuildIndex(e.dimensions);
      indexedUpTo = await vectors.maxEmbeddedPk(db);
      const done = performance.now();
      return {
        model: e.name, documents, vocabulary, vectors: stored,
        fitSeconds: (fitted - started) / 1000, embedSeconds: (embeddedAt - fitted) / 1000, indexSeconds: (done - embeddedAt) / 1000,
      };
  }

  /**
   * Embeds the papers stored after the index's last vector and adds them to it (a no-op before the first reindex);
   * refits the corpus model instead once the corpus has grown by REFIT_GROWTH since it was fitted.
   */
  async function embedPending(progress: (message: string) => void): Promise<number> {
    await reloadIfRefittedElsewhere();
    if (!(await service.ready())) return 0;
    if (!onnxDir) {
      const model = await vectors.loadModel(db, LSA);
      const corpus = await papers.count();
      if (model && corpus > model.corpusPapers * (1 + REFIT_GROWTH)) {
        progress(`the corpus grew from ${model.corpusPapers} to ${corpus} papers since the fit: refitting`);
        return (await refitNow(progress)).vectors;
      }
    }
    const e = await currentEmbedder();
    if (!e) return 0;
    const idx = await currentIndex(e.dimensions);
    await catchUp(); // vectors other processes stored join the index first, so none is added twice
    let count = 0;
    // From the index's last vector, not the table's: papers another process embeds meanwhile are embedded again
    // (the same vector, replaced) rather than missed by this index.
    for (let after = indexedUpTo; ; ) {
      const pks = await papers.keysAfter(after, SERVING_SLICE);
      if (pks.length === 0) break;
      await nextTurn();
      const batch = await embedKeys(e, pks);
      await vectors.saveVectors(db, e.name, batch);
      // While this batch was embedded, a query may have caught up vectors another process stored for the same papers.
      const fresh = batch.filter((v) => v.pk > indexedUpTo);
      idx.add(fresh);
      count += batch.length;
      after = pks.at(-1) as number;
      indexedUpTo = Math.max(indexedUpTo, fresh.at(-1)?.pk ?? 0);
    }
    if (count > 0) {
      stored = await vectors.vectorCount(db, modelName);
      await saveSoon();
    }
    return count;
  }

  /** Embeds revised papers again and puts their vectors in place of the old ones (here; other processes keep theirs until they rebuild). */
  async function embedRevised(revisedKeys: readonly number[]): Promise<number> {
    if (revisedKeys.length === 0 || !(await service.ready())) return 0;
    const e = await currentEmbedder();
    if (!e) return 0;
    const idx = await currentIndex(e.dimensions);
    // Papers past the index's last vector are new to it: embedPending takes them.
    const pks = revisedKeys.filter((pk) => pk <= indexedUpTo).sort((a, b) => a - b);
    for (let i = 0; i < pks.length; i += SERVING_SLICE) {
      await nextTurn();
      const batch = await embedKeys(e, pks.slice(i, i + SERVING_SLICE));
      await vectors.saveVectors(db, e.name, batch);
      idx.replace(batch);
    }
    if (pks.length > 0) await saveSoon();
    return pks.length;
  }

  const service = {
    modelName,

    /** Fits the model (LSA) or loads it (ONNX), embeds every paper and rebuilds the index: `paperboard reindex`. */
    refit(progress: (message: string) => void = () => undefined): Promise<RefitReport> {
      return serially(() => refitNow(progress));
    },

    /**
     * Embeds the papers that arrived since the last run and adds them to the index (a no-op before the first reindex);
     * refits the corpus model instead once the corpus has grown by REFIT_GROWTH since it was fitted.
     */
    embedNew(progress: (message: string) => void = () => undefined): Promise<number> {
      return serially(() => embedPending(progress));
    },

    /** Embeds new papers, and revised ones again, shortly (after a burst of arrivals settles), in the background. */
    embedSoon(onError: (error: unknown) => void, revisedKeys: readonly number[] = []): void {
      for (const pk of revisedKeys) if (revised.size < MAX_PENDING_REVISIONS) revised.add(pk);
      if (embedTimer) clearTimeout(embedTimer);
      embedTimer = setTimeout(() => {
        embedTimer = null;
        if (closed) return; // closed meanwhile: the next start catches up with new papers
        const keys = [...revised];
        revised = new Set();
        serially(async () => (await embedPending(() => undefined)) + (await embedRevised(keys))).catch(onError);
      }, EMBED_DELAY_MS);
      embedTimer.unref(); // a command that stores papers and exits does not wait: the server's job embeds them
    },

    /** Whether papers have vectors of the current model (semantic search answers only then). */
    async ready(): Promise<boolean> {
      await inStepNow();
      return (await storedVectors()) > 0;
    },

    /** Papers nearest in meaning to a text, best first; null when there is no model or it knows none of the words. */
    async nearText(text: string, k: number): Promise<Neighbour[] | null> {
      if (!(await service.ready())) return null;
      const e = await currentEmbedder();
      if (!e) return null;
      const [vector] = await e.embed([text]);
      if (!vector || vector.every((x) => x === 0)) return null;
      return (await currentIndex(e.dimensions)).search(vector, k);
    },

    /** Texts embedded by the current model (for "for you" topics); empty vectors for words it does not know. */
    async embedTexts(texts: readonly string[]): Promise<Float32Array[]> {
      const e = (await service.ready()) ? await currentEmbedder() : null;
      return e ? e.embed(texts) : [];
    },

    /** The stored vectors of papers (by key); papers without one are left out. */
    vectorsOf(pks: readonly number[]): Promise<Map<number, Float32Array>> {
      return vectors.vectorsOf(db, pks);
    },

    /** Papers nearest to a vector, best first. */
    async nearVector(vector: Float32Array, k: number): Promise<Neighbour[]> {
      return (await service.ready()) ? (await currentIndex(vector.length)).search(vector, k) : [];
    },

    /** Papers nearest to a stored paper (itself left out). */
    async nearPaper(pk: number, k: number): Promise<Neighbour[]> {
      const vector = (await vectors.vectorsOf(db, [pk])).get(pk);
      if (!vector || !(await service.ready())) return [];
      return (await currentIndex(vector.length)).search(vector, k + 1).filter((n) => n.pk !== pk).slice(0, k);
    },

    /** Loads the configured embedder, so a missing optional package or a broken model stops `serve` at start. */
    async checkEmbedder(): Promise<void> {
      await currentEmbedder();
    },

    /** Loads the model and the index before the first query needs them (checking a large index file takes seconds). */
    async warm(): Promise<void> {
      if (!(await service.ready())) return;
      const e = await currentEmbedder();
      if (e) await currentIndex(e.dimensions);
    },

    /** Saves what a spaced-out save still owes (a server stopping). */
    async close(): Promise<void> {
      closed = true;
      if (saveTimer) await saveNow();
    },

    async status() {
      const model = onnxDir ? null : await vectors.loadModel(db, LSA);
      return { model: modelName, dimensions: model?.dimensions ?? 0, vectors: await storedVectors() };
    },
  };
  return service;
}

export type SemanticService = ReturnType<typeof createSemanticService>;
