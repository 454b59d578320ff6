// Search hits in titles and snippets, marked in JavaScript by the same rule as scoring (FTS5's own highlight()
// re-runs the query per document: 200 ms for a prefix query on 300k papers). Marked text travels as plain text
// with two control characters around each hit, never as HTML.
import type { QueryTerm } from './query.ts';
import { tokenTest } from './term-match.ts';

export const HIT_START = '\u0002';
export const HIT_END = '\u0003';

export interface TextSegment {
  text: string;
  hit: boolean;
}

const TOKEN = /[\p{L}\p{N}]+/gu;

export type WordMatcher = (token: string) => boolean;

/** English words too common to mark: a query may hold them, but "the" lit up in every line helps no one. */
const STOP_WORDS = new Set(
  'a an and are as at be but by can for from has have in into is it its not of on or our such than that the their then there these this to was we were which will with'.split(' '),
);

/**
 * Whether a word of a text is one the query looks for: the same rule as scoring (term-match.ts), stop words aside.
 * A query of nothing but stop words ("to be or not to be") is marked as asked.
 */
export function wordMatcher(terms: readonly QueryTerm[]): WordMatcher {
  const marked = terms
    .map((term) => (term.prefix ? term : { ...term, words: term.words.filter((w) => !STOP_WORDS.has(w.toLowerCase())) }))
    .filter((term) => term.words.length > 0);
  return tokenTest(marked.length > 0 ? marked : terms);
}

export function markText(text: string, isHit: WordMatcher): string {
  return text.replace(TOKEN, (token) => (isHit(token) ? `${HIT_START}${token}${HIT_END}` : token));
}

/** The stretch of about `words` words with the most hits, marked, with … where it was cut. */
export function snippet(text: string, isHit: WordMatcher, words = 36): string {
  const tokens = [...text.matchAll(TOKEN)];
  if (tokens.length <= words) return markText(text, isHit);
  const hits = tokens.map((t) => (isHit(t[0]) ? 1 : 0));
  let best = 0;
  let bestCount = -1;
  let count = hits.slice(0, words).reduce<number>((a, b) => a + b, 0);
  for (let start = 0; start + words <= tokens.length; start += 1) {
    if (start > 0) count += (hits[start + words - 1] ?? 0) - (hits[start - 1] ?? 0);
    if (count > bestCount) [best, bestCount] = [start, count];
  }
  const from = best === 0 ? 0 : (tokens[best]?.index ?? 0);
  const last = tokens[best + words - 1];
  const to = last ? (last.index ?? 0) + last[0].length : text.length;
  return `${from > 0 ? '…' : ''}${markText(text.slice(from, to), isHit)}${to < text.length ? '…' : ''}`;
}

export function splitHighlights(marked: string): TextSegment[] {
  const segments: TextSegment[] = [];
  for (const [i, piece] of marked.split(new RegExp(`[${HIT_START}${HIT_END}]`)).entries()) {
    if (piece) segments.push({ text: piece, hit: i % 2 === 1 });
  }
  return segments;
}

export function stripHighlights(marked: string): string {
  return marked.replaceAll(HIT_START, '').replaceAll(HIT_END, '');
}

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** For JSON clients: the text HTML-escaped, each hit in <mark>. Safe to insert as HTML. */
export function highlightsToHtml(marked: string): string {
  return splitHighlights(marked)
    .map(({ text, hit }) => {
      const escaped = text.replace(/[&<>"']/g, (c) => escapes[c] ?? c);
      return hit ? `<mark>${escaped}</mark>` : escaped;
    })
    .join('');
}
