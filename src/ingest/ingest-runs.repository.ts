// All SQL on the record of ingest runs.
import type { Selectable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { IngestRunsTable } from '../db/schema.ts';

export type IngestRunRow = Selectable<IngestRunsTable>;

export interface RunCounts {
  imported: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export async function startRun(db: Db, source: string, params: unknown, now: string): Promise<number> {
  const row = await db.kysely
    .insertInto('ingest_runs')
    .values({ source, params: JSON.stringify(params), started_at: now, status: 'running' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function finishRun(
  db: Db,
  id: number,
  outcome: { status: 'succeeded' | 'failed'; counts: RunCounts; error: string | null; now: string },
): Promise<void> {
  await db.kysely
    .updateTable('ingest_runs')
    .set({ status: outcome.status, finished_at: outcome.now, error: outcome.error, ...outcome.counts })
    .where('id', '=', id)
    .execute();
}

export async function latestRuns(db: Db, limit: number): Promise<IngestRunRow[]> {
  return db.kysely.selectFrom('ingest_runs').selectAll().orderBy('id', 'desc').limit(limit).execute();
}

/** When the latest successful run of any of these sources finished; null when none succeeded. */
export async function lastSucceeded(db: Db, sources: readonly string[]): Promise<string | null> {
  const row = await db.kysely
    .selectFrom('ingest_runs')
    .select((eb) => eb.fn.max('finished_at').as('at'))
    .where('status', '=', 'succeeded')
    .where('source', 'in', [...sources])
    .executeTakeFirst();
  return row?.at ?? null;
}
