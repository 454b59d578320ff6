// A listing page: the period's heading and count, links to the neighbouring periods, the cards.
import { PaperCard } from '../papers/paper-card.view.tsx';
import { Layout } from '../web/layout.view.tsx';
import { Pager } from '../web/components/pager.view.tsx';
import type { FeedPage } from './feed.service.ts';
import { periodTitle, type PeriodKind } from './period.ts';

const basePath: Record<PeriodKind, string> = { day: '/date', week: '/week', month: '/month' };
const noun: Record<PeriodKind, string> = { day: 'day', week: 'week', month: 'month' };

export function FeedPageView({ feed, isFront = false }: { feed: FeedPage; isFront?: boolean }) {
  const { period } = feed;
  const title = periodTitle(period);
  const base = basePath[period.kind];
  return (
    <Layout title={isFront ? 'Paperboard' : title} description={`Research papers listed for ${title}`}>
      <header class="feed-header">
        <div>
          <p class="feed-kicker">{isFront ? 'Latest papers' : `Papers of the ${noun[period.kind]}`}</p>
          <h1>{title}</h1>
          <p class="muted">
            {feed.total} {feed.total === 1 ? 'paper' : 'papers'}
          </p>
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
        <div class="cards">
          {feed.items.map((item) => (
            <PaperCard paper={item.paper} />
          ))}
        </div>
      )}
      <Pager
        path={`${base}/${period.key}`}
        params={{}}
        page={feed.page}
        hasMore={feed.page * feed.limit < feed.total}
      />
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
