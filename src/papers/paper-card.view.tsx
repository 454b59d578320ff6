// A paper as a card in a list, dense enough for six to a screen: title, authors and categories as links, two lines of
// abstract, and one line of what people do with it (upvotes, comments, submitted by, its code, why it ranks here).
import { UpvoteButton } from '../community/community.view.tsx';
import { Highlighted } from '../search/highlighted.view.tsx';
import { formatDate } from '../time.ts';
import type { Paper } from './paper.ts';
import { firstSentence } from './paper-text.ts';
import type { CodeLink } from '../code/code.ts';
import { CodeMark } from '../code/code.view.tsx';
import { AuthorLink } from '../authors/author-link.view.tsx';
import { MathText } from './math-text.view.tsx';

const SHOWN_AUTHORS = 4;
const CARD_ABSTRACT_LENGTH = 260;

export function categoryPath(category: string): string {
  return `/categories/${encodeURIComponent(category)}`;
}

export function AuthorLine({ paper, shown = SHOWN_AUTHORS }: { paper: Paper; shown?: number }) {
  if (paper.authors.length === 0) return <p class="authors muted">Authors not recorded</p>;
  const more = paper.authors.length - shown;
  return (
    <p class="authors">
      {paper.authors.slice(0, shown).map((a, i) => (
        <>
          {i > 0 ? ', ' : null}
          <AuthorLink name={a.name} />
        </>
      ))}
      {more > 0 ? <span class="muted"> and {more} more</span> : null}
    </p>
  );
}

export function paperPath(id: string): string {
  return `/papers/${id}`;
}

/** A paper's picture (thumbnails/): its first PDF page, or its title card. Old-style ids keep their slash. */
export function thumbnailPath(id: string): string {
  return `/thumbnails/${id}`;
}

/** The size cards show it at: a third of the 320 × 414 picture, sharp on 2× and 3× screens. */
const CARD_THUMB = { width: 84, height: 109 };

/** What the community adds to a card: the viewer's upvote, who submitted it; and its main repository, when it has code. */
export interface CardCommunity {
  upvoted: boolean;
  submittedBy: string | null;
  code?: CodeLink | null;
  /** Hugging Face's one-line summary of the paper (its ai_summary), when it wrote one. */
  summary?: string | null;
}

export interface PaperCardProps {
  paper: Paper;
  community?: CardCommunity | undefined;
  /** The trending explanation, on lists sorted by trending: in plain words, and the formula behind them. */
  why?: { plain: string; text: string } | undefined;
  /** Search hits marked in the title and an abstract snippet. */
  highlight?: { title: string; snippet: string };
}

export function PaperCard({ paper, highlight, community, why }: PaperCardProps) {
  // Two lines of the abstract; sending the whole of it would triple a feed page's weight.
  // One line: Hugging Face's summary, labelled as its, when known; else the abstract's first sentence.
  const hfSummary = highlight ? null : (community?.summary ?? null);
  const summary = highlight?.snippet || hfSummary || firstSentence(paper.abstract, CARD_ABSTRACT_LENGTH);
  return (
    <article class="card" data-card>
      <div class="card-vote">
        <UpvoteButton paperId={paper.id} upvotes={paper.upvotes} upvoted={community?.upvoted ?? false} />
      </div>
      <div class="card-body">
        <h2 class="card-title">
          <a href={paperPath(paper.id)} data-open>{highlight ? <Highlighted text={highlight.title} /> : <MathText text={paper.title} />}</a>
        </h2>
        <AuthorLine paper={paper} />
        {summary ? (
          <p class="card-abstract">
            {hfSummary ? <span class="source-label" title="A one-line summary written by Hugging Face">HF summary</span> : null}
            {hfSummary ? ' ' : null}
            {highlight ? <Highlighted text={summary} /> : <MathText text={summary} />}
          </p>
        ) : null}
        <footer class="card-meta">
          {/* A count of none is no news: the paper's page has its discussion either way. */}
          {paper.numComments > 0 ? (
            <a href={`${paperPath(paper.id)}#discussion-heading`} class="comments-link">
              {paper.numComments} {paper.numComments === 1 ? 'comment' : 'comments'}
            </a>
          ) : null}
          {community?.submittedBy ? <span>submitted by <a href={`/u/${community.submittedBy}`}>{community.submittedBy}</a></span> : null}
          {paper.categories.slice(0, 2).map((c) => <a class="chip" href={categoryPath(c)}>{c}</a>)}
          {paper.publishedAt ? <time dateTime={paper.publishedAt}>{formatDate(paper.publishedAt)}</time> : null}
          {why ? (
            <details class="why" data-why>
              {/* Not a tab stop on every card: `w` opens the selected card's (app.js), a click or tap any. */}
              <summary tabIndex={-1}><span class="why-label">Why here:</span> {why.plain}</summary>
              <p>{why.text} <a href="/about#trending">How trending works</a></p>
            </details>
          ) : null}
        </footer>
        {community?.code ? <CodeMark link={community.code} /> : null}
      </div>
      {/* The title beside it names the paper: the picture is decoration to a screen reader (and costs a list page few bytes). */}
      <img class="card-thumb" src={thumbnailPath(paper.id)} width={CARD_THUMB.width} height={CARD_THUMB.height} loading="lazy" alt="" />
    </article>
  );
}
