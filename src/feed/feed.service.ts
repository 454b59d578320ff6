// The daily, weekly and monthly listings as pages: which papers, how many, and where to go next.
import { DEFAULT_TRENDING_WEIGHTS, explainTrending, type TrendingExplanation, type TrendingInputs, type TrendingWeights } from '../papers/trending.ts';
import type { ListedPaper, ListingOrder, PapersService } from '../papers/papers.service.ts';
import { versionedCache } from '../versioned-cache.ts';
import { isoWeekOf, type Period } from '../time.ts';

export interface FeedPage {
  period: Period;
  order: ListingOrder;
  items: ListedPaper[];
  total: number;
  page: number;
  limit: number;
  /** The nearest earlier and later periods that have papers, as URL keys. */
  previous: string | null;
  next: string | null;
  /** The one category shown, on a category's page. */
  category: string | null;
}

function keyOfDay(kind: Period['kind'], day: string | null): string | null {
  if (!day) return null;
  if (kind === 'day') return day;
  return kind === 'week' ? isoWeekOf(day) : day.slice(0, 7);
}

export interface TrendingPage {
  items: ListedPaper[];
  page: number;
  limit: number;
  hasMore: boolean;
}

/** A listed paper's trending inputs, as its stored counters hold them. */
export function trendingInputsOf(item: ListedPaper): TrendingInputs {
  const p = item.paper;
  return { upvotes: p.upvotes, commenters: p.commenters, hfUpvotes: p.hfUpvotes, starsPerDay: p.codeStarsPerDay, listedDay: item.listedDay || null, demo: p.isDemo };
}

const pageSize = (limit: number | undefined) => Math.min(Math.max(limit ?? 30, 1), 100);

export function createFeedService(papers: PapersService, dataVersion: () => string, weights: TrendingWeights = DEFAULT_TRENDING_WEIGHTS) {
  // Listings are the same for every reader until the data changes: a member's page only adds their vote state.
  const remember = versionedCache(dataVersion);

  async function loadPage(period: Period, options: { order?: ListingOrder; page: number; limit: number; category?: string | undefined }): Promise<FeedPage> {
    const { page, limit } = options;
    const [listed, neighbours] = await Promise.all([
      papers.list(period, { order: options.order ?? 'trending', limit, offset: (page - 1) * limit, category: options.category }),
      papers.neighbours(period),
    ]);
    return {
      period,
      order: options.order ?? 'trending',
      items: listed.items,
      total: listed.total,
      page,
      limit,
      previous: keyOfDay(period.kind, neighbours.previous),
      next: keyOfDay(period.kind, neighbours.next),
      category: options.category ?? null,
    };
  }

  return {
    /** What the signals from elsewhere weigh here (TRENDING_HF_WEIGHT, TRENDING_STARS_WEIGHT), for /about. */
    weights: (): TrendingWeights => ({ ...weights }),

    /** Why a listed paper ranks where it does: each signal and its share (docs/ranking.md), with this site's weights. */
    explain(item: ListedPaper, now: Date): TrendingExplanation {
      return explainTrending(trendingInputsOf(item), now, weights);
    },

    /** Every listed paper by its stored trending score (papers/trending.ts), or by its code's star growth, highest first. */
    async trending(options: { page?: number; limit?: number; by?: 'score' | 'stars' } = {}): Promise<TrendingPage> {
      const limit = pageSize(options.limit);
      const page = Math.max(options.page ?? 1, 1);
      const by = options.by ?? 'score';
      return remember(`trending:${by}:${page}:${limit}`, async () => {
        const { items, hasMore } = await papers.trending({ limit, offset: (page - 1) * limit, by });
        return { items, page, limit, hasMore };
      });
    },

    /** The latest day that has papers: what the front page shows. */
    latestDay(): Promise<string | null> {
      return remember('latest-day', () => papers.latestDay());
    },

    /** A day's, week's or month's papers (of one category, with `category`: a day or a week only, see papers.list). */
    async page(period: Period, options: { order?: ListingOrder; page?: number; limit?: number; category?: string } = {}): Promise<FeedPage> {
      const limit = pageSize(options.limit);
      const page = Math.max(options.page ?? 1, 1);
      const key = `page:${period.kind}:${period.key}:${options.order ?? 'trending'}:${page}:${limit}:${options.category ?? ''}`;
      return remember(key, () => loadPage(period, { ...options, page, limit }));
    },

  };
}

export type FeedService = ReturnType<typeof createFeedService>;

