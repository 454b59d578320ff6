// The front page, day / week / month pages, category pages, /trending, and their JSON: daily papers, categories, trending.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { badRequest } from '../errors.ts';
import type { ListedPaper, PapersService } from '../papers/papers.service.ts';
import type { Paper } from '../papers/paper.ts';
import type { CodeService } from '../code/code.service.ts';
import type { CommunityService } from '../community/community.service.ts';
import type { FeedService } from './feed.service.ts';
import type { CatchUpService } from '../ingest/catch-up.service.ts';
import { sendPage } from '../http/render.ts';
import { parseInput, parseQuery } from '../http/validate.ts';
import { AboutPage } from './about.view.tsx';
import { toDailyPaperJson } from './daily-papers.ts';
import { EmptySiteView, FeedPageView, TrendingPageView, type FeaturedPapers } from './feed-page.view.tsx';
import { categoryApiQuery, categoryPageQuery, categoryParams, dailyPapersQuery, feedPageQuery, jumpQuery, trendingQuery } from './feed.schema.ts';
import { isoWeekOf, parsePeriod, type Period, type PeriodKind } from '../time.ts';

const formats: Record<PeriodKind, string> = { day: 'YYYY-MM-DD', week: 'YYYY-Www', month: 'YYYY-MM' };

function periodOrFail(kind: PeriodKind, text: string): Period {
  const period = parsePeriod[kind](text);
  if (!period) throw badRequest(`"${text}" is not a ${kind} (expected ${formats[kind]}).`);
  return period;
}

/** Featured papers heading the front page: a row, not a second listing. */
const FEATURED_SHOWN = 3;

/** The services these routes use (given by app/app.ts). */
export interface FeedRouteServices {
  feed: FeedService;
  community: CommunityService;
  code: CodeService;
  papers: PapersService;
  catchUp: CatchUpService;
}

