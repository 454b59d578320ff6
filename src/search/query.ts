// What a person types into the search box, turned into an FTS5 query that can never be a syntax error.

export interface QueryTerm {
  /** The words of the term: one for a word, several for a "phrase" or a hyphenated compound. */
  words: string[];
  prefix: boolean;
  /** Typed in "quotes": required word for word in every mode, not only by keyword. */
  quoted?: boolean;
}

export interface ParsedQuery {
  /** What the papers must contain (all of it). */
  terms: QueryTerm[];
  /** `-word`, `-"a phrase"`: what they must not contain. */
  excluded: QueryTerm[];
  /** `author:hinton`, `author:"g hinton"`: words the author list must contain. */
  authors: QueryTerm[];
  /** `cat:cs.LG` (a category) or `cat:cs` (an archive), lower-cased; any of them. */
  categories: string[];
  /** `has:code`: only papers that link to code. */
  hasCode: boolean;
  /** `after:2026-11` and `before:2026-11-20`: publication date bounds, as `YYYY-MM-DD` (after inclusive, before exclusive). */
  after: string | null;
  before: string | null;
  /** The input without its filters and exclusions: what the embedder reads (a pasted abstract whole). */
  freeText: string;
  /** What is wrong with the query, in words for the person who typed it: searches refuse it with a 400. */
  problems: string[];
}

/**
 * Bounds on the query language (docs/limits.md). Words past MAX_TERMS are dropped (a pasted abstract is searched by
 * its first 32 words); more filters or exclusions than these are refused, since each costs the engine real work.
 */
const MAX_TERMS = 32;
export const MAX_CATEGORY_FILTERS = 10;
export const MAX_AUTHOR_FILTERS = 5;
export const MAX_EXCLUSIONS = 20;
/** Prefix terms (`trans*`) cost most to find and to score: a few is what people type. */
export const MAX_PREFIX_TERMS = 4;
/** Deep pages cost a sort of every match; nobody reads page 50 of a keyword search. */
export const MAX_SEARCH_PAGE = 50;
/** The index keeps a prefix index of three letters (docs/search.md): shorter prefixes would walk every term they begin. */
export const MIN_PREFIX_LENGTH = 3;
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

/** `2026`, `2026-11` or `2026-11-20` as the first day it names; null when it is no date. */
function startOfDate(text: string): string | null {
  const match = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(text);
  if (!match) return null;
  const day = `${match[1]}-${match[2] ?? '01'}-${match[3] ?? '01'}`;
  const ms = Date.parse(`${day}T00:00:00Z`);
  return Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== day ? null : day;
}

/** The day after a date's span: `before:2026` means before 2026 began; `after:2026-11` from 1 November on. */
const FILTER = /(^|\s)(author|cat|before|after|has):(?:"([^"]*)"|(\S+))/giu;
const EXCLUSION = /(^|\s)-(?:"([^"]*)"|([\p{L}\p{N}]\S*))/gu;

/**
 * Splits input into words, "quoted phrases", prefix* terms, -exclusions and the filters author:, cat:, before:
 * and after:. Every other character (operators, parentheses, other colons, a quote left open) is a separator, so
 * FTS5's own syntax never reaches the engine.
 */
export function parseSearchQuery(input: string): ParsedQuery {
  const query: ParsedQuery = { terms: [], excluded: [], authors: [], categories: [], hasCode: false, after: null, before: null, freeText: '', problems: [] };
  // One problem of each kind is enough to say what to fix: 900 bad cat: values make one message, not 900.
  const kinds = new Set<string>();
  const problem = (message: string, kind = message) => {
    if (!kinds.has(kind)) query.problems.push(message);
    kinds.add(kind);
  };
  let text = input.slice(0, 5000).replace(FILTER, (_all, lead: string, key: string, quoted: string | undefined, bare: string | undefined) => {
    const value = (quoted ?? bare ?? '').trim();
    const name = key.toLowerCase();
    if (name === 'author') {
      const words = wordsOf(value);
      if (words.length > 0) query.authors.push({ words, prefix: false });
    } else if (name === 'cat') {
      if (/^[a-z][\w.-]*$/i.test(value) && value.length <= 40) query.categories.push(value.toLowerCase());
      else problem(`cat: takes a category such as cs.LG or an archive such as cs, not "${value.slice(0, 40)}".`, 'cat');
    } else if (name === 'has') {
      if (value.toLowerCase() === 'code') query.hasCode = true;
      else problem(`has: takes "code" (has:code: papers that link to their code), not "${value.slice(0, 40)}".`, 'has');
    } else if (name === 'after' || name === 'before') {
      const day = startOfDate(value);
      if (!day) problem(`${name}: takes a date such as 2026, 2026-11 or 2026-11-20; "${value.slice(0, 40)}" is not one.`, name);
      else if (query[name] !== null && query[name] !== day) problem(`Give ${name}: once.`);
      else query[name] = day;
    }
    return lead;
  });
  text = text.replace(EXCLUSION, (_all, lead: string, quoted: string | undefined, bare: string | undefined) => {
    const words = wordsOf(quoted ?? bare ?? '');
    if (words.length > 0) query.excluded.push({ words, prefix: false });
    return lead;
  });
  query.categories = [...new Set(query.categories)];
  if (query.categories.length > MAX_CATEGORY_FILTERS) problem(`Use at most ${MAX_CATEGORY_FILTERS} cat: filters (this query has ${query.categories.length}).`);
  if (query.authors.length > MAX_AUTHOR_FILTERS) problem(`Use at most ${MAX_AUTHOR_FILTERS} author: filters (this query has ${query.authors.length}).`);
  if (query.excluded.length > MAX_EXCLUSIONS) problem(`Use at most ${MAX_EXCLUSIONS} exclusions such as -word (this query has ${query.excluded.length}).`);
  query.terms = parseTerms(text.slice(0, 1000));
  const prefixes = query.terms.filter((t) => t.prefix).length;
  if (prefixes > MAX_PREFIX_TERMS) problem(`Use at most ${MAX_PREFIX_TERMS} prefix searches such as trans* (this query has ${prefixes}).`);
  query.freeText = text.replace(/\s+/g, ' ').trim();
  return query;
}

