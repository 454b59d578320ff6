// The query language's filters, checked on a paper: what semantic results pass through (keyword results are
// filtered in SQL by the same rules, keyword-index.repository.ts).
import type { Paper } from '../papers/paper.ts';
import type { ParsedQuery } from './query.ts';
import { compileTerm, countTerm, fold } from './term-match.ts';

/** `cat:cs.lg` is that category; `cat:cs` (no dot) is any category of the archive. */
export function categoryMatches(categories: readonly string[], wanted: readonly string[]): boolean {
  if (wanted.length === 0) return true;
  const own = categories.map((c) => c.toLowerCase());
  return wanted.some((w) => own.some((c) => c === w || (!w.includes('.') && c.split('.')[0] === w)));
}

export function matchesFilters(paper: Paper, query: ParsedQuery): boolean {
  if (!categoryMatches(paper.categories, query.categories)) return false;
  if (query.hasCode && !paper.hasCode) return false;
  const published = paper.publishedAt?.slice(0, 10) ?? null;
  if (query.after && (!published || published < query.after)) return false;
  if (query.before && (!published || published >= query.before)) return false;
  if (query.authors.length > 0) {
    const names = fold(paper.authors.map((a) => a.name).join(', '));
    if (!query.authors.every((a) => countTerm(names, compileTerm(a)) > 0)) return false;
  }
  const phrases = query.terms.filter((t) => t.quoted);
  if (query.excluded.length > 0 || phrases.length > 0) {
    const text = fold(`${paper.title} ${paper.abstract} ${paper.authors.map((a) => a.name).join(', ')}`);
    if (query.excluded.some((t) => countTerm(text, compileTerm(t)) > 0)) return false;
    if (!phrases.every((t) => countTerm(text, compileTerm(t)) > 0)) return false;
  }
  return true;
}
