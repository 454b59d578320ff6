// `/u/:name`: who a member is, the papers they brought, what they upvoted (if they show it), what they said.
import { MathText } from '../papers/math-text.view.tsx';
import type { User } from '../accounts/account.ts';
import { formatDate } from '../time.ts';
import { PaperCard, type CardCommunity } from '../papers/paper-card.view.tsx';
import type { Paper } from '../papers/paper.ts';
import { Pager } from '../http/components/pager.view.tsx';
import { Layout } from '../http/layout.view.tsx';
import { usePageContext } from '../http/page-context.ts';
import type { Comment } from './comment.ts';
import { CommentBody, commentPath } from './comments.view.tsx';

export interface ProfileProps {
  member: User;
  submissions: { items: Array<{ paper: Paper; day: string }>; hasMore: boolean; page: number };
  /** null when the member keeps their upvotes to themselves. */
  upvotes: Paper[] | null;
  comments: Comment[];
  /** The titles of the papers the comments are on. */
  titles: Map<string, string>;
  cards: Map<string, CardCommunity>;
}

export function ProfilePage({ member, submissions, upvotes, comments, titles, cards }: ProfileProps) {
  const { viewer } = usePageContext();
  const own = viewer?.id === member.id;
  return (
    <Layout title={`${member.displayName} (@${member.username})`} feeds={{ path: `/feeds/u/${member.username}`, title: `Papers submitted by ${member.username}` }}>
      <header class="feed-header">
        <div>
          <p class="feed-kicker">Member{member.role !== 'user' ? ` · ${member.role}` : ''}</p>
          <h1>{member.displayName}</h1>
          <p class="muted">@{member.username} · joined {formatDate(member.createdAt)}</p>
          {own ? <p><a href="/account">Edit your profile</a></p> : null}
        </div>
      </header>
      <section aria-labelledby="submitted-heading">
        <h2 id="submitted-heading">Submitted papers</h2>
        {submissions.items.length === 0 ? <p class="empty">No submissions yet.</p> : null}
        <div class="cards">
          {submissions.items.map(({ paper }) => <PaperCard paper={paper} community={cards.get(paper.id)} />)}
        </div>
        <Pager path={`/u/${member.username}`} params={{}} page={submissions.page} hasMore={submissions.hasMore} />
      </section>
      <section aria-labelledby="upvoted-heading">
        <h2 id="upvoted-heading">Upvoted papers</h2>
        {upvotes === null ? (
          <p class="muted">{own ? 'Only you see them: show them to others from your account page.' : `${member.displayName} keeps their upvotes private.`}</p>
        ) : upvotes.length === 0 ? (
          <p class="empty">No upvotes yet.</p>
        ) : (
          <div class="cards">{upvotes.map((paper) => <PaperCard paper={paper} community={cards.get(paper.id)} />)}</div>
        )}
      </section>
      <section aria-labelledby="comments-heading">
        <h2 id="comments-heading">Recent comments</h2>
        {comments.length === 0 ? <p class="empty">No comments yet.</p> : null}
        <ul class="plain-list">
          {comments.map((c) => (
            <li>
              <a href={commentPath(c)}>on “<MathText text={titles.get(c.paperId) ?? c.paperId} />”</a> <span class="muted">· {formatDate(c.createdAt)}</span>
              <CommentBody body={c.body.length > 600 ? `${c.body.slice(0, 600)}…` : c.body} />
            </li>
          ))}
        </ul>
      </section>
    </Layout>
  );
}
