// LaTeX in titles and abstracts, rendered on the server: what arXiv writes, and what an attacker would.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderToString } from 'preact-render-to-string';
import { h } from 'preact';
import { mathPieces } from '../../src/papers/math-text.ts';
import { MathText } from '../../src/papers/math-text.view.tsx';

const html = (text: string) => renderToString(h(MathText, { text }));

describe('LaTeX in titles and abstracts', () => {
  it('renders inline and display math as MathML, keeping the source as an annotation', () => {
    const out = html('$\\alpha$-divergence and $$\\sum_i x_i$$ bounds');
    assert.match(out, /<math[^>]*><semantics><mrow><mi>α<\/mi>/);
    assert.match(out, /display="block"/);
    assert.match(out, /<annotation encoding="application\/x-tex">\\alpha<\/annotation>/);
    assert.match(out, /-divergence and /);
  });

  it('renders \\emph{} and \\textbf{} outside math, and leaves an escaped dollar alone', () => {
    assert.equal(html('a \\emph{new} and \\textbf{bold} idea'), 'a <em>new</em> and <strong>bold</strong> idea');
    assert.equal(html('costs \\$5 and \\$6'), 'costs \\$5 and \\$6');
  });

  it('leaves what KaTeX cannot read as written, escaped', () => {
    assert.equal(html('$\\frac{1}{$ and <b>'), '$\\frac{1}{$ and &lt;b>');
    assert.equal(html('from $5 to $10 a month'), 'from $5 to $10 a month', 'prices are not math');
  });

  it('lets no markup or script through, and refuses links and macro bombs', () => {
    for (const text of [
      '$<script>alert(1)</script>$', '$\\href{javascript:alert(1)}{x}$', '$\\url{javascript:alert(1)}$', '$\\includegraphics{x.png}$',
      '$\\htmlClass{x}{y}$', '$\\def\\a{\\a\\a}\\a$', `$${'{'.repeat(5000)}x${'}'.repeat(5000)}$`, '$\\text{<img src=x onerror=alert(1)>}$',
    ]) {
      const out = html(text);
      // Text such as "javascript:" may stay as (escaped) text; no element or attribute may carry it.
      const tags = out.match(/<[^>]+>/g) ?? [];
      for (const tag of tags) assert.doesNotMatch(tag, /^<(script|img|a|iframe|object)[\s>]|\s(href|src|on\w+)=/i, `${text.slice(0, 40)}: ${tag}`);
    }
  });

  it('shows LaTeX\'s ~ as a space that does not break, but keeps a tilde in an address', () => {
    assert.equal(html('as in Fig.~3 of Smith et~al.'), 'as in Fig.\u00A03 of Smith et\u00A0al.');
    assert.equal(html('see \\emph{Fig.~3} and $x$~here'), 'see <em>Fig.\u00A03</em> and ' + html('$x$').trim() + '\u00A0here');
    assert.equal(html('code at http://www.cs.toronto.edu/~hinton/'), 'code at http://www.cs.toronto.edu/~hinton/');
  });

  it('renders a hostile abstract of formulas in bounded time, at most 40 of them', () => {
    const text = Array.from({ length: 2000 }, (_, i) => `$x_{${i}}$`).join(' ');
    const started = performance.now();
    const pieces = mathPieces(text);
    assert.ok(performance.now() - started < 2000, `${(performance.now() - started).toFixed(0)} ms`);
    assert.equal(pieces.filter((p) => p.kind === 'math').length, 40);
  });
});
