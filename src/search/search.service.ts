// Search in every mode: keyword (the ranking runs on search workers, keyword-pool.service.ts), by meaning, and the
// two blended; hits are marked for highlighting. Queries the language refuses (too many filters, a date that is no
// date) are a 400 that says why.
import type { KeywordIndexer } from './keyword-indexer.service.ts';
import type { TitleMatch } from './keyword-ranking.service.ts';
import { badRequest } from '../errors.ts';
import type { Paper, PaperRef } from '../papers/paper.ts';
import type { PapersService } from '../papers/papers.service.ts';
import { markText, snippet, wordMatcher } from './highlight.ts';
import type { KeywordRanker } from './keyword-pool.service.ts';
import { hasFilters, MAX_SEARCH_PAGE, parseSearchQuery, semanticText, type ParsedQuery, type SearchMode } from './query.ts';
import { matchesFilters } from './filters.ts';
import { blendScores } from './fusion.ts';
import type { SemanticService } from './semantic.service.ts';
import { didYouMean } from './spelling.ts';
import { createVocabulary } from './vocabulary.service.ts';

export interface SearchHit {
  paper: Paper;
  /** BM25 relevance as FTS5 computes it, higher is better (see docs/search.md). */
  score: number;
  /** Title and abstract snippet with hits marked (see highlight.ts). */
  title: string;
  snippet: string;
  /** Near in meaning without every word: listed after the papers that have them, under a heading of its own. */
  related: boolean;
}

/** How many of each list's best are blended. */
const FUSED_DEPTH = 100;
/** A query this long is a pasted abstract: searched by meaning alone in hybrid mode. */
const LONG_QUERY_WORDS = 25;
/** Neighbours asked for when filters will discard some: filters narrower than this depth find fewer papers by meaning. */
const FILTERED_DEPTH = 1000;

export interface SearchResult {
  query: string;
  /** The mode that answered: semantic and hybrid fall back to keyword until a model is fitted. */
  mode: SearchMode;
  items: SearchHit[];
  page: number;
  limit: number;
  hasMore: boolean;
  /** True when no paper had every word, and the results are papers with any of them. */
  loosened: boolean;
  /** True when more papers matched than are ranked, and the newest MAX_RANKED_CANDIDATES were ranked. */
  bounded: boolean;
  /**
   * Papers that hold the words, counted among the ranked candidates (so exact up to the bound; `bounded`: more); null
   * when words played no part (search by meaning alone).
   */
  matches: number | null;
  /** The query with its unknown words corrected from the corpus's vocabulary, when one was; null otherwise. */
  didYouMean: string | null;
  /** Set when nothing matched the words as typed and these are the results of `didYouMean`: what was typed. */
  correctedFrom: string | null;
}

export interface SearchOptions {
  mode?: SearchMode;
  page?: number;
  limit?: number;
  /** False: search the words as typed, never the corrected ones ("Search instead for …"). */
  correct?: boolean;
}

/** The query parsed, or a 400 naming what is wrong with it. */
function parseOrRefuse(text: string): ParsedQuery {
  const parsed = parseSearchQuery(text);
  if (parsed.problems.length > 0) throw badRequest(parsed.problems.join(' '));
  return parsed;
}

/**
 * The papers with every word, in the blend of both rankings (the blend reads the first FUSED_DEPTH; the rest keep
 * their keyword order), then those only near in meaning: a page never mixes the two, and the count of the first is
 * the count the page states.
 */
function exactThenRelated(exact: ReadonlyArray<{ pk: number; score: number }>, near: ReadonlyArray<{ pk: number; similarity: number }>) {
  const isExact = new Set(exact.map((hit) => hit.pk));
  const nearScores = near.filter((n) => isExact.has(n.pk)).map((n) => ({ pk: n.pk, score: n.similarity }));
  const blended = blendScores(exact.slice(0, FUSED_DEPTH), nearScores).filter((hit) => isExact.has(hit.pk));
  const placed = new Set(blended.map((hit) => hit.pk));
  return [
    ...blended.map((hit) => ({ ...hit, related: false })),
    ...exact.filter((hit) => !placed.has(hit.pk)).map((hit) => ({ pk: hit.pk, score: 0, related: false })),
    ...near.filter((n) => !isExact.has(n.pk)).map((n) => ({ pk: n.pk, score: n.similarity, related: true })),
  ];
}

