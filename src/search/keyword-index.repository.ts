// All SQL on the FTS5 keyword index (papers_fts): ranked keys first, highlights for one page only.
import type BetterSqlite3 from 'better-sqlite3';
import type { Db } from '../db/database.ts';
import { HIT_END, HIT_START } from './highlight.ts';

export interface RankedKey {
  pk: number;
  score: number;
}

export interface KeyHighlights {
  title: string;
  snippet: string;
}

// BM25 with column weights: a word in the title counts 10×, in the authors 4×, in the abstract 1×.
const RANK = 'bm25(papers_fts, 10.0, 1.0, 4.0)';
const SNIPPET_TOKENS = 40;

interface Statements {
  ranked: BetterSqlite3.Statement<[string, number, number], RankedKey>;
  rebuild: BetterSqlite3.Statement<[]>;
  optimize: BetterSqlite3.Statement<[]>;
}
const cache = new WeakMap<BetterSqlite3.Database, Statements>();

function statements(sqlite: BetterSqlite3.Database): Statements {
  let s = cache.get(sqlite);
  if (!s) {
    s = {
      ranked: sqlite.prepare(
        `SELECT rowid AS pk, ${RANK} AS score FROM papers_fts WHERE papers_fts MATCH ? ORDER BY score LIMIT ? OFFSET ?`,
      ),
      rebuild: sqlite.prepare(`INSERT INTO papers_fts (papers_fts) VALUES ('rebuild')`),
      optimize: sqlite.prepare(`INSERT INTO papers_fts (papers_fts) VALUES ('optimize')`),
    };
    cache.set(sqlite, s);
  }
  return s;
}

/** The best-ranked papers for an FTS5 query (lower score is better, as bm25 returns it). */
export function rankedKeys(db: Db, match: string, limit: number, offset: number): RankedKey[] {
  return statements(db.sqlite).ranked.all(match, limit, offset);
}

/**
 * Highlighted title and abstract snippet for a few keys. Done apart from ranking because SQLite
 * would otherwise build a snippet for every match before sorting them.
 */
export function highlightsFor(db: Db, match: string, pks: readonly number[]): Map<number, KeyHighlights> {
  if (pks.length === 0) return new Map();
  const rows = db.sqlite
    .prepare(
      `SELECT rowid AS pk,
              highlight(papers_fts, 0, ?, ?) AS title,
              snippet(papers_fts, 1, ?, ?, '…', ${SNIPPET_TOKENS}) AS snippet
         FROM papers_fts
        WHERE papers_fts MATCH ? AND rowid IN (${pks.map(() => '?').join(', ')})`,
    )
    .all(HIT_START, HIT_END, HIT_START, HIT_END, match, ...pks) as Array<KeyHighlights & { pk: number }>;
  return new Map(rows.map((r) => [r.pk, { title: r.title, snippet: r.snippet }]));
}

export function rebuildIndex(db: Db): void {
  statements(db.sqlite).rebuild.run();
}

/** Merges the index's segments into one: slower to run, faster to query afterwards. */
export function optimizeIndex(db: Db): void {
  statements(db.sqlite).optimize.run();
}
