// Search by meaning: the fitted embedding model (one active at a time) and each paper's vector. The vectors live in
// the database so every instance can build its in-process index from them; the index file beside the database is a
// cache of that.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE semantic_models (
    name TEXT PRIMARY KEY,
    dimensions INTEGER NOT NULL,
    vocabulary TEXT NOT NULL,
    idf BLOB NOT NULL,
    projection BLOB NOT NULL,
    documents INTEGER NOT NULL,
    fitted_at TEXT NOT NULL
  )`.execute(db);
  await sql`CREATE TABLE paper_vectors (
    paper_pk INTEGER PRIMARY KEY REFERENCES papers (pk) ON DELETE CASCADE,
    model TEXT NOT NULL,
    vector BLOB NOT NULL
  )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS paper_vectors`.execute(db);
  await sql`DROP TABLE IF EXISTS semantic_models`.execute(db);
}
