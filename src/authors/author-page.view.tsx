// `/authors/:name`: an author's papers, newest first, and the people they write with.
import { Layout } from '../http/layout.view.tsx';
import { PaperCard, type CardCommunity } from '../papers/paper-card.view.tsx';
import { AuthorLink } from './author-link.view.tsx';
import { AUTHOR_PAPERS, type AuthorPage } from './authors.service.ts';

export function AuthorPageView({ author, cards }: { author: AuthorPage; cards: Map<string, CardCommunity> }) {
  const feed = `/feeds/authors/${encodeURIComponent(author.name)}`;
  const count = author.papers.length;
  return (
    <Layout title={author.name} description={`Papers by ${author.name}`} feeds={{ path: feed, title: `Papers by ${author.name}` }}>
      <header class="feed-header">
        <div>
          <p class="feed-kicker">Author</p>
          <h1>{author.name}</h1>
          <p class="muted">
            {count >= AUTHOR_PAPERS ? `The newest ${AUTHOR_PAPERS} papers` : `${count} ${count === 1 ? 'paper' : 'papers'}`} here, newest first ·{' '}
            <a href={`/search?mode=keyword&q=${encodeURIComponent(`author:"${author.name}"`)}`}>search within them</a> ·{' '}
            <a href={`${feed}.atom`}>Atom feed</a>
          </p>
        </div>
      </header>
      <div class="listing-with-aside">
        <div class="cards">
          {author.papers.map((paper) => <PaperCard paper={paper} community={cards.get(paper.id)} />)}
        </div>
        {author.coAuthors.length > 0 ? (
          <aside class="aside" aria-labelledby="coauthors-heading">
            <h2 id="coauthors-heading">Co-authors</h2>
            <ul class="plain-list compact">
              {author.coAuthors.map((c) => (
                <li>
                  <AuthorLink name={c.name} /> <span class="muted">{c.papers}</span>
                </li>
              ))}
            </ul>
          </aside>
        ) : null}
      </div>
    </Layout>
  );
}
