// What moderators see on /admin: the comment queue (flagged comments still shown, the latest hidden ones), papers to
// feature or hide, members (admins), and the logs of submissions and of moderation.
import { formatDate } from '../time.ts';
import { CsrfField } from '../http/components/csrf-field.view.tsx';
import type { QueuedComment } from './comments.service.ts';
import { commentPath } from './comments.view.tsx';
import { isModerator, roles, type Member } from '../accounts/account.ts';
import { usePageContext } from '../http/page-context.ts';
import type { Paper } from '../papers/paper.ts';
import { MathText } from '../papers/math-text.view.tsx';
import { describeAction, type ModerationAction, type ModerationEntry } from './moderation.ts';
import type { SubmissionEntry } from './moderation.service.ts';

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
      <h3>Flagged comments</h3>
      {flagged.length === 0 ? <p class="empty">Nothing is flagged.</p> : <Table comments={flagged} action="hide" label="Hide" />}
      <p class="hint">Restoring a hidden comment, or hiding a flagged one, settles its flags.</p>
      <h3>Hidden comments</h3>
      {hidden.length === 0 ? <p class="empty">No comment is hidden.</p> : <Table comments={hidden} action="restore" label="Restore" />}
    </section>
  );
}

/** What a moderator or admin acts on, shown on /admin: papers, members and the logs of both. */
export interface ModerationOverview {
  featured: Paper[];
  hidden: Paper[];
  log: ModerationEntry[];
  submissions: SubmissionEntry[];
  /** Admins only: members (newest first, or those matching the search), and the viewer's own id (no acting on oneself). */
  members: { query: string; list: Member[]; self: number } | null;
}

const when = (iso: string) => <time dateTime={iso}>{iso.replace('T', ' ').slice(0, 16)}</time>;

/** A one-button form for a paper (hide, restore, feature, unfeature): back to the page it is on. */
export function PaperActionButton({ paperId, action, label, quiet = true }: { paperId: string; action: 'hide' | 'restore' | 'feature' | 'unfeature'; label: string; quiet?: boolean }) {
  return (
    <form class="inline-form" action="/admin/papers" method="post">
      <CsrfField />
      <input type="hidden" name="paper" value={paperId} />
      <input type="hidden" name="action" value={action} />
      <button type="submit" class={quiet ? 'button-quiet' : undefined}>{label}</button>
    </form>
  );
}

