// Discussion under papers: comments and one level of replies, edits, deletions, flags and moderation.
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { Person, User } from '../accounts/account.ts';
import type { Db } from '../db/database.ts';
import { AppError, badRequest, notFound } from '../errors.ts';
import { parseArxivId } from '../papers/paper-id.ts';
import type { PapersService } from '../papers/papers.service.ts';
import type { PaperRef } from '../papers/paper.ts';
import {
  EDIT_WINDOW_MINUTES,
  canDelete,
  canEdit,
  canModerate,
  commentBodySchema,
  flagReasons,
  type Comment,
  COMMENTS_PER_PAGE,
  type CommentThread,
  type DiscussionPage,
  type FlagReason,
} from './comment.ts';
import * as repo from './comments.repository.ts';

export interface QueuedComment extends Comment {
  reasons: string | null;
}

function validBody(input: string): string {
  const parsed = commentBodySchema.safeParse(input);
  if (!parsed.success) throw badRequest(parsed.error.issues[0]?.message ?? 'write a comment first');
  return parsed.data;
}

export function createCommentsService(deps: { db: Db; papers: PapersService; accounts: AccountsService }) {
  const { db, papers, accounts } = deps;

  async function paperKey(paperId: string): Promise<number> {
    const pk = await papers.keyOf(parseArxivId(paperId)?.id ?? paperId);
    if (pk === null) throw notFound(`No paper with the id "${paperId}" is stored here.`);
    return pk;
  }

  async function stored(id: number) {
    const row = await repo.findComment(db, id);
    if (!row) throw notFound(`There is no comment ${id}.`);
    return row;
  }

  /** Rows as comments: their authors from accounts, their papers' ids from papers. */
  async function withAuthors<T extends repo.CommentRow>(rows: T[]): Promise<Array<{ row: T; comment: Comment }>> {
    const people = await accounts.people([...new Set(rows.map((r) => r.user_id))]);
    const paperIds = await papers.idsOf([...new Set(rows.map((r) => r.paper_pk))]);
    const unknown: Person = { id: 0, username: 'unknown', displayName: 'unknown' };
    return rows.map((row) => ({
      row,
      comment: {
        id: row.id,
        paperId: paperIds.get(row.paper_pk) ?? '',
        author: people.get(row.user_id) ?? unknown,
        parentId: row.parent_id,
        body: row.body,
        createdAt: row.created_at,
        editedAt: row.edited_at,
        deletedAt: row.deleted_at,
        hiddenAt: row.hidden_at,
        flagCount: row.flag_count,
      },
    }));
  }

  async function one(id: number): Promise<Comment> {
    const [found] = await withAuthors([await stored(id)]);
    return (found as { comment: Comment }).comment;
  }

  /** Keeps the paper's comment counters (and so its trending score) in step; inside the change's transaction. */
  async function recount(paperPk: number): Promise<void> {
    await papers.setCommentCounts(paperPk, await repo.countVisible(db, paperPk));
  }

  return {
    /**
     * A page of a paper's discussion as threads, oldest first, COMMENTS_PER_PAGE comments a page (placeholders are
     * decided by the view's rules). A page that starts inside a thread shows the thread's first comment again.
     */
    async threads({ pk }: PaperRef, page = 1): Promise<DiscussionPage> {
      const total = await repo.countCommentsOfPaper(db, pk);
      const pages = Math.max(1, Math.ceil(total / COMMENTS_PER_PAGE));
      const current = Math.min(Math.max(1, page), pages);
      const rows = await repo.commentsOfPaper(db, pk, { offset: (current - 1) * COMMENTS_PER_PAGE, limit: COMMENTS_PER_PAGE });
      const first = rows[0];
      const continued = first?.parent_id != null ? await repo.findComment(db, first.parent_id) : undefined;
      const comments = (await withAuthors(continued ? [continued, ...rows] : rows)).map((c) => c.comment);
      const threads = new Map<number, CommentThread>();
      for (const c of comments) if (c.parentId === null) threads.set(c.id, { comment: c, replies: [], ...(c.id === continued?.id ? { continued: true } : {}) });
      for (const c of comments) if (c.parentId !== null) threads.get(c.parentId)?.replies.push(c);
      return { threads: [...threads.values()], page: current, pages, total };
    },

    /**
     * A comment to edit: only its author's own, while it is visible and young enough. Anyone else — and the author once
     * it is deleted, hidden or too old — gets a 403 and never its text (ids are sequential: any id can be asked).
     */
    async forEditing(user: User, id: number, now: Date = new Date()): Promise<Comment> {
      const comment = await one(id);
      if (!canEdit(comment, user, now)) {
        throw new AppError('forbidden', `Comments can be edited by their author for ${EDIT_WINDOW_MINUTES} minutes after posting.`);
      }
      return comment;
    },

    /** The paper a comment is on (where forms about it go back to); its text is not read. */
    async paperOf(id: number): Promise<string> {
      return (await one(id)).paperId;
    },

    /** A comment, or a reply; a reply to a reply joins its thread (replies are one level deep). */
    async add(user: User, input: { paperId: string; body: string; parentId?: number | null }, now: Date = new Date()): Promise<Comment> {
      const body = validBody(input.body);
      const pk = await paperKey(input.paperId);
      let parentId: number | null = null;
      if (input.parentId) {
        const parent = await repo.findComment(db, input.parentId);
        if (!parent || parent.paper_pk !== pk) throw badRequest('That reply answers a comment that is not on this paper.');
        if (parent.deleted_at) throw badRequest('That comment was deleted; it takes no more replies.');
        parentId = parent.parent_id ?? parent.id;
      }
      const id = await db.transaction(async () => {
        const inserted = await repo.insertComment(db, { paperPk: pk, userId: user.id, parentId, body, now: now.toISOString() });
        await recount(pk);
        return inserted;
      });
      return one(id);
    },

    async edit(user: User, id: number, bodyInput: string, now: Date = new Date()): Promise<Comment> {
      const comment = await one(id);
      if (!canEdit(comment, user, now)) {
        throw new AppError('forbidden', `Comments can be edited by their author for ${EDIT_WINDOW_MINUTES} minutes after posting.`);
      }
      await repo.updateBody(db, id, validBody(bodyInput), now.toISOString());
      return one(id);
    },

    async remove(user: User, id: number, now: Date = new Date()): Promise<Comment> {
      const comment = await one(id);
      if (!canDelete(comment, user)) throw new AppError('forbidden', 'Only its author can delete a comment.');
      const row = await stored(id);
      await db.transaction(async () => {
        await repo.markDeleted(db, id, now.toISOString());
        await recount(row.paper_pk);
      });
      return one(id);
    },

    /** Flags a comment for the moderators; flagging twice counts once. */
    async flag(user: User, id: number, reasonInput: string, now: Date = new Date()): Promise<{ flagged: boolean }> {
      const reason = (flagReasons as readonly string[]).includes(reasonInput) ? (reasonInput as FlagReason) : null;
      if (!reason) throw badRequest(`Say why: ${flagReasons.join(', ')}.`);
      const comment = await stored(id);
      if (comment.user_id === user.id) throw badRequest('You cannot flag your own comment; delete it instead.');
      return { flagged: await db.transaction(() => repo.addFlag(db, { commentId: id, userId: user.id, reason, now: now.toISOString() })) };
    },

    /** A moderator hides (true) or restores (false) a comment; either settles its flags. */
    async moderate(moderator: User, id: number, hide: boolean, now: Date = new Date()): Promise<Comment> {
      if (!canModerate(moderator)) throw new AppError('forbidden', 'Only moderators hide and restore comments.');
      const row = await stored(id);
      await db.transaction(async () => {
        await repo.setHidden(db, id, hide ? { at: now.toISOString(), by: moderator.id } : null);
        await repo.clearFlags(db, id);
        await recount(row.paper_pk);
      });
      return one(id);
    },

    /** Hides everything a blocked member wrote, as of the block's instant; the papers' counters follow. */
    async hideAuthor(userId: number, blockedAt: string, by: number | null): Promise<number> {
      return db.transaction(async () => {
        const pks = await repo.hideAllBy(db, userId, { at: blockedAt, by });
        for (const pk of pks) await recount(pk);
        return pks.length;
      });
    },

    /** Shows again what a block hid, when the block is lifted. */
    async restoreAuthor(userId: number, blockedAt: string): Promise<number> {
      return db.transaction(async () => {
        const pks = await repo.restoreAllBy(db, userId, blockedAt);
        for (const pk of pks) await recount(pk);
        return pks.length;
      });
    },

    async queue(limit = 50): Promise<{ flagged: QueuedComment[]; hidden: QueuedComment[] }> {
      const { flagged, hidden } = await repo.moderationQueue(db, limit);
      const present = async (rows: repo.QueueRow[]) => (await withAuthors(rows)).map(({ row, comment }) => ({ ...comment, reasons: row.reasons }));
      return { flagged: await present(flagged), hidden: await present(hidden) };
    },

    async byUser(userId: number, limit = 20): Promise<Comment[]> {
      return (await withAuthors(await repo.commentsByUser(db, userId, limit))).map((c) => c.comment);
    },
  };
}

export type CommentsService = ReturnType<typeof createCommentsService>;
