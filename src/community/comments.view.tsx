// The discussion under a paper: threads, the forms to comment, reply, flag and moderate, and the edit page.
import { signInPath } from '../http/sign-in-path.ts';
import { formatDate } from '../time.ts';
import { CsrfField } from '../http/components/csrf-field.view.tsx';
import { Pager } from '../http/components/pager.view.tsx';
import { Layout } from '../http/layout.view.tsx';
import { usePageContext } from '../http/page-context.ts';
import {
  MAX_COMMENT_LENGTH,
  canDelete,
  canEdit,
  canModerate,
  flagReasons,
  shownText,
  visibleThreads,
  type Comment,
  type DiscussionPage,
} from './comment.ts';
import { renderCommentMarkdown } from './markdown.ts';

export function commentPath(comment: Pick<Comment, 'id' | 'paperId'>): string {
  return `/papers/${comment.paperId}#comment-${comment.id}`;
}

/** The only place user-written text becomes HTML: markdown-it with raw HTML off (see markdown.ts). */
export function CommentBody({ body }: { body: string }) {
  return <div class="comment-body" dangerouslySetInnerHTML={{ __html: renderCommentMarkdown(body) }} />;
}

function CommentForm({ paperId, parentId, body = '', label }: { paperId: string; parentId?: number; body?: string; label: string }) {
  return (
    <form class="form comment-form" action={`/papers/${paperId}/comments`} method="post">
      <CsrfField />
      {parentId ? <input type="hidden" name="parentId" value={String(parentId)} /> : null}
      <label>
        <span class="visually-hidden">{label}</span>
        <textarea name="body" rows={parentId ? 3 : 4} required maxLength={MAX_COMMENT_LENGTH} placeholder={label} value={body} />
      </label>
      <p class="hint">Markdown: *emphasis*, `code`, &gt; quotes, lists, links, and math as $x^2$ or $$\sum_i x_i$$.</p>
      <p><button type="submit">{parentId ? 'Reply' : 'Comment'}</button></p>
    </form>
  );
}

function PostButton({ action, label, quiet = true }: { action: string; label: string; quiet?: boolean }) {
  return (
    <form class="inline-form" action={action} method="post">
      <CsrfField />
      <button type="submit" class={quiet ? 'link-button' : 'button-quiet'}>{label}</button>
    </form>
  );
}

function CommentView({ comment, now, replyTo, flagged }: { comment: Comment; now: Date; replyTo?: number; flagged?: number | undefined }) {
  const { viewer } = usePageContext();
  const shown = shownText(comment, viewer);
  const removed = comment.deletedAt !== null || comment.hiddenAt !== null;
  return (
    <article class={removed ? 'comment comment-removed' : 'comment'} id={`comment-${comment.id}`}>
      <p class="comment-byline">
        {removed && !shown.body ? (
          <span class="muted">{shown.note}</span>
        ) : (
          <>
            <a href={`/u/${comment.author.username}`} class="comment-author">{comment.author.displayName}</a>{' '}
            <span class="muted">@{comment.author.username}</span> ·{' '}
            <a class="muted" href={`#comment-${comment.id}`}><time dateTime={comment.createdAt}>{formatDate(comment.createdAt)}</time></a>
            {comment.editedAt ? <span class="muted"> · edited</span> : null}
            {shown.note ? <span class="chip chip-warn"> {shown.note}</span> : null}
            {/* Moderators see what readers flagged, where it is. */}
            {viewer && canModerate(viewer) && comment.flagCount > 0 && !comment.hiddenAt ? (
              <span class="chip chip-warn" title="Flagged by readers: hide it, or leave it">{comment.flagCount} {comment.flagCount === 1 ? 'flag' : 'flags'}</span>
            ) : null}
          </>
        )}
      </p>
      {shown.body ? <CommentBody body={shown.body} /> : null}
      {flagged === comment.id ? <p class="notice" role="status">Thank you: the moderators will look at this comment.</p> : null}
      {viewer && !removed ? (
        <div class="comment-actions">
          {replyTo ? (
            <details class="reply">
              <summary>Reply</summary>
              <CommentForm paperId={comment.paperId} parentId={replyTo} label={`Reply to ${comment.author.displayName}`} />
            </details>
          ) : null}
          {canEdit(comment, viewer, now) ? <a href={`/comments/${comment.id}/edit`}>Edit</a> : null}
          {canDelete(comment, viewer) ? <PostButton action={`/comments/${comment.id}/delete`} label="Delete" /> : null}
          {viewer.id !== comment.author.id ? (
            <details class="flag">
              <summary>Flag</summary>
              <form class="inline-form" action={`/comments/${comment.id}/flag`} method="post">
                <CsrfField />
                <label>
                  Why? <select name="reason">{flagReasons.map((r) => <option value={r}>{r}</option>)}</select>
                </label>{' '}
                <button type="submit" class="button-quiet">Flag for moderators</button>
              </form>
            </details>
          ) : null}
          {canModerate(viewer) ? <PostButton action={`/comments/${comment.id}/hide`} label="Hide" /> : null}
        </div>
      ) : null}
      {canModerate(viewer) && comment.hiddenAt && !comment.deletedAt ? (
        <div class="comment-actions"><PostButton action={`/comments/${comment.id}/restore`} label="Restore" /></div>
      ) : null}
    </article>
  );
}

