// All SQL on job occurrences: claiming one (or taking over a dead holder's), finishing it, listing them.
import type { Selectable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { JobRunsTable } from '../db/schema.ts';

export type JobRunRow = Selectable<JobRunsTable>;

/**
 * Claims an occurrence for `holder`. One statement decides, so two instances can never both win: the first
 * insert wins, and a later claim succeeds only over a run still marked running whose lease has expired.
 */
export function claimOccurrence(
  db: Db,
  claim: { job: string; scheduledFor: string; holder: string; now: string; leaseUntil: string },
): boolean {
  const result = db.sqlite
    .prepare(
      `INSERT INTO job_runs (job, scheduled_for, holder, status, started_at, lease_until)
       VALUES (@job, @scheduledFor, @holder, 'running', @now, @leaseUntil)
       ON CONFLICT (job, scheduled_for) DO UPDATE SET
         holder = excluded.holder, started_at = excluded.started_at, lease_until = excluded.lease_until
       WHERE job_runs.status = 'running' AND job_runs.lease_until < excluded.started_at`,
    )
    .run(claim);
  return result.changes === 1;
}

export async function findOccurrence(db: Db, job: string, scheduledFor: string): Promise<JobRunRow | undefined> {
  return db.kysely
    .selectFrom('job_runs')
    .selectAll()
    .where('job', '=', job)
    .where('scheduled_for', '=', scheduledFor)
    .executeTakeFirst();
}

/** Records an occurrence nobody ran at its time; an occurrence some instance recorded already is left as it is. */
export function recordMissed(db: Db, missed: { job: string; scheduledFor: string; holder: string; now: string; reason: string }): void {
  db.sqlite
    .prepare(
      `INSERT INTO job_runs (job, scheduled_for, holder, status, started_at, lease_until, finished_at, error)
       VALUES (@job, @scheduledFor, @holder, 'missed', @now, @now, @now, @reason)
       ON CONFLICT (job, scheduled_for) DO NOTHING`,
    )
    .run(missed);
}

export async function finishOccurrence(
  db: Db,
  run: { job: string; scheduledFor: string; holder: string; status: 'succeeded' | 'failed'; error: string | null; now: string },
): Promise<void> {
  await db.kysely
    .updateTable('job_runs')
    .set({ status: run.status, error: run.error, finished_at: run.now })
    .where('job', '=', run.job)
    .where('scheduled_for', '=', run.scheduledFor)
    .where('holder', '=', run.holder) // a holder that lost its lease does not overwrite the new one's result
    .execute();
}

export async function latestOccurrences(db: Db, limit: number): Promise<JobRunRow[]> {
  return db.kysely.selectFrom('job_runs').selectAll().orderBy('started_at', 'desc').limit(limit).execute();
}
