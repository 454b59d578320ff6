// All SQL on votes and submissions. Vote writes are synchronous: they share a transaction with the counter.
import { prepared, type Db } from '../db/database.ts';

export function addVote(db: Db, paperPk: number, userId: number, now: string): boolean {
  return db.sqlite.prepare('INSERT OR IGNORE INTO votes (paper_pk, user_id, created_at) VALUES (?, ?, ?)').run(paperPk, userId, now).changes === 1;
}

export function removeVote(db: Db, paperPk: number, userId: number): boolean {
  return db.sqlite.prepare('DELETE FROM votes WHERE paper_pk = ? AND user_id = ?').run(paperPk, userId).changes === 1;
}

export async function votedAmong(db: Db, userId: number, paperPks: readonly number[]): Promise<Set<number>> {
  if (paperPks.length === 0) return new Set();
  // Asked on every page a member opens: one prepared statement, the keys as JSON.
  const statement = prepared(db, 'SELECT paper_pk AS pk FROM votes WHERE user_id = ? AND paper_pk IN (SELECT value FROM json_each(?))');
  const rows = statement.all(userId, JSON.stringify(paperPks)) as Array<{ pk: number }>;
  return new Set(rows.map((r) => r.pk));
}

export function insertSubmission(db: Db, s: { paperPk: number; userId: number; day: string; now: string }): boolean {
  return (
    db.sqlite
      .prepare('INSERT OR IGNORE INTO submissions (paper_pk, user_id, day, created_at) VALUES (?, ?, ?, ?)')
      .run(s.paperPk, s.userId, s.day, s.now).changes === 1
  );
}

export async function countSubmissionsSince(db: Db, userId: number, since: string): Promise<number> {
  const row = await db.kysely
    .selectFrom('submissions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('created_at', '>=', since)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Who submitted each paper most recently (user ids). */
export async function latestSubmitters(db: Db, paperPks: readonly number[]): Promise<Map<number, number>> {
  if (paperPks.length === 0) return new Map();
  const rows = await db.kysely
    .selectFrom('submissions')
    .select(['paper_pk', 'user_id', 'created_at'])
    .where('paper_pk', 'in', [...paperPks])
    .orderBy('created_at')
    .execute();
  return new Map(rows.map((r) => [r.paper_pk, r.user_id])); // later rows win
}

/** A member's submissions, newest first: paper keys and days. */
export async function submissionsOf(db: Db, userId: number, page: { limit: number; offset: number }): Promise<Array<{ paper_pk: number; day: string; created_at: string }>> {
  return db.kysely
    .selectFrom('submissions')
    .select(['paper_pk', 'day', 'created_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

/** The papers a member upvoted, latest vote first. */
export async function upvotesOf(db: Db, userId: number, page: { limit: number; offset: number }): Promise<Array<{ paper_pk: number; created_at: string }>> {
  return db.kysely
    .selectFrom('votes')
    .select(['paper_pk', 'created_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}
