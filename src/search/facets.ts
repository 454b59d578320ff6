// The facet words of the keyword index: a paper's categories, archives and publication dates written as words in a
// column of their own, so the filters `cat:`, `before:` and `after:` are answered by the index from its posting lists,
// intersected with the query's words inside the engine, instead of by testing rows one by one (a query of 900 `cat:`
// filters once scanned every paper with 1,600 LIKEs a row). keyword-indexer.service.ts writes them; query.ts asks for
// them. They are part of the index's format: a change here needs a migration that builds the index again.

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

/** The word `cat:VALUE` looks for: a category (`cs.lg`) or, without a dot, an archive (`cs`, `hep-th`). */
export function categoryFacet(wanted: string): string {
  return wanted.includes('.') ? word('c', wanted) : word('a', wanted);
}

/** Years that papers are published in: the bounds a date filter is clipped to, so an open range stays a few words. */
export interface YearSpan {
  first: number;
  last: number;
}

const monthIndex = (day: string) => Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7)) - 1;
const isFirstOfMonth = (day: string) => day.endsWith('-01');

/** The days from `from` (inclusive) up to `until` (exclusive) as `YYYY-MM-DD`, both within one month's reach. */
function daysBetween(from: string, until: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`), end = Date.parse(`${until}T00:00:00Z`); t < end; t += 86_400_000) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

/** The first day of the month after the one `day` falls in. */
function nextMonth(day: string): string {
  const next = monthIndex(day) + 1;
  return `${Math.floor(next / 12)}-${String((next % 12) + 1).padStart(2, '0')}-01`;
}

/**
 * The fewest decade, year, month and day words that cover exactly the publication dates from `after` (inclusive) to
 * `before` (exclusive), both `YYYY-MM-DD`, within the span of years papers have. Null when no paper can be in the
 * range. Whole decades, then whole years, then months, and days only at a bound inside a month: at most about a
 * hundred words whatever the range.
 */
export function dateCover(after: string | null, before: string | null, span: YearSpan): string[] | null {
  const lowest = `${span.first}-01-01`;
  const pastLast = `${span.last + 1}-01-01`;
  const from = after && after > lowest ? after : lowest;
  const until = before && before < pastLast ? before : pastLast; // exclusive
  if (from >= until) return null;
  // Days of a partial first month, and of a partial last one; whole months between them.
  const wholeFrom = isFirstOfMonth(from) ? from : nextMonth(from);
  const wholeUntil = isFirstOfMonth(until) ? until : `${until.slice(0, 7)}-01`;
  if (wholeFrom >= wholeUntil) return daysBetween(from, until).map(dayWord); // within one month, or two partial ones
  const words = daysBetween(from, wholeFrom).map(dayWord);
  const last = monthIndex(wholeUntil) - 1;
  for (let m = monthIndex(wholeFrom); m <= last; ) {
    const year = Math.floor(m / 12);
    const startsYear = m % 12 === 0;
    if (startsYear && year % 10 === 0 && m + 119 <= last) {
      words.push(decadeWord(year));
      m += 120;
    } else if (startsYear && m + 11 <= last) {
      words.push(yearWord(year));
      m += 12;
    } else {
      words.push(monthWord(year, (m % 12) + 1));
      m += 1;
    }
  }
  words.push(...daysBetween(wholeUntil, until).map(dayWord));
  return words;
}
