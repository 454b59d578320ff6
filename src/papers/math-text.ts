// LaTeX in titles and abstracts as arXiv writes it (`$\alpha$-divergence`, `\emph{not}`), turned into pieces a view
// draws: plain text, emphasis, and math rendered by KaTeX to MathML on the server — browsers draw MathML natively, so
// no script, stylesheet or font is sent. The stored text stays LaTeX (search and BibTeX use it). Pure.
import katex from 'katex';
import { byteBoundedMap, type CacheSize } from '../byte-bounded-map.ts';
import { withoutControlCharacters } from '../control-characters.ts';

export type TextPiece =
  | { kind: 'text'; text: string }
  | { kind: 'em' | 'strong' | 'code'; text: string }
  | { kind: 'math'; html: string; source: string };

/** Math longer than this stays as written: a title's formula is short, and KaTeX's work grows with it. */
const MAX_MATH_LENGTH = 300;
/** Formulas rendered per text: the rest stay as written. */
const MAX_FORMULAS = 40;
/**
 * KaTeX's maxExpand bounds expansions, not output: one 300-character formula built from \def's rendered to 423 KB of
 * MathML. A real formula's MathML is well under 5 KB; one over this bound is shown as written.
 */
export const MAX_FORMULA_HTML = 16_000;
/** All the MathML one text (a title, an abstract) may carry: past it, the remaining formulas stay as written. */
export const MAX_TEXT_MATH_HTML = 64_000;
/** KaTeX time one text may take; KaTeX cannot be interrupted, so later formulas stay as written once it is spent. */
const TEXT_RENDER_BUDGET_MS = 50;
/** What the cache of rendered formulas may hold, in characters of source and MathML. */
const CACHE_CHARACTERS = 4_000_000;

/**
 * Commands a formula in a title or abstract never needs and an attacker would use: macro definitions (output that
 * grows without bound), \char (NUL and bidi overrides put back into the page) and boxes moved by any distance
 * (\raisebox{-900em} places text over the rest of the page). A formula naming one is shown as written.
 */
const REFUSED = /\\(?:[egx]?def|(?:re)?newcommand|providecommand|newenvironment|renewenvironment|(?:future)?let|global|long|expandafter|char|raisebox|raise|lower|moveleft|moveright|vcenter)(?![A-Za-z])/;

// $$…$$, $…$ (not \$), \(…\); none of them across a line break. Inline math follows Pandoc's rule, so prices stay
// prices ("$5 to $10"): no space just inside either dollar, and no digit right after the closing one.
const MATH = /\$\$([^$]+?)\$\$|(?<!\\)\$(?=\S)((?:[^$\\\n]|\\[^\n])+?)(?<=\S)\$(?!\d)|\\\(([\s\S]+?)\\\)/g;
const STYLE = /\\(emph|textit|textbf|texttt)\{([^{}]*)\}/g;
const styleKind = { emph: 'em', textit: 'em', textbf: 'strong', texttt: 'code' } as const;

// Rendered formulas by source: the same symbols recur across cards and pages. Bounded by size, not count: a
// thousand short formulas and a thousand long ones are not the same memory.
const rendered = byteBoundedMap<{ html: string | null }>(CACHE_CHARACTERS * 2, (entry) => (entry.html?.length ?? 0) * 2);

function renderMath(source: string, display: boolean): string | null {
  const key = `${display ? 'D' : 'i'}${source}`;
  const known = rendered.get(key);
  if (known) return known.html;
  let html: string | null = null;
  if (!REFUSED.test(source)) {
    try {
      // trust: false refuses \href, \includegraphics and the like; maxExpand bounds built-in macros' expansion; a
      // parse error throws (caught here) and leaves the text as written.
      html = katex.renderToString(source, { output: 'mathml', displayMode: display, throwOnError: true, trust: false, maxExpand: 200, maxSize: 20, strict: 'ignore' });
    } catch {
      html = null; // a formula KaTeX cannot read, or one that overflowed the stack: shown as written
    }
  }
  // Whatever KaTeX emits, no control character or bidi override reaches the page, and no formula outgrows its bound.
  if (html !== null) html = html.length > MAX_FORMULA_HTML || movesFar(html) ? null : withoutControlCharacters(html);
  rendered.set(key, { html });
  return html;
}

