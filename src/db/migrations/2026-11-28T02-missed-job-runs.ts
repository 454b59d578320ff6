// Occurrences a scheduler could not run at their time (no instance was serving, or one was still busy) are recorded as
// 'missed', so /admin shows them instead of nothing; the latest missed one is run late. SQLite cannot change a CHECK
// constraint, so the (small) table is built again.
import { sql, type Kysely } from 'kysely';

const table = (name: string, statuses: string) => sql`CREATE TABLE ${sql.id(name)} (
    job TEXT NOT NULL,
    scheduled_for TEXT NOT NULL,
    holder TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN (${sql.raw(statuses)})),
    started_at TEXT NOT NULL,
    lease_until TEXT NOT NULL,
    finished_at TEXT,
    error TEXT,
    PRIMARY KEY (job, scheduled_for)
  ) WITHOUT ROWID`;

async function rebuild(db: Kysely<unknown>, statuses: string, keep: string): Promise<void> {
  await table('job_runs_new', statuses).execute(db);
  await sql`INSERT INTO job_runs_new SELECT * FROM job_runs WHERE status IN (${sql.raw(keep)})`.execute(db);
  await sql`DROP TABLE job_runs`.execute(db);
  await sql`ALTER TABLE job_runs_new RENAME TO job_runs`.execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await rebuild(db, `'running', 'succeeded', 'failed', 'missed'`, `'running', 'succeeded', 'failed'`);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await rebuild(db, `'running', 'succeeded', 'failed'`, `'running', 'succeeded', 'failed'`);
}
