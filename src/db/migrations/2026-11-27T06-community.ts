// Upvotes (one per user and paper, counted on the paper) and submissions (who brought which paper, which day).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE papers ADD COLUMN upvotes INTEGER NOT NULL DEFAULT 0`.execute(db);
  await sql`CREATE TABLE votes (
    paper_pk INTEGER NOT NULL REFERENCES papers (pk) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    PRIMARY KEY (paper_pk, user_id)
  ) WITHOUT ROWID`.execute(db);
  await sql`CREATE INDEX votes_user ON votes (user_id, created_at)`.execute(db);
  await sql`CREATE TABLE submissions (
    id INTEGER PRIMARY KEY,
    paper_pk INTEGER NOT NULL REFERENCES papers (pk) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    day TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (paper_pk, day)
  )`.execute(db);
  await sql`CREATE INDEX submissions_user ON submissions (user_id, created_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS submissions`.execute(db);
  await sql`DROP TABLE IF EXISTS votes`.execute(db);
  await sql`ALTER TABLE papers DROP COLUMN upvotes`.execute(db);
}
