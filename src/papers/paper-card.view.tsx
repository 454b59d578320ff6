// A paper as a card in a list: title, authors, a few lines of abstract, id, category and date.
import { UpvoteButton } from '../community/community.view.tsx';
import { Highlighted } from '../search/highlighted.view.tsx';
import { formatDate } from '../feed/period.ts';
import type { Paper } from './paper.ts';
import { excerpt } from './paper-text.ts';
import type { CodeLink } from '../code/code.ts';
import { CodeMark } from '../code/code.view.tsx';

const SHOWN_AUTHORS = 6;
const CARD_ABSTRACT_LENGTH = 360;

export function AuthorLine({ paper }: { paper: Paper }) {
  if (paper.authors.length === 0) return <p class="authors muted">Authors not recorded</p>;
  const shown = paper.authors.slice(0, SHOWN_AUTHORS).map((a) => a.name).join(', ');
  const more = paper.authors.length - SHOWN_AUTHORS;
  return (
    <p class="authors">
      {shown}
      {more > 0 ? <span class="muted"> and {more} more</span> : null}
    </p>
  );
}

export function paperPath(id: string): string {
  return `/papers/${id}`;
}

/** What the community adds to a card: the viewer's upvote, who submitted it; and its main repository, when it has code. */
export interface CardCommunity {
  upvoted: boolean;
  submittedBy: string | null;
  code?: CodeLink | null;
}

export interface PaperCardProps {
  paper: Paper;
  community?: CardCommunity | undefined;
  /** The trending explanation, on lists sorted by trending. */
  why?: string | undefined;
  /** Search hits marked in the title and an abstract snippet. */
  highlight?: { title: string; snippet: string };
}

export function PaperCard({ paper, highlight, community, why }: PaperCardProps) {
  // Cards show three lines of the abstract; sending the whole of it would triple a feed page's weight.
  const summary = highlight?.snippet || excerpt(paper.abstract, CARD_ABSTRACT_LENGTH);
  return (
    <article class="card">
      <div class="card-vote">
        <UpvoteButton paperId={paper.id} upvotes={paper.upvotes} upvoted={community?.upvoted ?? false} />
      </div>
      <h2 class="card-title">
        <a href={paperPath(paper.id)}>{highlight ? <Highlighted text={highlight.title} /> : paper.title}</a>
      </h2>
      <AuthorLine paper={paper} />
      {summary ? (
        <p class="card-abstract">{highlight ? <Highlighted text={summary} /> : summary}</p>
      ) : null}
      <footer class="card-meta">
        <a href={`${paperPath(paper.id)}#discussion-heading`} class="comments-link">
          {paper.numComments} {paper.numComments === 1 ? 'comment' : 'comments'}
        </a>
        {community?.submittedBy ? <span>submitted by <a href={`/u/${community.submittedBy}`}>{community.submittedBy}</a></span> : null}
        {paper.id.startsWith('local-') ? null : <span class="paper-id">arXiv:{paper.id}</span>}
        {paper.primaryCategory ? <span class="chip">{paper.primaryCategory}</span> : null}
        {paper.publishedAt ? <time dateTime={paper.publishedAt}>{formatDate(paper.publishedAt)}</time> : null}
        {paper.isDemo ? <span class="chip chip-demo" title="Loaded from the demo set">demo</span> : null}
      </footer>
      {community?.code ? <CodeMark link={community.code} /> : null}
      {why ? (
        <details class="why">
          <summary>Why here?</summary>
          <p>{why} <a href="/about#trending">How trending works</a></p>
        </details>
      ) : null}
    </article>
  );
}
