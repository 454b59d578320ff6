// Listing pages: a day, week or month (sortable; all papers, or one category's), /trending (by score, or by code), and
// the front page of an empty site. Every listing has the same bar: Now · Day · Week · Month tabs and a date picker.
import { PaperCard, categoryPath, type CardCommunity } from '../papers/paper-card.view.tsx';
import type { ListedPaper } from '../papers/papers.service.ts';
import { Layout } from '../http/layout.view.tsx';
import { Pager } from '../http/components/pager.view.tsx';
import type { FeedPage, TrendingPage } from './feed.service.ts';
import { isoWeekOf, parsePeriod, periodLabel, periodTitle, today, type PeriodKind } from '../time.ts';

const basePath: Record<PeriodKind, string> = { day: '/date', week: '/week', month: '/month' };
const noun: Record<PeriodKind, string> = { day: 'day', week: 'week', month: 'month' };

export type CardsById = Map<string, CardCommunity>;

/** Why a listed paper ranks where it does (the feed service's words, with this site's weights). */
export type Why = (item: ListedPaper) => { plain: string; text: string };

/** Where a period's listing lives: its own address, or a category's page with the period in the query. */
export function periodPath(kind: PeriodKind, key: string, category: string | null): string {
  return category ? `${categoryPath(category)}?${kind === 'day' ? 'd' : kind}=${key}` : `${basePath[kind]}/${key}`;
}

const labelOf = (kind: PeriodKind, key: string) => {
  const period = parsePeriod[kind](key);
  return period ? periodLabel(period) : key;
};

const keyOf = (kind: PeriodKind, day: string) => (kind === 'day' ? day : kind === 'week' ? isoWeekOf(day) : day.slice(0, 7));

/** Trending · By stars · Day · Week · Month around one day, and a date picker: how a reader moves between the views. */
/** Where a listing's picker goes: a week page's stays on weeks, a month page's on months. */
const jumpAction = { day: '/date', week: '/week', month: '/month' } as const;

function PeriodBar({ current, day, category }: { current: PeriodKind | 'now' | 'stars'; day: string | null; category: string | null }) {
  const latest = today();
  const tab = (kind: PeriodKind | 'now' | 'stars', label: string, href: string | null) =>
    kind === current ? <a href={href ?? '#'} class="tab" aria-current="page">{label}</a> : href ? <a href={href} class="tab">{label}</a> : null;
  return (
    <div class="period-bar">
      <nav class="tabs" aria-label="Period">
        {category ? null : tab('now', 'Trending now', '/trending')}
        {category ? null : tab('stars', 'By GitHub stars', '/trending?by=stars')}
        {day ? (['day', 'week', 'month'] as const).map((kind) => tab(kind, kind === 'day' ? 'Day' : kind === 'week' ? 'Week' : 'Month', periodPath(kind, keyOf(kind, day), category))) : null}
      </nav>
      <form action={category ? categoryPath(category) : jumpAction[current === 'week' || current === 'month' ? current : 'day']} method="get" class="jump">
        <label class="visually-hidden" for="jump-date">{current === 'week' ? 'Go to the week of' : current === 'month' ? 'Go to the month of' : 'Go to date'}</label>
        {/* Nothing is listed after today: the picker neither offers nor pre-fills a later day. */}
        <input id="jump-date" type="date" name="d" value={day ? (day > latest ? latest : day) : ''} max={latest} required />
        <button type="submit" class="button-quiet">Go</button>
      </form>
    </div>
  );
}

/**
 * One line for the whole page when demo papers are on it, instead of a chip on every card. It speaks to readers; the
 * operator's commands are on /admin.
 */
function DemoBanner({ items }: { items: ListedPaper[] }) {
  if (!items.some((item) => item.paper.isDemo)) return null;
  return (
    <p class="demo-banner">
      Demo: papers from a captured trending page, with demo upvotes and star counts, shown until this site brings in its
      own from arXiv and Hugging Face.
    </p>
  );
}

/** While the first-start catch-up runs: what is arriving (the front page fills in within a minute). */
export interface CatchingUp {
  papers: number;
}

export function CatchingUpNote({ status }: { status: CatchingUp | null }) {
  if (!status) return null;
  return (
    <p class="catching-up" role="status">
      Catching up with this week's papers from Hugging Face and arXiv: {status.papers.toLocaleString('en-US')}{' '}
      {status.papers === 1 ? 'paper' : 'papers'} so far.
    </p>
  );
}

/** Papers the moderators featured, heading the front page's first page (they need no "why": people chose them). */
export interface FeaturedPapers {
  items: ListedPaper[];
  cards: CardsById;
}

function Featured({ featured }: { featured: FeaturedPapers | null }) {
  if (!featured || featured.items.length === 0) return null;
  return (
    <section class="featured" aria-labelledby="featured-heading">
      <h2 id="featured-heading">Featured by the moderators</h2>
      <PaperList items={featured.items} cards={featured.cards} why={null} />
    </section>
  );
}

function PaperList({ items, cards, why }: { items: ListedPaper[]; cards: CardsById; why: Why | null }) {
  return (
    <div class="cards">
      {items.map((item) => (
        <PaperCard paper={item.paper} community={cards.get(item.paper.id)} why={why ? why(item) : undefined} />
      ))}
    </div>
  );
}