export function Discussion({ paperId, discussion, now, flagged }: { paperId: string; discussion: DiscussionPage; now: Date; flagged?: number | undefined }) {
  const { viewer, perMember } = usePageContext();
  // Who may edit, delete, flag or see what differs from member to member: drawn for each.
  if (perMember) return <>{perMember(() => <Discussion paperId={paperId} discussion={discussion} now={now} flagged={flagged} />)}</>;
  const shown = visibleThreads(discussion.threads, viewer);
  const pager = (
    <Pager path={`/papers/${paperId}`} params={{}} page={discussion.page} pages={discussion.pages} hasMore={discussion.page < discussion.pages} hash="#discussion-heading" />
  );
  return (
    <section aria-labelledby="discussion-heading" class="discussion">
      <h2 id="discussion-heading">Discussion</h2>
      {shown.length === 0 ? <p class="muted">No comments yet.</p> : null}
      {pager}
      {shown.map((thread) => (
        <div class="thread">
          {thread.continued ? <p class="muted">Continued from the previous page:</p> : null}
          <CommentView comment={thread.comment} now={now} replyTo={thread.comment.id} flagged={flagged} />
          {thread.replies.length > 0 ? (
            <div class="replies">
              {thread.replies.map((reply) => <CommentView comment={reply} now={now} replyTo={thread.comment.id} flagged={flagged} />)}
            </div>
          ) : null}
        </div>
      ))}
      {pager}
      {viewer ? (
        <CommentForm paperId={paperId} label="Add a comment" />
      ) : (
        <p><a href={signInPath({ action: 'comment', paperId, next: `/papers/${paperId}#discussion-heading` })}>Sign in to comment</a></p>
      )}
    </section>
  );
}

/** Editing a comment, or fixing one the server refused (the text is kept). */
export function CommentFormPage(props: { title: string; action: string; paperId: string; body: string; parentId?: number | null; error?: string }) {
  return (
    <Layout title={props.title}>
      <section class="panel">
        <h1>{props.title}</h1>
        <p><a href={`/papers/${props.paperId}`}>← back to the paper</a></p>
        <form class="form comment-form" action={props.action} method="post">
          <CsrfField />
          {props.parentId ? <input type="hidden" name="parentId" value={String(props.parentId)} /> : null}
          <label>
            Comment
            <textarea name="body" rows={6} required maxLength={MAX_COMMENT_LENGTH} value={props.body} />
          </label>
          {props.error ? <p class="form-error" role="alert">{props.error}</p> : null}
          <p><button type="submit">Save</button></p>
        </form>
      </section>
    </Layout>
  );
}
