// All SQL on votes and submissions. Vote writes run inside the caller's transaction, beside the paper's counter.
import type { Db } from '../db/database.ts';

export async function addVote(db: Db, paperPk: number, userId: number, now: string): Promise<boolean> {
  const result = await db.kysely
    .insertInto('votes')
    .values({ paper_pk: paperPk, user_id: userId, created_at: now })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function removeVote(db: Db, paperPk: number, userId: number): Promise<boolean> {
  const result = await db.kysely.deleteFrom('votes').where('paper_pk', '=', paperPk).where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export async function votedAmong(db: Db, userId: number, paperPks: readonly number[]): Promise<Set<number>> {
  if (paperPks.length === 0) return new Set();
  const rows = await db.kysely
    .selectFrom('votes')
    .select('paper_pk')
    .where('user_id', '=', userId)
    .where('paper_pk', 'in', [...paperPks])
    .execute();
  return new Set(rows.map((r) => r.paper_pk));
}

export async function insertSubmission(db: Db, s: { paperPk: number; userId: number; day: string; now: string }): Promise<boolean> {
  const result = await db.kysely
    .insertInto('submissions')
    .values({ paper_pk: s.paperPk, user_id: s.userId, day: s.day, created_at: s.now })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
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

/** The latest submissions by anyone, newest first: the admin page's log (a walk of the key, newest end). */
export async function latestSubmissions(db: Db, limit: number): Promise<Array<{ paper_pk: number; user_id: number; day: string; created_at: string }>> {
  return db.kysely.selectFrom('submissions').select(['paper_pk', 'user_id', 'day', 'created_at']).orderBy('id', 'desc').limit(limit).execute();
}
