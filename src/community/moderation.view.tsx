// The moderation queue on /admin: flagged comments still shown, and the latest hidden ones, each with its action.
import { formatDate } from '../feed/period.ts';
import { CsrfField } from '../http/components/csrf-field.view.tsx';
import type { QueuedComment } from './comments.service.ts';
import { commentPath } from './comments.view.tsx';

function Row({ comment, action, label }: { comment: QueuedComment; action: 'hide' | 'restore'; label: string }) {
  return (
    <tr>
      <td><a href={commentPath(comment)}>{comment.paperId}</a></td>
      <td><a href={`/u/${comment.author.username}`}>{comment.author.username}</a></td>
      <td class="queue-body">{comment.body.length > 300 ? `${comment.body.slice(0, 300)}…` : comment.body}</td>
      <td>{comment.flagCount > 0 ? `${comment.flagCount} (${comment.reasons ?? ''})` : ''}</td>
      <td><time dateTime={comment.createdAt}>{formatDate(comment.createdAt)}</time></td>
      <td>
        <form class="inline-form" action={`/comments/${comment.id}/${action}`} method="post">
          <CsrfField />
          <button type="submit" class="button-quiet">{label}</button>
        </form>
      </td>
    </tr>
  );
}

function Table({ comments, action, label }: { comments: QueuedComment[]; action: 'hide' | 'restore'; label: string }) {
  return (
    <div class="table-wrap">
      <table class="data">
        <thead>
          <tr><th scope="col">Paper</th><th scope="col">Author</th><th scope="col">Comment</th><th scope="col">Flags</th><th scope="col">Written</th><th scope="col">Action</th></tr>
        </thead>
        <tbody>
          {comments.map((c) => <Row comment={c} action={action} label={label} />)}
        </tbody>
      </table>
    </div>
  );
}

export function ModerationQueue({ flagged, hidden }: { flagged: QueuedComment[]; hidden: QueuedComment[] }) {
  return (
    <section aria-labelledby="moderation-heading" id="moderation">
      <h2 id="moderation-heading">Moderation queue</h2>
      <h3>Flagged</h3>
      {flagged.length === 0 ? <p class="empty">Nothing is flagged.</p> : <Table comments={flagged} action="hide" label="Hide" />}
      <p class="hint">Restoring a hidden comment, or hiding a flagged one, settles its flags.</p>
      <h3>Hidden</h3>
      {hidden.length === 0 ? <p class="empty">Nothing is hidden.</p> : <Table comments={hidden} action="restore" label="Restore" />}
    </section>
  );
}
