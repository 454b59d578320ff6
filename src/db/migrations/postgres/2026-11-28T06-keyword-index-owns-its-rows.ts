// As SQLite's migration of the same name: paper_search becomes the search capability's own, written by search as the
// papers service tells it of written papers, instead of by a trigger on papers; papers keep has_code instead of the
// facet words; the facet words gain the publication day. Every paper's document is written again.
import { sql, type Kysely } from 'kysely';
import { facetWords } from '../frozen/facets-2026-11-28T06.ts'; // frozen: what facets.ts wrote when this landed

const BATCH = 1_000;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TRIGGER papers_index_insert ON papers`.execute(db);
  await sql`DROP TRIGGER papers_index_update ON papers`.execute(db);
  await sql`DROP FUNCTION paperboard_index_paper()`.execute(db);
  await sql`ALTER TABLE papers ADD COLUMN has_code INTEGER NOT NULL DEFAULT 0`.execute(db);
  await sql`UPDATE papers SET has_code = 1 WHERE ' ' || facets || ' ' LIKE '% hascode9 %'`.execute(db);
  await sql`ALTER TABLE papers DROP COLUMN facets`.execute(db);
  for (let after = 0; ; ) {
    const { rows } = await sql<{ pk: number; categories: string; published_at: string | null; has_code: number }>`
      SELECT pk, categories, published_at, has_code FROM papers WHERE pk > ${after} ORDER BY pk LIMIT ${BATCH}`.execute(db);
    if (rows.length === 0) break;
    const pks = rows.map((row) => row.pk);
    const facets = rows.map((row) => facetWords(row.categories ? row.categories.split(' ') : [], row.published_at, row.has_code === 1));
    await sql`INSERT INTO paper_search (paper_pk, document)
      SELECT p.pk, paperboard_search_document(p.title, p.author_names, p.abstract, f.facets)
        FROM unnest(${pks}::integer[], ${facets}::text[]) AS f(pk, facets) JOIN papers p ON p.pk = f.pk
      ON CONFLICT (paper_pk) DO UPDATE SET document = EXCLUDED.document`.execute(db);
    after = rows.at(-1)?.pk ?? after;
  }
}

export async function down(): Promise<void> {
  throw new Error('2026-11-28T06-keyword-index-owns-its-rows cannot be undone on PostgreSQL: restore a backup taken before it.');
}
