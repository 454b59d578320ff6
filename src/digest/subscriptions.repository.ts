// All SQL on subscriptions.
import type { Selectable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { SubscriptionsTable } from '../db/schema.ts';
import type { Frequency, Preferences, Subscription, SubscriptionStatus } from './subscription.ts';

type Row = Selectable<SubscriptionsTable>;

export function subscriptionFromRow(row: Row): Subscription {
  return {
    id: row.id,
    email: row.email,
    userId: row.user_id,
    status: row.status,
    frequency: row.frequency,
    weeklyDay: row.weekly_day,
    paperCount: row.paper_count,
    topics: JSON.parse(row.topics) as string[],
    skipQuiet: row.skip_quiet === 1,
    suspendedReason: row.suspended_reason,
    createdAt: row.created_at,
    confirmedAt: row.confirmed_at,
  };
}

const preferenceColumns = (p: Preferences) => ({
  frequency: p.frequency,
  weekly_day: p.weeklyDay,
  paper_count: p.paperCount,
  topics: JSON.stringify(p.topics),
  skip_quiet: p.skipQuiet ? 1 : 0,
});

export async function findByEmail(db: Db, email: string): Promise<Subscription | null> {
  const row = await db.kysely.selectFrom('subscriptions').selectAll().where('email', '=', email).executeTakeFirst();
  return row ? subscriptionFromRow(row) : null;
}

export async function findById(db: Db, id: number): Promise<Subscription | null> {
  const row = await db.kysely.selectFrom('subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? subscriptionFromRow(row) : null;
}

/** A new subscription, waiting for its confirmation. */
export async function insertPending(
  db: Db,
  s: { email: string; userId: number | null; preferences: Preferences; tokenHash: string | null; status: SubscriptionStatus; now: string },
): Promise<Subscription> {
  const row = await db.kysely
    .insertInto('subscriptions')
    .values({
      email: s.email, user_id: s.userId, status: s.status, ...preferenceColumns(s.preferences), confirm_token_hash: s.tokenHash,
      created_at: s.now, updated_at: s.now, confirmed_at: s.status === 'active' ? s.now : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return subscriptionFromRow(row);
}

export async function update(
  db: Db,
  id: number,
  changes: { preferences?: Preferences; status?: SubscriptionStatus; tokenHash?: string | null; userId?: number; suspendedReason?: string | null; confirmedAt?: string; now: string },
): Promise<void> {
  await db.kysely
    .updateTable('subscriptions')
    .set({
      ...(changes.preferences ? preferenceColumns(changes.preferences) : {}),
      ...(changes.status ? { status: changes.status } : {}),
      ...(changes.tokenHash !== undefined ? { confirm_token_hash: changes.tokenHash } : {}),
      ...(changes.userId !== undefined ? { user_id: changes.userId } : {}),
      ...(changes.suspendedReason !== undefined ? { suspended_reason: changes.suspendedReason } : {}),
      ...(changes.confirmedAt ? { confirmed_at: changes.confirmedAt } : {}),
      updated_at: changes.now,
    })
    .where('id', '=', id)
    .execute();
}

export async function findByConfirmHash(db: Db, hash: string): Promise<Subscription | null> {
  const row = await db.kysely.selectFrom('subscriptions').selectAll().where('confirm_token_hash', '=', hash).executeTakeFirst();
  return row ? subscriptionFromRow(row) : null;
}

/** Active subscriptions of a frequency (weekly ones of a weekday, or all), in id order, a page at a time. */
export async function due(db: Db, q: { frequency: Frequency; weekday: number | null; afterId: number; limit: number }): Promise<Subscription[]> {
  let query = db.kysely
    .selectFrom('subscriptions')
    .selectAll()
    .where('status', '=', 'active')
    .where('frequency', '=', q.frequency)
    .where('id', '>', q.afterId);
  if (q.weekday !== null) query = query.where('weekly_day', '=', q.weekday);
  const rows = await query.orderBy('id').limit(q.limit).execute();
  return rows.map(subscriptionFromRow);
}

export async function countByStatus(db: Db): Promise<Record<string, number>> {
  const rows = await db.kysely
    .selectFrom('subscriptions')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
