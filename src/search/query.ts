// What a person types into the search box, turned into an FTS5 query that can never be a syntax error.

export interface QueryTerm {
  /** The words of the term: one for a word, several for a "phrase" or a hyphenated compound. */
  words: string[];
  prefix: boolean;
}

export interface ParsedQuery {
  terms: QueryTerm[];
}

const MAX_TERMS = 32;
/** Deep pages cost a sort of every match; nobody reads page 50 of a keyword search. */
export const MAX_SEARCH_PAGE = 50;
/** Shorter prefixes expand to too many index terms to be useful or fast. */
const MIN_PREFIX_LENGTH = 2;
// A word, possibly a compound joined by - ' . or / (pre-training, GPT-4, 1.5B), optionally ending in *.
const WORD = /[\p{L}\p{N}]+(?:[-'’./][\p{L}\p{N}]+)*(\*)?/gu;
const PART = /[\p{L}\p{N}]+/gu;

function wordsOf(text: string): string[] {
  return (text.match(PART) ?? []).map((w) => w.toLowerCase());
}

function termsOf(text: string): QueryTerm[] {
  const terms: QueryTerm[] = [];
  for (const match of text.matchAll(WORD)) {
    const words = wordsOf(match[0]);
    const last = words.at(-1) ?? '';
    if (words.length > 0) terms.push({ words, prefix: Boolean(match[1]) && last.length >= MIN_PREFIX_LENGTH });
  }
  return terms;
}

/**
 * Splits input into words, "quoted phrases" and prefix* terms. Every other character (operators,
 * parentheses, colons, a quote left open) is a separator, so FTS5's own syntax never reaches the engine.
 */
export function parseSearchQuery(input: string): ParsedQuery {
  const terms: QueryTerm[] = [];
  let rest = input.slice(0, 1000);
  while (rest.length > 0 && terms.length < MAX_TERMS) {
    const open = rest.indexOf('"');
    const close = open >= 0 ? rest.indexOf('"', open + 1) : -1;
    if (open < 0 || close < 0) {
      terms.push(...termsOf(rest)); // an unbalanced quote is just a separator
      break;
    }
    terms.push(...termsOf(rest.slice(0, open)));
    const words = wordsOf(rest.slice(open + 1, close));
    const prefix = rest[close + 1] === '*' && (words.at(-1)?.length ?? 0) >= MIN_PREFIX_LENGTH;
    if (words.length > 0) terms.push({ words, prefix });
    rest = rest.slice(close + (prefix ? 2 : 1));
  }
  return { terms: terms.slice(0, MAX_TERMS) };
}

/** Every word is quoted, so AND, OR, NOT and NEAR typed by a person are searched as words. */
export function termToFts(term: QueryTerm): string {
  return `"${term.words.join(' ')}"${term.prefix ? '*' : ''}`;
}

export function toFtsMatch(query: ParsedQuery, operator: 'AND' | 'OR' = 'AND'): string | null {
  if (query.terms.length === 0) return null;
  return query.terms.map(termToFts).join(` ${operator} `);
}

/** Every word the query looks for: what the page highlights and the log records. */
export function queryWords(query: ParsedQuery): string[] {
  return query.terms.flatMap((t) => t.words);
}

/** How a search ranks: words (BM25), meaning (embeddings), or both fused (docs/search.md). */
export const searchModes = ['keyword', 'semantic', 'hybrid'] as const;
export type SearchMode = (typeof searchModes)[number];
