// The search page: the results of a keyword search with hits highlighted, or a prompt to search.
import { PaperCard, type CardCommunity } from '../papers/paper-card.view.tsx';
import { Layout } from '../http/layout.view.tsx';
import { Pager } from '../http/components/pager.view.tsx';
import type { SearchResult } from './search.service.ts';

const modeLabel = { hybrid: 'words and meaning', keyword: 'words', semantic: 'meaning' } as const;

export function SearchPageView({ result, cards }: { result: SearchResult; cards: Map<string, CardCommunity> }) {
  const query = result.query.trim();
  return (
    <Layout
      title={query ? `Search: ${query}` : 'Search'}
      query={result.query}
      feeds={query ? { path: '/feeds/search', query: `?q=${encodeURIComponent(query)}`, title: `Search: ${query}` } : undefined}
    >
      <header class="feed-header">
        <div>
          <p class="feed-kicker">Search</p>
          <h1>{query ? <>Results for “{query}”</> : 'Search papers'}</h1>
          {query ? null : (
            <p class="muted">
              Words must all appear; use "quoted phrases" for exact wording and a trailing * for prefixes (transform*).
            </p>
          )}
        </div>
      </header>
      {query ? (
        <nav class="sort" aria-label="Search mode">
          Search by:{' '}
          {(['hybrid', 'keyword', 'semantic'] as const).map((m, i) => (
            <>
              {i > 0 ? ' · ' : ''}
              {result.mode === m ? <strong aria-current="true">{modeLabel[m]}</strong> : <a href={`/search?q=${encodeURIComponent(query)}&mode=${m}`}>{modeLabel[m]}</a>}
            </>
          ))}
        </nav>
      ) : null}
      {result.loosened && result.items.length > 0 ? (
        <p class="notice">No paper has all of these words; showing papers with any of them.</p>
      ) : null}
      {query && result.items.length === 0 ? <p class="empty">No papers match “{query}”.</p> : null}
      <div class="cards">
        {result.items.map((hit) => (
          <PaperCard paper={hit.paper} community={cards.get(hit.paper.id)} highlight={{ title: hit.title, snippet: hit.snippet }} />
        ))}
      </div>
      <Pager path="/search" params={{ q: result.query, mode: result.mode === 'hybrid' ? undefined : result.mode }} page={result.page} hasMore={result.hasMore} />
    </Layout>
  );
}
