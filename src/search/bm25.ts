// BM25 as SQLite FTS5 computes it (fts5_aux.c), over a bounded set of candidates, with statistics supplied
// rather than recounted: FTS5's bm25() walks every posting of every query term on each call to weigh it.
import type { QueryTerm } from './query.ts';
import { compileTerm, countTerm, fold } from './term-match.ts';

const K1 = 1.2;
const B = 0.75;

/** Column weights, in index order: a word in the title counts 10×, in the abstract 1×, in the authors 4×. */
export const COLUMN_WEIGHTS = [10, 1, 4] as const;

export interface Candidate {
  pk: number;
  /** The indexed columns, in index order: title, abstract, author names. */
  columns: readonly [string, string, string];
  /** The document's length in tokens, all columns together (FTS5's docsize). */
  length: number;
}

export interface CorpusStats {
  documents: number;
  /** Average document length in tokens, all columns together. */
  averageLength: number;
}

/** FTS5's IDF: log((N - n + 0.5) / (n + 0.5)), floored at a tiny positive value for very common terms. */
export function idf(documents: number, withTerm: number): number {
  const value = Math.log((documents - withTerm + 0.5) / (withTerm + 0.5));
  return value > 0 ? value : 1e-6;
}

export interface Scored {
  pk: number;
  score: number;
}

/**
 * Scores candidates for the query's terms. As in FTS5, a term's frequency is its weighted count over the
 * columns, saturated by k1 and normalised by the whole document's length. Higher is better.
 */
export function scoreCandidates(
  candidates: readonly Candidate[],
  terms: readonly QueryTerm[],
  documentFrequencies: readonly number[],
  stats: CorpusStats,
): Scored[] {
  const compiled = terms.map(compileTerm);
  const weights = terms.map((_, i) => idf(stats.documents, documentFrequencies[i] ?? 0));
  const average = stats.averageLength > 0 ? stats.averageLength : 1;
  return candidates.map((candidate) => {
    const folded = candidate.columns.map(fold);
    const norm = K1 * (1 - B + (B * candidate.length) / average);
    let score = 0;
    compiled.forEach((term, i) => {
      let frequency = 0;
      folded.forEach((text, column) => {
        frequency += (COLUMN_WEIGHTS[column] ?? 1) * countTerm(text, term);
      });
      score += (weights[i] ?? 0) * ((frequency * (K1 + 1)) / (frequency + norm));
    });
    return { pk: candidate.pk, score };
  });
}

/** Reads SQLite/FTS5 varints (big-endian 7-bit groups, the ninth byte whole) from a record. */
export function readVarints(bytes: Uint8Array): number[] {
  const values: number[] = [];
  let i = 0;
  while (i < bytes.length) {
    let value = 0;
    for (let n = 0; n < 9 && i < bytes.length; n += 1) {
      const byte = bytes[i++] as number;
      if (n === 8) {
        value = value * 256 + byte;
        break;
      }
      value = value * 128 + (byte & 0x7f);
      if ((byte & 0x80) === 0) break;
    }
    values.push(value);
  }
  return values;
}
