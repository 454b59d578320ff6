// Writing the keyword index, engine by engine: FTS5's contentless table on SQLite (a revised paper's old postings go
// by its key: the index keeps no text to delete them by) and paper_search's tsvector rows on PostgreSQL (upserted).
// The one place the indexer's engine is chosen (keyword-indexer.service.ts knows neither).
import { withSqlite, type Db } from '../db/database.ts';
import * as postgresIndex from './keyword-index-postgres.repository.ts';
import * as sqliteIndex from './keyword-index.repository.ts';
import type { IndexDocument } from './keyword-index.repository.ts';

export interface KeywordIndexWriter {
  /** Writes new and revised papers and takes removed ones out, in the caller's transaction. */
  write(change: { added: readonly IndexDocument[]; revised: readonly IndexDocument[]; removed: readonly number[] }): Promise<void>;
  /** Papers in the index (SQLite: FTS5's own running total, no scan). */
  indexedPapers(): Promise<number>;
  /** Empties the index, before it is built anew. */
  clear(): Promise<void>;
  /** After a rebuild: SQLite merges FTS5's segments into one; PostgreSQL has nothing to do. */
  optimize(): Promise<void>;
}

export function keywordIndexWriter(db: Db): KeywordIndexWriter {
  if (db.engine === 'postgres') {
    return {
      async write({ added, revised, removed }) {
        await postgresIndex.removeDocuments(db, removed);
        await postgresIndex.writeDocuments(db, [...added, ...revised]);
      },
      indexedPapers: () => postgresIndex.indexedPapers(db),
      clear: () => postgresIndex.clearIndex(db),
      optimize: async () => undefined,
    };
  }
  return {
    write: ({ added, revised, removed }) =>
      withSqlite(db, () => {
        sqliteIndex.removeDocuments(db, [...removed, ...revised.map((d) => d.pk)]);
        sqliteIndex.addDocuments(db, [...added, ...revised]);
      }),
    indexedPapers: async () => sqliteIndex.indexTotals(db).documents,
    clear: () => withSqlite(db, () => sqliteIndex.clearIndex(db)),
    optimize: () => withSqlite(db, () => sqliteIndex.optimizeIndex(db)),
  };
}