function PapersTable({ papers, action, label, dateOf }: { papers: Paper[]; action: 'restore' | 'unfeature'; label: string; dateOf: (p: Paper) => string | null }) {
  return (
    <div class="table-wrap">
      <table class="data">
        <thead><tr><th scope="col">Paper</th><th scope="col">Since</th><th scope="col">Action</th></tr></thead>
        <tbody>
          {papers.map((paper) => {
            const at = dateOf(paper);
            return (
              <tr>
                <td><a href={`/papers/${paper.id}`}><MathText text={paper.title} /></a> <span class="muted">{paper.id}</span></td>
                <td>{at ? when(at) : ''}</td>
                <td><PaperActionButton paperId={paper.id} action={action} label={label} /></td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function PaperModeration({ featured, hidden }: { featured: Paper[]; hidden: Paper[] }) {
  return (
    <section aria-labelledby="moderate-papers-heading" id="moderate-papers">
      <h2 id="moderate-papers-heading">Papers: feature or hide</h2>
      <form class="admin-form" action="/admin/papers" method="post">
        <CsrfField />
        <label>Paper <input type="text" name="paper" required maxLength={300} placeholder="2401.01234 or an arXiv URL" /></label>
        <label>Action
          <select name="action">
            <option value="feature">Feature on the front page</option>
            <option value="unfeature">Stop featuring</option>
            <option value="hide">Hide everywhere</option>
            <option value="restore">Restore (show again)</option>
          </select>
        </label>
        <label>Note <input type="text" name="note" maxLength={500} placeholder="why (kept in the log)" /></label>
        <button type="submit">Apply</button>
      </form>
      <p class="hint">A hidden paper leaves listings, search, feeds, digests and the API; it stays stored, and moderators can still open its page to restore it.</p>
      <h3>Featured papers</h3>
      {featured.length === 0 ? <p class="empty">No paper is featured. Featured papers head the front page.</p> : <PapersTable papers={featured} action="unfeature" label="Stop featuring" dateOf={(p) => p.featuredAt} />}
      <h3>Hidden papers</h3>
      {hidden.length === 0 ? <p class="empty">No paper is hidden.</p> : <PapersTable papers={hidden} action="restore" label="Restore" dateOf={(p) => p.hiddenAt} />}
    </section>
  );
}

function MemberRow({ member, self }: { member: Member; self: boolean }) {
  return (
    <tr>
      <td><a href={`/u/${member.username}`}>{member.username}</a></td>
      <td>{member.email}</td>
      <td>
        {self ? member.role : (
          <form class="inline-form admin-inline" action="/admin/members" method="post">
            <CsrfField />
            <input type="hidden" name="member" value={member.username} />
            <input type="hidden" name="action" value="role" />
            <label class="visually-hidden" for={`role-${member.id}`}>Role of {member.username}</label>
            <select name="role" id={`role-${member.id}`}>
              {roles.map((role) => <option value={role} selected={role === member.role}>{role}</option>)}
            </select>{' '}
            <button type="submit" class="button-quiet">Set</button>
          </form>
        )}
      </td>
      <td>{when(member.createdAt)}</td>
      <td>
        {self ? 'you' : (
          <form class="inline-form" action="/admin/members" method="post">
            <CsrfField />
            <input type="hidden" name="member" value={member.username} />
            <input type="hidden" name="action" value={member.blockedAt ? 'unblock' : 'block'} />
            {member.blockedAt ? <>Blocked {when(member.blockedAt)} </> : null}
            <button type="submit" class="button-quiet">{member.blockedAt ? 'Unblock' : 'Block'}</button>
          </form>
        )}
      </td>
    </tr>
  );
}

function MembersSection({ members }: { members: NonNullable<ModerationOverview['members']> }) {
  return (
    <section aria-labelledby="members-heading" id="members">
      <h2 id="members-heading">Members</h2>
      <form class="admin-form" action="/admin#members" method="get" role="search">
        <label>Find a member <input type="search" name="member" value={members.query} maxLength={254} placeholder="username or email" /></label>
        <button type="submit" class="button-quiet">Find</button>
      </form>
      <p class="hint">Blocking ends the member's sessions, refuses their sign-in and API tokens, and hides their comments; unblocking shows those comments again.</p>
      {members.list.length === 0 ? <p class="empty">No member matches.</p> : (
        <div class="table-wrap">
          <table class="data">
            <thead><tr><th scope="col">Username</th><th scope="col">Email</th><th scope="col">Role</th><th scope="col">Joined</th><th scope="col">Block</th></tr></thead>
            <tbody>{members.list.map((member) => <MemberRow member={member} self={member.id === members.self} />)}</tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function SubmissionsLog({ submissions }: { submissions: SubmissionEntry[] }) {
  return (
    <section aria-labelledby="submissions-heading" id="submissions">
      <h2 id="submissions-heading">Submissions</h2>
      {submissions.length === 0 ? <p class="empty">No member has submitted a paper yet.</p> : (
        <div class="table-wrap">
          <table class="data">
            <thead><tr><th scope="col">When</th><th scope="col">Member</th><th scope="col">Paper</th><th scope="col">Listed on</th></tr></thead>
            <tbody>
              {submissions.map((s) => (
                <tr>
                  <td>{when(s.createdAt)}</td>
                  <td>{s.username ? <a href={`/u/${s.username}`}>{s.username}</a> : 'a removed account'}</td>
                  <td><a href={`/papers/${s.paperId}`}><MathText text={s.title} /></a></td>
                  <td>{s.day}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function ModerationLog({ log }: { log: ModerationEntry[] }) {
  return (
    <section aria-labelledby="log-heading" id="log">
      <h2 id="log-heading">Moderation log</h2>
      {log.length === 0 ? <p class="empty">Nothing has been done yet.</p> : (
        <ul class="log">
          {log.map((entry) => (
            <li>
              {when(entry.createdAt)} · <strong>{entry.actor ?? 'the command line'}</strong> {describeAction(entry.action, entry.subject, entry.note)}
              {entry.note && entry.action !== 'set-role' ? <span class="muted"> — {entry.note}</span> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Said back at the top of /admin after a form: what was done, or that nothing had to change. */
export function ModerationNotice({ said, unchanged }: { said: { action: ModerationAction; subject: string } | null; unchanged: string | null }) {
  if (said) {
    // The log says which role ("made ada moderator"); the link back carries only who, so the notice says just that.
    const done = said.action === 'set-role' ? `changed the role of ${said.subject}` : describeAction(said.action, said.subject, null);
    return <p class="notice" role="status">Done: you {done}.</p>;
  }
  if (unchanged) return <p class="notice" role="status">Nothing to change: {unchanged} already was so.</p>;
  return null;
}

export function ModerationSections({ overview }: { overview: ModerationOverview }) {
  return (
    <>
      <PaperModeration featured={overview.featured} hidden={overview.hidden} />
      {overview.members ? <MembersSection members={overview.members} /> : null}
      <SubmissionsLog submissions={overview.submissions} />
      <ModerationLog log={overview.log} />
    </>
  );
}

/**
 * A paper page's moderator tools (feature, hide; restore on a hidden paper): nothing for anyone else. Drawn for each
 * member (the page is shared by members but for such holes).
 */
export function PaperModeratorTools({ paper }: { paper: Pick<Paper, 'id' | 'hiddenAt' | 'featuredAt'> }) {
  const { viewer, perMember } = usePageContext();
  if (perMember) return <>{perMember(() => <PaperModeratorTools paper={paper} />)}</>;
  if (!isModerator(viewer)) return null;
  if (paper.hiddenAt) {
    return (
      <p class="hidden-banner" role="status">
        Hidden by the moderators since {when(paper.hiddenAt)}: only moderators see this page; listings, search, feeds and the API leave it out.{' '}
        <PaperActionButton paperId={paper.id} action="restore" label="Restore" quiet={false} />
      </p>
    );
  }
  return (
    <div class="moderator-tools" aria-label="Moderator tools" role="group">
      <span class="muted">Moderator:</span>
      {paper.featuredAt
        ? <PaperActionButton paperId={paper.id} action="unfeature" label="Stop featuring" />
        : <PaperActionButton paperId={paper.id} action="feature" label="Feature on the front page" />}
      <PaperActionButton paperId={paper.id} action="hide" label="Hide paper" />
    </div>
  );
}
