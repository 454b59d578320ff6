// How a query term is found in a text, for scoring and highlighting alike, by the index's own rule: a word
// matches a token with the same Porter stem (FTS5's `porter` tokenizer), accent- and case-blind; a prefix*
// term matches tokens whose stem starts with the prefix. A regular expression finds candidate tokens by the
// stem's letters; each candidate is then confirmed with the stemmer.
import { stemmer } from 'stemmer';
import type { QueryTerm } from './query.ts';

const LETTER = '[\\p{L}\\p{N}]';
const NOT_LETTER = '[^\\p{L}\\p{N}]+';

/** Lower case without diacritics; cheap for ASCII text, which most abstracts are. */
export function fold(text: string): string {
  // eslint-disable-next-line no-control-regex
  return /[^\x00-\x7F]/.test(text) ? text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase() : text.toLowerCase();
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export type TokenTest = (foldedToken: string) => boolean;

interface WordRule {
  /** Letters every matching token starts with. */
  lead: string;
  test: TokenTest;
}

function wordRule(word: string, prefix: boolean): WordRule {
  const folded = fold(word);
  if (prefix) return { lead: folded, test: (token) => token.startsWith(folded) && stemmer(token).startsWith(folded) };
  const stem = stemmer(folded);
  // Porter turns a final y into i (galaxy → galaxi): the tokens themselves may end either way.
  const lead = stem.endsWith('i') && stem.length > 1 ? stem.slice(0, -1) : stem;
  return { lead: folded.startsWith(lead) ? lead : folded, test: (token) => token === folded || stemmer(token) === stem };
}

export interface CompiledTerm {
  pattern: RegExp;
  rules: WordRule[];
  /** Text that every match contains: a cheap test before the regular expression. */
  literal: string;
}

export function compileTerm(term: QueryTerm): CompiledTerm {
  const last = term.words.length - 1;
  const rules = term.words.map((word, i) => wordRule(word, term.prefix && i === last));
  const body = rules.map((rule) => `(${escapeRegExp(rule.lead)}${LETTER}*)`).join(NOT_LETTER);
  return { pattern: new RegExp(`(?<!${LETTER})${body}(?!${LETTER})`, 'gu'), rules, literal: rules[0]?.lead ?? '' };
}

/** How many times the term occurs in a folded text. */
export function countTerm(foldedText: string, term: CompiledTerm): number {
  if (!foldedText.includes(term.literal)) return 0;
  let count = 0;
  term.pattern.lastIndex = 0;
  for (let match = term.pattern.exec(foldedText); match; match = term.pattern.exec(foldedText)) {
    if (term.rules.every((rule, i) => rule.test(match[i + 1] ?? ''))) count += 1;
  }
  return count;
}

/** Whether a token of a text is one of the query's words: what highlighting marks. */
export function tokenTest(terms: readonly QueryTerm[]): TokenTest {
  const rules = terms.flatMap((term) => compileTerm(term).rules);
  return (token) => {
    const folded = fold(token);
    return rules.some((rule) => folded.startsWith(rule.lead) && rule.test(folded));
  };
}
