// The 200 mixed queries the search benchmarks ask (1–4 words, phrases, prefixes), drawn from the corpus's own text
// with a fixed seed, so every run and every benchmark asks the same ones.
import { random, realText } from './corpus.ts';

export type QueryKind = 'words' | 'phrase' | 'prefix';

export function benchQueries(count = 200): Array<{ kind: QueryKind; q: string }> {
  const STOP = new Set('the of and a an in on to for with by is are we our this that from as be at or which it its can these their'.split(' '));
  const rand = random(7);
  const text = realText();
  const words = text.sentences.flatMap((s) => s.toLowerCase().match(/[a-z][a-z-]{2,}/g) ?? []).filter((w) => !STOP.has(w));
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;

  const queries: Array<{ kind: QueryKind; q: string }> = [];
  for (let i = 0; i < count; i += 1) {
    const roll = i % 5;
    if (roll <= 2) {
      queries.push({ kind: 'words', q: Array.from({ length: 1 + Math.floor(rand() * 4) }, () => pick(words)).join(' ') });
    } else if (roll === 3) {
      const sentence = pick(text.sentences).toLowerCase().split(/\s+/);
      const at = Math.floor(rand() * Math.max(1, sentence.length - 2));
      queries.push({ kind: 'phrase', q: `"${sentence.slice(at, at + 2).join(' ').replace(/[^a-z0-9 -]/g, '')}"` });
    } else {
      const word = pick(words.filter((w) => w.length >= 6));
      queries.push({ kind: 'prefix', q: `${word.slice(0, 4 + Math.floor(rand() * 2))}*` });
    }
  }
  return queries;
}
