// Keeps the keyword index in step with the papers. The papers service tells it, inside the writing transaction, of
// every paper whose searchable text was written or removed; it writes the index's own rows (FTS5's on SQLite,
// paper_search on PostgreSQL), so a paper and its index entry commit together. `paperboard reindex` builds it anew.
import type { Db } from '../db/database.ts';
import type { IndexablePaper, TextChange } from '../papers/paper.ts';
import { facetWords } from './facets.ts';
import type { IndexDocument } from './keyword-index.repository.ts';
import { keywordIndexWriter } from './keyword-index-writer.adapter.ts';

/** Papers read a batch at a time when the index is built anew. */
const REBUILD_BATCH = 10_000;

export interface TextWalker {
  /** Every paper's searchable text after `afterPk`, ascending, a page at a time. */
  textsAfter(afterPk: number, limit: number): Promise<IndexablePaper[]>;
}

function documentOf(text: IndexablePaper): IndexDocument {
  return {
    pk: text.pk,
    title: text.title,
    abstract: text.abstract,
    authorNames: text.authorNames,
    facets: facetWords(text.categories, text.publishedAt, text.hasCode),
  };
}

export function createKeywordIndexer(db: Db, papers: TextWalker) {
  const index = keywordIndexWriter(db);

  async function apply(change: TextChange): Promise<void> {
    await index.write({ added: change.added.map(documentOf), revised: change.revised.map(documentOf), removed: change.removed });
  }

  return {
    /** What the papers service calls as papers are written (papers.onTextChange). */
    apply,

    /** Papers in the index, from its own running total on SQLite (no table scan). */
    indexedPapers(): Promise<number> {
      return index.indexedPapers();
    },

    /** Every paper indexed anew, in one transaction (searches read the old index until it commits); then merged. */
    async rebuild(): Promise<void> {
      await db.transaction(async () => {
        await index.clear();
        for (let after = 0; ; ) {
          const texts = await papers.textsAfter(after, REBUILD_BATCH);
          if (texts.length === 0) break;
          await apply({ added: texts, revised: [], removed: [] });
          after = (texts.at(-1) as IndexablePaper).pk;
        }
      });
      await index.optimize();
    },
  };
}

export type KeywordIndexer = ReturnType<typeof createKeywordIndexer>;
