// Keyword search over titles, abstracts and authors: BM25 ranking, highlights, and a looser retry.
import type { Db } from '../db/database.ts';
import type { Paper } from '../papers/paper.ts';
import type { PapersService } from '../papers/papers.service.ts';
import * as index from './keyword-index.repository.ts';
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
}

export function createSearchService(db: Db, papers: PapersService) {
  return {
    async keyword(text: string, options: { page?: number; limit?: number } = {}): Promise<SearchResult> {
      const page = Math.min(Math.max(options.page ?? 1, 1), MAX_SEARCH_PAGE);
      const limit = Math.min(Math.max(options.limit ?? 20, 1), 100);
      const result: SearchResult = { query: text, items: [], page, limit, hasMore: false, loosened: false };
      const parsed = parseSearchQuery(text);
      let match = toFtsMatch(parsed, 'AND');
      if (!match) return result;

      const offset = (page - 1) * limit;
      let keys = index.rankedKeys(db, match, limit + 1, offset);
      if (keys.length === 0 && parsed.terms.length > 1) {
        match = toFtsMatch(parsed, 'OR') as string;
        keys = index.rankedKeys(db, match, limit + 1, offset);
        result.loosened = true;
      }
      result.hasMore = keys.length > limit;
      keys = keys.slice(0, limit);

      const pks = keys.map((k) => k.pk);
      const found = await papers.byKeys(pks);
      const marks = index.highlightsFor(db, match, pks);
      result.items = keys.flatMap((key) => {
        const paper = found.get(key.pk);
        if (!paper) return [];
        const mark = marks.get(key.pk);
        return [{ paper, score: -key.score, title: mark?.title ?? paper.title, snippet: mark?.snippet ?? '' }];
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
