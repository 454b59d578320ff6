// One row per occurrence of a scheduled job: whoever inserts it runs it, under a lease another may take over.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE job_runs (
    job TEXT NOT NULL,
    scheduled_for TEXT NOT NULL,
    holder TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
    started_at TEXT NOT NULL,
    lease_until TEXT NOT NULL,
    finished_at TEXT,
    error TEXT,
    PRIMARY KEY (job, scheduled_for)
  ) WITHOUT ROWID`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS job_runs`.execute(db);
}
