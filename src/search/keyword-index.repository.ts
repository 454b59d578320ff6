// All SQL on SQLite's keyword index: keyword_fts, a contentless FTS5 table (it keeps the postings and each document's
// length, not the text) that the search capability owns and writes (keyword-indexer.service.ts), and its FTS5
// bookkeeping tables. The text a ranking scores is the papers service's.
import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDb } from '../db/database.ts';
import { readVarints } from './bm25.ts';

/** The indexed text columns (title, abstract, author names); the facets column after them is not text to score. */
const TEXT_COLUMNS = 3;

/** One paper as the index stores it: its text and its facet words (facets.ts). */
export interface IndexDocument {
  pk: number;
  title: string;
  abstract: string;
  authorNames: string;
  facets: string;
}

interface Statements {
  newest: BetterSqlite3.Statement<[string, number], { pk: number }>;
  lengths: BetterSqlite3.Statement<[string], { pk: number; sz: string }>;
  averages: BetterSqlite3.Statement<[], { block: Buffer }>;
  removedTotals: BetterSqlite3.Statement<[], { documents: number; tokens: number }>;
  countRemoved: BetterSqlite3.Statement<[number, number]>;
  resetRemoved: BetterSqlite3.Statement<[]>;
  size: BetterSqlite3.Statement<[number], { sz: string }>;
  countSince: BetterSqlite3.Statement<[string, bigint], { n: number }>;
  maxKey: BetterSqlite3.Statement<[], { pk: number | null }>;
  add: BetterSqlite3.Statement<[number, string, string, string, string]>;
  remove: BetterSqlite3.Statement<[number]>;
  clear: BetterSqlite3.Statement<[]>;
  optimize: BetterSqlite3.Statement<[]>;
}
const cache = new WeakMap<BetterSqlite3.Database, Statements>();

function statements(sqlite: BetterSqlite3.Database): Statements {
  let s = cache.get(sqlite);
  if (!s) {
    s = {
      // Walks the postings newest first, scoring nothing: cheap even for very common words.
      newest: sqlite.prepare('SELECT rowid AS pk FROM keyword_fts WHERE keyword_fts MATCH ? ORDER BY rowid DESC LIMIT ?'),
      // In hex: a Buffer per row cost more than the lookups (500 candidates: 1.1 ms as blobs, 0.7 ms as hex).
      lengths: sqlite.prepare('SELECT id AS pk, hex(sz) AS sz FROM keyword_fts_docsize WHERE id IN (SELECT value FROM json_each(?))'),
      // FTS5's running totals (rowid 1 of its data table): rows, then tokens per column.
      averages: sqlite.prepare('SELECT block FROM keyword_fts_data WHERE id = 1'),
      // A contentless-delete table leaves a deleted row in those totals: what deletions took is kept beside them.
      removedTotals: sqlite.prepare('SELECT documents, tokens FROM keyword_index_removed WHERE id = 1'),
      countRemoved: sqlite.prepare('UPDATE keyword_index_removed SET documents = documents + ?, tokens = tokens + ? WHERE id = 1'),
      resetRemoved: sqlite.prepare('UPDATE keyword_index_removed SET documents = 0, tokens = 0 WHERE id = 1'),
      size: sqlite.prepare('SELECT hex(sz) AS sz FROM keyword_fts_docsize WHERE id = ?'),
      countSince: sqlite.prepare('SELECT count(*) AS n FROM keyword_fts WHERE keyword_fts MATCH ? AND rowid > ?'),
      maxKey: sqlite.prepare('SELECT max(id) AS pk FROM keyword_fts_docsize'),
      add: sqlite.prepare('INSERT INTO keyword_fts (rowid, title, abstract, author_names, facets) VALUES (?, ?, ?, ?, ?)'),
      // contentless_delete: a row goes by its key alone, without the text it was indexed with.
      remove: sqlite.prepare('DELETE FROM keyword_fts WHERE rowid = ?'),
      clear: sqlite.prepare(`INSERT INTO keyword_fts (keyword_fts) VALUES ('delete-all')`),
      optimize: sqlite.prepare(`INSERT INTO keyword_fts (keyword_fts) VALUES ('optimize')`),
    };
    cache.set(sqlite, s);
  }
  return s;
}

