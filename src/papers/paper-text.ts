// Text clean-up for titles, abstracts and author names as they arrive from arXiv's 80-column metadata.

/**
 * Repairs UTF-8 that was decoded as Latin-1 somewhere upstream ("WÃ¼bben" for "Wübben"), as some
 * recorded arXiv responses carry. Text without that pattern, or that does not decode cleanly, is returned as is.
 */
export function repairMojibake(text: string): string {
  if (!/[\u00C2-\u00F4][\u0080-\u00BF]/.test(text) || /[^\u0000-\u00FF]/.test(text)) return text;
  const repaired = Buffer.from(text, 'latin1').toString('utf8');
  return repaired.includes('\uFFFD') ? text : repaired;
}

/** Folds every run of white space (line breaks included) into one space. LaTeX stays as written. */
export function foldWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Abstracts arrive hard-wrapped, with a new paragraph marked by an indented line or a blank line.
 * Keeps paragraphs (joined by a blank line) and folds the wrapping inside each.
 */
export function normalizeAbstract(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .trim()
    .split(/\n[ \t]*\n|\n(?=[ \t]{2,}\S)/)
    .map(foldWhitespace)
    .filter((paragraph) => paragraph.length > 0)
    .join('\n\n');
}

// LaTeX accent commands and the Unicode combining marks they stand for.
const COMBINING: Record<string, string> = {
  "'": '\u0301', '`': '\u0300', '^': '\u0302', '"': '\u0308', '~': '\u0303', '=': '\u0304', '.': '\u0307',
  u: '\u0306', v: '\u030C', H: '\u030B', c: '\u0327', k: '\u0328', r: '\u030A',
};
const LETTERS: Record<string, string> = {
  aa: 'å', AA: 'Å', ae: 'æ', AE: 'Æ', o: 'ø', O: 'Ø', ss: 'ß', l: 'ł', L: 'Ł', oe: 'œ', OE: 'Œ', i: 'ı',
};

/**
 * Turns the LaTeX accents of author names (`Bal\'azs`, `M\"{u}ller`, `\v{S}ik`, `\o`) into Unicode,
 * so names display and search as people write them. Anything else is left as it was.
 */
export function latexNameToUnicode(name: string): string {
  let out = name
    .replace(/\\([`'^"~=.])\s*\{\\?([A-Za-z])\}/g, (_, accent: string, letter: string) => letter + COMBINING[accent])
    .replace(/\\([`'^"~=.])\s*\\?([A-Za-z])/g, (_, accent: string, letter: string) => letter + COMBINING[accent])
    .replace(/\\([uvHckr])\s*\{\\?([A-Za-z])\}/g, (_, accent: string, letter: string) => letter + COMBINING[accent])
    .replace(/\\([uvHckr])\s+([A-Za-z])/g, (_, accent: string, letter: string) => letter + COMBINING[accent])
    .replace(/\{?\\(aa|AA|ae|AE|ss|oe|OE|o|O|l|L|i)\b\}?\s?/g, (_, letters: string) => LETTERS[letters] ?? letters);
  out = out.replace(/\{([^{}\\]*)\}/g, '$1'); // braces that only protected capitals
  return foldWhitespace(out.normalize('NFC'));
}

/** The start of a text, cut at a word boundary with an ellipsis: what cards and digests show of an abstract. */
export function excerpt(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  const cut = text.slice(0, maxLength);
  const space = cut.lastIndexOf(' ');
  return `${(space > maxLength * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:]+$/, '')}…`;
}

/**
 * A card's one line when no summary is known: the abstract's first sentence (a full stop, question or exclamation
 * mark followed by a capital, after 40 characters at least, so "e.g. The" and "Fig. 3" do not end it), within
 * `maxLength`.
 */
export function firstSentence(text: string, maxLength: number): string {
  const end = /[.?!](?=\s+[A-Z\p{Lu}])/gu;
  for (const match of text.matchAll(end)) {
    if (match.index < 40) continue;
    if (match.index + 1 > maxLength) break;
    return text.slice(0, match.index + 1);
  }
  return excerpt(text, maxLength);
}
