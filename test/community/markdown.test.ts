import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SaxesParser } from 'saxes';
import { renderCommentMarkdown } from '../../src/community/markdown.ts';

/** The comment's HTML read by a real XML parser (markdown-it writes XHTML-style tags; KaTeX's MathML is XML): throws when malformed. */
function wellFormed(html: string): string {
  const parser = new SaxesParser();
  let problem: Error | null = null;
  parser.on('error', (error) => (problem ??= error));
  parser.write(`<div>${html.replaceAll('&nbsp;', '&#160;')}</div>`).close();
  if (problem) throw problem;
  return html;
}

describe('comment markdown', () => {
  it('renders the subset: emphasis, code, quotes, lists, links', () => {
    const html = renderCommentMarkdown('*nice* and **bold** `x = 1`\n\n> quoted\n\n- one\n- two\n\n[paper](https://arxiv.org/abs/2401.01234)');
    assert.match(html, /<em>nice<\/em>/);
    assert.match(html, /<strong>bold<\/strong>/);
    assert.match(html, /<code>x = 1<\/code>/);
    assert.match(html, /<blockquote>/);
    assert.match(html, /<li>one<\/li>/);
    assert.match(html, /<a href="https:\/\/arxiv.org\/abs\/2401.01234" rel="nofollow ugc noopener">paper<\/a>/);
  });

  it('links bare URLs, marked as user content', () => {
    assert.match(renderCommentMarkdown('see https://example.org/x'), /<a href="https:\/\/example.org\/x" rel="nofollow ugc noopener">/);
  });

  it('never lets raw HTML through', () => {
    const html = renderCommentMarkdown('<script>alert(1)</script> "><img src=x onerror=alert(1)> <b>b</b>');
    assert.doesNotMatch(html, /<script|<img|<b>/);
    assert.match(html, /&lt;script&gt;/);
  });

  it('draws math with the renderer titles use, and leaves prices, code and escaped dollars alone', () => {
    const html = wellFormed(renderCommentMarkdown('The bound $O(n^2)$ holds for $x_1 + x_2$, see\n\n$$\\sum_{i=1}^n i$$\n\nIt costs $5 to $10; `$PATH` is code; \\$x\\$ is not math.'));
    assert.equal((html.match(/<span class="math"><span class="katex"><math/g) ?? []).length, 3, 'two inline formulas and a display one');
    assert.match(html, /display="block"/);
    assert.doesNotMatch(html, /<em>1 \+ x<\/em>/, 'underscores inside math are not emphasis');
    assert.match(html, /costs \$5 to \$10/);
    assert.match(html, /<code>\$PATH<\/code>/);
    assert.match(html, /\$x\$ is not math/);
  });

  it('keeps hostile math as written: refused commands, huge formulas, floods, markup inside', () => {
    const bomb = renderCommentMarkdown('$\\def\\a{xxxxxxxx}\\def\\b{\\a\\a\\a\\a}\\b\\b$');
    assert.doesNotMatch(bomb, /<math/);
    assert.match(bomb, /\\def/);
    assert.doesNotMatch(renderCommentMarkdown(`$${'x+'.repeat(400)}x$`), /<math/, 'a formula past 300 characters stays as written');
    const flood = wellFormed(renderCommentMarkdown(Array.from({ length: 500 }, (_, i) => `$x_{${i}}$`).join(' ')));
    assert.equal((flood.match(/<math/g) ?? []).length, 40, 'at most 40 formulas a comment');
    const markup = wellFormed(renderCommentMarkdown('$<script>alert(1)</script>$ and $\\href{javascript:alert(1)}{x}$'));
    assert.doesNotMatch(markup, /<script|href="javascript/);
  });

  it('drops images, headings and dangerous link schemes', () => {
    const html = renderCommentMarkdown('# Title\n\n![x](https://example.org/x.png)\n\n[click](javascript:alert(1)) [data](data:text/html,hi)');
    assert.doesNotMatch(html, /<h1|<img|href="javascript|href="data/);
  });
});
