// The facet words as search/facets.ts wrote them on 2026-11-28 (ba80585), when migration
// 2026-11-28T06-keyword-index-owns-its-rows landed on both engines: frozen here, so the migration builds on a fresh
// install what it built then, whatever facets.ts becomes. Do not edit.

/**
 * A word for a value: "c" (category) or "a" (archive) or a date kind, the value's UTF-8 bytes in hex, and a final
 * "9". Hex keeps any value one token (the tokenizer splits on "." and "-") and tells `cs.lg` from `cs` and `cs0lg`;
 * the digit at the end keeps the Porter stemmer, which only strips letter suffixes, from touching it.
 */
function word(kind: 'c' | 'a', value: string): string {
  return `${kind}${Buffer.from(value.toLowerCase(), 'utf8').toString('hex')}9`;
}

/** `cs.LG` belongs to the archive `cs`; a category without a dot (`hep-th`) is its own archive. */
const archiveOf = (category: string) => category.split('.')[0] as string;

const decadeWord = (year: number) => `d${Math.floor(year / 10)}x9`;
const yearWord = (year: number) => `y${year}`;
const monthWord = (year: number, month: number) => `m${year}${String(month).padStart(2, '0')}`;
/** `day20240315`: a bound inside a month is met by the days on its side, so no range needs the papers' dates read. */
const dayWord = (date: string) => `day${date.slice(0, 4)}${date.slice(5, 7)}${date.slice(8, 10)}`;

/** The word of a paper with code (`has:code`): set and cleared by the code capability as links come and go. */
export const HAS_CODE_WORD = 'hascode9';

/** The facet words a paper is indexed under: each category, each archive, its publication day, month, year and decade, and whether it has code. */
export function facetWords(categories: readonly string[], publishedAt: string | null, hasCode = false): string {
  const words = new Set<string>();
  if (hasCode) words.add(HAS_CODE_WORD);
  for (const category of categories) {
    if (category.includes('.')) words.add(word('c', category));
    words.add(word('a', archiveOf(category)));
  }
  const date = /^(\d{4})-(\d{2})(-\d{2})?/.exec(publishedAt ?? '');
  if (date) {
    const year = Number(date[1]);
    words.add(decadeWord(year)).add(yearWord(year)).add(monthWord(year, Number(date[2])));
    if (date[3]) words.add(dayWord(date[0]));
  }
  return [...words].join(' ');
}
