// The keyword ranking of a parsed query: FTS5 finds the newest candidates (filters included, as facet words), BM25
// scores them with cached statistics, and a query with no full match retries with any of its words. Synchronous
// SQLite work: on a server it runs on the search workers' threads (keyword-pool.service.ts), never the event loop's.
import type { Db } from '../db/database.ts';
import { scoreCandidates, type Candidate, type Scored } from './bm25.ts';
import { categoryFacet, dateCover, HAS_CODE_WORD } from './facets.ts';
import * as index from './keyword-index.repository.ts';
import { termToFts, toFtsMatch, type ParsedQuery } from './query.ts';
import { compileTerm, countTerm, fold } from './term-match.ts';
import { createTermStatistics } from './term-statistics.service.ts';

/**
 * Ranking reads each candidate's text, so the candidates are bounded: past this many matches, BM25 ranks
 * the newest ones. Rarer queries are ranked in full; see docs/search.md.
 */
export const MAX_RANKED_CANDIDATES = 500;
/**
 * With exclusions (`-word`), the newest this many matches are read and the excluded ones dropped here, by the same
 * word rule as highlighting: FTS5 evaluates a NOT by walking every match of the rest, so a common word minus common
 * words walked its whole posting list (seconds at 3M papers), whatever the window that was finally ranked.
 */
export const EXCLUSION_WINDOW = 2_000;
/**
 * A long query's candidates are the papers with its rarest words, this many; every word still scores. FTS5 joins
 * the terms of an AND by seeking through each posting list, so 32 common words with no paper holding them all walked
 * for 100–200 ms at 100,000 papers (seconds at 3M), where the rarest eight decide almost the same papers.
 */
export const MAX_REQUIRED_TERMS = 8;

/** Candidates whose text has none of the excluded terms (title, abstract and authors, as the index reads them). */
function withoutExcluded(candidates: Candidate[], excluded: ParsedQuery['excluded']): Candidate[] {
  if (excluded.length === 0) return candidates;
  const terms = excluded.map(compileTerm);
  return candidates.filter((c) => {
    const text = fold(c.columns.join(' \n '));
    return !terms.some((term) => countTerm(text, term) > 0);
  });
}

export interface KeywordRanking {
  /** Best first; with no words, the newest papers that pass the filters (score 0). */
  hits: Scored[];
  /** True when more papers matched than are ranked, and the newest MAX_RANKED_CANDIDATES were ranked. */
  bounded: boolean;
  /** True when no paper had every word, and the results are papers with any of them. */
  loosened: boolean;
}

export function createKeywordRanking(db: Db) {
  const statistics = createTermStatistics(db);

  /** Keys of the best matches for one FTS5 query, best first, scored over the newest candidates. */
  function rank(match: string, parsed: ParsedQuery, exact: index.ExactDates | undefined): Omit<KeywordRanking, 'loosened'> {
    const window = parsed.excluded.length > 0 ? EXCLUSION_WINDOW : MAX_RANKED_CANDIDATES;
    const newest = index.newestMatches(db, match, window + 1, exact);
    // Texts are read a ranking's worth at a time, newest first, until enough survive the exclusions (if any).
    const kept: Candidate[] = [];
    for (let read = 0; kept.length <= MAX_RANKED_CANDIDATES && read < Math.min(newest.length, window); read += MAX_RANKED_CANDIDATES) {
      const keys = newest.slice(read, read + MAX_RANKED_CANDIDATES);
      if (parsed.excluded.length === 0 && parsed.terms.length === 0) kept.push(...keys.map((pk) => ({ pk, columns: ['', '', ''] as const, length: 0 })));
      else kept.push(...withoutExcluded(index.candidateTexts(db, keys).sort((a, b) => b.pk - a.pk), parsed.excluded));
    }
    const candidates = kept.slice(0, MAX_RANKED_CANDIDATES);
    const bounded = kept.length > MAX_RANKED_CANDIDATES || newest.length > window;
    if (parsed.terms.length === 0) return { hits: candidates.map((c) => ({ pk: c.pk, score: 0 })), bounded };
    const corpus = statistics.corpus();
    const frequencies = parsed.terms.map((term) => statistics.documentFrequency(termToFts(term), corpus.documents));
    const scored = scoreCandidates(candidates, parsed.terms, frequencies, corpus);
    scored.sort((a, b) => b.score - a.score || b.pk - a.pk); // ties: the newer paper first
    return { hits: scored, bounded };
  }

  /** The terms a query's candidates must hold: all of a short query's, the rarest of a long one's (quoted ones kept). */
  function rarest(terms: ParsedQuery['terms']): ParsedQuery['terms'] {
    if (terms.length <= MAX_REQUIRED_TERMS) return terms;
    const documents = statistics.corpus().documents;
    const byRarity = terms
      .map((term) => ({ term, frequency: term.quoted ? -1 : statistics.documentFrequency(termToFts(term), documents) }))
      .sort((a, b) => a.frequency - b.frequency);
    return byRarity.slice(0, MAX_REQUIRED_TERMS).map((t) => t.term);
  }

  return {
    rank(parsed: ParsedQuery): KeywordRanking {
      const none: KeywordRanking = { hits: [], bounded: false, loosened: false };
      let dates: string[] = [];
      let exact: index.ExactDates | undefined;
      if (parsed.after || parsed.before) {
        const years = index.publicationYears(db);
        const cover = years && dateCover(parsed.after, parsed.before, years);
        if (!cover) return none; // no paper can be published in that range
        dates = cover.words;
        if (cover.exact) exact = { after: parsed.after, before: parsed.before };
      }
      const facets = { categories: parsed.categories.map(categoryFacet), dates, ...(parsed.hasCode ? { hasCode: HAS_CODE_WORD } : {}) };
      const positive = { ...parsed, excluded: [], terms: rarest(parsed.terms) }; // exclusions: checked on the candidates
      const match = toFtsMatch(positive, 'AND', facets);
      if (!match) return none;
      const ranked = rank(match, parsed, exact);
      if (ranked.hits.length > 0 || parsed.terms.length < 2) return { ...ranked, loosened: false };
      return { ...rank(toFtsMatch({ ...positive, terms: parsed.terms }, 'OR', facets) as string, parsed, exact), loosened: true };
    },

    /** The newest papers whose title matches an FTS5 query: suggestions as people type. */
    titles(match: string, limit: number): Array<{ pk: number; title: string }> {
      return index.newestTitleMatches(db, match, limit);
    },
  };
}

export type KeywordRankingService = ReturnType<typeof createKeywordRanking>;
