// Facet words for the keyword index (search/facets.ts): each paper's categories, archives and publication dates as
// words of a fourth FTS5 column, so `cat:`, `before:` and `after:` are answered from posting lists, not by testing
// rows. FTS5 tables cannot gain a column, so the index is built again, this time with a prefix index of three letters
// (prefix queries such as `con*` read one index entry instead of merging every term they begin: 28 ms → 0.8 ms at
// 100,000 papers), at about +75% index size. It takes minutes at 3 million papers, once.
// The words are written by search/facets.ts, which is therefore part of the index's format: a change to it needs a
// migration that rebuilds the index, as this one does.
import { sql, type Kysely } from 'kysely';
import { facetWords } from './frozen/facets-2026-11-28T00.ts'; // frozen: what facets.ts wrote when this landed

const BATCH = 10_000;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE papers ADD COLUMN facets TEXT NOT NULL DEFAULT ''`.execute(db);
  for (let after = 0; ; ) {
    const { rows } = await sql<{ pk: number; categories: string; published_at: string | null }>`
      SELECT pk, categories, published_at FROM papers WHERE pk > ${after} ORDER BY pk LIMIT ${BATCH}`.execute(db);
    if (rows.length === 0) break;
    const facets = rows.map((row) => [row.pk, facetWords(row.categories ? row.categories.split(' ') : [], row.published_at)]);
    await sql`UPDATE papers SET facets = f.value ->> 1 FROM json_each(${JSON.stringify(facets)}) f WHERE papers.pk = f.value ->> 0`.execute(db);
    after = rows.at(-1)?.pk ?? after;
  }

  for (const name of ['papers_fts_update', 'papers_fts_delete']) await sql`DROP TRIGGER ${sql.id(name)}`.execute(db);
  await sql`DROP TABLE papers_fts`.execute(db);
  await sql`CREATE VIRTUAL TABLE papers_fts USING fts5 (
    title, abstract, author_names, facets,
    content = 'papers', content_rowid = 'pk',
    tokenize = 'porter unicode61 remove_diacritics 2',
    prefix = '3'
  )`.execute(db);
  // As before: new rows are indexed by the papers repository in the insert's transaction; triggers keep edits in step.
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

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const name of ['papers_fts_update', 'papers_fts_delete']) await sql`DROP TRIGGER IF EXISTS ${sql.id(name)}`.execute(db);
  await sql`DROP TABLE IF EXISTS papers_fts`.execute(db);
  await sql`ALTER TABLE papers DROP COLUMN facets`.execute(db);
  await sql`CREATE VIRTUAL TABLE papers_fts USING fts5 (
    title, abstract, author_names, content = 'papers', content_rowid = 'pk', tokenize = 'porter unicode61 remove_diacritics 2'
  )`.execute(db);
  await sql`CREATE TRIGGER papers_fts_delete AFTER DELETE ON papers BEGIN
    INSERT INTO papers_fts (papers_fts, rowid, title, abstract, author_names) VALUES ('delete', old.pk, old.title, old.abstract, old.author_names);
  END`.execute(db);
  await sql`CREATE TRIGGER papers_fts_update AFTER UPDATE OF title, abstract, author_names ON papers BEGIN
    INSERT INTO papers_fts (papers_fts, rowid, title, abstract, author_names) VALUES ('delete', old.pk, old.title, old.abstract, old.author_names);
    INSERT INTO papers_fts (rowid, title, abstract, author_names) VALUES (new.pk, new.title, new.abstract, new.author_names);
  END`.execute(db);
  await sql`INSERT INTO papers_fts (papers_fts) VALUES ('rebuild')`.execute(db);
}
