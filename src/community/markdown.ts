// The Markdown that comments may use: emphasis, code, quotes, lists, links and math. No raw HTML, no images,
// no headings; links are marked rel="nofollow ugc" (Google's words for user-written links) and open nothing
// but http(s) and mailto. markdown-it escapes everything it does not turn into one of these.
import MarkdownIt from 'markdown-it';
import { FORMULA_BOUNDS, renderFormula } from '../papers/math-text.ts';

const markdown = new MarkdownIt('commonmark', { html: false, linkify: true, breaks: true });
markdown.enable(['linkify', 'strikethrough']);
markdown.disable(['image', 'heading', 'lheading', 'hr', 'html_block', 'html_inline', 'reference']);

const SAFE_LINK = /^(https?:|mailto:)/i;
markdown.validateLink = (url) => SAFE_LINK.test(url.trim());

markdown.renderer.rules.link_open = (tokens, index, options, _env, self) => {
  const token = tokens[index];
  token?.attrSet('rel', 'nofollow ugc noopener');
  return self.renderToken(tokens, index, options);
};

// Math as in titles and abstracts ($…$, $$…$$; Pandoc's rule for a lone dollar, so "$5 to $10" stays prices), drawn by
// the same renderer (papers/math-text.ts: KaTeX to MathML, its refused commands and size bounds). What it cannot
// render stays as written. Inside `code`, dollars are code: the backticks rule takes the span first, and a formula
// never reaches across a backtick ("costs $10; `$PATH`" is a price and code).
const DISPLAY_MATH = /^\$\$([^$]+?)\$\$/;
const INLINE_MATH = /^\$(?=\S)((?:[^$\\\n`]|\\[^\n])+?)(?<=\S)\$(?!\d)/;
/** Enough of the text after a dollar for the longest formula rendered, and its delimiters. */
const MATH_WINDOW = 320;

/** What one comment's formulas have used so far (markdown-it's per-render env). */
type MathBudget = { formulas: number; html: number } & Record<string, unknown>;

markdown.inline.ruler.before('escape', 'math', (state, silent) => {
  if (state.src.charCodeAt(state.pos) !== 0x24 /* $ */) return false;
  const ahead = state.src.slice(state.pos, state.pos + MATH_WINDOW);
  const match = DISPLAY_MATH.exec(ahead) ?? INLINE_MATH.exec(ahead);
  if (!match) return false;
  const budget = state.env as unknown as MathBudget;
  if (budget.formulas >= FORMULA_BOUNDS.formulas) return false;
  const html = renderFormula(match[1] as string, match[0].startsWith('$$'));
  if (html === null || budget.html + html.length > FORMULA_BOUNDS.html) return false;
  if (!silent) {
    budget.formulas += 1;
    budget.html += html.length;
    const token = state.push('math_inline', 'span', 0);
    token.content = html;
  }
  state.pos += match[0].length;
  return true;
});
markdown.renderer.rules.math_inline = (tokens, index) => `<span class="math">${tokens[index]?.content ?? ''}</span>`;

/** Comment Markdown → HTML that is safe to insert into a page. */
export function renderCommentMarkdown(body: string): string {
  const budget: MathBudget = { formulas: 0, html: 0 };
  return markdown.render(body, budget);
}
