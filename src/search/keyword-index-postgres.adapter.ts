// PostgreSQL's keyword index as the ranking reads it (keyword-ranking.service.ts): tsquery text built from the parsed
// terms (phrases as <->, prefixes as :*, author terms restricted to the authors' weight B, titles to A), statistics
// counted on a sample of the newest papers and kept for a while. The same ranking (BM25 over bounded candidates)
// then scores what either engine found, so both give the same answers as far as their stemmers agree.
import type { PostgresDb } from '../db/database.ts';
import type { Candidate, CorpusStats } from './bm25.ts';
import * as index from './keyword-index-postgres.repository.ts';
import type { IndexQuery, KeywordIndex, PaperTextSource } from './keyword-ranking.service.ts';
import type { QueryTerm } from './query.ts';
import { fold } from './term-match.ts';
import { createTermStatistics } from './term-statistics.service.ts';

/** Papers whose length is sampled for the average length, and how long that average is kept. */
const LENGTH_SAMPLE = 1_000;
const STATISTICS_MS = 60_000;

/** One lexeme in tsquery syntax: quoted (the parser's words are letters and digits, but nothing is trusted). */
function lexeme(word: string, suffix: string): string {
  return `'${word.replace(/[^\p{L}\p{N}]+/gu, '')}'${suffix ? `:${suffix}` : ''}`;
}

/** A term as tsquery text: its words in sequence (<->), the last one a prefix when asked; `weight` restricts where. */
export function termText(term: QueryTerm, weight = ''): string {
  const words = term.words.filter((w) => /[\p{L}\p{N}]/u.test(w));
  const parts = words.map((w, i) => lexeme(w, `${term.prefix && i === words.length - 1 ? '*' : ''}${weight}`));
  return parts.length > 1 ? `(${parts.join(' <-> ')})` : (parts[0] ?? '');
}

export function tsQueryOf(query: IndexQuery, weight = ''): index.TsQuery {
  const terms = query.terms.map((t) => termText(t, weight)).filter(Boolean).join(query.operator === 'AND' ? ' & ' : ' | ');
  const authors = query.authors.map((a) => termText(a, 'B')).filter(Boolean);
  const words = [...(terms ? [terms.includes(' | ') ? `(${terms})` : terms] : []), ...authors].join(' & ');
  const anyOf = (list: readonly string[]) => (list.length > 0 ? `(${list.map((w) => lexeme(w, '')).join(' | ')})` : '');
  const facets = [anyOf(query.facets.categories), anyOf(query.facets.dates), query.facets.hasCode ? lexeme(query.facets.hasCode, '') : ''].filter(Boolean).join(' & ');
  return { words, facets };
}

/** Tokens in a text, as a tokenizer of letters and digits counts them: BM25's length normalisation. */
const tokens = (text: string) => fold(text).match(/[\p{L}\p{N}]+/gu)?.length ?? 0;

export function postgresKeywordIndex(db: PostgresDb, papers: PaperTextSource): KeywordIndex {
  let corpus: { stats: CorpusStats; at: number } | null = null;
  const statistics = createTermStatistics({
    newestKey: () => index.maxIndexedKey(db),
    countAfter: (words, afterKey) => index.countMatchesAfter(db, { words, facets: '' }, afterKey),
  });

  async function texts(pks: readonly number[]): Promise<Candidate[]> {
    const rows = await papers.textsOf(pks);
    return rows.map((row) => ({
      pk: row.pk,
      columns: [row.title, row.abstract, row.authorNames] as const,
      length: tokens(row.title) + tokens(row.abstract) + tokens(row.authorNames),
    }));
  }

  return {
    newestMatches: (query, limit) => index.newestMatches(db, tsQueryOf(query), limit),
    candidateTexts: texts,
    async corpus() {
      if (corpus && Date.now() - corpus.at < STATISTICS_MS) return corpus.stats;
      const documents = await index.indexedPapers(db);
      const sample = await texts(await index.newestKeys(db, LENGTH_SAMPLE));
      const averageLength = sample.length > 0 ? sample.reduce((sum, c) => sum + c.length, 0) / sample.length : 0;
      corpus = { stats: { documents, averageLength }, at: Date.now() };
      return corpus.stats;
    },
    documentFrequency: (term, documents) => statistics.documentFrequency(termText(term), documents),
    titleMatches: (terms, limit) => index.newestMatches(db, tsQueryOf({ terms, authors: [], operator: 'AND', facets: { categories: [], dates: [] } }, 'A'), limit),
  };
}
