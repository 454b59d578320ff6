// How many papers contain a term, for BM25's IDF: estimated from the newest papers and cached per term, because an
// exact count walks the term's whole posting list (200 ms for a common word at 3M papers). The same estimate on
// both engines; each keyword index says how to count (its own query text for a term, its newest key).
import type { Answer } from './keyword-ranking.service.ts';

/** Papers sampled: enough for a stable IDF, small enough to count in a few milliseconds. */
const SAMPLE = 20_000;
const MAX_CACHED_TERMS = 50_000;
/** A cached count is recomputed once the corpus has grown by this share. */
const STALE_AFTER_GROWTH = 0.02;

export interface TermCounter {
  newestKey(): Answer<number>;
  /** Papers with a key above `afterKey` that match a term (in the index's own query text). */
  countAfter(termMatch: string, afterKey: number): Answer<number>;
}

export function createTermStatistics(counter: TermCounter) {
  const cached = new Map<string, { frequency: number; documents: number }>();

  return {
    /** Estimated number of papers matching a term query (a word, phrase or prefix). */
    async documentFrequency(termMatch: string, documents: number): Promise<number> {
      const hit = cached.get(termMatch);
      if (hit && Math.abs(documents - hit.documents) <= documents * STALE_AFTER_GROWTH) return hit.frequency;
      const newest = await counter.newestKey();
      const after = Math.max(0, newest - SAMPLE);
      const inSample = await counter.countAfter(termMatch, after);
      const sampled = Math.min(documents, newest - after);
      const frequency = after === 0 || sampled === 0 ? inSample : Math.round((inSample * documents) / sampled);
      if (cached.size >= MAX_CACHED_TERMS) cached.delete(cached.keys().next().value as string); // oldest first
      cached.set(termMatch, { frequency, documents });
      return frequency;
    },
  };
}
