// Where each harvest stands: its window, the resumption token of the next page, the last datestamp stored.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE harvest_checkpoints (
    source TEXT NOT NULL,
    set_spec TEXT NOT NULL DEFAULT '',
    window_from TEXT NOT NULL,
    window_until TEXT NOT NULL,
    resumption_token TEXT,
    last_datestamp TEXT,
    completed_until TEXT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (source, set_spec)
  ) WITHOUT ROWID`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS harvest_checkpoints`.execute(db);
}
