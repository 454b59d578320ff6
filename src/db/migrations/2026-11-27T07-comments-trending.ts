// Comments (one level of replies), their flags, the counters cards show, the stored trending score,
// and whether a member shows their upvotes on their profile.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE comments (
    id INTEGER PRIMARY KEY,
    paper_pk INTEGER NOT NULL REFERENCES papers (pk) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    parent_id INTEGER REFERENCES comments (id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    edited_at TEXT,
    deleted_at TEXT,
    hidden_at TEXT,
    hidden_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    flag_count INTEGER NOT NULL DEFAULT 0
  )`.execute(db);
  await sql`CREATE INDEX comments_paper ON comments (paper_pk, created_at)`.execute(db);
  await sql`CREATE INDEX comments_user ON comments (user_id, created_at)`.execute(db);
  // The moderation queue: flagged comments still shown, found without scanning every comment.
  await sql`CREATE INDEX comments_flagged ON comments (flag_count) WHERE flag_count > 0`.execute(db);
  await sql`CREATE TABLE comment_flags (
    comment_id INTEGER NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    reason TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (comment_id, user_id)
  ) WITHOUT ROWID`.execute(db);

  await sql`ALTER TABLE papers ADD COLUMN num_comments INTEGER NOT NULL DEFAULT 0`.execute(db);
  await sql`ALTER TABLE papers ADD COLUMN commenters INTEGER NOT NULL DEFAULT 0`.execute(db);
  await sql`ALTER TABLE papers ADD COLUMN trending REAL NOT NULL DEFAULT 0`.execute(db);
  // The score as docs/ranking.md defines it at the time of this migration (feed/trending.ts is the source of
  // truth from here on): log2(1 + points) + days from 1991-01-01 to the latest listing day.
  await sql`UPDATE papers SET trending = log2(1 + upvotes) + coalesce(
    (SELECT julianday(max(day)) - julianday('1991-01-01') FROM daily_listings WHERE paper_pk = papers.pk), 0)`.execute(db);
  await sql`CREATE INDEX papers_trending ON papers (trending DESC)`.execute(db);

  await sql`ALTER TABLE users ADD COLUMN show_upvotes INTEGER NOT NULL DEFAULT 0`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE users DROP COLUMN show_upvotes`.execute(db);
  await sql`DROP INDEX IF EXISTS papers_trending`.execute(db);
  for (const column of ['trending', 'commenters', 'num_comments']) {
    await sql`ALTER TABLE papers DROP COLUMN ${sql.id(column)}`.execute(db);
  }
  await sql`DROP TABLE IF EXISTS comment_flags`.execute(db);
  await sql`DROP TABLE IF EXISTS comments`.execute(db);
}
