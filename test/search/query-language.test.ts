// One query language for every mode: "phrases", -exclusions, author:, cat:, before: and after:.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseSearchQuery, toFtsMatch } from '../../src/search/query.ts';
import { startDemoApp, type RunningApp } from '../helpers/app.ts';
import { ENGINES } from '../helpers/postgres.ts';

interface Item { paper: { id: string; title: string; abstract: string; authors: Array<{ name: string }>; categories: string[]; publishedAt: string | null } }

for (const engine of ENGINES) describe(`the query language, parsed (${engine})`, () => {
  it('takes words, phrases, exclusions and filters apart', () => {
    const q = parseSearchQuery('graph "neural nets" -survey -"review article" author:"Geoffrey Hinton" cat:cs.LG after:2026-11 before:2027 author:lecun');
    assert.deepEqual(q.terms.map((t) => t.words.join(' ')), ['graph', 'neural nets']);
    assert.deepEqual(q.excluded.map((t) => t.words.join(' ')), ['survey', 'review article']);
    assert.deepEqual(q.authors.map((t) => t.words.join(' ')), ['geoffrey hinton', 'lecun']);
    assert.deepEqual([q.categories, q.after, q.before], [['cs.lg'], '2026-11-01', '2027-01-01']);
    assert.equal(q.freeText, 'graph "neural nets"');
    assert.equal(
      toFtsMatch(q),
      '(("graph" AND "neural nets") AND (author_names : "geoffrey hinton") AND (author_names : "lecun")) NOT ("survey" OR "review article")',
    );
  });

  it('keeps hyphenated words and unknown prefixes as words, and names dates that are not dates', () => {
    const q = parseSearchQuery('pre-training title:x after:2026-13-01 before:soon');
    assert.deepEqual(q.terms.map((t) => t.words.join(' ')), ['pre training', 'title', 'x'], 'before:soon is no date, and dropped');
    assert.deepEqual([q.after, q.before, q.excluded], [null, null, []]);
    assert.deepEqual(q.problems, [
      'after: takes a date such as 2026, 2026-11 or 2026-11-20; "2026-13-01" is not one.',
      'before: takes a date such as 2026, 2026-11 or 2026-11-20; "soon" is not one.',
    ]);
    assert.match(parseSearchQuery('after:2026-02-30').problems[0] ?? '', /"2026-02-30" is not one/, 'an impossible day is no date either');
  });

  it('refuses more filters and exclusions than the engine should be asked for, and takes dates once', () => {
    const categories = Array.from({ length: 900 }, (_, i) => `cat:c${i}`).join(' ');
    assert.match(parseSearchQuery(categories).problems.join(' '), /^Use at most 10 cat: filters/);
    const eleven = Array.from({ length: 11 }, (_, i) => `cat:c${i}`).join(' ');
    assert.deepEqual(parseSearchQuery(eleven).problems, ['Use at most 10 cat: filters (this query has 11).']);
    assert.deepEqual(parseSearchQuery(Array.from({ length: 21 }, (_, i) => `-w${i}`).join(' ')).problems, [
      'Use at most 20 exclusions such as -word (this query has 21).',
    ]);
    assert.match(parseSearchQuery('author:a author:b author:c author:d author:e author:f').problems[0] ?? '', /at most 5 author:/);
    assert.deepEqual(parseSearchQuery('after:2020 after:2021').problems, ['Give after: once.']);
    assert.match(parseSearchQuery('cat:0').problems[0] ?? '', /cat: takes a category/);
    assert.deepEqual(parseSearchQuery('cat:cs.LG cat:CS.lg cat:hep-th after:2020 after:2020').problems, [], 'repeats of one value are no problem');
  });
});

for (const engine of ENGINES) describe(`the query language in every mode (${engine})`, () => {
  let app: RunningApp;
  before(async () => {
    app = await startDemoApp({ fitted: true }, {}, engine);
  });
  after(() => app.close());

  const search = async (q: string, mode: string) => {
    const body = (await (await app.get(`/api/search?q=${encodeURIComponent(q)}&mode=${mode}&limit=50`)).json()) as { mode: string; items: Item[] };
    return body;
  };
  const text = (item: Item) => `${item.paper.title} ${item.paper.abstract}`.toLowerCase();

  for (const mode of ['keyword', 'semantic', 'hybrid']) {
    it(`applies every part in ${mode} mode`, async () => {
      const phrase = await search('"cross sections" collisions', mode);
      assert.equal(phrase.mode, mode);
      assert.ok(phrase.items.length > 0, 'phrase: found');
      for (const item of phrase.items) assert.match(text(item), /cross[- ]sections?/, `phrase in ${item.paper.id}`);

      const excluded = await search('particle physics -diphoton', mode);
      assert.ok(excluded.items.length > 0, 'exclusion: found');
      for (const item of excluded.items) assert.doesNotMatch(text(item), /diphoton/, `no diphoton in ${item.paper.id}`);

      const byAuthor = await search('photon production author:berger', mode);
      assert.ok(byAuthor.items.length > 0, 'author: found');
      for (const item of byAuthor.items) assert.ok(item.paper.authors.some((a) => /berger/i.test(a.name)), `Berger wrote ${item.paper.id}`);

      const byCategory = await search('energy cat:hep-ph', mode);
      assert.ok(byCategory.items.length > 0, 'cat: found');
      for (const item of byCategory.items) assert.ok(item.paper.categories.includes('hep-ph'), `${item.paper.id} is hep-ph`);
      const byArchive = await search('algebra cat:math', mode);
      assert.ok(byArchive.items.length > 0, 'cat:archive found');
      for (const item of byArchive.items) assert.ok(item.paper.categories.some((c) => c.startsWith('math.')), `${item.paper.id} is math`);

      const dated = await search('model after:2007-04-02 before:2007-04-03', mode);
      assert.ok(dated.items.length > 0, 'dates: found');
      for (const item of dated.items) assert.equal(item.paper.publishedAt?.slice(0, 10), '2007-04-02', item.paper.id);
    });
  }

  it('lists the newest papers that pass filters when there are no words', async () => {
    const only = await search('cat:astro-ph', 'hybrid');
    assert.equal(only.mode, 'keyword');
    assert.ok(only.items.length > 0);
    for (const item of only.items) assert.ok(item.paper.categories.some((c) => c.startsWith('astro-ph')));
  });
});
