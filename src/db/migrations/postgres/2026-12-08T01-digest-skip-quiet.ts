// A subscriber may choose "skip days with nothing notable" (issue 21): no digest when no paper passes the trending
// cut-off, even if their topics have new papers. Off (0) for every subscription so far: what they chose stays.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE subscriptions ADD COLUMN skip_quiet INTEGER NOT NULL DEFAULT 0`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE subscriptions DROP COLUMN skip_quiet`.execute(db);
}
