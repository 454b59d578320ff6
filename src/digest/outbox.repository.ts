// All SQL on the digest outbox, the papers each subscriber received, and digest runs. A digest and the record of its
// papers are written in one transaction.
import { sql, type Selectable } from 'kysely';
import type { Db } from '../db/database.ts';
import { greatest, lockSkippingLocked } from '../db/dialect.ts';
import type { DigestOutboxTable, DigestRunsTable } from '../db/schema.ts';

export type OutboxRow = Selectable<DigestOutboxTable>;
export type DigestRunRow = Selectable<DigestRunsTable>;
export interface ClaimedRow extends OutboxRow {
  email: string;
  subscription_status: string;
}

export async function hasDigest(db: Db, subscriptionId: number, period: string): Promise<boolean> {
  const row = await db.kysely
    .selectFrom('digest_outbox')
    .select('id')
    .where('subscription_id', '=', subscriptionId)
    .where('period', '=', period)
    .executeTakeFirst();
  return row !== undefined;
}

/** Which of these papers (keys) the subscriber already received. */
export async function alreadySent(db: Db, subscriptionId: number, paperPks: readonly number[]): Promise<Set<number>> {
  if (paperPks.length === 0) return new Set();
  const rows = await db.kysely
    .selectFrom('digest_papers')
    .select('paper_pk')
    .where('subscription_id', '=', subscriptionId)
    .where('paper_pk', 'in', [...paperPks])
    .execute();
  return new Set(rows.map((r) => r.paper_pk));
}

/** Queues one digest and records its papers as received; false when this period's digest exists already. Call it inside a transaction. */
export async function queueDigest(
  db: Db,
  d: { subscriptionId: number; period: string; subject: string; html: string; text: string; paperPks: readonly number[]; now: string },
): Promise<boolean> {
  const inserted = await db.kysely
    .insertInto('digest_outbox')
    .values({ subscription_id: d.subscriptionId, period: d.period, status: 'queued', subject: d.subject, html: d.html, text: d.text, next_attempt_at: d.now, created_at: d.now })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return false;
  if (d.paperPks.length > 0) {
    await db.kysely
      .insertInto('digest_papers')
      .values(d.paperPks.map((pk) => ({ subscription_id: d.subscriptionId, paper_pk: pk, outbox_id: inserted.id })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  return true;
}

/**
 * Leases up to `limit` due digests to `holder`: queued, due, and not leased by a live holder. One statement, its
 * candidate rows locked with SKIP LOCKED on PostgreSQL, so two senders never claim the same row.
 */
export async function claim(db: Db, c: { holder: string; now: string; leaseUntil: string; limit: number }): Promise<ClaimedRow[]> {
  const due = lockSkippingLocked(
    db,
    db.kysely
      .selectFrom('digest_outbox')
      .select('id')
      .where('status', '=', 'queued')
      .where('next_attempt_at', '<=', c.now)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', c.now)]))
      .orderBy('next_attempt_at')
      .orderBy('id')
      .limit(c.limit),
  );
  const claimed = await db.kysely
    .updateTable('digest_outbox')
    .set({ lease_holder: c.holder, lease_until: c.leaseUntil })
    .where('id', 'in', due)
    .returning('id')
    .execute();
  if (claimed.length === 0) return [];
  return db.kysely
    .selectFrom('digest_outbox as o')
    .innerJoin('subscriptions as s', 's.id', 'o.subscription_id')
    .selectAll('o')
    .select(['s.email', 's.status as subscription_status'])
    .where('o.id', 'in', claimed.map((r) => r.id))
    .orderBy('o.id')
    .execute();
}

/** When the next queued digest becomes sendable (due, and its lease expired); null when the queue is empty. */
export async function nextSendableAt(db: Db): Promise<string | null> {
  const row = await db.kysely
    .selectFrom('digest_outbox')
    .select((eb) => eb.fn.min(greatest<string>(db, eb.ref('next_attempt_at'), eb.fn.coalesce('lease_until', sql.lit('')))).as('at'))
    .where('status', '=', 'queued')
    .executeTakeFirst();
  return row?.at ?? null;
}

export async function markSent(db: Db, id: number, s: { holder: string; messageId: string; now: string }): Promise<void> {
  await db.kysely
    .updateTable('digest_outbox')
    .set((eb) => ({ status: 'sent', message_id: s.messageId, sent_at: s.now, attempts: eb('attempts', '+', 1), lease_holder: null, lease_until: null, error: null }))
    .where('id', '=', id)
    .where('lease_holder', '=', s.holder)
    .execute();
}

export async function markRetry(db: Db, id: number, r: { nextAttemptAt: string; error: string }): Promise<void> {
  await db.kysely
    .updateTable('digest_outbox')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), next_attempt_at: r.nextAttemptAt, error: r.error, lease_holder: null, lease_until: null }))
    .where('id', '=', id)
    .execute();
}

export async function markFailed(db: Db, id: number, error: string): Promise<void> {
  await db.kysely
    .updateTable('digest_outbox')
    .set((eb) => ({ status: 'failed', attempts: eb('attempts', '+', 1), error, lease_holder: null, lease_until: null }))
    .where('id', '=', id)
    .execute();
}

export async function outboxCounts(db: Db): Promise<Record<string, number>> {
  const rows = await db.kysely.selectFrom('digest_outbox').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

export async function latestOutbox(db: Db, limit: number): Promise<Array<Omit<OutboxRow, 'html' | 'text'> & { email: string }>> {
  return db.kysely
    .selectFrom('digest_outbox as o')
    .innerJoin('subscriptions as s', 's.id', 'o.subscription_id')
    .select(['o.id', 'o.subscription_id', 'o.period', 'o.status', 'o.subject', 'o.attempts', 'o.next_attempt_at', 'o.lease_holder', 'o.lease_until', 'o.message_id', 'o.error', 'o.created_at', 'o.sent_at', 's.email'])
    .orderBy('o.id', 'desc')
    .limit(limit)
    .execute();
}

export async function startRun(db: Db, period: string, now: string): Promise<number> {
  const row = await db.kysely.insertInto('digest_runs').values({ period, started_at: now, status: 'running' }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function finishRun(db: Db, id: number, r: { status: 'succeeded' | 'failed'; composed: number; nothingNew: number; sent: number; failed: number; error: string | null; now: string }): Promise<void> {
  await db.kysely
    .updateTable('digest_runs')
    .set({ status: r.status, composed: r.composed, nothing_new: r.nothingNew, sent: r.sent, failed: r.failed, error: r.error, finished_at: r.now })
    .where('id', '=', id)
    .execute();
}

export async function latestRuns(db: Db, limit: number): Promise<DigestRunRow[]> {
  return db.kysely.selectFrom('digest_runs').selectAll().orderBy('id', 'desc').limit(limit).execute();
}
