// The keyword index becomes the search capability's own: keyword_fts, a contentless FTS5 table (postings and lengths,
// no copy of the text) that search writes as the papers service tells it of written papers, in place of papers_fts,
// an external-content table over `papers` that the papers repository and two triggers kept. Papers keep whether they
// have code (has_code, set by the code capability) instead of the index's facet words, which search now derives. The
// facet words gain the publication day (search/facets.ts), so `before:`/`after:` inside a month are answered by the
// index alone instead of by reading the papers' dates. The index is built again: minutes at 3 million papers, once.
import { sql, type Kysely } from 'kysely';
import { facetWords } from './frozen/facets-2026-11-28T06.ts'; // frozen: what facets.ts wrote when this landed

const BATCH = 10_000;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE papers ADD COLUMN has_code INTEGER NOT NULL DEFAULT 0`.execute(db);
  await sql`UPDATE papers SET has_code = 1 WHERE ' ' || facets || ' ' LIKE '% hascode9 %'`.execute(db);
  for (const name of ['papers_fts_update', 'papers_fts_delete']) await sql`DROP TRIGGER IF EXISTS ${sql.id(name)}`.execute(db);
  await sql`DROP TABLE papers_fts`.execute(db);
  await sql`ALTER TABLE papers DROP COLUMN facets`.execute(db);
  await sql`CREATE VIRTUAL TABLE keyword_fts USING fts5 (
    title, abstract, author_names, facets,
    content = '', contentless_delete = 1,
    tokenize = 'porter unicode61 remove_diacritics 2',
    prefix = '3'
  )`.execute(db);
  // FTS5 keeps running totals (documents, tokens) for BM25, but a contentless-delete table does not take a deleted
  // row out of them: what deletions took is kept here and subtracted (search/keyword-index.repository.ts).
  await sql`CREATE TABLE keyword_index_removed (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    documents INTEGER NOT NULL,
    tokens INTEGER NOT NULL
  )`.execute(db);
  await sql`INSERT INTO keyword_index_removed (id, documents, tokens) VALUES (1, 0, 0)`.execute(db);
  for (let after = 0; ; ) {
    const { rows } = await sql<{ pk: number; categories: string; published_at: string | null; has_code: number }>`
      SELECT pk, categories, published_at, has_code FROM papers WHERE pk > ${after} ORDER BY pk LIMIT ${BATCH}`.execute(db);
    if (rows.length === 0) break;
    const facets = rows.map((row) => [row.pk, facetWords(row.categories ? row.categories.split(' ') : [], row.published_at, row.has_code === 1)]);
    await sql`INSERT INTO keyword_fts (rowid, title, abstract, author_names, facets)
      SELECT p.pk, p.title, p.abstract, p.author_names, f.value ->> 1 FROM json_each(${JSON.stringify(facets)}) f JOIN papers p ON p.pk = f.value ->> 0`.execute(db);
    after = rows.at(-1)?.pk ?? after;
  }
  await sql`INSERT INTO keyword_fts (keyword_fts) VALUES ('optimize')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS keyword_fts`.execute(db);
  await sql`DROP TABLE IF EXISTS keyword_index_removed`.execute(db);
  await sql`ALTER TABLE papers ADD COLUMN facets TEXT NOT NULL DEFAULT ''`.execute(db);
  const { rows } = await sql<{ pk: number; categories: string; published_at: string | null; has_code: number }>`
    SELECT pk, categories, published_at, has_code FROM papers`.execute(db);
  const facets = rows.map((row) => [row.pk, facetWords(row.categories ? row.categories.split(' ') : [], row.published_at, row.has_code === 1)]);
  await sql`UPDATE papers SET facets = f.value ->> 1 FROM json_each(${JSON.stringify(facets)}) f WHERE papers.pk = f.value ->> 0`.execute(db);
  await sql`ALTER TABLE papers DROP COLUMN has_code`.execute(db);
  await sql`CREATE VIRTUAL TABLE papers_fts USING fts5 (
    title, abstract, author_names, facets,
    content = 'papers', content_rowid = 'pk',
    tokenize = 'porter unicode61 remove_diacritics 2',
    prefix = '3'
  )`.execute(db);
  await sql`CREATE TRIGGER papers_fts_delete AFTER DELETE ON papers BEGIN
    INSERT INTO papers_fts (papers_fts, rowid, title, abstract, author_names, facets)
    VALUES ('delete', old.pk, old.title, old.abstract, old.author_names, old.facets);
  END`.execute(db);
  await sql`CREATE TRIGGER papers_fts_update AFTER UPDATE OF title, abstract, author_names, facets ON papers BEGIN
    INSERT INTO papers_fts (papers_fts, rowid, title, abstract, author_names, facets)
    VALUES ('delete', old.pk, old.title, old.abstract, old.author_names, old.facets);
    INSERT INTO papers_fts (rowid, title, abstract, author_names, facets)
    VALUES (new.pk, new.title, new.abstract, new.author_names, new.facets);
  END`.execute(db);
  await sql`INSERT INTO papers_fts (papers_fts) VALUES ('rebuild')`.execute(db);
}
