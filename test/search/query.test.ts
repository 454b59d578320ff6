import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseSearchQuery, toFtsMatch } from '../../src/search/query.ts';
import { kaggleSample } from '../helpers/paths.ts';
import { tempDatabase, type TempDatabase } from '../helpers/temp-db.ts';

const match = (text: string, op: 'AND' | 'OR' = 'AND') => toFtsMatch(parseSearchQuery(text), op);

describe('search query sanitising', () => {
  it('quotes every word, so FTS operators are searched as words', () => {
    assert.equal(match('graph neural'), '"graph" AND "neural"');
    assert.equal(match('cats AND dogs'), '"cats" AND "and" AND "dogs"');
    assert.equal(match('NEAR(a b)'), '"near" AND "a" AND "b"');
    assert.equal(match('graph neural', 'OR'), '"graph" OR "neural"');
  });

  it('keeps "phrases" and prefix* terms', () => {
    assert.equal(match('"large language models" scaling'), '"large language models" AND "scaling"');
    assert.equal(match('transform*'), '"transform"*');
    assert.equal(match('"neural net"*'), '"neural net"*');
  });

  it('treats hyphenated and dotted words as phrases of their parts, as the index splits them', () => {
    assert.equal(match('pre-training'), '"pre training"');
    assert.equal(match('GPT-4 1.5B'), '"gpt 4" AND "1 5b"');
  });

  it('falls back to plain words on syntax it does not understand', () => {
    assert.equal(match('"unbalanced quote'), '"unbalanced" AND "quote"');
    assert.equal(match('title:graph'), '"title" AND "graph"');
    assert.equal(match('a* *'), '"a"', 'a one-letter prefix is a word');
    assert.equal(match('^ ( ) : " * - + '), null);
    assert.equal(match(''), null);
  });

  it('bounds the number of terms', () => {
    const terms = parseSearchQuery('word '.repeat(500)).terms;
    assert.equal(terms.length, 32);
  });
});

describe('search on the real FTS5 engine', () => {
  let t: TempDatabase;
  before(async () => {
    t = await tempDatabase();
    await t.services.importer.importFile(kaggleSample);
  });
  after(() => t.cleanup());

  const hostile = [
    '"', '""', '"a" "', 'AND', 'OR OR', 'NOT x', 'NEAR(', 'NEAR(a b, 3)', '*', '**', 'a:', ':', 'title:', '{title}: x',
    '^start', 'x AND', '(', ')', '-', '+', "it's", 'diphoton)', '\u0000', '\u0002marks\u0003', 'ñandú', '数学', '🙂 emoji',
    '" OR 1=1 --', "'; DROP TABLE papers; --", 'a'.repeat(1000),
  ];
  for (const text of hostile) {
    it(`never raises on ${JSON.stringify(text.slice(0, 30))}`, async () => {
      const result = await t.services.search.keyword(text);
      assert.ok(Array.isArray(result.items));
    });
  }

  it('ranks the paper whose title holds a distinctive word first', async () => {
    const result = await t.services.search.keyword('diphoton');
    assert.equal(result.items[0]?.paper.id, '0704.0001');
    assert.match(result.items[0]?.title ?? '', /\u0002diphoton\u0003/i);
  });

  it('finds by author name, with or without the accent', async () => {
    for (const q of ['Balázs', 'balazs']) {
      const ids = (await t.services.search.keyword(q)).items.map((h) => h.paper.id);
      assert.ok(ids.includes('0704.0001'), q);
    }
  });

  it('loosens to any word when no paper has them all', async () => {
    const result = await t.services.search.keyword('diphoton zzzunknownword');
    assert.equal(result.loosened, true);
    assert.equal(result.items[0]?.paper.id, '0704.0001');
  });

  it('pages through results', async () => {
    const first = await t.services.search.keyword('the', { limit: 5 });
    const second = await t.services.search.keyword('the', { limit: 5, page: 2 });
    assert.equal(first.items.length, 5);
    assert.equal(first.hasMore, true);
    const overlap = second.items.filter((h) => first.items.some((f) => f.paper.id === h.paper.id));
    assert.equal(overlap.length, 0);
  });
});
