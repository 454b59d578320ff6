// Property tests (fast-check): for any input at all, the query language, the import record parsers and the comment
// Markdown never throw, never take long, and never let markup or engine syntax through.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import fc from 'fast-check';
import { renderCommentMarkdown } from '../../src/community/markdown.ts';
import { checkPaper } from '../../src/papers/paper-limits.ts';
import { holdsControlCharacters } from '../../src/control-characters.ts';
import { categoryFacet, dateCover } from '../../src/search/facets.ts';
import { parseSearchQuery, toFtsMatch } from '../../src/search/query.ts';
import { parseHfDailyItem } from '../../src/ingest/sources/hf-daily.ts';
import { parseKaggleRecord } from '../../src/ingest/sources/kaggle.ts';
import { parsePaperJson } from '../../src/ingest/sources/paperboard-jsonl.ts';

const RUNS = 400;

/** Text an attacker types: the language's own syntax, FTS5's, markup, control characters, any Unicode. */
const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.array(
    fc.constantFrom('"', '*', '-', ':', '(', ')', 'NEAR', 'AND', 'OR', 'NOT', '^', '{', '}', 'cat:', 'author:', 'after:', 'before:',
      '-"', 'title:', '\\', '\u0000', '\u202E', '😀', 'ǅ', 'x', 'graph', '2026', '2026-02-30', 'cs.LG', ' ', '  ', '\n', '<script>'),
    { maxLength: 120 },
  ).map((parts) => parts.join('')),
);

/** Milliseconds a call takes. */
function timed(run: () => void): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

describe('the query language, for any input', () => {
  // The engine and tokenizer of the real index, with the facets column: what the FTS query must be valid for.
  const sqlite = new BetterSqlite3(':memory:');
  sqlite.exec(`CREATE VIRTUAL TABLE f USING fts5 (title, abstract, author_names, facets, tokenize = 'porter unicode61 remove_diacritics 2', prefix = '3')`);
  sqlite.prepare(`INSERT INTO f VALUES ('graph neural networks', 'an abstract', 'Ada Lovelace', ?)`).run(categoryFacet('cs.lg'));
  const search = sqlite.prepare('SELECT rowid FROM f WHERE f MATCH ? ORDER BY rowid DESC LIMIT 5');

  it('parses without throwing, quickly, into an FTS5 query the engine accepts', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        let parsed: ReturnType<typeof parseSearchQuery> | undefined;
        assert.ok(timed(() => (parsed = parseSearchQuery(text))) < 50, 'parsing is quick');
        if (!parsed || parsed.problems.length > 0) return;
        const dates = parsed.after || parsed.before ? (dateCover(parsed.after, parsed.before, { first: 1991, last: 2026 }) ?? []) : [];
        for (const operator of ['AND', 'OR'] as const) {
          const match = toFtsMatch({ ...parsed, excluded: [] }, operator, { categories: parsed.categories.map(categoryFacet), dates });
          if (match) search.all(match); // throws on an FTS5 syntax error
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('holds at most its bounds, or names the problem', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const parsed = parseSearchQuery(text);
        assert.ok(parsed.terms.length <= 32);
        if (parsed.problems.length === 0) assert.ok(parsed.categories.length <= 10 && parsed.authors.length <= 5 && parsed.excluded.length <= 20);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('the import record parsers, for any JSON', () => {
  const anyJson = fc.oneof(fc.anything({ maxDepth: 3 }), fc.object({ maxDepth: 2 }), fc.jsonValue({ maxDepth: 3 }));
  // Records that get past the schemas, with strings from anywhere in Unicode (control characters included).
  const nearlyValid = fc.record({
    id: fc.oneof(fc.constant('2611.00001'), fc.constant('hep-th/9901001'), fc.string({ maxLength: 20 })),
    title: fc.string({ unit: 'binary', minLength: 1, maxLength: 200 }),
    abstract: fc.string({ unit: 'binary', maxLength: 500 }),
    authors: fc.array(fc.record({ name: fc.string({ unit: 'binary', maxLength: 40 }) }), { maxLength: 5 }),
    categories: fc.array(fc.string({ maxLength: 12 }), { maxLength: 4 }),
    publishedAt: fc.oneof(fc.constant(null), fc.constant('2026-02-30'), fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.string({ maxLength: 12 })),
  });

  for (const [name, parse] of [
    ['Paperboard JSON', parsePaperJson],
    ['the arXiv snapshot', parseKaggleRecord],
  ] as const) {
    it(`${name}: never throws, and what it keeps passes the field limits clean`, () => {
      fc.assert(
        fc.property(fc.oneof(anyJson, nearlyValid), (value) => {
          const record = parse(value);
          if (!record.ok) {
            assert.equal(typeof record.reason, 'string');
            return;
          }
          const checked = checkPaper(record.paper);
          if (!checked.ok) return;
          assert.ok(!holdsControlCharacters(checked.paper.title) && !holdsControlCharacters(checked.paper.abstract));
          assert.ok(checked.paper.authors.every((a) => !holdsControlCharacters(a.name)));
          assert.ok(checked.paper.publishedAt === null || !Number.isNaN(Date.parse(checked.paper.publishedAt)));
        }),
        { numRuns: RUNS },
      );
    });
  }

  it('Hugging Face daily papers: never throws', () => {
    fc.assert(
      fc.property(anyJson, (value) => {
        const item = parseHfDailyItem(value);
        assert.equal(typeof item.ok, 'boolean');
      }),
      { numRuns: RUNS },
    );
  });
});

describe('the comment Markdown, for any text', () => {
  const markdownish = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 400 }),
    fc.array(
      fc.constantFrom('[', ']', '(', ')', '*', '_', '`', '>', '-', '#', '!', '<', '&', '"', "'", 'javascript:', 'JaVaScRiPt:', 'data:', 'vbscript:',
        'http://x.example', 'mailto:a@b', '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', 'onclick=', '\n', '\n\n', '    ', '\\', 'x'),
      { maxLength: 150 },
    ).map((parts) => parts.join('')),
  );
  const ALLOWED_TAGS = new Set(['p', 'br', 'em', 'strong', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 's']);

  it('renders only its subset: known tags, links to http(s) and mailto, no event handlers, quickly', () => {
    fc.assert(
      fc.property(markdownish, (text) => {
        let html = '';
        assert.ok(timed(() => (html = renderCommentMarkdown(text))) < 50, 'rendering is quick');
        for (const tag of html.matchAll(/<\/?([a-zA-Z][\w-]*)([^>]*)>/g)) {
          const [, name = '', attributes = ''] = tag;
          assert.ok(ALLOWED_TAGS.has(name.toLowerCase()), `tag <${name}>`);
          for (const attribute of attributes.matchAll(/([\w-]+)\s*=\s*"([^"]*)"/g)) {
            const [, key = '', value = ''] = attribute;
            assert.ok(['href', 'rel', 'start'].includes(key.toLowerCase()), `attribute ${key}`);
            if (key === 'href') assert.match(value, /^(https?:|mailto:)/i);
          }
        }
        assert.doesNotMatch(html, /<script/i, 'markup people typed stays text');
      }),
      { numRuns: RUNS },
    );
  });

  it('stays linear on pathological nesting', () => {
    for (const text of ['['.repeat(20_000), '*'.repeat(20_000), '>'.repeat(5_000), '`'.repeat(20_000), '[a]('.repeat(5_000), '- '.repeat(5_000)]) {
      assert.ok(timed(() => renderCommentMarkdown(text)) < 500, `${text.slice(0, 4)}… renders in time`);
    }
  });
});
