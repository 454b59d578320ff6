// All SQL on comments and their flags. A comment and the paper's counters are written in one transaction.
import type { Selectable } from 'kysely';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { joinedText } from '../db/dialect.ts';
import type { CommentsTable } from '../db/schema.ts';
import type { FlagReason } from './comment.ts';

export type CommentRow = Selectable<CommentsTable>;

export async function insertComment(db: Db, c: { paperPk: number; userId: number; parentId: number | null; body: string; now: string }): Promise<number> {
  const row = await db.kysely
    .insertInto('comments')
    .values({ paper_pk: c.paperPk, user_id: c.userId, parent_id: c.parentId, body: c.body, created_at: c.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findComment(db: Db, id: number): Promise<CommentRow | undefined> {
  return db.kysely.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * A stretch of a paper's comments in reading order: thread after thread (a thread is named by its first comment's id,
 * so threads come oldest first), each comment followed by its replies, oldest first.
 */
export async function commentsOfPaper(db: Db, paperPk: number, page: { offset: number; limit: number }): Promise<CommentRow[]> {
  return db.kysely
    .selectFrom('comments')
    .selectAll()
    .where('paper_pk', '=', paperPk)
    .orderBy(sql`coalesce(parent_id, id)`)
    .orderBy('id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function countCommentsOfPaper(db: Db, paperPk: number): Promise<number> {
  const row = await db.kysely.selectFrom('comments').select((eb) => eb.fn.countAll<number>().as('n')).where('paper_pk', '=', paperPk).executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function updateBody(db: Db, id: number, body: string, now: string): Promise<void> {
  await db.kysely.updateTable('comments').set({ body, edited_at: now }).where('id', '=', id).execute();
}

export async function markDeleted(db: Db, id: number, now: string): Promise<void> {
  await db.kysely.updateTable('comments').set({ deleted_at: now }).where('id', '=', id).execute();
}

export async function setHidden(db: Db, id: number, hidden: { at: string; by: number } | null): Promise<void> {
  await db.kysely.updateTable('comments').set({ hidden_at: hidden?.at ?? null, hidden_by: hidden?.by ?? null }).where('id', '=', id).execute();
}

/** Hides every visible comment of a member, as of `at` (their block); the papers whose counters change. */
export async function hideAllBy(db: Db, userId: number, hidden: { at: string; by: number | null }): Promise<number[]> {
  const rows = await db.kysely
    .updateTable('comments')
    .set({ hidden_at: hidden.at, hidden_by: hidden.by })
    .where('user_id', '=', userId)
    .where('hidden_at', 'is', null)
    .where('deleted_at', 'is', null)
    .returning('paper_pk')
    .execute();
  return [...new Set(rows.map((row) => row.paper_pk))];
}

/** Shows again what a block hid (comments hidden at that very instant; ones a moderator hid stay hidden). */
export async function restoreAllBy(db: Db, userId: number, hiddenAt: string): Promise<number[]> {
  const rows = await db.kysely
    .updateTable('comments')
    .set({ hidden_at: null, hidden_by: null })
    .where('user_id', '=', userId)
    .where('hidden_at', '=', hiddenAt)
    .returning('paper_pk')
    .execute();
  return [...new Set(rows.map((row) => row.paper_pk))];
}

/** A moderator's decision settles the flags: the comment leaves the queue. */
export async function clearFlags(db: Db, id: number): Promise<void> {
  await db.kysely.deleteFrom('comment_flags').where('comment_id', '=', id).execute();
  await db.kysely.updateTable('comments').set({ flag_count: 0 }).where('id', '=', id).execute();
}

/** One flag per person and comment; false when this person had flagged it already. Call it inside a transaction. */
export async function addFlag(db: Db, f: { commentId: number; userId: number; reason: FlagReason; now: string }): Promise<boolean> {
  const added = await db.kysely
    .insertInto('comment_flags')
    .values({ comment_id: f.commentId, user_id: f.userId, reason: f.reason, created_at: f.now })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  if (Number(added.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
  await db.kysely.updateTable('comments').set((eb) => ({ flag_count: eb('flag_count', '+', 1) })).where('id', '=', f.commentId).execute();
  return true;
}

/** Visible comments of a paper, and how many people wrote them: the paper's counters. */
export async function countVisible(db: Db, paperPk: number): Promise<{ comments: number; commenters: number }> {
  const row = await db.kysely
    .selectFrom('comments')
    .select((eb) => [eb.fn.countAll<number>().as('comments'), eb.fn.count<number>('user_id').distinct().as('commenters')])
    .where('paper_pk', '=', paperPk)
    .where('deleted_at', 'is', null)
    .where('hidden_at', 'is', null)
    .executeTakeFirstOrThrow();
  return { comments: Number(row.comments), commenters: Number(row.commenters) };
}

export interface QueueRow extends CommentRow {
  reasons: string | null;
}

/** The moderation queue: flagged comments still shown (most flagged first), then the latest hidden ones. */
export async function moderationQueue(db: Db, limit: number): Promise<{ flagged: QueueRow[]; hidden: QueueRow[] }> {
  const withReasons = db.kysely
    .selectFrom('comments as c')
    .selectAll('c')
    .select((eb) =>
      eb.selectFrom('comment_flags as f').select((inner) => joinedText(db, inner.ref('f.reason'), ', ').as('r')).whereRef('f.comment_id', '=', 'c.id').as('reasons'),
    )
    .where('c.deleted_at', 'is', null)
    .limit(limit);
  const flagged = await withReasons
    .where('c.flag_count', '>', 0)
    .where('c.hidden_at', 'is', null)
    .orderBy('c.flag_count', 'desc')
    .orderBy('c.created_at', 'desc')
    .execute();
  const hidden = await withReasons.where('c.hidden_at', 'is not', null).orderBy('c.hidden_at', 'desc').execute();
  return { flagged, hidden };
}

export async function commentsByUser(db: Db, userId: number, limit: number): Promise<CommentRow[]> {
  return db.kysely
    .selectFrom('comments')
    .selectAll()
    .where('user_id', '=', userId)
    .where('deleted_at', 'is', null)
    .where('hidden_at', 'is', null)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}
