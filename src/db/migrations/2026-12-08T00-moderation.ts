// Admin can act (issue 21): a paper hidden by a moderator (gone from listings, search, feeds and the API, kept and
// restorable) or featured on the front page; a member blocked (sign-in refused, their comments hidden); and the log of
// who did which of these, when. The partial indexes hold only the few papers concerned, so a listing's "not hidden"
// reads a handful of keys and the front page's featured papers are one short walk. The id column is SQLite's kind.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE papers ADD COLUMN hidden_at TEXT`.execute(db);
  await sql`ALTER TABLE papers ADD COLUMN featured_at TEXT`.execute(db);
  await sql`CREATE INDEX papers_hidden ON papers (pk) WHERE hidden_at IS NOT NULL`.execute(db);
  await sql`CREATE INDEX papers_featured ON papers (featured_at) WHERE featured_at IS NOT NULL`.execute(db);
  await sql`ALTER TABLE users ADD COLUMN blocked_at TEXT`.execute(db);
  await sql`CREATE TABLE moderation_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    actor_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    note TEXT,
    created_at TEXT NOT NULL
  )`.execute(db);
  await sql`CREATE INDEX moderation_log_created ON moderation_log (created_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE moderation_log`.execute(db);
  await sql`DROP INDEX papers_featured`.execute(db);
  await sql`DROP INDEX papers_hidden`.execute(db);
  await sql`ALTER TABLE users DROP COLUMN blocked_at`.execute(db);
  await sql`ALTER TABLE papers DROP COLUMN featured_at`.execute(db);
  await sql`ALTER TABLE papers DROP COLUMN hidden_at`.execute(db);
}
