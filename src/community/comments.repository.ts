// All SQL on comments and their flags. Writes are synchronous so a comment and the paper's counters share a transaction.
import type { Selectable } from 'kysely';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { CommentsTable } from '../db/schema.ts';
import type { FlagReason } from './comment.ts';

export type CommentRow = Selectable<CommentsTable>;

export function insertComment(db: Db, c: { paperPk: number; userId: number; parentId: number | null; body: string; now: string }): number {
  const result = db.sqlite
    .prepare('INSERT INTO comments (paper_pk, user_id, parent_id, body, created_at) VALUES (?, ?, ?, ?, ?)')
    .run(c.paperPk, c.userId, c.parentId, c.body, c.now);
  return Number(result.lastInsertRowid);
}

export function findComment(db: Db, id: number): CommentRow | undefined {
  return db.sqlite.prepare('SELECT * FROM comments WHERE id = ?').get(id) as CommentRow | undefined;
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

export function updateBody(db: Db, id: number, body: string, now: string): void {
  db.sqlite.prepare('UPDATE comments SET body = ?, edited_at = ? WHERE id = ?').run(body, now, id);
}

export function markDeleted(db: Db, id: number, now: string): void {
  db.sqlite.prepare('UPDATE comments SET deleted_at = ? WHERE id = ?').run(now, id);
}

export function setHidden(db: Db, id: number, hidden: { at: string; by: number } | null): void {
  db.sqlite
    .prepare('UPDATE comments SET hidden_at = ?, hidden_by = ? WHERE id = ?')
    .run(hidden?.at ?? null, hidden?.by ?? null, id);
}

/** A moderator's decision settles the flags: the comment leaves the queue. */
export function clearFlags(db: Db, id: number): void {
  db.sqlite.prepare('DELETE FROM comment_flags WHERE comment_id = ?').run(id);
  db.sqlite.prepare('UPDATE comments SET flag_count = 0 WHERE id = ?').run(id);
}

/** One flag per person and comment; false when this person had flagged it already. */
export function addFlag(db: Db, f: { commentId: number; userId: number; reason: FlagReason; now: string }): boolean {
  const added = db.sqlite
    .prepare('INSERT OR IGNORE INTO comment_flags (comment_id, user_id, reason, created_at) VALUES (?, ?, ?, ?)')
    .run(f.commentId, f.userId, f.reason, f.now).changes === 1;
  if (added) db.sqlite.prepare('UPDATE comments SET flag_count = flag_count + 1 WHERE id = ?').run(f.commentId);
  return added;
}

/** Visible comments of a paper, and how many people wrote them: the paper's counters. */
export function countVisible(db: Db, paperPk: number): { comments: number; commenters: number } {
  return db.sqlite
    .prepare(
      `SELECT count(*) AS comments, count(DISTINCT user_id) AS commenters
       FROM comments WHERE paper_pk = ? AND deleted_at IS NULL AND hidden_at IS NULL`,
    )
    .get(paperPk) as { comments: number; commenters: number };
}

export interface QueueRow extends CommentRow {
  reasons: string | null;
}

/** The moderation queue: flagged comments still shown (most flagged first), then the latest hidden ones. */
export async function moderationQueue(db: Db, limit: number): Promise<{ flagged: QueueRow[]; hidden: QueueRow[] }> {
  const columns = `c.*, (SELECT group_concat(reason, ', ') FROM comment_flags f WHERE f.comment_id = c.id) AS reasons`;
  const flagged = db.sqlite
    .prepare(
      `SELECT ${columns} FROM comments c WHERE c.flag_count > 0 AND c.hidden_at IS NULL AND c.deleted_at IS NULL
       ORDER BY c.flag_count DESC, c.created_at DESC LIMIT ?`,
    )
    .all(limit) as QueueRow[];
  const hidden = db.sqlite
    .prepare(`SELECT ${columns} FROM comments c WHERE c.hidden_at IS NOT NULL AND c.deleted_at IS NULL ORDER BY c.hidden_at DESC LIMIT ?`)
    .all(limit) as QueueRow[];
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
