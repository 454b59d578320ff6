// The search page: the results of a keyword search with hits highlighted, or a prompt to search.
import { PaperCard, type CardCommunity } from '../papers/paper-card.view.tsx';
import { Layout } from '../http/layout.view.tsx';
import { Pager } from '../http/components/pager.view.tsx';
import type { SearchResult } from './search.service.ts';

const modeLabel = { hybrid: 'words and meaning', keyword: 'words', semantic: 'meaning' } as const;

/** A query this long is a pasted text (an abstract): shown folded, searched by meaning unless words are chosen. */
const PASTED_WORDS = 25;

/** What the query language can do, each a link that tries it. */
function SyntaxHelp() {
  const examples = [
    ['"exact phrase"', '"diffusion model"'], ['-word', 'transformer -vision'], ['author:', 'author:"Yann LeCun"'], ['cat:', 'cat:cs.LG'],
    ['after: / before:', 'after:2024-01 before:2025'], ['has:code', 'has:code'], ['prefix*', 'quantiz*'],
  ] as const;
  return (
    <p class="syntax-help muted">
      Search with:{' '}
      {examples.map(([label, example], i) => (
        <>
          {i > 0 ? ' · ' : ''}
          <a href={`/search?mode=keyword&q=${encodeURIComponent(example)}`} title={`Try ${example}`}><code>{label}</code></a>
        </>
      ))}
    </p>
  );
}

/** "20 papers", "more than 500 papers", or nothing when words played no part. */
function countLine(result: SearchResult): string | null {
  if (result.matches === null) return null;
  if (result.matches === 0) return null;
  const n = result.matches.toLocaleString('en');
  return result.bounded ? `More than ${n} papers have these words` : `${n} ${result.matches === 1 ? 'paper has' : 'papers have'} these words`;
}

/** Paging keeps what the first page searched: the corrected words go on being searched as they are. */
const spellParam = (result: SearchResult) => (result.correctedFrom !== null ? 'off' : undefined);

/** "Showing results for pretraining. Search instead for pretrainnig", or "Did you mean pretraining?". */
function Correction({ result }: { result: SearchResult }) {
  if (!result.didYouMean) return null;
  const link = (q: string, spell?: 'off') => `/search?q=${encodeURIComponent(q)}${result.mode !== 'hybrid' ? `&mode=${result.mode}` : ''}${spell ? '&spell=off' : ''}`;
  return result.correctedFrom !== null ? (
    <p class="notice" role="status">
      Showing results for <strong>{result.didYouMean}</strong>: no paper has “{result.correctedFrom}”.{' '}
      <a href={link(result.correctedFrom, 'off')}>Search instead for “{result.correctedFrom}”</a>
    </p>
  ) : (
    <p class="notice" role="status">Did you mean <a href={link(result.didYouMean)}>{result.didYouMean}</a>?</p>
  );
}

export function SearchPageView({ result, cards }: { result: SearchResult; cards: Map<string, CardCommunity> }) {
  const query = result.query.trim();
  const words = query ? query.split(/\s+/).length : 0;
  const pasted = words > PASTED_WORDS;
  const count = countLine(result);
  // Nothing had the words: said first, before papers that are only near in meaning (or have some of the words).
  const noExactMatch = query !== '' && result.items.length > 0 && (result.loosened || (result.mode === 'hybrid' && result.matches === 0));
  return (
    <Layout
      title={query ? `Search: ${pasted ? `${query.slice(0, 60)}…` : query}` : 'Search'}
      query={pasted ? '' : result.query}
      feeds={query && !pasted ? { path: '/feeds/search', query: `?q=${encodeURIComponent(query)}`, title: `Search: ${query}` } : undefined}
    >
      <header class="feed-header">
        <div>
          <p class="feed-kicker">Search</p>
          {pasted ? (
            <>
              <h1>Papers similar to your text</h1>
              <details class="pasted">
                <summary>Your text ({words} words)</summary>
                <p>{query}</p>
              </details>
            </>
          ) : (
            <h1>{query ? <>Results for “{query}”</> : 'Search papers'}</h1>
          )}
          {count ? <p class="muted">{count}</p> : null}
        </div>
      </header>
      <SyntaxHelp />
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
      {noExactMatch ? (
        <p class="notice" role="status">
          No paper has all of these words. {result.loosened ? 'These have some of them:' : 'These are the nearest in meaning:'}
        </p>
      ) : null}
      <Correction result={result} />
      {query && result.items.length === 0 ? <p class="empty">No papers match “{pasted ? `${query.slice(0, 80)}…` : query}”.</p> : null}
      <div class="cards">
        {result.items.map((hit, i) => (
          <>
            {/* Papers related by meaning follow the exact matches under their own heading, never mixed in. */}
            {hit.related && !noExactMatch && (i === 0 || !result.items[i - 1]?.related) ? (
              <h2 class="cards-heading">Related by meaning{result.matches ? '' : ' (no paper has every word)'}</h2>
            ) : null}
            <PaperCard paper={hit.paper} community={cards.get(hit.paper.id)} highlight={{ title: hit.title, snippet: hit.snippet }} />
          </>
        ))}
      </div>
      <Pager path="/search" params={{ q: result.query, mode: result.mode === 'hybrid' ? undefined : result.mode, spell: spellParam(result) }} page={result.page} hasMore={result.hasMore} />
    </Layout>
  );
}
