// All SQL on the moderation log: what moderators and admins did, newest first.
import type { Db } from '../db/database.ts';
import type { ModerationAction, ModerationEntry } from './moderation.ts';

export async function insertEntry(db: Db, entry: { actorId: number | null; action: ModerationAction; subject: string; note: string | null; now: string }): Promise<void> {
  await db.kysely
    .insertInto('moderation_log')
    .values({ actor_id: entry.actorId, action: entry.action, subject: entry.subject, note: entry.note, created_at: entry.now })
    .execute();
}

export async function latestEntries(db: Db, limit: number): Promise<Array<Omit<ModerationEntry, 'actor'> & { actorId: number | null }>> {
  const rows = await db.kysely
    .selectFrom('moderation_log')
    .select(['actor_id', 'action', 'subject', 'note', 'created_at'])
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ actorId: row.actor_id, action: row.action as ModerationAction, subject: row.subject, note: row.note, createdAt: row.created_at }));
}
