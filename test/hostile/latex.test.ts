// Hostile LaTeX in titles and abstracts (the second hardening pass): a 300-character \def bomb made a paper page
// 15 MB in 5.6 s and, after ~45 pages, killed the process; \char put NUL and bidi overrides back; \raisebox moved text
// anywhere. Each formula and each text now has a rendered-size bound, the cache a byte bound, and macro definitions,
// \char and moved boxes are shown as written.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { formulaCacheSize, mathPieces, MAX_FORMULA_HTML, MAX_TEXT_MATH_HTML } from '../../src/papers/math-text.ts';
import { startApp, type RunningApp } from '../helpers/app.ts';
import { DEF_BOMB, hostileAbstract, LATEX_BOMBS } from '../helpers/hostile-latex.ts';

const mathHtml = (text: string) =>
  mathPieces(text)
    .map((p) => (p.kind === 'math' ? p.html : ''))
    .join('');

describe('hostile LaTeX', () => {
  it('shows a macro-definition bomb as written, not as 423 KB of MathML', () => {
    const pieces = mathPieces(`A title ${DEF_BOMB}`);
    assert.equal(pieces.filter((p) => p.kind === 'math').length, 0);
    assert.ok(pieces.map((p) => ('text' in p ? p.text : '')).join('').includes('\\def\\b'), 'the source stays, as text');
  });

  it('refuses every definition, \\char and moved box, and keeps each formula and text within its bound', () => {
    for (const bomb of LATEX_BOMBS) {
      const html = mathHtml(bomb);
      assert.ok(html.length <= MAX_FORMULA_HTML, `${bomb.slice(0, 30)}: ${html.length}`);
      assert.doesNotMatch(html, /[\u0000\u202A-\u202E\u2066-\u2069]/, `${bomb.slice(0, 30)} puts a control character back`);
      assert.doesNotMatch(html, /="-?(900|500)em"/, `${bomb.slice(0, 30)} moves far`);
    }
    for (const refused of ['\\def', '\\gdef', '\\newcommand', '\\renewcommand', '\\let', '\\char', '\\raisebox', '\\mathrlap{\\hspace{-900em}']) {
      const bomb = LATEX_BOMBS.find((b) => b.includes(refused)) as string;
      assert.equal(mathHtml(bomb), '', `${refused} is shown as written`);
    }
    assert.ok(mathHtml(hostileAbstract()).length <= MAX_TEXT_MATH_HTML);
    // What real papers write still renders.
    assert.match(mathHtml('$\\alpha$-divergence, $\\hspace{1em}x$ and $\\mathbb{R}^n$'), /<mi>α<\/mi>[\s\S]*mathvariant="double-struck">R/);
  });

  it('keeps a text of 40 large legal formulas within the bound a text may carry', () => {
    const big = `$${'\\boxed{'.repeat(30)}x${'}'.repeat(30)}$`;
    assert.ok(mathHtml(big).length > 5_000, 'each formula is large');
    const text = Array.from({ length: 40 }, (_, i) => big.replace('x', `x_${i}`)).join(' ');
    assert.ok(mathHtml(text).length <= MAX_TEXT_MATH_HTML);
  });

  it('bounds the formula cache by its size, whatever the number of distinct formulas', () => {
    for (let i = 0; i < 3_000; i += 1) mathPieces(`$${'\\boxed{'.repeat(30)}x_{${i}}${'}'.repeat(30)}$`);
    assert.ok(formulaCacheSize().bytes <= 8_000_000 * 2, `${formulaCacheSize().bytes} bytes`);
  });

  describe('pages of hostile papers', () => {
    let app: RunningApp;
    before(async () => {
      app = await startApp(async ({ services, dir }) => {
        const file = path.join(dir, 'bombs.jsonl');
        const today = new Date().toISOString().slice(0, 10);
        const lines = Array.from({ length: 30 }, (_, i) =>
          JSON.stringify({ id: `2612.${String(90000 + i)}`, title: `Bomb ${i} ${LATEX_BOMBS[i % LATEX_BOMBS.length]}`.slice(0, 1000), abstract: hostileAbstract(i), categories: ['cs.LG'], publishedAt: `${today}T00:00:00Z` }),
        );
        fs.writeFileSync(file, `${lines.join('\n')}\n`);
        const report = await services.importer.importFile(file);
        assert.equal(report.rejected, 0);
      }, { PAGE_CACHE_SECONDS: '0', RATE_LIMIT_READS: '0' });
    });
    after(() => app.close());

    it('renders a paper page and the day listing small and fast, and stays healthy', async () => {
      const started = performance.now();
      const page = await app.get('/papers/2612.90000');
      const body = await page.text();
      assert.equal(page.status, 200);
      assert.ok(body.length < 400_000, `paper page: ${body.length} bytes`);
      assert.doesNotMatch(body, /[\u0000\u202E]/);
      const listing = await app.get(`/date/${new Date().toISOString().slice(0, 10)}`);
      const listed = await listing.text();
      assert.equal(listing.status, 200);
      assert.ok(listed.length < 2_000_000, `listing: ${listed.length} bytes`);
      assert.ok(performance.now() - started < 10_000, 'both pages well within seconds on a busy machine');
      assert.equal((await app.get('/healthz')).status, 200);
    });
  });
});