export function registerFeedRoutes(app: FastifyInstance, { feed, community, code, papers, catchUp }: FeedRouteServices, options: { frontPage: 'trending' | 'stars' | 'day' } = { frontPage: 'day' }): void {
  /** What a listing's cards show beside the paper: votes, submitter, main repository, Hugging Face's summary. */
  const cardsOf = async (request: FastifyRequest, items: ListedPaper[]) => {
    const listed = items.map((i) => i.paper);
    const [cards, summaries] = await Promise.all([community.cardsFor(request.viewer, listed).then((c) => code.withCode(c)), papers.huggingFaceSummaries(listed)]);
    return new Map([...cards].map(([id, card]) => [id, { ...card, summary: summaries.get(id)?.summary ?? null }]));
  };

  /**
   * Items in Hugging Face's shape, with what the capabilities know of each paper: its submitter, its best confirmed
   * GitHub repository and stars (as HF's githubRepo / githubStars), what HF wrote of it.
   */
  const hfItems = async (items: ReadonlyArray<{ paper: Paper; day: string }>) => {
    const listed = items.map((item) => item.paper);
    const [signals, links, summaries] = await Promise.all([community.signalsFor(listed), code.forPapers(listed), papers.huggingFaceSummaries(listed)]);
    return items.map((item) => {
      const github = (links.get(item.paper.id) ?? []).find((l) => l.confirmed && l.repository.host === 'github' && l.repository.status !== 'gone');
      const hf = summaries.get(item.paper.id);
      return toDailyPaperJson(item.paper, item.day, signals.get(item.paper.id), {
        githubRepo: github?.repository.url ?? null, githubStars: github?.repository.stars ?? null, aiSummary: hf?.summary ?? null, aiKeywords: hf?.keywords ?? [],
      });
    });
  };

  /** The papers moderators featured, for the front page's first page; null when none is. */
  const featuredOf = async (request: FastifyRequest): Promise<FeaturedPapers | null> => {
    const featured = await papers.featured(FEATURED_SHOWN);
    if (featured.length === 0) return null;
    const items: ListedPaper[] = featured.map((paper) => ({ paper, day: '', reason: 'featured', listedDay: '' }));
    return { items, cards: await cardsOf(request, items) };
  };

  const listingPage = async (request: FastifyRequest, period: Period, isFront: boolean) => {
    const { p, sort } = parseQuery(request, feedPageQuery);
    const page = await feed.page(period, { page: p, order: sort === 'newest' ? 'publishedAt' : 'trending' });
    const now = new Date();
    const featured = isFront && p === 1 ? await featuredOf(request) : null;
    return <FeedPageView feed={page} cards={await cardsOf(request, page.items)} isFront={isFront} why={(item) => feed.explain(item, now)} catchingUp={isFront ? catchUp.status() : null} featured={featured} />;
  };

  // Listing pages differ between members only in their votes and names: rendered once for all (member-page-cache.ts).
  const sharedByMembers = { config: { sharedByMembers: true } };

  /** /trending, by interest or by the stars of the papers' code; also the front page when FRONT_PAGE says so. */
  const trendingPage = async (request: FastifyRequest, by: 'score' | 'stars', p: number, isFront = false) => {
    const [trending, latestDay] = await Promise.all([feed.trending({ page: p, by }), feed.latestDay()]);
    const now = new Date();
    const why = (item: ListedPaper) => feed.explain(item, now);
    const featured = isFront ? await featuredOf(request) : null;
    return <TrendingPageView trending={trending} cards={await cardsOf(request, trending.items)} why={why} by={by} latestDay={latestDay} catchingUp={catchUp.status()} featured={featured} />;
  };

  // The front page: the latest day (FRONT_PAGE=day, the default), or trending by interest or by stars.
  app.get('/', sharedByMembers, async (request, reply) => {
    const latest = await feed.latestDay();
    if (!latest) return sendPage(reply, <EmptySiteView catchingUp={catchUp.status()} />);
    if (options.frontPage !== 'day') return sendPage(reply, await trendingPage(request, options.frontPage === 'stars' ? 'stars' : 'score', 1, true));
    return sendPage(reply, await listingPage(request, periodOrFail('day', latest), true));
  });

  // The pickers: a date, to the day, the week or the month that holds it (a week page's picker stays on weeks).
  const jumps = { '/date': (day: string) => `/date/${day}`, '/week': (day: string) => `/week/${isoWeekOf(day)}`, '/month': (day: string) => `/month/${day.slice(0, 7)}` };
  for (const [path, target] of Object.entries(jumps)) {
    app.get(path, async (request, reply) => {
      const { d } = parseQuery(request, jumpQuery);
      if (!d) return reply.redirect('/');
      return reply.redirect(target(periodOrFail('day', d).key));
    });
  }

  for (const [kind, path] of [['day', '/date/:key'], ['week', '/week/:key'], ['month', '/month/:key']] as const) {
    app.get<{ Params: { key: string } }>(path, sharedByMembers, async (request, reply) => {
      return sendPage(reply, await listingPage(request, periodOrFail(kind, request.params.key), false));
    });
  }

  app.get('/about', async (_request, reply) => sendPage(reply, <AboutPage weights={feed.weights()} />));

  app.get('/trending', sharedByMembers, async (request, reply) => {
    const { p, by } = parseQuery(request, trendingQuery);
    return sendPage(reply, await trendingPage(request, by, p));
  });

  // The day, week or month a query names (`d` on pages, `date` in the API), or the latest day that has papers.
  const requestedPeriod = async (q: { d?: string | undefined; date?: string | undefined; week?: string | undefined; month?: string | undefined }) => {
    if (q.week) return periodOrFail('week', q.week);
    if (q.month) return periodOrFail('month', q.month);
    const day = q.d ?? q.date ?? (await feed.latestDay());
    return day ? periodOrFail('day', day) : null;
  };

  // A category's day, week or month, by trending or newest.
  app.get('/categories/:cat', sharedByMembers, async (request, reply) => {
    const { cat } = parseInput(categoryParams, request.params);
    const q = parseQuery(request, categoryPageQuery);
    const period = await requestedPeriod(q);
    if (!period) return sendPage(reply, <EmptySiteView />);
    const page = await feed.page(period, { page: q.p, order: q.sort === 'newest' ? 'publishedAt' : 'trending', category: cat });
    const now = new Date();
    return sendPage(reply, <FeedPageView feed={page} cards={await cardsOf(request, page.items)} why={(item) => feed.explain(item, now)} />);
  });

  app.get('/api/categories/:cat', async (request) => {
    const { cat } = parseInput(categoryParams, request.params);
    const q = parseQuery(request, categoryApiQuery);
    const period = await requestedPeriod(q);
    if (!period) return [];
    const page = await feed.page(period, { order: q.sort, page: q.p, limit: q.limit, category: cat });
    return hfItems(page.items);
  });

  app.get('/api/daily_papers', async (request) => {
    const q = parseQuery(request, dailyPapersQuery);
    const period = await requestedPeriod(q);
    if (!period) return [];
    const page = await feed.page(period, { order: q.sort, page: q.p, limit: q.limit });
    return hfItems(page.items);
  });

  app.get('/api/trending', async (request) => {
    const { p, limit, by } = parseQuery(request, trendingQuery);
    const trending = await feed.trending({ page: p, limit, by });
    const items = await hfItems(trending.items);
    const now = new Date();
    return trending.items.map((item, i) => {
      const why = feed.explain(item, now);
      return {
        ...items[i],
        trending: { score: item.paper.trending, points: why.points, listedDay: item.listedDay || null, explanation: why.text, stars: item.paper.codeStars, starsPerDay: item.paper.codeStarsPerDay },
      };
    });
  });
}
