// All SQL on PostgreSQL's keyword index: paper_search, a weighted tsvector per paper, which the search capability owns
// and writes (keyword-indexer.service.ts). PostgreSQL's keyword adapter, beside SQLite's FTS5 one
// (keyword-index.repository.ts). The text a ranking scores is the papers service's.
import { sql } from 'kysely';
import type { PostgresDb } from '../db/database.ts';
import type { IndexDocument } from './keyword-index.repository.ts';

/** Papers in the keyword index. */
export async function indexedPapers(db: PostgresDb): Promise<number> {
  const row = await db.kysely.selectFrom('paper_search').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Rows per multi-row write: one round trip for many documents, well within PostgreSQL's bound values. */
const DOCUMENTS_PER_WRITE = 1_000;

/** Writes papers' documents, new or replacing what was indexed (the tsvector is built by the database). */
export async function writeDocuments(db: PostgresDb, documents: readonly IndexDocument[]): Promise<void> {
  for (let start = 0; start < documents.length; start += DOCUMENTS_PER_WRITE) {
    const rows = documents
      .slice(start, start + DOCUMENTS_PER_WRITE)
      .map((d) => sql`(${d.pk}::integer, paperboard_search_document(${d.title}::text, ${d.authorNames}::text, ${d.abstract}::text, ${d.facets}::text))`);
    await sql`INSERT INTO paper_search (paper_pk, document) VALUES ${sql.join(rows)}
      ON CONFLICT (paper_pk) DO UPDATE SET document = EXCLUDED.document`.execute(db.kysely);
  }
}

export async function removeDocuments(db: PostgresDb, pks: readonly number[]): Promise<void> {
  if (pks.length > 0) await sql`DELETE FROM paper_search WHERE paper_pk = ANY(${[...pks]}::integer[])`.execute(db.kysely);
}

export async function clearIndex(db: PostgresDb): Promise<void> {
  await sql`DELETE FROM paper_search`.execute(db.kysely);
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

/** Keys of the newest papers that match, newest first. */
export async function newestMatches(db: PostgresDb, query: TsQuery, limit: number): Promise<number[]> {
  const { rows } = await sql<{ pk: number }>`
    SELECT paper_pk AS pk FROM paper_search WHERE document @@ ${matching(query)} ORDER BY paper_pk DESC LIMIT ${limit}`.execute(db.kysely);
  return rows.map((r) => r.pk);
}

/** How many of the papers with a key above `afterKey` match: a bounded sample of a term's frequency. */
export async function countMatchesAfter(db: PostgresDb, query: TsQuery, afterKey: number): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*) AS n FROM paper_search WHERE paper_pk > ${afterKey} AND document @@ ${matching(query)}`.execute(db.kysely);
  return Number(rows[0]?.n ?? 0);
}

/** The highest key in the index (0 when it is empty). */
export async function maxIndexedKey(db: PostgresDb): Promise<number> {
  const row = await db.kysely.selectFrom('paper_search').select((eb) => eb.fn.max('paper_pk').as('pk')).executeTakeFirst();
  return Number(row?.pk ?? 0);
}

/** The newest papers' keys (for the corpus's average length, sampled). */
export async function newestKeys(db: PostgresDb, limit: number): Promise<number[]> {
  const rows = await db.kysely.selectFrom('paper_search').select('paper_pk').orderBy('paper_pk', 'desc').limit(limit).execute();
  return rows.map((r) => r.paper_pk);
}