function SortLinks({ path, sort }: { path: string; sort: 'trending' | 'newest' }) {
  const join = path.includes('?') ? '&' : '?';
  return (
    <nav class="sort" aria-label="Sort">
      Sort:{' '}
      {sort === 'trending' ? <strong aria-current="true">trending</strong> : <a href={path}>trending</a>} ·{' '}
      {sort === 'newest' ? <strong aria-current="true">newest</strong> : <a href={`${path}${join}sort=newest`}>newest</a>}
    </nav>
  );
}

export function FeedPageView({ feed, cards, isFront = false, why, catchingUp = null, featured = null }: { feed: FeedPage; cards: CardsById; isFront?: boolean; why: Why; catchingUp?: CatchingUp | null; featured?: FeaturedPapers | null }) {
  const { period, category } = feed;
  const title = periodTitle(period);
  const path = isFront ? '/' : periodPath(period.kind, period.key, category);
  const sort = feed.order === 'trending' ? 'trending' : 'newest';
  const feeds = category ? null : isFront ? '/feeds/latest' : period.kind === 'day' ? `/feeds/day/${period.key}` : null;
  const heading = category ? `${category}: ${title}` : title;
  const [pathOnly, query = ''] = path.split('?');
  return (
    <Layout
      title={isFront ? 'Paperboard' : heading}
      description={`Research papers listed for ${title}`}
      feeds={feeds ? { path: feeds, title: `Papers of ${title}` } : undefined}
    >
      <header class="feed-header">
        <div>
          <p class="feed-kicker">{category ? `Category ${category}` : isFront ? 'Latest papers' : `Papers of the ${noun[period.kind]}`}</p>
          <h1>{heading}</h1>
          <div class="feed-facts">
            <p class="muted">
              {feed.total} {feed.total === 1 ? 'paper' : 'papers'}
              {category ? <> · <a href={`/search?mode=keyword&q=${encodeURIComponent(`cat:${category}`)}`}>every paper in {category}</a></> : null}
            </p>
            <SortLinks path={path} sort={sort} />
          </div>
        </div>
        <nav class="period-nav" aria-label={`Other ${noun[period.kind]}s`}>
          {feed.previous ? <a rel="prev" href={periodPath(period.kind, feed.previous, category)}>← {labelOf(period.kind, feed.previous)}</a> : null}
          {feed.next ? <a rel="next" href={periodPath(period.kind, feed.next, category)}>{labelOf(period.kind, feed.next)} →</a> : null}
        </nav>
      </header>
      <PeriodBar current={period.kind} day={period.kind === 'day' ? period.key : period.to} category={category} />
      <CatchingUpNote status={catchingUp} />
      <DemoBanner items={feed.items} />
      <Featured featured={featured} />
      {feed.items.length === 0 ? (
        <p class="empty">No papers are listed for this {noun[period.kind]}{category ? ` in ${category}` : ''}.</p>
      ) : (
        <PaperList items={feed.items} cards={cards} why={sort === 'trending' ? why : null} />
      )}
      <Pager
        path={pathOnly as string}
        params={{ ...Object.fromEntries(new URLSearchParams(query)), sort: sort === 'newest' ? 'newest' : undefined }}
        page={feed.page}
        hasMore={feed.page * feed.limit < feed.total}
      />
    </Layout>
  );
}

export function TrendingPageView({ trending, cards, why, by, latestDay, catchingUp = null, featured = null }: { trending: TrendingPage; cards: CardsById; why: Why; by: 'score' | 'stars'; latestDay: string | null; catchingUp?: CatchingUp | null; featured?: FeaturedPapers | null }) {
  const byCode = by === 'stars';
  return (
    <Layout
      title={byCode ? 'Trending by code' : 'Trending papers'}
      description={byCode ? 'Papers whose code is gaining stars fastest' : 'The papers this community is upvoting and discussing now'}
      feeds={byCode ? { path: '/feeds/trending-code', title: 'Trending by code' } : { path: '/feeds/trending', title: 'Trending papers' }}
    >
      <header class="feed-header">
        <div>
          <p class="feed-kicker">Trending</p>
          <h1>{byCode ? 'Trending by code' : 'Trending papers'}</h1>
          <p class="muted">
            {byCode
              ? 'Papers whose repositories gained the most stars a day this week.'
              : 'Upvotes here, Hugging Face upvotes and the growth of their code, weighed against age: one doubling of interest is worth one day.'}{' '}
            <a href="/about#trending">How it works</a>
          </p>
        </div>
      </header>
      <PeriodBar current={byCode ? 'stars' : 'now'} day={latestDay} category={null} />
      <CatchingUpNote status={catchingUp} />
      <DemoBanner items={trending.items} />
      <Featured featured={featured} />
      {trending.items.length === 0 ? (
        <p class="empty">{byCode ? 'No paper has code with stars yet.' : 'No papers are listed yet.'}</p>
      ) : (
        <PaperList items={trending.items} cards={cards} why={byCode ? null : why} />
      )}
      <Pager path="/trending" params={{ by: byCode ? 'stars' : undefined }} page={trending.page} hasMore={trending.hasMore} />
    </Layout>
  );
}

export function EmptySiteView({ catchingUp = null }: { catchingUp?: CatchingUp | null }) {
  return (
    <Layout title="Paperboard">
      <section class="empty-site">
        <h1>{catchingUp ? 'Fetching the first papers' : 'No papers yet'}</h1>
        {catchingUp ? (
          <CatchingUpNote status={catchingUp} />
        ) : (
          <p>No papers are stored here yet. They arrive each day from arXiv and Hugging Face; the site's admin finds how to bring them sooner on the admin page.</p>
        )}
      </section>
    </Layout>
  );
}