function parseTerms(input: string): QueryTerm[] {
  const terms: QueryTerm[] = [];
  let rest = input;
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
    if (words.length > 0) terms.push({ words, prefix, quoted: true });
    rest = rest.slice(close + (prefix ? 2 : 1));
  }
  return terms.slice(0, MAX_TERMS);
}

/** Whether the query narrows by anything but its words (what the semantic ranking must check after the fact). */
export function hasFilters(query: ParsedQuery): boolean {
  return (
    query.excluded.length > 0 || query.authors.length > 0 || query.categories.length > 0 || query.hasCode || query.after !== null || query.before !== null ||
    query.terms.some((t) => t.quoted)
  );
}

/** What the query means, as text for the embedder: everything but its filters and exclusions. */
export function semanticText(query: ParsedQuery): string {
  return query.freeText;
}

/** Every word is quoted, so AND, OR, NOT and NEAR typed by a person are searched as words. */
export function termToFts(term: QueryTerm): string {
  return `"${term.words.join(' ')}"${term.prefix ? '*' : ''}`;
}

/** Filters answered by the index's facet words (facets.ts): the categories' words, the date range's, has:code's. */
export interface FacetMatch {
  categories: readonly string[];
  dates: readonly string[];
  hasCode?: string;
}

const anyOf = (words: readonly string[]) => `facets : (${words.map((w) => `"${w}"`).join(' OR ')})`;

/**
 * The FTS5 query: the terms joined by AND (or OR, to loosen), the authors as column filters, the facets (categories,
 * dates) as words of their own column, the exclusions as one NOT. Null when nothing narrows (an empty query).
 */
export function toFtsMatch(query: Pick<ParsedQuery, 'terms' | 'authors' | 'excluded'>, operator: 'AND' | 'OR' = 'AND', facets: FacetMatch = { categories: [], dates: [] }): string | null {
  const positive = query.terms.map(termToFts).join(` ${operator} `);
  const narrowed = query.authors.length > 0 || facets.categories.length > 0 || facets.dates.length > 0 || facets.hasCode !== undefined || query.excluded.length > 0;
  const required = [
    ...(positive ? [narrowed ? `(${positive})` : positive] : []),
    ...query.authors.map((a) => `(author_names : ${termToFts(a)})`),
    ...(facets.categories.length > 0 ? [`(${anyOf(facets.categories)})`] : []),
    ...(facets.dates.length > 0 ? [`(${anyOf(facets.dates)})`] : []),
    ...(facets.hasCode ? [`(${anyOf([facets.hasCode])})`] : []),
  ];
  if (required.length === 0) return null;
  const match = required.join(' AND ');
  // One NOT of all exclusions: a chain of NOTs nests, and FTS5's parser overflows its stack at about a hundred.
  return query.excluded.length === 0 ? match : `(${match}) NOT (${query.excluded.map(termToFts).join(' OR ')})`;
}

/** Every word the query looks for: what the page highlights and the log records. */
export function queryWords(query: ParsedQuery): string[] {
  return query.terms.flatMap((t) => t.words);
}

/** How a search ranks: words (BM25), meaning (embeddings), or both fused (docs/search.md). */
export const searchModes = ['keyword', 'semantic', 'hybrid'] as const;
export type SearchMode = (typeof searchModes)[number];
