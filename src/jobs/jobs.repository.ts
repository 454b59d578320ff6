// All SQL on job occurrences: claiming one (or taking over a dead holder's), finishing it, listing them.
import type { Selectable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { JobRunsTable } from '../db/schema.ts';

export type JobRunRow = Selectable<JobRunsTable>;

/**
 * Claims an occurrence for `holder`. One statement decides, so two instances can never both win: the first
 * insert wins, and a later claim succeeds only over a run still marked running whose lease has expired.
 */
export async function claimOccurrence(
  db: Db,
  claim: { job: string; scheduledFor: string; holder: string; now: string; leaseUntil: string },
): Promise<boolean> {
  const result = await db.kysely
    .insertInto('job_runs')
    .values({ job: claim.job, scheduled_for: claim.scheduledFor, holder: claim.holder, status: 'running', started_at: claim.now, lease_until: claim.leaseUntil })
    .onConflict((oc) =>
      oc
        .columns(['job', 'scheduled_for'])
        .doUpdateSet((eb) => ({
          holder: eb.ref('excluded.holder'),
          started_at: eb.ref('excluded.started_at'),
          lease_until: eb.ref('excluded.lease_until'),
        }))
        .where('job_runs.status', '=', 'running')
        .whereRef('job_runs.lease_until', '<', 'excluded.started_at'),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
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
export async function recordMissed(db: Db, missed: { job: string; scheduledFor: string; holder: string; now: string; reason: string }): Promise<void> {
  await db.kysely
    .insertInto('job_runs')
    .values({
      job: missed.job, scheduled_for: missed.scheduledFor, holder: missed.holder, status: 'missed',
      started_at: missed.now, lease_until: missed.now, finished_at: missed.now, error: missed.reason,
    })
    .onConflict((oc) => oc.columns(['job', 'scheduled_for']).doNothing())
    .execute();
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