export function createSearchService(papers: PapersService, semantic: SemanticService, ranker: KeywordRanker, indexer: KeywordIndexer) {
  const vocabulary = createVocabulary(papers);
  /**
   * The papers nearest in meaning that pass the query's filters. The index knows no filters, so with any it is asked
   * for more neighbours and the papers are checked one by one (matchesFilters: the same rules as the SQL).
   */
  async function nearest(meaning: string, parsed: ParsedQuery, k: number): Promise<Array<{ pk: number; similarity: number }> | null> {
    if (!hasFilters(parsed)) return semantic.nearText(meaning, k);
    const candidates = await semantic.nearText(meaning, FILTERED_DEPTH);
    if (!candidates) return null;
    const found = await papers.byKeys(candidates.map((c) => c.pk));
    return candidates.filter((c) => {
      const paper = found.get(c.pk);
      return paper !== undefined && matchesFilters(paper, parsed);
    }).slice(0, k);
  }

  async function keywordOnly(text: string, options: SearchOptions = {}): Promise<SearchResult> {
    const page = Math.min(Math.max(options.page ?? 1, 1), MAX_SEARCH_PAGE);
    const limit = Math.min(Math.max(options.limit ?? 20, 1), 100);
    const result: SearchResult = { query: text, mode: 'keyword', items: [], page, limit, hasMore: false, loosened: false, bounded: false, matches: 0, didYouMean: null, correctedFrom: null };
    const parsed = parseOrRefuse(text);
    const ranked = await ranker.rank(parsed);
    result.loosened = ranked.loosened;
    const offset = (page - 1) * limit;
    const hits = ranked.hits.slice(offset, offset + limit);
    result.bounded = ranked.bounded;
    result.matches = ranked.loosened ? 0 : ranked.hits.length;
    result.hasMore = ranked.hits.length > offset + limit;

    const found = await papers.byKeys(hits.map((hit) => hit.pk));
    const isHit = wordMatcher(parsed.terms);
    result.items = hits.flatMap((hit) => {
      const paper = found.get(hit.pk);
      if (!paper) return [];
      // Loosened: papers with some of the words, not all: related, as the page says first.
      return [{ paper, score: hit.score, title: markText(paper.title, isHit), snippet: snippet(paper.abstract, isHit), related: ranked.loosened }];
    });
    return result;
  }

  /**
   * Search in a mode, the words as typed. Semantic: nearest papers in the embedding space. Hybrid (the default): the
   * papers with every word first, in the blend of both rankings (fusion.ts), then the papers only near in meaning; or
   * the semantic ranking alone for a pasted abstract.
   */
  async function searchAsTyped(text: string, options: SearchOptions = {}): Promise<SearchResult> {
    const mode = options.mode ?? 'hybrid';
    const parsed = parseOrRefuse(text);
    const meaning = semanticText(parsed);
    // Without a fitted model, or with nothing but filters to go by, words are all there is.
    if (mode === 'keyword' || !(await semantic.ready()) || !meaning.trim()) return keywordOnly(text, options);
    const page = Math.min(Math.max(options.page ?? 1, 1), MAX_SEARCH_PAGE);
    const limit = Math.min(Math.max(options.limit ?? 20, 1), 100);
    const long = text.trim().split(/\s+/).length > LONG_QUERY_WORDS;
    const near = await nearest(meaning, parsed, Math.max(FUSED_DEPTH, page * limit + 1));
    // Words the model does not know (too rare, or in most papers) carry no meaning to search by.
    if (!near) return keywordOnly(text, options);
    let ranked: Array<{ pk: number; score: number; related: boolean }>;
    let used: SearchMode = 'semantic';
    let matches: number | null = null;
    let bounded = false;
    if (mode === 'semantic' || long) {
      ranked = near.map((n) => ({ pk: n.pk, score: n.similarity, related: false }));
    } else {
      used = 'hybrid';
      const keyword = await ranker.rank(parsed);
      bounded = keyword.bounded;
      if (keyword.loosened) {
        // No paper has every word: those with some of them and those near in meaning, blended, all "related".
        matches = 0;
        const blended = blendScores(keyword.hits.slice(0, FUSED_DEPTH), near.slice(0, FUSED_DEPTH).map((n) => ({ pk: n.pk, score: n.similarity })));
        ranked = blended.map((hit) => ({ ...hit, related: true }));
      } else {
        matches = keyword.hits.length;
        ranked = exactThenRelated(keyword.hits, near.slice(0, FUSED_DEPTH));
      }
    }
    const offset = (page - 1) * limit;
    const slice = ranked.slice(offset, offset + limit);
    const found = await papers.byKeys(slice.map((hit) => hit.pk));
    const isHit = wordMatcher(parsed.terms);
    return {
      query: text, mode: used, page, limit, hasMore: ranked.length > offset + limit, loosened: false, bounded, matches, didYouMean: null, correctedFrom: null,
      items: slice.flatMap((hit) => {
        const paper = found.get(hit.pk);
        return paper ? [{ paper, score: hit.score, title: markText(paper.title, isHit), snippet: snippet(paper.abstract, isHit), related: hit.related }] : [];
      }),
    };
  }

  /**
   * When no paper has every word as typed: the query with its unknown words corrected from the corpus's vocabulary
   * (within one edit), searched instead when that finds papers with every word; offered as "did you mean" otherwise.
   */
  async function withCorrection(text: string, options: SearchOptions, run: (text: string, options: SearchOptions) => Promise<SearchResult>): Promise<SearchResult> {
    const typed = await run(text, options);
    if (typed.matches !== 0 || text.trim().split(/\s+/).length > LONG_QUERY_WORDS) return typed;
    const corrected = didYouMean(text, await vocabulary.frequencies());
    if (!corrected) return typed;
    if (options.correct === false) return { ...typed, didYouMean: corrected };
    const fixed = await run(corrected, options);
    if ((fixed.matches ?? 0) > 0) return { ...fixed, didYouMean: corrected, correctedFrom: text };
    return { ...typed, didYouMean: corrected };
  }

  return {
    /** Keyword search (BM25), with "did you mean". */
    keyword(text: string, options: SearchOptions = {}): Promise<SearchResult> {
      return withCorrection(text, options, keywordOnly);
    },

    /** Search in a mode (hybrid by default), with "did you mean". */
    search(text: string, options: SearchOptions = {}): Promise<SearchResult> {
      return withCorrection(text, options, searchAsTyped);
    },

    /**
     * Papers whose author list holds `name` as a phrase, newest first among the newest 500 matches (the ranking's
     * candidate bound): what an author's page lists. The caller keeps those where the name is a whole author.
     */
    async byAuthor(name: string, limit = 100): Promise<Paper[]> {
      const words = name.replace(/["*:()]/g, ' ').trim();
      if (!words) return [];
      const parsed = parseSearchQuery(`author:"${words}"`);
      if (parsed.problems.length > 0 || parsed.authors.length === 0) return [];
      const ranked = await ranker.rank(parsed);
      const found = await papers.byKeys(ranked.hits.map((hit) => hit.pk));
      return [...found.values()].sort((a, b) => (b.publishedAt ?? '').localeCompare(a.publishedAt ?? '')).slice(0, limit);
    },

    /**
     * Titles for the search box as someone types: the newest papers whose title has every word, the last one as a
     * prefix. Cheap by design (one FTS5 walk, no ranking): it runs on every keystroke.
     */
    async suggest(text: string, limit = 8): Promise<Array<{ id: string; title: string }>> {
      const parsed = parseSearchQuery(text.endsWith(' ') ? text : `${text}*`);
      const last = parsed.terms.at(-1);
      if (!last || (last.prefix && (last.words.at(-1)?.length ?? 0) < 3)) return [];
      return (await ranker.titles(parsed, limit)).map(({ id, title }) => ({ id, title }));
    },

    /**
     * The newest papers whose title holds every word of `title` (20 at most): what a reference by title alone (the
     * Papers with Code archive) is matched against; the caller compares the titles themselves.
     */
    async withTitleWords(title: string): Promise<TitleMatch[]> {
      const words = (title.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 16);
      if (words.length === 0) return [];
      return ranker.titles(parseSearchQuery(words.map((w) => `"${w}"`).join(' ')), 20);
    },

    /** The papers nearest in meaning to a stored one, most similar first; empty until a model is fitted. */
    async similar(paper: PaperRef, limit = 10): Promise<Array<{ paper: Paper; similarity: number }>> {
      const near = await semantic.nearPaper(paper.pk, limit);
      const found = await papers.byKeys(near.map((n) => n.pk));
      return near.flatMap((n) => {
        const paper = found.get(n.pk);
        return paper ? [{ paper, similarity: n.similarity }] : [];
      });
    },

    /** Papers in the keyword index, from the index's own running total (no table scan). */
    async indexedPapers(): Promise<number> {
      return indexer.indexedPapers();
    },

    /** Builds the keyword index anew from every stored paper (on SQLite, and merges it into one segment). */
    reindex(): Promise<void> {
      return indexer.rebuild();
    },

    /** Fits the semantic model anew, embeds every paper and rebuilds the vector index. */
    refitSemantic(progress?: (message: string) => void) {
      return semantic.refit(progress);
    },

    /** Embeds papers that arrived since the last run (the scheduler calls it). */
    embedNew(): Promise<number> {
      return semantic.embedNew();
    },

    /** Stops the search workers and saves the vector index if a save is owed (a server shutting down, a test's end). */
    async close(): Promise<void> {
      await semantic.close();
      await ranker.close();
    },

    /** What `serve` loads before it listens: the semantic model and index, and the keyword search workers. */
    async warm(): Promise<void> {
      await Promise.all([semantic.warm(), ranker.warm()]);
    },

    semanticStatus() {
      return semantic.status();
    },

    /** Loads the embedder the configuration names; throws, saying what to do, when it cannot be loaded. */
    checkEmbedder(): Promise<void> {
      return semantic.checkEmbedder();
    },
  };
}

export type SearchService = ReturnType<typeof createSearchService>;