/**
 * KaTeX caps sizes at maxSize, but not every one (a negative \hspace inside \mathrlap is kept as written): a
 * rendered formula with any length past the cap could lay itself over the rest of the page.
 */
function movesFar(html: string): boolean {
  for (const match of html.matchAll(/="(-?\d+(?:\.\d+)?)(em|ex|px|mu|pt)"/g)) {
    const value = Math.abs(Number(match[1]));
    if (value > (match[2] === 'px' || match[2] === 'pt' || match[2] === 'mu' ? 400 : 20)) return true;
  }
  return false;
}

/**
 * One formula as MathML, or null when it is to stay as written (too long, a refused command, unreadable, too big):
 * the one renderer titles, abstracts and comments share, with the same bounds and cache.
 */
export function renderFormula(source: string, display: boolean): string | null {
  if (source.length > MAX_MATH_LENGTH || !source.trim()) return null;
  return renderMath(source, display);
}

/** Formulas one text may render, and the MathML they may add up to (a comment keeps to a title's bounds). */
export const FORMULA_BOUNDS = { formulas: MAX_FORMULAS, html: MAX_TEXT_MATH_HTML } as const;

/** The rendered-formula cache's size (for tests and /metrics). */
export const formulaCacheSize = (): CacheSize => rendered;

/**
 * LaTeX's `~` is a space that does not break (`Fig.~3`, `et~al.`): shown as one, not as a tilde. A tilde after a slash
 * or a backslash stays (`http://host/~user`, `\~{n}`).
 */
export function tildesAsSpaces(text: string): string {
  return text.includes('~') ? text.replace(/(?<![/\\])~/g, '\u00A0') : text;
}

function styled(text: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  let at = 0;
  for (const match of text.matchAll(STYLE)) {
    if (match.index > at) pieces.push({ kind: 'text', text: tildesAsSpaces(text.slice(at, match.index)) });
    pieces.push({ kind: styleKind[match[1] as keyof typeof styleKind], text: tildesAsSpaces(match[2] as string) });
    at = match.index + match[0].length;
  }
  if (at < text.length) pieces.push({ kind: 'text', text: tildesAsSpaces(text.slice(at)) });
  return pieces;
}

/** A text's pieces: what is not math, with its `\emph{}`s, and each formula KaTeX could render. */
export function mathPieces(text: string): TextPiece[] {
  if (!text.includes('$') && !text.includes('\\')) return [{ kind: 'text', text: tildesAsSpaces(text) }];
  const pieces: TextPiece[] = [];
  let at = 0;
  let formulas = 0;
  let htmlSize = 0;
  const deadline = performance.now() + TEXT_RENDER_BUDGET_MS;
  for (const match of text.matchAll(MATH)) {
    const source = match[1] ?? match[2] ?? match[3] ?? '';
    if (formulas >= MAX_FORMULAS || source.length > MAX_MATH_LENGTH || !source.trim()) continue;
    if (performance.now() > deadline) break;
    const html = renderMath(source, match[1] !== undefined);
    if (html === null || htmlSize + html.length > MAX_TEXT_MATH_HTML) continue;
    htmlSize += html.length;
    formulas += 1;
    pieces.push(...styled(text.slice(at, match.index)));
    pieces.push({ kind: 'math', html, source });
    at = match.index + match[0].length;
  }
  pieces.push(...styled(text.slice(at)));
  return pieces.filter((p) => p.kind === 'math' || p.text.length > 0);
}

