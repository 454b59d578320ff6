// Admin can act: moderators hide and feature papers, admins give roles and block members; each act is checked
// against the actor's role here (whatever called it: a page, the API or the CLI) and written to the moderation log.
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { Member, Role } from '../accounts/account.ts';
import type { Db } from '../db/database.ts';
import { AppError, notFound } from '../errors.ts';
import { parsePaperRef } from '../papers/paper-id.ts';
import type { PapersService } from '../papers/papers.service.ts';
import type { CommentsService } from './comments.service.ts';
import * as communityRepo from './community.repository.ts';
import { mayDo, type Actor, type ModerationAction, type ModerationEntry } from './moderation.ts';
import * as repo from './moderation.repository.ts';

export interface SubmissionEntry {
  paperId: string;
  title: string;
  /** Null when the account is gone. */
  username: string | null;
  day: string;
  createdAt: string;
}

export function createModerationService(deps: { db: Db; papers: PapersService; accounts: AccountsService; comments: CommentsService }) {
  const { db, papers, accounts, comments } = deps;

  function allow(actor: Actor, action: ModerationAction): void {
    if (!mayDo(actor, action)) {
      throw new AppError('forbidden', action.endsWith('paper') ? 'Only moderators and admins hide and feature papers.' : 'Only admins give roles and block members.');
    }
  }

  const record = (actor: Actor, action: ModerationAction, subject: string, note: string | null = null) =>
    repo.insertEntry(db, { actorId: actor?.id ?? null, action, subject, note, now: new Date().toISOString() });

  /** The member an admin acts on: never themselves (an admin who demotes or blocks themselves locks the door). */
  async function otherMember(actor: Actor, reference: string): Promise<Member> {
    const member = await accounts.findMember(reference);
    if (!member) throw notFound(`No member "${reference.trim().slice(0, 100)}" here (give a username or an email address).`);
    if (actor && actor.id === member.id) throw new AppError('forbidden', 'You cannot change your own role or block yourself: ask another admin.');
    return member;
  }

  const paperId = (reference: string) => parsePaperRef(reference)?.id ?? reference.trim();

  return {
    /** Hides a paper (or shows it again); false when it already was so. */
    async hidePaper(actor: Actor, reference: string, hide: boolean, note: string | null = null): Promise<boolean> {
      const action = hide ? 'hide-paper' : 'restore-paper';
      allow(actor, action);
      const changed = hide ? await papers.hide(reference) : await papers.restore(reference);
      if (changed) await record(actor, action, paperId(reference), note);
      return changed;
    },

    /** Features a paper on the front page (or stops); false when nothing changed (already so, or hidden). */
    async featurePaper(actor: Actor, reference: string, featured: boolean): Promise<boolean> {
      const action = featured ? 'feature-paper' : 'unfeature-paper';
      allow(actor, action);
      const changed = await papers.feature(reference, featured);
      if (changed) await record(actor, action, paperId(reference));
      return changed;
    },

    /** Gives a member a role; `changed` is false when they had it already. */
    async setRole(actor: Actor, reference: string, role: Role): Promise<{ member: Member; changed: boolean }> {
      allow(actor, 'set-role');
      const member = await otherMember(actor, reference);
      if (member.role === role) return { member, changed: false };
      await accounts.setRole(member, role);
      await record(actor, 'set-role', member.username, role);
      return { member: { ...member, role }, changed: true };
    },

    /** Blocks a member (sessions end, sign-in refused, their comments hidden) or lifts it; false when already so. */
    async block(actor: Actor, reference: string, blocked: boolean, note: string | null = null): Promise<boolean> {
      allow(actor, blocked ? 'block' : 'unblock');
      const member = await otherMember(actor, reference);
      if (blocked === (member.blockedAt !== null)) return false;
      if (blocked) {
        const at = (await accounts.setBlocked(member, true)) as string;
        await comments.hideAuthor(member.id, at, actor?.id ?? null);
      } else {
        await accounts.setBlocked(member, false);
        await comments.restoreAuthor(member.id, member.blockedAt as string);
      }
      await record(actor, blocked ? 'block' : 'unblock', member.username, note);
      return true;
    },

    async log(limit = 30): Promise<ModerationEntry[]> {
      const entries = await repo.latestEntries(db, limit);
      const names = await accounts.usernames(entries.flatMap((e) => (e.actorId === null ? [] : [e.actorId])));
      return entries.map(({ actorId, ...entry }) => ({ ...entry, actor: actorId === null ? null : (names.get(actorId) ?? null) }));
    },

    /** The latest submissions by anyone, with the paper's title and the member's name. */
    async submissions(limit = 30): Promise<SubmissionEntry[]> {
      const rows = await communityRepo.latestSubmissions(db, limit);
      const ids = await papers.idsOf([...new Set(rows.map((r) => r.paper_pk))]);
      const [titles, names] = await Promise.all([papers.titlesOf([...ids.values()]), accounts.usernames([...new Set(rows.map((r) => r.user_id))])]);
      return rows.map((row) => {
        const id = ids.get(row.paper_pk) ?? '';
        return { paperId: id, title: titles.get(id) ?? id, username: names.get(row.user_id) ?? null, day: row.day, createdAt: row.created_at };
      });
    },
  };
}

export type ModerationService = ReturnType<typeof createModerationService>;
