// How many papers contain a term, for BM25's IDF: estimated from the newest papers and cached per term,
// because an exact count walks the term's whole posting list (200 ms for a common word at 3M papers).
import type { SqliteDb } from '../db/database.ts';
import * as index from './keyword-index.repository.ts';

/** Papers sampled: enough for a stable IDF, small enough to count in a few milliseconds. */
const SAMPLE = 20_000;
const MAX_CACHED_TERMS = 50_000;
/** A cached count is recomputed once the corpus has grown by this share. */
const STALE_AFTER_GROWTH = 0.02;

export function createTermStatistics(db: SqliteDb) {
  const cached = new Map<string, { frequency: number; documents: number }>();

  return {
    corpus() {
      const totals = index.indexTotals(db);
      return { documents: totals.documents, averageLength: totals.documents > 0 ? totals.tokens / totals.documents : 0 };
    },

    /** Estimated number of papers matching an FTS5 term query (a word, phrase or prefix). */
    documentFrequency(termMatch: string, documents: number): number {
      const hit = cached.get(termMatch);
      if (hit && Math.abs(documents - hit.documents) <= documents * STALE_AFTER_GROWTH) return hit.frequency;
      const newest = index.maxPaperKey(db);
      const after = Math.max(0, newest - SAMPLE);
      const inSample = index.countMatchesAfter(db, termMatch, after);
      const sampled = Math.min(documents, newest - after);
      const frequency = after === 0 || sampled === 0 ? inSample : Math.round((inSample * documents) / sampled);
      if (cached.size >= MAX_CACHED_TERMS) cached.delete(cached.keys().next().value as string); // oldest first
      cached.set(termMatch, { frequency, documents });
      return frequency;
    },
  };
}
