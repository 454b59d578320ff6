// All SQL of the mail budget: requested mails counted per inbox and in all, over a window.
import type { Db } from '../db/database.ts';

export async function countRequestsSince(db: Db, since: string, addressKey?: string): Promise<number> {
  let query = db.kysely.selectFrom('mail_requests').select((eb) => eb.fn.countAll<number>().as('n')).where('requested_at', '>=', since);
  if (addressKey !== undefined) query = query.where('address_key', '=', addressKey);
  return Number((await query.executeTakeFirstOrThrow()).n);
}

export async function recordRequest(db: Db, row: { addressKey: string; kind: string; at: string }): Promise<void> {
  await db.kysely.insertInto('mail_requests').values({ address_key: row.addressKey, kind: row.kind, requested_at: row.at }).execute();
}

/** Forgets requests older than the longest window counted. */
export async function deleteRequestsBefore(db: Db, before: string): Promise<void> {
  await db.kysely.deleteFrom('mail_requests').where('requested_at', '<', before).execute();
}
