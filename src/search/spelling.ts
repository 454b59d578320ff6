// "Did you mean": a word no paper has, corrected to the most frequent word of the corpus within one edit (a letter
// dropped, added, changed, or two swapped: `pretrainnig` → `pretraining`). Pure: the vocabulary is given.

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
/** Shorter words have too many neighbours one edit away to guess well. */
const MIN_LENGTH = 4;
/** Longer ones are not words (identifiers, pasted strings): left alone, and the edits stay few. */
const MAX_LENGTH = 30;

/** A word's tokens as the vocabulary counts them: lowercase letters (and digits inside). */
export function vocabularyWords(text: string): string[] {
  return text.toLowerCase().match(/\p{L}[\p{L}\p{N}]*/gu) ?? [];
}

/** Every string one edit from `word` (Damerau: deletes, swaps of neighbours, changes, inserts), in ASCII letters. */
export function editsOne(word: string): Set<string> {
  const edits = new Set<string>();
  for (let i = 0; i <= word.length; i += 1) {
    const [head, tail] = [word.slice(0, i), word.slice(i)];
    if (tail) edits.add(head + tail.slice(1));
    if (tail.length > 1) edits.add(head + tail[1] + tail[0] + tail.slice(2));
    for (const c of LETTERS) {
      if (tail) edits.add(head + c + tail.slice(1));
      edits.add(head + c + tail);
    }
  }
  edits.delete(word);
  return edits;
}

/** The most frequent known word one edit from an unknown `word`, or null (known, too short or long, or nothing near). */
export function correctWord(word: string, frequency: (word: string) => number): string | null {
  const lower = word.toLowerCase();
  if (lower.length < MIN_LENGTH || lower.length > MAX_LENGTH || !/^[a-z]+$/.test(lower) || frequency(lower) > 0) return null;
  let best: string | null = null;
  let bestCount = 0;
  for (const candidate of editsOne(lower)) {
    const count = frequency(candidate);
    if (count > bestCount || (count === bestCount && count > 0 && best !== null && candidate < best)) [best, bestCount] = [candidate, count];
  }
  return best;
}

/**
 * The query with each unknown plain word corrected, or null when none was. Filters (`cat:`, `author:"…"`), phrases,
 * exclusions and prefixes are left as written: they are meant as typed.
 */
export function didYouMean(query: string, frequency: (word: string) => number): string | null {
  if (query.includes('"')) return null;
  let changed = false;
  const corrected = query.split(/(\s+)/).map((token) => {
    if (!/^[A-Za-z]+$/.test(token)) return token;
    const fixed = correctWord(token, frequency);
    if (!fixed) return token;
    changed = true;
    return token === token.toLowerCase() ? fixed : token[0] === token[0]!.toUpperCase() ? fixed[0]!.toUpperCase() + fixed.slice(1) : fixed;
  });
  return changed ? corrected.join('') : null;
}
