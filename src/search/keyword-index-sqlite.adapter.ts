// SQLite's keyword index as the ranking reads it (keyword-ranking.service.ts): FTS5 queries built from the parsed
// terms, statistics from FTS5's own totals and a sample of the newest papers, lengths from FTS5's document sizes and
// text from the papers service. Runs on the search workers' threads on a server (keyword-pool.service.ts), never on
// the event loop's: FTS5 answers synchronously.
import type { SqliteDb } from '../db/database.ts';
import * as index from './keyword-index.repository.ts';
import type { KeywordIndex, PaperTextSource } from './keyword-ranking.service.ts';
import { termToFts, toFtsMatch } from './query.ts';
import { createTermStatistics } from './term-statistics.service.ts';

export function sqliteKeywordIndex(db: SqliteDb, papers: PaperTextSource): KeywordIndex {
  const statistics = createTermStatistics({
    newestKey: () => index.maxIndexedKey(db),
    countAfter: (match, afterKey) => index.countMatchesAfter(db, match, afterKey),
  });
  return {
    newestMatches(query, limit) {
      const match = toFtsMatch({ terms: [...query.terms], authors: [...query.authors], excluded: [] }, query.operator, query.facets);
      return match ? index.newestMatches(db, match, limit) : [];
    },
    async candidateTexts(pks) {
      const lengths = index.documentLengths(db, pks);
      const texts = await papers.textsOf(pks);
      return texts.map((t) => ({ pk: t.pk, columns: [t.title, t.abstract, t.authorNames] as const, length: lengths.get(t.pk) ?? 0 }));
    },
    corpus() {
      const totals = index.indexTotals(db);
      return { documents: totals.documents, averageLength: totals.documents > 0 ? totals.tokens / totals.documents : 0 };
    },
    documentFrequency: (term, documents) => statistics.documentFrequency(termToFts(term), documents),
    titleMatches(terms, limit) {
      const match = toFtsMatch({ terms: [...terms], authors: [], excluded: [] });
      return match ? index.newestMatches(db, `title : (${match})`, limit) : [];
    },
  };
}
