// The paper page: everything known about one paper, its links and a BibTeX entry to copy.
import type { DiscussionPage } from '../community/comment.ts';
import { Discussion } from '../community/comments.view.tsx';
import type { CodeLink, StarSample } from '../code/code.ts';
import { CodeSection } from '../code/code.view.tsx';
import { UpvoteButton } from '../community/community.view.tsx';
import { PaperModeratorTools } from '../community/moderation.view.tsx';
import { formatDate } from '../time.ts';
import { AuthorLink } from '../authors/author-link.view.tsx';
import { categoryPath, thumbnailPath } from './paper-card.view.tsx';
import { MathText } from './math-text.view.tsx';
import { Layout } from '../http/layout.view.tsx';
import { bibtexFor } from './bibtex.ts';
import { plainMath } from './math-text.ts';
import { excerpt } from './paper-text.ts';
import { paperLinks, type Paper } from './paper.ts';
import type { PaperDetails } from './papers.service.ts';

const reasonLabel: Record<string, string> = {
  imported: 'imported',
  harvested: 'new on arXiv',
  submitted: 'submitted',
  featured: 'featured',
  demo: 'demo',
};

export interface PaperCommunity {
  upvoted: boolean;
  submittedBy: string | null;
  threads: DiscussionPage;
  /** Its repositories, best first, and each one's daily stars of the last weeks (code capability). */
  code: { links: readonly CodeLink[]; history: Map<number, StarSample[]> };
}

/** The thousands as GitHub writes them on its buttons: 950, 1.8k, 12k. */
const compact = (n: number) => (n < 1000 ? String(n) : n < 10_000 ? `${(n / 1000).toFixed(1).replace(/\.0$/, '')}k` : `${Math.round(n / 1000)}k`);

/** "★ GitHub 1.8k" beside PDF and arXiv: the authors' repository first, else the most starred confirmed one. */
function GithubButton({ links }: { links: readonly CodeLink[] }) {
  const github = links.filter((l) => l.repository.host === 'github' && l.confirmed && l.repository.status !== 'gone');
  const main = github.find((l) => l.official) ?? [...github].sort((a, b) => (b.repository.stars ?? 0) - (a.repository.stars ?? 0))[0];
  if (!main) return null;
  const stars = main.repository.stars;
  return (
    <a class="button button-quiet github-button" href={main.repository.url} rel="nofollow noopener" title={`${main.repository.owner}/${main.repository.name} on GitHub`}>
      <span aria-hidden="true">★</span> GitHub{stars !== null ? ` ${compact(stars)}` : ''}
    </a>
  );
}

/** Authors named on the page: a collaboration's thousands are in the JSON, not in a page of megabytes. */
const SHOWN_AUTHORS = 200;

