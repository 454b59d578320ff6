// How many papers the corpus held when the semantic model was fitted: the model is refitted once the corpus has grown
// well past it.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE semantic_models ADD COLUMN corpus_papers INTEGER NOT NULL DEFAULT 0`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE semantic_models DROP COLUMN corpus_papers`.execute(db);
}
