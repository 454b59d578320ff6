// All SQL that reads the FTS5 keyword index (papers_fts) and its own bookkeeping tables: SQLite's keyword adapter.
import type BetterSqlite3 from 'better-sqlite3';
import { prepared, type SqliteDb } from '../db/database.ts';
import { readVarints, type Candidate } from './bm25.ts';

/** The indexed text columns (title, abstract, author names); the facets column after them is not text to score. */
const TEXT_COLUMNS = 3;

interface Statements {
  newest: BetterSqlite3.Statement<[string, number], { pk: number }>;
  texts: BetterSqlite3.Statement<[string], { pk: number; title: string; abstract: string; author_names: string; sz: Buffer }>;
  averages: BetterSqlite3.Statement<[], { block: Buffer }>;
  countSince: BetterSqlite3.Statement<[string, bigint], { n: number }>;
  maxKey: BetterSqlite3.Statement<[], { pk: number | null }>;
  rebuild: BetterSqlite3.Statement<[]>;
  optimize: BetterSqlite3.Statement<[]>;
}
const cache = new WeakMap<BetterSqlite3.Database, Statements>();

function statements(sqlite: BetterSqlite3.Database): Statements {
  let s = cache.get(sqlite);
  if (!s) {
    s = {
      // Walks the postings newest first, scoring nothing: cheap even for very common words.
      newest: sqlite.prepare('SELECT rowid AS pk FROM papers_fts WHERE papers_fts MATCH ? ORDER BY rowid DESC LIMIT ?'),
      texts: sqlite.prepare(
        `SELECT p.pk, p.title, p.abstract, p.author_names, d.sz
           FROM papers p JOIN papers_fts_docsize d ON d.id = p.pk
          WHERE p.pk IN (SELECT value FROM json_each(?))`,
      ),
      // FTS5's running totals (rowid 1 of its data table): rows, then tokens per column.
      averages: sqlite.prepare('SELECT block FROM papers_fts_data WHERE id = 1'),
      countSince: sqlite.prepare('SELECT count(*) AS n FROM papers_fts WHERE papers_fts MATCH ? AND rowid > ?'),
      maxKey: sqlite.prepare('SELECT max(pk) AS pk FROM papers'),
      rebuild: sqlite.prepare(`INSERT INTO papers_fts (papers_fts) VALUES ('rebuild')`),
      optimize: sqlite.prepare(`INSERT INTO papers_fts (papers_fts) VALUES ('optimize')`),
    };
    cache.set(sqlite, s);
  }
  return s;
}

import type { ExactDates } from './keyword-ranking.service.ts';

/**
 * Keys of the newest papers that match an FTS5 query, newest first. With exact dates the matches are checked against
 * the papers' dates too: only papers of a bound's own month can fail, so the walk stays short.
 */
export function newestMatches(db: SqliteDb, match: string, limit: number, exact?: ExactDates): number[] {
  if (!exact) return statements(db.sqlite).newest.all(match, limit).map((row) => row.pk);
  return prepared(
    db,
    `SELECT f.rowid AS pk FROM papers_fts f JOIN papers p ON p.pk = f.rowid
      WHERE papers_fts MATCH ? AND p.published_at >= ? AND p.published_at < ? ORDER BY f.rowid DESC LIMIT ?`,
  )
    .all(match, exact.after ?? '', exact.before ?? '\uffff', limit)
    .map((row) => (row as { pk: number }).pk); // no pluck(): it would change the statement for every later user
}

/** The first and last year papers were published in (null when no paper has a date): two index seeks. */
export function publicationYears(db: SqliteDb): { first: number; last: number } | null {
  // Two subqueries: SQLite answers a lone min() or max() from the index, but scans the table for both in one.
  const row = prepared(db, 'SELECT (SELECT min(published_at) FROM papers) AS first, (SELECT max(published_at) FROM papers) AS last').get() as {
    first: string | null;
    last: string | null;
  };
  if (!row.first || !row.last) return null;
  return { first: Number(row.first.slice(0, 4)), last: Number(row.last.slice(0, 4)) };
}

/** The indexed text and token length of each paper, for scoring. */
export function candidateTexts(db: SqliteDb, pks: readonly number[]): Candidate[] {
  if (pks.length === 0) return [];
  return statements(db.sqlite)
    .texts.all(JSON.stringify(pks))
    .map((row) => ({
      pk: row.pk,
      columns: [row.title, row.abstract, row.author_names] as const,
      length: readVarints(row.sz).slice(0, TEXT_COLUMNS).reduce((sum, n) => sum + n, 0),
    }));
}

/** Documents in the index and their total tokens, as FTS5 keeps them. */
export function indexTotals(db: SqliteDb): { documents: number; tokens: number } {
  const row = statements(db.sqlite).averages.get();
  if (!row) return { documents: 0, tokens: 0 };
  const [documents = 0, ...columns] = readVarints(row.block);
  return { documents, tokens: columns.slice(0, TEXT_COLUMNS).reduce((sum, n) => sum + n, 0) };
}

/** How many of the papers with a key above `afterKey` match: a bounded sample of a term's frequency. */
export function countMatchesAfter(db: SqliteDb, match: string, afterKey: number): number {
  // Bound as INTEGER (a BigInt): better-sqlite3 binds a JS number as REAL, and with a REAL bound FTS5 does not
  // seek but walks the posting lists from their start (72 ms against 1 ms for a common word at 3M papers).
  return statements(db.sqlite).countSince.get(match, BigInt(afterKey))?.n ?? 0;
}

export function maxPaperKey(db: SqliteDb): number {
  return statements(db.sqlite).maxKey.get()?.pk ?? 0;
}

export function rebuildIndex(db: SqliteDb): void {
  statements(db.sqlite).rebuild.run();
}

/** Merges the index's segments into one: slower to run, faster to query afterwards. */
export function optimizeIndex(db: SqliteDb): void {
  statements(db.sqlite).optimize.run();
}

/** Newest papers whose title matches an FTS5 query (suggestions as people type). */
export function newestTitleMatches(db: SqliteDb, match: string, limit: number): Array<{ pk: number; title: string }> {
  return db.sqlite
    .prepare('SELECT f.rowid AS pk, p.title FROM papers_fts f JOIN papers p ON p.pk = f.rowid WHERE papers_fts MATCH ? ORDER BY f.rowid DESC LIMIT ?')
    .all(`title : (${match})`, limit) as Array<{ pk: number; title: string }>;
}