export function PaperPage({ details, community, similar = [], flagged }: { details: PaperDetails; community: PaperCommunity; similar?: Paper[]; flagged?: number | undefined }) {
  const { paper, versions, listings, externalSignals } = details;
  const links = paperLinks(paper.id);
  return (
    <Layout title={plainMath(paper.title)} description={excerpt(plainMath(paper.abstract), 200)} image={thumbnailPath(paper.id)} kind="article">
      <article class="paper paper-with-rail">
        <header class="paper-header">
          <p class="paper-kicker">
            {links.abs ? <span class="paper-id">arXiv:{paper.id}v{paper.version}</span> : <span class="paper-id">{paper.id}</span>}
            {paper.primaryCategory ? <a class="chip" href={categoryPath(paper.primaryCategory)}>{paper.primaryCategory}</a> : null}
            {paper.isDemo ? <span class="chip chip-demo" title="Loaded from the demo set">demo</span> : null}
          </p>
          <h1><MathText text={paper.title} /></h1>
          {paper.authors.length > 0 ? (
            <ul class="author-list" aria-label="Authors">
              {paper.authors.slice(0, SHOWN_AUTHORS).map((a) => (
                <li>
                  <AuthorLink name={a.name} />
                  {a.affiliations?.length ? <span class="muted"> ({a.affiliations.join('; ')})</span> : null}
                </li>
              ))}
              {paper.authors.length > SHOWN_AUTHORS ? (
                <li class="muted">
                  and {(paper.authors.length - SHOWN_AUTHORS).toLocaleString('en')} more (<a href={`/api/papers/${paper.id}`}>all {paper.authors.length.toLocaleString('en')} authors</a>)
                </li>
              ) : null}
            </ul>
          ) : (
            <p class="muted">Authors not recorded</p>
          )}
          <p class="paper-dates muted">
            {paper.publishedAt ? <>Submitted <time dateTime={paper.publishedAt}>{formatDate(paper.publishedAt)}</time></> : null}
            {paper.updatedAt && paper.updatedAt !== paper.publishedAt ? (
              <> · updated <time dateTime={paper.updatedAt}>{formatDate(paper.updatedAt)}</time></>
            ) : null}
          </p>
          <PaperModeratorTools paper={paper} />
          {community.submittedBy ? <p class="muted">Submitted by <a href={`/u/${community.submittedBy}`}>{community.submittedBy}</a></p> : null}
          <div class="paper-actions">
            <UpvoteButton paperId={paper.id} upvotes={paper.upvotes} upvoted={community.upvoted} />
            <a class="button-quiet" href="#discussion-heading">{paper.numComments} {paper.numComments === 1 ? 'comment' : 'comments'}</a>
          </div>
          {links.abs || paper.projectPage || community.code.links.length > 0 ? (
            <p class="paper-links">
              {links.abs ? <a class="button" href={links.pdf ?? undefined}>PDF</a> : null}
              {links.abs ? <a class="button button-quiet" href={links.abs}>arXiv page</a> : null}
              <GithubButton links={community.code.links} />
              {paper.doi ? <a class="button button-quiet" href={`https://doi.org/${paper.doi}`}>DOI</a> : null}
              {paper.projectPage ? <a class="button button-quiet" href={paper.projectPage} rel="nofollow noopener">Project page</a> : null}
            </p>
          ) : null}
        </header>

        <section aria-labelledby="abstract-heading">
          <h2 id="abstract-heading">Abstract</h2>
          <div class="abstract">
            {paper.abstract ? paper.abstract.split('\n\n').map((p) => <p><MathText text={p} /></p>) : <p class="muted">No abstract.</p>}
          </div>
        </section>

        <aside class="paper-rail" aria-label="Code and related papers">
          {paper.hiddenAt ? null : (
            // A hidden paper's picture is not served (it is gone for everyone but the moderators reading this).
            <a class="paper-thumb" href={links.pdf ?? thumbnailPath(paper.id)} tabIndex={-1} aria-hidden="true">
              <img src={thumbnailPath(paper.id)} width={240} height={310} loading="lazy" decoding="async" alt="" />
            </a>
          )}
          <CodeSection paperId={paper.id} links={community.code.links} history={community.code.history} />
          {similar.length > 0 ? (
            <section aria-labelledby="similar-heading">
              <h2 id="similar-heading">Similar papers</h2>
              <ul class="similar">
                {similar.map((s) => (
                  <li>
                    <a href={`/papers/${s.id}`}><MathText text={s.title} /></a>
                    {s.primaryCategory ? <span class="chip">{s.primaryCategory}</span> : null}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </aside>

        <section aria-labelledby="details-heading">
          <h2 id="details-heading">Details</h2>
          <dl class="details">
            {paper.categories.length > 0 ? (<><dt>Categories</dt><dd>{paper.categories.map((c, i) => <>{i > 0 ? ', ' : ''}<a href={categoryPath(c)}>{c}</a></>)}</dd></>) : null}
            {paper.comments ? (<><dt>Comments</dt><dd>{paper.comments}</dd></>) : null}
            {paper.journalRef ? (<><dt>Journal ref</dt><dd>{paper.journalRef}</dd></>) : null}
            {paper.doi ? (<><dt>DOI</dt><dd><a href={`https://doi.org/${paper.doi}`}>{paper.doi}</a></dd></>) : null}
            {versions.length > 0 ? (
              <>
                <dt>Versions</dt>
                <dd>
                  {versions.map((v, i) => (
                    <>
                      {i > 0 ? ', ' : ''}v{v.version}
                      {v.createdAt ? <span class="muted"> ({formatDate(v.createdAt)})</span> : null}
                    </>
                  ))}
                </dd>
              </>
            ) : null}
            {externalSignals.map((signal) => (
              <>
                <dt>{signal.source === 'huggingface' ? 'Hugging Face' : signal.source}</dt>
                <dd>
                  {signal.upvotes} {signal.upvotes === 1 ? 'upvote' : 'upvotes'}
                  {signal.source === 'huggingface' && links.abs ? (
                    <> · <a href={`https://huggingface.co/papers/${paper.id}`}>discussion</a></>
                  ) : null}
                </dd>
              </>
            ))}
            {listings.length > 0 ? (
              <>
                <dt>Listed on</dt>
                <dd>
                  {listings.map((l, i) => (
                    <>
                      {i > 0 ? ', ' : ''}
                      <a href={`/date/${l.day}`}>{formatDate(l.day)}</a> <span class="muted">({reasonLabel[l.reason] ?? l.reason})</span>
                    </>
                  ))}
                </dd>
              </>
            ) : null}
          </dl>
        </section>

        <section aria-labelledby="cite-heading">
          <div class="cite-header">
            <h2 id="cite-heading">Cite</h2>
            <button type="button" class="button button-quiet" data-copy="#bibtex" hidden>Copy BibTeX</button>
          </div>
          <pre class="bibtex" id="bibtex" tabIndex={0}><code>{bibtexFor(paper, { maxAuthors: SHOWN_AUTHORS })}</code></pre>
        </section>

        <Discussion paperId={paper.id} discussion={community.threads} now={new Date()} flagged={flagged} />
      </article>
    </Layout>
  );
}

/** A well-formed arXiv id that is not stored here: what a reader can do next. */
export function PaperNotHerePage({ id }: { id: string }) {
  return (
    <Layout title={`${id} is not here yet`}>
      <section class="error-page">
        <p class="error-status">404</p>
        <h1>arXiv:{id} is not on Paperboard yet</h1>
        <p>No paper with this id is stored here. If arXiv has it, a member can bring it to today's list.</p>
        <p class="paper-links">
          <a class="button" href={`/submit?reference=${encodeURIComponent(id)}`}>Submit it</a>{' '}
          <a class="button button-quiet" href={`https://arxiv.org/abs/${id}`} rel="noopener">Open on arXiv</a>
        </p>
      </section>
    </Layout>
  );
}
