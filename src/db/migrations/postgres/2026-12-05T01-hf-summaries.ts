// What Hugging Face writes of a featured paper besides its counts: its one-sentence `ai_summary` and its
// `ai_keywords` (a JSON array), kept with its other signals so the HF-shaped API and the cards can show them. Nullable:
// added at once at any size, filled as daily papers arrive. The same statements on both engines.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE external_signals ADD COLUMN summary TEXT`.execute(db);
  await sql`ALTER TABLE external_signals ADD COLUMN keywords TEXT`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE external_signals DROP COLUMN keywords`.execute(db);
  await sql`ALTER TABLE external_signals DROP COLUMN summary`.execute(db);
}
