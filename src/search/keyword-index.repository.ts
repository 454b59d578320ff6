// All SQL that reads the FTS5 keyword index (papers_fts): ranked keys, bounded when matches are many.
import type BetterSqlite3 from 'better-sqlite3';
import type { Db } from '../db/database.ts';

export interface RankedKey {
  pk: number;
  score: number;
}

// BM25 with column weights: a word in the title counts 10×, in the authors 4×, in the abstract 1×.
const RANK = 'bm25(papers_fts, 10.0, 1.0, 4.0)';

interface Statements {
  ranked: BetterSqlite3.Statement<[string, number, number], RankedKey>;
  rankedSince: BetterSqlite3.Statement<[string, number, number, number], RankedKey>;
  nthNewest: BetterSqlite3.Statement<[string, number], { pk: number }>;
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
      rankedSince: sqlite.prepare(
        `SELECT rowid AS pk, ${RANK} AS score FROM papers_fts
          WHERE papers_fts MATCH ? AND rowid >= ? ORDER BY score LIMIT ? OFFSET ?`,
      ),
      // Walks the postings newest first without scoring them: cheap even for very common words.
      nthNewest: sqlite.prepare(
        'SELECT rowid AS pk FROM papers_fts WHERE papers_fts MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?',
      ),
      rebuild: sqlite.prepare(`INSERT INTO papers_fts (papers_fts) VALUES ('rebuild')`),
      optimize: sqlite.prepare(`INSERT INTO papers_fts (papers_fts) VALUES ('optimize')`),
    };
    cache.set(sqlite, s);
  }
  return s;
}

/**
 * The key of the n-th newest match (0-based), or null when there are no more than n matches:
 * where a bounded candidate set starts.
 */
export function nthNewestMatch(db: Db, match: string, n: number): number | null {
  return statements(db.sqlite).nthNewest.get(match, n)?.pk ?? null;
}

/**
 * The best-ranked papers for an FTS5 query (lower score is better, as bm25 returns it), among the
 * matches with a key of at least `fromKey` when one is given.
 */
export function rankedKeys(db: Db, match: string, limit: number, offset: number, fromKey: number | null): RankedKey[] {
  const s = statements(db.sqlite);
  return fromKey === null ? s.ranked.all(match, limit, offset) : s.rankedSince.all(match, fromKey, limit, offset);
}

export function rebuildIndex(db: Db): void {
  statements(db.sqlite).rebuild.run();
}

/** Merges the index's segments into one: slower to run, faster to query afterwards. */
export function optimizeIndex(db: Db): void {
  statements(db.sqlite).optimize.run();
}
