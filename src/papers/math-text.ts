// LaTeX in titles and abstracts as arXiv writes it (`$\alpha$-divergence`, `\emph{not}`), turned into pieces a view
// draws: plain text, emphasis, and math rendered by KaTeX to MathML on the server — browsers draw MathML natively, so
// no script, stylesheet or font is sent. The stored text stays LaTeX (search and BibTeX use it). Pure.
import katex from 'katex';

export type TextPiece =
  | { kind: 'text'; text: string }
  | { kind: 'em' | 'strong' | 'code'; text: string }
  | { kind: 'math'; html: string; source: string };

/** Math longer than this stays as written: a title's formula is short, and KaTeX's work grows with it. */
const MAX_MATH_LENGTH = 300;
/** Formulas rendered per text: the rest stay as written. */
const MAX_FORMULAS = 40;

// $$…$$, $…$ (not \$), \(…\); none of them across a line break. Inline math follows Pandoc's rule, so prices stay
// prices ("$5 to $10"): no space just inside either dollar, and no digit right after the closing one.
const MATH = /\$\$([^$]+?)\$\$|(?<!\\)\$(?=\S)((?:[^$\\\n]|\\[^\n])+?)(?<=\S)\$(?!\d)|\\\(([\s\S]+?)\\\)/g;
const STYLE = /\\(emph|textit|textbf|texttt)\{([^{}]*)\}/g;
const styleKind = { emph: 'em', textit: 'em', textbf: 'strong', texttt: 'code' } as const;

// Rendered formulas by source: the same symbols recur across cards and pages.
const rendered = new Map<string, string | null>();

function renderMath(source: string, display: boolean): string | null {
  const key = `${display ? 'D' : 'i'}${source}`;
  if (rendered.has(key)) return rendered.get(key) ?? null;
  let html: string | null;
  try {
    // trust: false refuses \href, \includegraphics and the like; maxExpand stops macro bombs; a parse error throws
    // (caught here) and leaves the text as written.
    html = katex.renderToString(source, { output: 'mathml', displayMode: display, throwOnError: true, trust: false, maxExpand: 200, maxSize: 20, strict: 'ignore' });
  } catch {
    html = null; // a formula KaTeX cannot read, or one that overflowed the stack: shown as written
  }
  if (rendered.size >= 5000) rendered.delete(rendered.keys().next().value as string);
  rendered.set(key, html);
  return html;
}

function styled(text: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  let at = 0;
  for (const match of text.matchAll(STYLE)) {
    if (match.index > at) pieces.push({ kind: 'text', text: text.slice(at, match.index) });
    pieces.push({ kind: styleKind[match[1] as keyof typeof styleKind], text: match[2] as string });
    at = match.index + match[0].length;
  }
  if (at < text.length) pieces.push({ kind: 'text', text: text.slice(at) });
  return pieces;
}

/** A text's pieces: what is not math, with its `\emph{}`s, and each formula KaTeX could render. */
export function mathPieces(text: string): TextPiece[] {
  if (!text.includes('$') && !text.includes('\\')) return [{ kind: 'text', text }];
  const pieces: TextPiece[] = [];
  let at = 0;
  let formulas = 0;
  for (const match of text.matchAll(MATH)) {
    const source = match[1] ?? match[2] ?? match[3] ?? '';
    if (formulas >= MAX_FORMULAS || source.length > MAX_MATH_LENGTH || !source.trim()) continue;
    const html = renderMath(source, match[1] !== undefined);
    if (html === null) continue;
    formulas += 1;
    pieces.push(...styled(text.slice(at, match.index)));
    pieces.push({ kind: 'math', html, source });
    at = match.index + match[0].length;
  }
  pieces.push(...styled(text.slice(at)));
  return pieces.filter((p) => p.kind === 'math' || p.text.length > 0);
}
