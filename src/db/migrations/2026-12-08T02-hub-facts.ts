// Hugging Face's facts of the models, datasets and Spaces papers name (issue 21: "likes and downloads when known"):
// the Hub's likes, and its downloads of the last 30 days (models and datasets; Spaces have none). Null until fetched.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE repositories ADD COLUMN likes INTEGER`.execute(db);
  await sql`ALTER TABLE repositories ADD COLUMN downloads INTEGER`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE repositories DROP COLUMN downloads`.execute(db);
  await sql`ALTER TABLE repositories DROP COLUMN likes`.execute(db);
}
