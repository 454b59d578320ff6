// All SQL of the mail budget: requested mails counted per inbox, per client network and in all, over a window.
import type { Db } from '../db/database.ts';

export async function countRequestsSince(db: Db, since: string, by: { addressKey?: string; clientKey?: string; knownAddress?: boolean } = {}): Promise<number> {
  let query = db.kysely.selectFrom('mail_requests').select((eb) => eb.fn.countAll<number>().as('n')).where('requested_at', '>=', since);
  if (by.addressKey !== undefined) query = query.where('address_key', '=', by.addressKey);
  if (by.clientKey !== undefined) query = query.where('client_key', '=', by.clientKey);
  if (by.knownAddress !== undefined) query = query.where('known_address', '=', by.knownAddress ? 1 : 0);
  return Number((await query.executeTakeFirstOrThrow()).n);
}

export async function recordRequest(db: Db, row: { addressKey: string; kind: string; at: string; clientKey: string | null; knownAddress: boolean }): Promise<void> {
  await db.kysely
    .insertInto('mail_requests')
    .values({ address_key: row.addressKey, kind: row.kind, requested_at: row.at, client_key: row.clientKey, known_address: row.knownAddress ? 1 : 0 })
    .execute();
}

/** The networks that asked for the most mail since a time. */
export async function busiestNetworksSince(db: Db, since: string, limit: number): Promise<Array<{ network: string; mails: number }>> {
  const rows = await db.kysely
    .selectFrom('mail_requests')
    .select((eb) => ['client_key', eb.fn.countAll<number>().as('n')])
    .where('requested_at', '>=', since)
    .where('client_key', 'is not', null)
    .groupBy('client_key')
    .orderBy('n', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ network: row.client_key as string, mails: Number(row.n) }));
}

/** Forgets requests older than the longest window counted. */
export async function deleteRequestsBefore(db: Db, before: string): Promise<void> {
  await db.kysely.deleteFrom('mail_requests').where('requested_at', '<', before).execute();
}
