// "Not interested": papers a member asked not to see in their "for you" feed (and whose neighbours sink).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE not_interested (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    paper_pk INTEGER NOT NULL REFERENCES papers (pk) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    PRIMARY KEY (user_id, paper_pk)
  ) WITHOUT ROWID`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS not_interested`.execute(db);
}
