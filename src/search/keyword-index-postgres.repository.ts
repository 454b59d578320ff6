// All SQL on PostgreSQL's keyword index (paper_search: a weighted tsvector per paper, kept by a trigger on papers):
// PostgreSQL's keyword adapter, beside SQLite's FTS5 one (keyword-index.repository.ts).
import { sql } from 'kysely';
import type { PostgresDb } from '../db/database.ts';

/** Papers in the keyword index. */
export async function indexedPapers(db: PostgresDb): Promise<number> {
  const row = await db.kysely.selectFrom('paper_search').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Writes every paper's search document again (after the document's rules changed), a batch of keys at a time. */
export async function rebuildIndex(db: PostgresDb): Promise<void> {
  for (let after = 0; ; ) {
    const { rows } = await sql<{ pk: number }>`
      INSERT INTO paper_search (paper_pk, document)
      SELECT pk, paperboard_search_document(title, author_names, abstract, facets) FROM papers WHERE pk > ${after} ORDER BY pk LIMIT 10000
      ON CONFLICT (paper_pk) DO UPDATE SET document = EXCLUDED.document
      RETURNING paper_pk AS pk`.execute(db.kysely);
    if (rows.length === 0) return;
    after = Math.max(...rows.map((r) => r.pk));
  }
}

/**
 * A query as PostgreSQL reads it: tsquery text for the words (stemmed with the English configuration, as the
 * documents are) and for the facet words (the simple configuration: they are codes, not words). Built by the adapter.
 */
export interface TsQuery {
  words: string;
  facets: string;
}

function matching(query: TsQuery) {
  const words = query.words ? sql`to_tsquery('english', paperboard_fold(${query.words}))` : null;
  const facets = query.facets ? sql`to_tsquery('simple', ${query.facets})` : null;
  if (words && facets) return sql`(${words} && ${facets})`;
  return words ?? facets ?? sql`''::tsquery`;
}

/** Keys of the newest papers that match, newest first; with exact dates, checked against the papers' dates too. */
export async function newestMatches(db: PostgresDb, query: TsQuery, limit: number, exact?: { after: string | null; before: string | null }): Promise<number[]> {
  const { rows } = exact
    ? await sql<{ pk: number }>`
        SELECT s.paper_pk AS pk FROM paper_search s JOIN papers p ON p.pk = s.paper_pk
         WHERE s.document @@ ${matching(query)} AND p.published_at >= ${exact.after ?? ''} AND p.published_at < ${exact.before ?? '\uffff'}
         ORDER BY s.paper_pk DESC LIMIT ${limit}`.execute(db.kysely)
    : await sql<{ pk: number }>`
        SELECT paper_pk AS pk FROM paper_search WHERE document @@ ${matching(query)} ORDER BY paper_pk DESC LIMIT ${limit}`.execute(db.kysely);
  return rows.map((r) => r.pk);
}

/** How many of the papers with a key above `afterKey` match: a bounded sample of a term's frequency. */
export async function countMatchesAfter(db: PostgresDb, query: TsQuery, afterKey: number): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*) AS n FROM paper_search WHERE paper_pk > ${afterKey} AND document @@ ${matching(query)}`.execute(db.kysely);
  return Number(rows[0]?.n ?? 0);
}

/** The indexed text of papers, for scoring. */
export async function candidateTexts(db: PostgresDb, pks: readonly number[]): Promise<Array<{ pk: number; title: string; abstract: string; author_names: string }>> {
  if (pks.length === 0) return [];
  return db.kysely.selectFrom('papers').select(['pk', 'title', 'abstract', 'author_names']).where('pk', 'in', [...pks]).execute();
}

/** The first and last publication dates (null when no paper has one): two index seeks. */
export async function publicationBounds(db: PostgresDb): Promise<{ first: string | null; last: string | null }> {
  const { rows } = await sql<{ first: string | null; last: string | null }>`
    SELECT (SELECT min(published_at) FROM papers) AS first, (SELECT max(published_at) FROM papers) AS last`.execute(db.kysely);
  return rows[0] ?? { first: null, last: null };
}

export async function maxPaperKey(db: PostgresDb): Promise<number> {
  const row = await db.kysely.selectFrom('papers').select((eb) => eb.fn.max('pk').as('pk')).executeTakeFirst();
  return Number(row?.pk ?? 0);
}

/** The newest papers' keys (for the corpus's average length, sampled). */
export async function newestKeys(db: PostgresDb, limit: number): Promise<number[]> {
  const rows = await db.kysely.selectFrom('paper_search').select('paper_pk').orderBy('paper_pk', 'desc').limit(limit).execute();
  return rows.map((r) => r.paper_pk);
}

/** Newest papers whose title matches (the query's lexemes restricted to the title's weight). */
export async function newestTitleMatches(db: PostgresDb, query: TsQuery, limit: number): Promise<Array<{ pk: number; title: string }>> {
  const { rows } = await sql<{ pk: number; title: string }>`
    SELECT s.paper_pk AS pk, p.title FROM paper_search s JOIN papers p ON p.pk = s.paper_pk
     WHERE s.document @@ ${matching(query)} ORDER BY s.paper_pk DESC LIMIT ${limit}`.execute(db.kysely);
  return rows;
}
