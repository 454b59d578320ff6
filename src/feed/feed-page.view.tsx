// Listing pages: a day, week or month (sortable), /trending (by score, or by code), and the front page of an empty site.
import { PaperCard, type CardCommunity } from '../papers/paper-card.view.tsx';
import type { ListedPaper } from '../papers/papers.service.ts';
import { Layout } from '../http/layout.view.tsx';
import { Pager } from '../http/components/pager.view.tsx';
import type { FeedPage, TrendingPage } from './feed.service.ts';
import { periodTitle, type PeriodKind } from './period.ts';

const basePath: Record<PeriodKind, string> = { day: '/date', week: '/week', month: '/month' };
const noun: Record<PeriodKind, string> = { day: 'day', week: 'week', month: 'month' };

export type CardsById = Map<string, CardCommunity>;

/** Why a listed paper ranks where it does (the feed service's words, with this site's weights). */
export type Why = (item: ListedPaper) => string;

/** Cards, each saying why it ranks where it does when the list is sorted by trending. */
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
  return (
    <nav class="sort" aria-label="Sort">
      Sort:{' '}
      {sort === 'trending' ? <strong aria-current="true">trending</strong> : <a href={path}>trending</a>} ·{' '}
      {sort === 'newest' ? <strong aria-current="true">newest</strong> : <a href={`${path}?sort=newest`}>newest</a>}
    </nav>
  );
}

export function FeedPageView({ feed, cards, isFront = false, why }: { feed: FeedPage; cards: CardsById; isFront?: boolean; why: Why }) {
  const { period } = feed;
  const title = periodTitle(period);
  const base = basePath[period.kind];
  const path = isFront ? '/' : `${base}/${period.key}`;
  const sort = feed.order === 'trending' ? 'trending' : 'newest';
  const feeds = isFront ? '/feeds/latest' : period.kind === 'day' ? `/feeds/day/${period.key}` : null;
  return (
    <Layout
      title={isFront ? 'Paperboard' : title}
      description={`Research papers listed for ${title}`}
      feeds={feeds ? { path: feeds, title: `Papers of ${title}` } : undefined}
    >
      <header class="feed-header">
        <div>
          <p class="feed-kicker">{isFront ? 'Latest papers' : `Papers of the ${noun[period.kind]}`}</p>
          <h1>{title}</h1>
          <p class="muted">
            {feed.total} {feed.total === 1 ? 'paper' : 'papers'}
          </p>
          <SortLinks path={path} sort={sort} />
        </div>
        <nav class="period-nav" aria-label={`Other ${noun[period.kind]}s`}>
          {feed.previous ? <a rel="prev" href={`${base}/${feed.previous}`}>← {feed.previous}</a> : null}
          {feed.next ? <a rel="next" href={`${base}/${feed.next}`}>{feed.next} →</a> : null}
          {period.kind === 'day' ? (
            <form action="/date" method="get" class="jump">
              <label class="visually-hidden" for="jump-date">Go to date</label>
              <input id="jump-date" type="date" name="d" value={period.key} />
              <button type="submit" class="button-quiet">Go</button>
            </form>
          ) : null}
        </nav>
      </header>
      {feed.items.length === 0 ? (
        <p class="empty">No papers are listed for this {noun[period.kind]}.</p>
      ) : (
        <PaperList items={feed.items} cards={cards} why={sort === 'trending' ? why : null} />
      )}
      <Pager path={path} params={{ sort: sort === 'newest' ? 'newest' : undefined }} page={feed.page} hasMore={feed.page * feed.limit < feed.total} />
    </Layout>
  );
}

export function TrendingPageView({ trending, cards, why, by }: { trending: TrendingPage; cards: CardsById; why: Why; by: 'score' | 'stars' }) {
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
          <nav class="sort" aria-label="Trending by">
            {byCode ? <a href="/trending">by interest</a> : <strong aria-current="true">by interest</strong>} ·{' '}
            {byCode ? <strong aria-current="true">by code</strong> : <a href="/trending?by=stars">by code</a>}
          </nav>
        </div>
      </header>
      {trending.items.length === 0 ? (
        <p class="empty">{byCode ? 'No paper has code with stars yet.' : 'No papers are listed yet.'}</p>
      ) : (
        <PaperList items={trending.items} cards={cards} why={byCode ? null : why} />
      )}
      <Pager path="/trending" params={{ by: byCode ? 'stars' : undefined }} page={trending.page} hasMore={trending.hasMore} />
    </Layout>
  );
}

export function EmptySiteView() {
  return (
    <Layout title="Paperboard">
      <section class="empty-site">
        <h1>No papers yet</h1>
        <p>This Paperboard has no papers. Import the arXiv metadata snapshot or a JSONL file of papers:</p>
        <pre><code>npx paperboard import arxiv-metadata-oai-snapshot.json</code></pre>
      </section>
    </Layout>
  );
}
