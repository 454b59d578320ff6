// Highlighted text travels as plain text with two control characters around each hit; never as HTML.

export const HIT_START = '\u0002';
export const HIT_END = '\u0003';

export interface TextSegment {
  text: string;
  hit: boolean;
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
