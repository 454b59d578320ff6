// Papers' pictures (issue 21): the first page of a paper's PDF, rendered once (WebP, at most 40 KB), or the record of a
// fetch or render that failed, so it is not tried again before `retry_at`. A paper without a row shows its title
// card, drawn on request. BYTEA is the engine's byte column; the rest is the same on both engines.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE thumbnails (
    paper_pk INTEGER PRIMARY KEY REFERENCES papers (pk) ON DELETE CASCADE,
    content_type TEXT,
    image BYTEA,
    created_at TEXT NOT NULL,
    failures INTEGER NOT NULL DEFAULT 0,
    retry_at TEXT,
    last_error TEXT
  )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE thumbnails`.execute(db);
}
