// A paper's interest — its trending score without the freshness term, log2(1 + points) — stored beside the score, so
// a week or month sorted by trending orders by a column instead of looking up each paper's latest listing (a month of
// 2,567 listings, with its count: 20.5 → 13.7 ms). Nullable and not backfilled here: adding the column is instant at
// any size, a paper's interest is written whenever it is next scored, the listing query falls back to computing it
// while it is NULL, and `paperboard reindex` fills every row at once.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE papers ADD COLUMN interest REAL`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE papers DROP COLUMN interest`.execute(db);
}
