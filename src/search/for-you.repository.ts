// All SQL on "not interested" marks.
import type { Db } from '../db/database.ts';

export async function mark(db: Db, userId: number, paperPk: number, now: string): Promise<void> {
  await db.kysely
    .insertInto('not_interested')
    .values({ user_id: userId, paper_pk: paperPk, created_at: now })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function unmark(db: Db, userId: number, paperPk: number): Promise<void> {
  await db.kysely.deleteFrom('not_interested').where('user_id', '=', userId).where('paper_pk', '=', paperPk).execute();
}

/** The member's latest marks (keys). */
export async function marked(db: Db, userId: number, limit: number): Promise<number[]> {
  const rows = await db.kysely
    .selectFrom('not_interested')
    .select('paper_pk')
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.paper_pk);
}
