// The submit page and the upvote button (a plain form; the page script makes it work without a reload).
import { signInPath } from '../http/sign-in-path.ts';
import { CsrfField } from '../http/components/csrf-field.view.tsx';
import { usePageContext } from '../http/page-context.ts';
import { Layout } from '../http/layout.view.tsx';

/** What went wrong with a submission, and where to go from there. */
export interface SubmitProblem {
  message: string;
  /** The paper is stored here already: link it. */
  storedId?: string | undefined;
  /** A well-formed id arXiv does not know (yet): offer it on arXiv. */
  unknownId?: string | undefined;
}

export function SubmitPage({ reference = '', problem, limits }: { reference?: string; problem?: SubmitProblem; limits: { maxAgeDays: number; dailyCap: number } }) {
  return (
    <Layout title="Submit a paper">
      <section class="panel">
        <h1>Submit a paper</h1>
        <p class="muted">
          Bring a paper to today's list: paste its arXiv id or any arXiv link. Papers from the last {limits.maxAgeDays} days;
          up to {limits.dailyCap} a day.
        </p>
        <form class="form" action="/submit" method="post" data-busy="Submitting…">
          <CsrfField />
          <label>
            arXiv id or URL
            <input type="text" name="reference" value={reference} required placeholder="2401.01234 or https://arxiv.org/abs/2401.01234" aria-describedby={problem ? 'submit-problem' : undefined} />
          </label>
          {problem ? (
            <div class="form-error" id="submit-problem" role="alert">
              <p>{problem.message}</p>
              {problem.storedId ? <p><a href={`/papers/${problem.storedId}`}>Open {problem.storedId} here</a></p> : null}
              {problem.unknownId ? (
                <p>
                  <a href={`https://arxiv.org/abs/${problem.unknownId}`} rel="noopener">Open {problem.unknownId} on arXiv</a> — a paper announced in the
                  last hours may not be in arXiv's API yet: submit it again later.
                </p>
              ) : null}
            </div>
          ) : null}
          <p><button type="submit">Submit</button></p>
        </form>
      </section>
    </Layout>
  );
}

/** "1 upvote", "3 upvotes": the vote button's name says what it counts. */
export const upvoteCount = (n: number) => `${n} ${n === 1 ? 'upvote' : 'upvotes'}`;

export function UpvoteButton({ paperId, upvotes, upvoted }: { paperId: string; upvotes: number; upvoted: boolean }) {
  const { viewer, perMember, path } = usePageContext();
  if (perMember) return <>{perMember((member) => <UpvoteButton paperId={paperId} upvotes={upvotes} upvoted={member.upvoted.has(paperId)} />, paperId)}</>;
  if (!viewer) {
    // Back to this page after the mailed link, with the vote counted (accounts/sign-in-intent.ts).
    return (
      <a class="vote" href={signInPath({ action: 'upvote', paperId, next: path })} title="Sign in to upvote this paper" aria-label={`Sign in to upvote, ${upvoteCount(upvotes)}`}>
        <span aria-hidden="true">▲</span> <span class="vote-count">{upvotes}</span>
      </a>
    );
  }
  return (
    <form class="vote-form" action={`/papers/${paperId}/${upvoted ? 'unvote' : 'upvote'}`} method="post" data-vote>
      <CsrfField />
      <button type="submit" class={upvoted ? 'vote voted' : 'vote'} aria-pressed={upvoted ? 'true' : 'false'} title={upvoted ? 'Remove your upvote' : 'Upvote'}
        aria-label={`${upvoted ? 'Upvoted' : 'Upvote'}, ${upvoteCount(upvotes)}`}>
        <span aria-hidden="true">▲</span> <span class="vote-count">{upvotes}</span>
      </button>
    </form>
  );
}
