// Search forgives a typo and says what it did: "Did you mean" from the corpus's own words (one edit away), the
// corrected words searched when nothing has the words as typed, and the count of papers with every word matching
// what the pages list before the papers related by meaning.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { correctWord, didYouMean, editsOne } from '../../src/search/spelling.ts';
import { startDemoApp, type RunningApp } from '../helpers/app.ts';
import { ENGINES } from '../helpers/postgres.ts';

interface ApiResult {
  query: string;
  matches: number | null;
  hasMore: boolean;
  didYouMean: string | null;
  correctedFrom: string | null;
  items: Array<{ paper: { id: string }; related: boolean }>;
}

describe('spelling', () => {
  const vocabulary = new Map([['pretraining', 40], ['training', 90], ['transformer', 30], ['transformers', 12], ['models', 200]]);
  const frequency = (word: string) => vocabulary.get(word) ?? 0;

  it('corrects an unknown word to the most frequent known word one edit away', () => {
    assert.ok(editsOne('abc').has('bac') && editsOne('abc').has('ab') && editsOne('abc').has('abcd') && editsOne('abc').has('abd'));
    assert.equal(correctWord('pretrainnig', frequency), 'pretraining', 'two letters swapped');
    assert.equal(correctWord('transfomer', frequency), 'transformer', 'a letter dropped');
    assert.equal(correctWord('models', frequency), null, 'a known word stays');
    assert.equal(correctWord('xyzzyq', frequency), null, 'nothing near');
    assert.equal(correctWord('mdl', frequency), null, 'too short to guess');
  });

  it('corrects the plain words of a query, and leaves filters, phrases and exclusions as written', () => {
    assert.equal(didYouMean('Pretrainnig of transfomer models', frequency), 'Pretraining of transformer models');
    assert.equal(didYouMean('pretraining models', frequency), null);
    assert.equal(didYouMean('"pretrainnig" models', frequency), null);
    assert.equal(didYouMean('author:Pretrainnig -transfomer cat:cs.LG', frequency), null);
    assert.equal(didYouMean(`${'a'.repeat(5000)} pretrainnig`, frequency), `${'a'.repeat(5000)} pretraining`, 'a huge word is left alone');
  });
});

for (const engine of ENGINES) describe(`did you mean, and counts that match pages (${engine})`, () => {
  let app: RunningApp;
  before(async () => {
    app = await startDemoApp({ fitted: true }, { RATE_LIMIT_SEARCHES: '0', RATE_LIMIT_READS: '0' }, engine);
  });
  after(() => app.close());
  const api = async (query: string) => (await (await app.get(`/api/search?${query}`)).json()) as ApiResult;

  it('searches the corrected words when nothing has the words as typed, and says so', async () => {
    const fixed = await api('q=pretrainnig');
    assert.equal(fixed.correctedFrom, 'pretrainnig');
    assert.equal(fixed.didYouMean, 'pretraining');
    assert.equal(fixed.query, 'pretraining');
    assert.ok((fixed.matches ?? 0) > 0 && fixed.items.length > 0 && !fixed.items[0]!.related);

    const typed = await api('q=pretrainnig&spell=off');
    assert.equal(typed.correctedFrom, null);
    assert.equal(typed.didYouMean, 'pretraining', 'offered, not searched');
    assert.equal(typed.matches, 0);

    const page = await (await app.get('/search?q=pretrainnig')).text();
    assert.match(page, /Showing results for <strong>pretraining<\/strong>/);
    assert.match(page, /href="\/search\?q=pretrainnig&amp;spell=off">Search instead for “pretrainnig”/);
    const known = await api('q=pretraining');
    assert.equal(known.didYouMean, null, 'no correction for words papers have');
    assert.equal((await app.get('/api/search?q=a&spell=maybe')).status, 400);
  });

  it('lists every paper with the words first, as many as it counts, then papers related by meaning', async () => {
    const seen: ApiResult['items'] = [];
    let first: ApiResult | null = null;
    for (let p = 1; p <= 30; p += 1) {
      const result = await api(`q=pretraining&limit=10&p=${p}`);
      first ??= result;
      seen.push(...result.items);
      if (!result.hasMore) break;
    }
    const exact = seen.filter((item) => !item.related);
    assert.ok(first && (first.matches ?? 0) > 10, `${first?.matches} papers have the word`);
    assert.equal(exact.length, first.matches, 'the count and the pages agree');
    const firstRelated = seen.findIndex((item) => item.related);
    assert.ok(firstRelated === -1 || seen.slice(firstRelated).every((item) => item.related), 'never mixed');
    assert.equal(new Set(seen.map((item) => item.paper.id)).size, seen.length, 'no paper twice');

    const page = await (await app.get(`/search?q=pretraining&p=${Math.ceil(exact.length / 20)}`)).text();
    if (exact.length % 20 !== 0 && firstRelated !== -1) assert.match(page, /<h2 class="cards-heading">Related by meaning<\/h2>/);
  });
});
