// The keyword index is search's own and keeps no text: it stays in step with the papers because the papers service
// tells it of every write in the writing transaction. New papers, revised text, a changed code mark and removed papers
// show in the next search; a write that fails leaves neither the paper nor its index entry; a rebuild answers the same.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { PaperInput } from '../../src/papers/paper.ts';
import { ENGINES } from '../helpers/postgres.ts';
import { tempDatabase, type TempDatabase } from '../helpers/temp-db.ts';

function paper(id: string, title: string, fields: Partial<PaperInput> = {}): PaperInput {
  return {
    id, version: 1, title, abstract: `An abstract of ${title.toLowerCase()}.`, authors: [{ name: 'Ada Lovelace' }], categories: ['cs.LG'],
    primaryCategory: 'cs.LG', publishedAt: '2026-11-20T00:00:00Z', updatedAt: null, doi: null, journalRef: null, comments: null, versions: [], ...fields,
  };
}

const stored = { listing: null, isDemo: false, now: '2026-11-28T00:00:00Z' };

for (const engine of ENGINES) {
  describe(`the keyword index in step with the papers (${engine})`, () => {
    let t: TempDatabase;
    const ids = async (q: string) => (await t.services.search.keyword(q)).items.map((hit) => hit.paper.id).sort();
    before(async () => {
      t = await tempDatabase({}, engine);
    });
    after(() => t.cleanup());

    it('finds a new paper, and a revised one by its new words only', async () => {
      await t.services.papers.upsertMany([paper('2611.00001', 'Walrus optimisation'), paper('2611.00002', 'Narwhal sampling')], stored);
      assert.deepEqual(await ids('walrus'), ['2611.00001']);
      await t.services.papers.upsertMany([paper('2611.00001', 'Manatee optimisation', { version: 2, categories: ['stat.ML'], primaryCategory: 'stat.ML' })], stored);
      assert.deepEqual(await ids('walrus'), [], 'the old title is gone from the index');
      assert.deepEqual(await ids('manatee'), ['2611.00001']);
      assert.deepEqual(await ids('optimisation cat:stat.ML'), ['2611.00001'], 'the new category is a facet');
      assert.deepEqual(await ids('optimisation cat:cs.LG'), [], 'the old one is not');
      assert.equal(await t.services.search.indexedPapers(), 2, 'a revision replaces, never adds');
    });

    it('follows the code mark the code capability sets and clears', async () => {
      const pk = (await t.services.papers.keyOf('2611.00002')) as number;
      await t.services.papers.setCodeSignals(pk, { stars: 10, starsPerDay: 1, hasCode: true });
      assert.deepEqual(await ids('narwhal has:code'), ['2611.00002']);
      await t.services.papers.setCodeSignals(pk, { stars: 0, starsPerDay: 0, hasCode: false });
      assert.deepEqual(await ids('narwhal has:code'), []);
      assert.deepEqual(await ids('narwhal'), ['2611.00002'], 'and the paper is still found');
    });

    it('writes nothing of a store that fails: neither the paper nor its index entry', async () => {
      t.services.papers.onArrival(async (arrival) => {
        if (arrival.texts.some((text) => text.id === '2611.00666')) throw new Error('a listener fails');
      });
      await assert.rejects(t.services.papers.upsertMany([paper('2611.00666', 'Dugong dynamics')], stored), /a listener fails/);
      assert.equal(await t.services.papers.find('2611.00666'), null);
      assert.deepEqual(await ids('dugong'), []);
      assert.equal(await t.services.search.indexedPapers(), 2);
    });

    it('forgets removed papers, and a rebuild answers as the kept index did', async () => {
      await t.services.papers.upsertMany([paper('2611.00003', 'Walrus demo')], { ...stored, isDemo: true });
      assert.deepEqual(await ids('walrus'), ['2611.00003']);
      await t.services.papers.removeDemo();
      assert.deepEqual(await ids('walrus'), []);
      const before = await Promise.all(['manatee', 'narwhal', 'optimisation OR sampling', 'cat:cs', 'after:2026-11-20 before:2026-11-21'].map(ids));
      await t.services.search.reindex();
      const again = await Promise.all(['manatee', 'narwhal', 'optimisation OR sampling', 'cat:cs', 'after:2026-11-20 before:2026-11-21'].map(ids));
      assert.deepEqual(again, before);
      assert.equal(await t.services.search.indexedPapers(), 2);
    });
  });
}
