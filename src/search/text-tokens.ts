// Text as the semantic model reads it: folded words, stop words out, Porter stems (the keyword index's own rule).
import { stemmer } from 'stemmer';
import { fold } from './term-match.ts';

const STOP_WORDS = new Set(
  ('a about above after again against all also am an and any are as at be because been before being below between both but by can could did do does doing ' +
    'down during each few for from further had has have having he her here hers him his how i if in into is it its itself just me more most my no nor not ' +
    'now of off on once only or other our ours out over own same she should so some such than that the their theirs them then there these they this those ' +
    'through to too under until up very was we were what when where which while who whom why will with would you your yours via using use used based show ' +
    'shows propose proposed present presents paper study studies results result new approach method methods also however well two one three first').split(' '),
);

// Stemming is the costly step; the vocabulary of a corpus repeats, so stems are remembered (bounded).
const stems = new Map<string, string>();
function stem(word: string): string {
  let s = stems.get(word);
  if (s === undefined) {
    s = stemmer(word);
    if (stems.size > 500_000) stems.clear();
    stems.set(word, s);
  }
  return s;
}

/** The stems of a text's content words, in order. */
export function contentTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const word of fold(text).split(/[^\p{L}\p{N}]+/u)) {
    if (word.length < 2 || word.length > 40 || STOP_WORDS.has(word) || /^\d+$/.test(word)) continue;
    tokens.push(stem(word));
  }
  return tokens;
}
