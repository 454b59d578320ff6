// Keyword search over titles, abstracts and authors: BM25 ranking, highlights, and a looser retry.
import type { Db } from '../db/database.ts';
import type { Paper } from '../papers/paper.ts';
import type { PapersService } from '../papers/papers.service.ts';
import * as index from './keyword-index.repository.ts';
import { markText, snippet, wordMatcher } from './highlight.ts';
import { MAX_SEARCH_PAGE, parseSearchQuery, toFtsMatch } from './query.ts';

export interface SearchHit {
  paper: Paper;
  /** BM25 relevance, higher is better. */
  score: number;
  /** Title and abstract snippet with hits marked (see highlight.ts). */
  title: string;
  snippet: string;
}

export interface SearchResult {
  query: string;
  items: SearchHit[];
  page: number;
  limit: number;
  hasMore: boolean;
  /** True when no paper had every word, and the results are papers with any of them. */
  loosened: boolean;
  /** True when more papers matched than are ranked, and the newest MAX_RANKED_CANDIDATES were ranked. */
  bounded: boolean;
}

/**
 * FTS5 scores every match before it sorts, so a very common word costs time in proportion to its
 * matches. Past this many, BM25 ranks the newest matches only; rarer queries are ranked in full.
 */
export const MAX_RANKED_CANDIDATES = 1000;

export function createSearchService(db: Db, papers: PapersService) {
  return {
    async keyword(text: string, options: { page?: number; limit?: number } = {}): Promise<SearchResult> {
      const page = Math.min(Math.max(options.page ?? 1, 1), MAX_SEARCH_PAGE);
      const limit = Math.min(Math.max(options.limit ?? 20, 1), 100);
      const result: SearchResult = { query: text, items: [], page, limit, hasMore: false, loosened: false, bounded: false };
      const parsed = parseSearchQuery(text);
      let match = toFtsMatch(parsed, 'AND');
      if (!match) return result;

      const offset = (page - 1) * limit;
      const rank = (fts: string) => {
        const fromKey = index.nthNewestMatch(db, fts, MAX_RANKED_CANDIDATES);
        result.bounded = fromKey !== null;
        return index.rankedKeys(db, fts, limit + 1, offset, fromKey);
      };
      let keys = rank(match);
      if (keys.length === 0 && parsed.terms.length > 1) {
        match = toFtsMatch(parsed, 'OR') as string;
        keys = rank(match);
        result.loosened = true;
      }
      result.hasMore = keys.length > limit;
      keys = keys.slice(0, limit);

      const pks = keys.map((k) => k.pk);
      const found = await papers.byKeys(pks);
      const isHit = wordMatcher(parsed.terms);
      result.items = keys.flatMap((key) => {
        const paper = found.get(key.pk);
        if (!paper) return [];
        return [{ paper, score: -key.score, title: markText(paper.title, isHit), snippet: snippet(paper.abstract, isHit) }];
      });
      return result;
    },

    /** Rebuilds the keyword index from the papers table and merges it into one segment. */
    reindex(): void {
      index.rebuildIndex(db);
      index.optimizeIndex(db);
    },
  };
}

export type SearchService = ReturnType<typeof createSearchService>;
