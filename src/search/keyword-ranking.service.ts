// The keyword ranking of a parsed query, the same on both engines: the index finds the newest candidates (filters
// included, as facet words), BM25 scores them with the index's statistics, and a query with no full match retries
// with any of its words. The index is a port (KeywordIndex): FTS5 on SQLite (keyword-index-sqlite.adapter.ts, run on
// the search workers' threads), tsvector on PostgreSQL (keyword-index-postgres.adapter.ts).
import type { PaperText } from '../papers/paper.ts';
import { scoreCandidates, type Candidate, type CorpusStats, type Scored } from './bm25.ts';
import { categoryFacet, dateCover, HAS_CODE_WORD, type YearSpan } from './facets.ts';
import type { FacetMatch, ParsedQuery, QueryTerm } from './query.ts';
import { compileTerm, countTerm, fold } from './term-match.ts';

/** Where candidates' text comes from: the papers service (the index keeps postings and lengths, not text). */
export interface PaperTextSource {
  textsOf(pks: readonly number[]): Promise<PaperText[]>;
  publicationYears(): Promise<YearSpan | null>;
}

/** What the index is asked to match: the terms (all, or any), the author terms, the facet words. */
export interface IndexQuery {
  terms: readonly QueryTerm[];
  authors: readonly QueryTerm[];
  operator: 'AND' | 'OR';
  facets: FacetMatch;
}

export type Answer<T> = T | Promise<T>;

/** A keyword index as the ranking reads it; each engine answers in its own query language. */
export interface KeywordIndex {
  /** Keys of the newest papers that match, newest first, at most `limit`. */
  newestMatches(query: IndexQuery, limit: number): Answer<number[]>;
  /** Each paper's indexed text (title, abstract, authors) and its length in tokens. */
  candidateTexts(pks: readonly number[]): Answer<Candidate[]>;
  corpus(): Answer<CorpusStats>;
  /** About how many papers hold a term (for its IDF). */
  documentFrequency(term: QueryTerm, documents: number): Answer<number>;
  /** Keys of the newest papers whose title holds every term (the last may be a prefix). */
  titleMatches(terms: readonly QueryTerm[], limit: number): Answer<number[]>;
}

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

/** A paper whose title matched: its key, id and title. */
export interface TitleMatch {
  pk: number;
  id: string;
  title: string;
}

export interface KeywordRanking {
  /** Best first; with no words, the newest papers that pass the filters (score 0). */
  hits: Scored[];
  /** True when more papers matched than are ranked, and the newest MAX_RANKED_CANDIDATES were ranked. */
  bounded: boolean;
  /** True when no paper had every word, and the results are papers with any of them. */
  loosened: boolean;
}

export function createKeywordRanking(index: KeywordIndex, papers: PaperTextSource) {
  /** Keys of the best matches for one index query, best first, scored over the newest candidates. */
  async function rank(match: IndexQuery, parsed: ParsedQuery): Promise<Omit<KeywordRanking, 'loosened'>> {
    const window = parsed.excluded.length > 0 ? EXCLUSION_WINDOW : MAX_RANKED_CANDIDATES;
    const newest = await index.newestMatches(match, window + 1);
    // Texts are read a ranking's worth at a time, newest first, until enough survive the exclusions (if any).
    const kept: Candidate[] = [];
    for (let read = 0; kept.length <= MAX_RANKED_CANDIDATES && read < Math.min(newest.length, window); read += MAX_RANKED_CANDIDATES) {
      const keys = newest.slice(read, read + MAX_RANKED_CANDIDATES);
      if (parsed.excluded.length === 0 && parsed.terms.length === 0) kept.push(...keys.map((pk) => ({ pk, columns: ['', '', ''] as const, length: 0 })));
      else kept.push(...withoutExcluded((await index.candidateTexts(keys)).sort((a, b) => b.pk - a.pk), parsed.excluded));
    }
    const candidates = kept.slice(0, MAX_RANKED_CANDIDATES);
    const bounded = kept.length > MAX_RANKED_CANDIDATES || newest.length > window;
    if (parsed.terms.length === 0) return { hits: candidates.map((c) => ({ pk: c.pk, score: 0 })), bounded };
    const corpus = await index.corpus();
    const frequencies: number[] = [];
    for (const term of parsed.terms) frequencies.push(await index.documentFrequency(term, corpus.documents));
    const scored = scoreCandidates(candidates, parsed.terms, frequencies, corpus);
    scored.sort((a, b) => b.score - a.score || b.pk - a.pk); // ties: the newer paper first
    return { hits: scored, bounded };
  }

  /** The terms a query's candidates must hold: all of a short query's, the rarest of a long one's (quoted ones kept). */
  async function rarest(terms: ParsedQuery['terms']): Promise<ParsedQuery['terms']> {
    if (terms.length <= MAX_REQUIRED_TERMS) return terms;
    const documents = (await index.corpus()).documents;
    const byRarity: Array<{ term: QueryTerm; frequency: number }> = [];
    for (const term of terms) byRarity.push({ term, frequency: term.quoted ? -1 : await index.documentFrequency(term, documents) });
    byRarity.sort((a, b) => a.frequency - b.frequency);
    return byRarity.slice(0, MAX_REQUIRED_TERMS).map((t) => t.term);
  }

  return {
    async rank(parsed: ParsedQuery): Promise<KeywordRanking> {
      const none: KeywordRanking = { hits: [], bounded: false, loosened: false };
      let dates: string[] = [];
      if (parsed.after || parsed.before) {
        const years = await papers.publicationYears();
        const cover = years && dateCover(parsed.after, parsed.before, years);
        if (!cover) return none; // no paper can be published in that range
        dates = cover;
      }
      const facets: FacetMatch = { categories: parsed.categories.map(categoryFacet), dates, ...(parsed.hasCode ? { hasCode: HAS_CODE_WORD } : {}) };
      // Exclusions are checked on the candidates, not by the index.
      const match: IndexQuery = { terms: await rarest(parsed.terms), authors: parsed.authors, operator: 'AND', facets };
      const narrowed = match.terms.length > 0 || match.authors.length > 0 || facets.categories.length > 0 || facets.dates.length > 0 || facets.hasCode !== undefined;
      if (!narrowed) return none;
      const ranked = await rank(match, parsed);
      if (ranked.hits.length > 0 || parsed.terms.length < 2) return { ...ranked, loosened: false };
      return { ...(await rank({ ...match, terms: parsed.terms, operator: 'OR' }, parsed)), loosened: true };
    },

    /** The newest papers whose title holds every term (the last may be a prefix): suggestions as people type. */
    async titles(parsed: ParsedQuery, limit: number): Promise<TitleMatch[]> {
      if (parsed.terms.length === 0) return [];
      const pks = await index.titleMatches(parsed.terms, limit);
      const texts = new Map((await papers.textsOf(pks)).map((t) => [t.pk, t]));
      return pks.flatMap((pk) => {
        const text = texts.get(pk);
        return text ? [{ pk, id: text.id, title: text.title }] : [];
      });
    },
  };
}

export type KeywordRankingService = ReturnType<typeof createKeywordRanking>;
