// Keeps the keyword index in step with the papers. The papers service tells it, inside the writing transaction, of
// every paper whose searchable text was written or removed; it writes the index's own rows (FTS5's on SQLite,
// paper_search on PostgreSQL), so a paper and its index entry commit together. `paperboard reindex` builds it anew.
import { withSqlite, type Db } from '../db/database.ts';
import type { IndexablePaper, TextChange } from '../papers/paper.ts';
import { facetWords } from './facets.ts';
import * as sqliteIndex from './keyword-index.repository.ts';
import * as postgresIndex from './keyword-index-postgres.repository.ts';

/** Papers read a batch at a time when the index is built anew. */
const REBUILD_BATCH = 10_000;

export interface TextWalker {
  /** Every paper's searchable text after `afterPk`, ascending, a page at a time. */
  textsAfter(afterPk: number, limit: number): Promise<IndexablePaper[]>;
}

function documentOf(text: IndexablePaper): sqliteIndex.IndexDocument {
  return {
    pk: text.pk,
    title: text.title,
    abstract: text.abstract,
    authorNames: text.authorNames,
    facets: facetWords(text.categories, text.publishedAt, text.hasCode),
  };
}

export function createKeywordIndexer(db: Db, papers: TextWalker) {
  async function apply(change: TextChange): Promise<void> {
    if (db.engine === 'postgres') {
      await postgresIndex.removeDocuments(db, change.removed);
      await postgresIndex.writeDocuments(db, [...change.added, ...change.revised].map(documentOf));
      return;
    }
    await withSqlite(db, () => {
      // A revised paper's old postings go by its key (the index is contentless: it needs no old text).
      sqliteIndex.removeDocuments(db, [...change.removed, ...change.revised.map((t) => t.pk)]);
      sqliteIndex.addDocuments(db, [...change.added, ...change.revised].map(documentOf));
    });
  }

  return {
    /** What the papers service calls as papers are written (papers.onTextChange). */
    apply,

    /** Papers in the index, from its own running total on SQLite (no table scan). */
    async indexedPapers(): Promise<number> {
      return db.engine === 'sqlite' ? sqliteIndex.indexTotals(db).documents : postgresIndex.indexedPapers(db);
    },

    /** Every paper indexed anew, in one transaction (searches read the old index until it commits); SQLite then merges its segments. */
    async rebuild(): Promise<void> {
      await db.transaction(async () => {
        if (db.engine === 'postgres') await postgresIndex.clearIndex(db);
        else await withSqlite(db, () => sqliteIndex.clearIndex(db));
        for (let after = 0; ; ) {
          const texts = await papers.textsAfter(after, REBUILD_BATCH);
          if (texts.length === 0) break;
          await apply({ added: texts, revised: [], removed: [] });
          after = (texts.at(-1) as IndexablePaper).pk;
        }
      });
      if (db.engine === 'sqlite') await withSqlite(db, () => sqliteIndex.optimizeIndex(db));
    },
  };
}

export type KeywordIndexer = ReturnType<typeof createKeywordIndexer>;