/** Common commands as the characters they stand for: what plain text (meta tags, mail, feeds, pictures) shows. */
const PLAIN_SYMBOLS: Record<string, string> = {
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', varepsilon: 'ε', zeta: 'ζ', eta: 'η', theta: 'θ',
  iota: 'ι', kappa: 'κ', lambda: 'λ', mu: 'μ', nu: 'ν', xi: 'ξ', pi: 'π', rho: 'ρ', sigma: 'σ', tau: 'τ',
  upsilon: 'υ', phi: 'φ', varphi: 'φ', chi: 'χ', psi: 'ψ', omega: 'ω', Gamma: 'Γ', Delta: 'Δ', Theta: 'Θ',
  Lambda: 'Λ', Xi: 'Ξ', Pi: 'Π', Sigma: 'Σ', Phi: 'Φ', Psi: 'Ψ', Omega: 'Ω', infty: '∞', times: '×', cdot: '·',
  pm: '±', leq: '≤', le: '≤', geq: '≥', ge: '≥', neq: '≠', ne: '≠', approx: '≈', sim: '∼', to: '→',
  rightarrow: '→', leftarrow: '←', Rightarrow: '⇒', in: '∈', subset: '⊂', sum: '∑', prod: '∏', int: '∫',
  partial: '∂', nabla: '∇', sqrt: '√', ell: 'ℓ', log: 'log', exp: 'exp', ldots: '…', dots: '…', cdots: '⋯',
  '%': '%', '&': '&', '#': '#', _: '_', '$': '$', '{': '{', '}': '}',
};
const SUPERSCRIPTS: Record<string, string> = { 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹', '+': '⁺', '-': '⁻', n: 'ⁿ', i: 'ⁱ' };
const SUBSCRIPTS: Record<string, string> = { 0: '₀', 1: '₁', 2: '₂', 3: '₃', 4: '₄', 5: '₅', 6: '₆', 7: '₇', 8: '₈', 9: '₉', '+': '₊', '-': '₋' };

/** A fraction's part, in parentheses when it is more than one term. */
const grouped = (part: string) => (/^[\w.\\]+$/.test(part.trim()) ? part.trim() : `(${part.trim()})`);

/** `^{12}` as ¹², when every character has a small form; else `^(12)`, readable either way. */
function scripted(body: string, table: Record<string, string>, mark: string): string {
  const chars = [...body];
  return chars.every((c) => table[c]) ? chars.map((c) => table[c]).join('') : body.length === 1 ? `${mark}${body}` : `${mark}(${body})`;
}

/**
 * A text with LaTeX as plain characters (`$\omega$` → ω, `$O(n^2)$` → O(n²), `\emph{x}` → x, `~` → a space): one
 * rule for every place that cannot show formulas (meta descriptions, the digest's text part, feeds, title cards). Linear
 * in the text; anything unknown stays as written, minus the markup.
 */
export function plainMath(text: string): string {
  if (!text.includes('$') && !text.includes('\\') && !text.includes('~')) return text;
  return text
    .replace(/\\(?:emph|textbf|textit|texttt|mathrm|mathbf|mathit|mathcal|mathbb|text|operatorname)\s*\{([^{}]*)\}/g, '$1')
    .replace(/\\(?:frac)\s*\{([^{}]*)\}\s*\{([^{}]*)\}/g, (_m, top: string, bottom: string) => `${grouped(top)}/${grouped(bottom)}`)
    .replace(/\\([A-Za-z]+|[%&#_${}])/g, (whole, name: string) => PLAIN_SYMBOLS[name] ?? (/^[A-Za-z]+$/.test(name) ? '' : whole))
    .replace(/\^\{([^{}]*)\}|\^([A-Za-z0-9+-])/g, (_m, braced: string | undefined, one: string | undefined) => scripted(braced ?? one ?? '', SUPERSCRIPTS, '^'))
    .replace(/_\{([^{}]*)\}|_([A-Za-z0-9+-])/g, (_m, braced: string | undefined, one: string | undefined) => scripted(braced ?? one ?? '', SUBSCRIPTS, '_'))
    .replace(/(?<!\\)\$+/g, '')
    .replace(/[{}]/g, '')
    .replace(/(?<![/\\])~/g, ' ')
    .replace(/[ \t]{2,}/g, ' ');
}
