// All SQL on the digest outbox, the papers each subscriber received, and digest runs. Queue writes are synchronous:
// a digest and the record of its papers commit together.
import type { Selectable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { DigestOutboxTable, DigestRunsTable } from '../db/schema.ts';

export type OutboxRow = Selectable<DigestOutboxTable>;
export type DigestRunRow = Selectable<DigestRunsTable>;
export interface ClaimedRow extends OutboxRow {
  email: string;
  subscription_status: string;
}

export function hasDigest(db: Db, subscriptionId: number, period: string): boolean {
  return db.sqlite.prepare('SELECT 1 FROM digest_outbox WHERE subscription_id = ? AND period = ?').get(subscriptionId, period) !== undefined;
}

/** Which of these papers (keys) the subscriber already received. */
export function alreadySent(db: Db, subscriptionId: number, paperPks: readonly number[]): Set<number> {
  if (paperPks.length === 0) return new Set();
  const rows = db.sqlite
    .prepare(`SELECT paper_pk FROM digest_papers WHERE subscription_id = ? AND paper_pk IN (${paperPks.map(() => '?').join(', ')})`)
    .pluck()
    .all(subscriptionId, ...paperPks) as number[];
  return new Set(rows);
}

/** Queues one digest and records its papers as received; false when this period's digest exists already. */
export function queueDigest(
  db: Db,
  d: { subscriptionId: number; period: string; subject: string; html: string; text: string; paperPks: readonly number[]; now: string },
): boolean {
  const inserted = db.sqlite
    .prepare(
      `INSERT OR IGNORE INTO digest_outbox (subscription_id, period, status, subject, html, text, next_attempt_at, created_at)
       VALUES (?, ?, 'queued', ?, ?, ?, ?, ?)`,
    )
    .run(d.subscriptionId, d.period, d.subject, d.html, d.text, d.now, d.now);
  if (inserted.changes !== 1) return false;
  const outboxId = Number(inserted.lastInsertRowid);
  const record = db.sqlite.prepare('INSERT OR IGNORE INTO digest_papers (subscription_id, paper_pk, outbox_id) VALUES (?, ?, ?)');
  for (const pk of d.paperPks) record.run(d.subscriptionId, pk, outboxId);
  return true;
}

/**
 * Leases up to `limit` due digests to `holder`: queued, due, and not leased by a live holder. One statement,
 * so two senders never claim the same row.
 */
export function claim(db: Db, c: { holder: string; now: string; leaseUntil: string; limit: number }): ClaimedRow[] {
  const ids = db.sqlite
    .prepare(
      `UPDATE digest_outbox SET lease_holder = ?, lease_until = ?
       WHERE id IN (
         SELECT id FROM digest_outbox
         WHERE status = 'queued' AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until < ?)
         ORDER BY next_attempt_at, id LIMIT ?)
       RETURNING id`,
    )
    .pluck()
    .all(c.holder, c.leaseUntil, c.now, c.now, c.limit) as number[];
  if (ids.length === 0) return [];
  return db.sqlite
    .prepare(
      `SELECT o.*, s.email, s.status AS subscription_status FROM digest_outbox o JOIN subscriptions s ON s.id = o.subscription_id
       WHERE o.id IN (${ids.map(() => '?').join(', ')}) ORDER BY o.id`,
    )
    .all(...ids) as ClaimedRow[];
}

/** When the next queued digest becomes sendable (due, and its lease expired); null when the queue is empty. */
export function nextSendableAt(db: Db): string | null {
  const row = db.sqlite
    .prepare(`SELECT min(max(next_attempt_at, coalesce(lease_until, ''))) AS at FROM digest_outbox WHERE status = 'queued'`)
    .get() as { at: string | null };
  return row.at;
}

export function markSent(db: Db, id: number, s: { holder: string; messageId: string; now: string }): void {
  db.sqlite
    .prepare(`UPDATE digest_outbox SET status = 'sent', message_id = ?, sent_at = ?, attempts = attempts + 1, lease_holder = NULL, lease_until = NULL, error = NULL WHERE id = ? AND lease_holder = ?`)
    .run(s.messageId, s.now, id, s.holder);
}

export function markRetry(db: Db, id: number, r: { nextAttemptAt: string; error: string }): void {
  db.sqlite
    .prepare('UPDATE digest_outbox SET attempts = attempts + 1, next_attempt_at = ?, error = ?, lease_holder = NULL, lease_until = NULL WHERE id = ?')
    .run(r.nextAttemptAt, r.error, id);
}

export function markFailed(db: Db, id: number, error: string): void {
  db.sqlite
    .prepare(`UPDATE digest_outbox SET status = 'failed', attempts = attempts + 1, error = ?, lease_holder = NULL, lease_until = NULL WHERE id = ?`)
    .run(error, id);
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