/** Keys of the newest papers that match an FTS5 query, newest first. */
export function newestMatches(db: SqliteDb, match: string, limit: number): number[] {
  return statements(db.sqlite).newest.all(match, limit).map((row) => row.pk);
}

/**
 * A document's text tokens from its FTS5 size record in hex (one varint a column; the facets column after them is not
 * text): read straight from the text, as a Buffer a row cost more than the lookups themselves.
 */
function textTokens(hex: string): number {
  let sum = 0;
  let value = 0;
  for (let i = 0, column = 0; i + 1 < hex.length && column < TEXT_COLUMNS; i += 2) {
    const byte = parseInt(hex.slice(i, i + 2), 16);
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) {
      sum += value;
      value = 0;
      column += 1;
    }
  }
  return sum;
}

/** Each paper's length in tokens (title, abstract and authors), as the index counted it. */
export function documentLengths(db: SqliteDb, pks: readonly number[]): Map<number, number> {
  if (pks.length === 0) return new Map();
  const rows = statements(db.sqlite).lengths.all(JSON.stringify(pks));
  return new Map(rows.map((row) => [row.pk, textTokens(row.sz)]));
}

/** Documents in the index and their total tokens: FTS5's running totals, less what deletions took. */
export function indexTotals(db: SqliteDb): { documents: number; tokens: number } {
  const s = statements(db.sqlite);
  const row = s.averages.get();
  if (!row) return { documents: 0, tokens: 0 };
  const [documents = 0, ...columns] = readVarints(row.block);
  const removed = s.removedTotals.get() ?? { documents: 0, tokens: 0 };
  return { documents: documents - removed.documents, tokens: columns.slice(0, TEXT_COLUMNS).reduce((sum, n) => sum + n, 0) - removed.tokens };
}

/** How many of the papers with a key above `afterKey` match: a bounded sample of a term's frequency. */
export function countMatchesAfter(db: SqliteDb, match: string, afterKey: number): number {
  // Bound as INTEGER (a BigInt): better-sqlite3 binds a JS number as REAL, and with a REAL bound FTS5 does not
  // seek but walks the posting lists from their start (72 ms against 1 ms for a common word at 3M papers).
  return statements(db.sqlite).countSince.get(match, BigInt(afterKey))?.n ?? 0;
}

/** The highest key in the index (0 when it is empty). */
export function maxIndexedKey(db: SqliteDb): number {
  return statements(db.sqlite).maxKey.get()?.pk ?? 0;
}

/** Adds papers that are not in the index. Call inside a transaction (withSqlite). */
export function addDocuments(db: SqliteDb, documents: readonly IndexDocument[]): void {
  const { add } = statements(db.sqlite);
  for (const d of documents) add.run(d.pk, d.title, d.abstract, d.authorNames, d.facets);
}

/** Takes papers out of the index (keys not in it are ignored). Call inside a transaction (withSqlite). */
export function removeDocuments(db: SqliteDb, pks: readonly number[]): void {
  if (pks.length === 0) return;
  const s = statements(db.sqlite);
  let documents = 0;
  let tokens = 0;
  for (const pk of pks) {
    const size = s.size.get(pk);
    if (!size) continue;
    documents += 1;
    tokens += textTokens(size.sz);
    s.remove.run(pk);
  }
  if (documents > 0) s.countRemoved.run(documents, tokens);
}

/** Empties the index (before it is built anew): its totals start again from nothing. */
export function clearIndex(db: SqliteDb): void {
  const s = statements(db.sqlite);
  s.clear.run();
  s.resetRemoved.run();
}

/** Merges the index's segments into one: slower to run, faster to query afterwards. */
export function optimizeIndex(db: SqliteDb): void {
  statements(db.sqlite).optimize.run();
}
