// What a paper's picture is (DESIGN: Pictures): the first page of its PDF, rendered once and kept small, or, where no
// PDF can be had, a title card drawn in the site's style. Pure: sizes, the title card, the addresses.
import { plainMath } from '../papers/math-text.ts';

/** About the width cards and previews show, at 2× for sharp phones at half; the height is a US letter page's share. */
export const THUMBNAIL_WIDTH = 320;
export const THUMBNAIL_HEIGHT = 414;
/** The largest rendered page kept; a bigger one is encoded again at a lower quality, then refused. */
export const THUMBNAIL_MAX_BYTES = 40 * 1024;

export type ThumbnailKind = 'pdf' | 'card';

export interface Thumbnail {
  kind: ThumbnailKind;
  contentType: string;
  body: Buffer;
  /** For ETag and caching: when it was made. */
  createdAt: string;
}


const escapeXml = (text: string) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Words to lines of at most `width` characters, at most `lines` of them (the last ends with "…" when cut). */
export function wrapWords(text: string, width: number, lines: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const piece = word.length > width ? `${word.slice(0, width - 1)}…` : word;
    if (line && line.length + 1 + piece.length > width) {
      out.push(line);
      line = piece;
      if (out.length === lines) break;
    } else line = line ? `${line} ${piece}` : piece;
  }
  if (out.length < lines && line) out.push(line);
  const used = out.join(' ').split(/\s+/).length;
  if (used < text.split(/\s+/).filter(Boolean).length && out.length > 0) {
    const last = out.length - 1;
    out[last] = `${out[last]!.replace(/[\s,.;:]*$/, '').slice(0, width - 1)}…`;
  }
  return out;
}

/**
 * A title card: the paper's title in large type under a band with its id and category, on a paper colour of its own
 * (from its id), as an SVG the browser draws with its own fonts (a few hundred bytes, sharp at any size). Made to be
 * read where cards show it, a quarter of its size. Where no PDF page can be had.
 */
export function titleCardSvg(paper: { id: string; title: string; authors: ReadonlyArray<{ name: string }>; primaryCategory: string | null }): string {
  const title = wrapWords(plainMath(paper.title), 12, 7);
  const hue = [...paper.id].reduce((sum, c) => (sum * 31 + c.charCodeAt(0)) % 360, 7);
  const lines = title.map((line, i) => `<tspan x="24" dy="${i === 0 ? 0 : 41}">${escapeXml(line)}</tspan>`).join('');
  const label = escapeXml([paper.primaryCategory, paper.id.includes('.') || paper.id.includes('/') ? paper.id : null].filter(Boolean).join(' · ') || 'Paperboard');
  const firstAuthor = paper.authors[0]?.name;
  const byline = firstAuthor ? escapeXml(wrapWords(`${firstAuthor}${paper.authors.length > 1 ? ' et al.' : ''}`, 22, 1)[0] ?? '') : '';
  const sans = "system-ui, -apple-system, 'Segoe UI', 'DejaVu Sans', sans-serif";
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${THUMBNAIL_WIDTH}" height="${THUMBNAIL_HEIGHT}" viewBox="0 0 ${THUMBNAIL_WIDTH} ${THUMBNAIL_HEIGHT}" role="img" aria-label="${escapeXml(plainMath(paper.title))}">`
    + `<rect width="100%" height="100%" fill="hsl(${hue} 50% 95%)"/>`
    + `<rect width="100%" height="58" fill="hsl(${hue} 50% 38%)"/>`
    + `<text x="24" y="38" font-family="${sans}" font-size="22" font-weight="600" fill="#ffffff">${label}</text>`
    + `<text x="24" y="108" font-family="Georgia, 'DejaVu Serif', serif" font-size="34" font-weight="700" fill="#1f2328">${lines}</text>`
    + (byline ? `<text x="24" y="${THUMBNAIL_HEIGHT - 24}" font-family="${sans}" font-size="21" fill="#57606a">${byline}</text>` : '')
    + '</svg>';
}
