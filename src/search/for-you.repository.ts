// All SQL on "not interested" marks.
import type { Db } from '../db/database.ts';

export function mark(db: Db, userId: number, paperPk: number, now: string): void {
  db.sqlite.prepare('INSERT OR IGNORE INTO not_interested (user_id, paper_pk, created_at) VALUES (?, ?, ?)').run(userId, paperPk, now);
}

export function unmark(db: Db, userId: number, paperPk: number): void {
  db.sqlite.prepare('DELETE FROM not_interested WHERE user_id = ? AND paper_pk = ?').run(userId, paperPk);
}

/** The member's latest marks (keys). */
export function marked(db: Db, userId: number, limit: number): number[] {
  return db.sqlite.prepare('SELECT paper_pk FROM not_interested WHERE user_id = ? ORDER BY created_at DESC LIMIT ?').pluck().all(userId, limit) as number[];
}
