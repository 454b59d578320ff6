import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { idf, readVarints, scoreCandidates, type Candidate } from '../../src/search/bm25.ts';
import { parseSearchQuery } from '../../src/search/query.ts';
import { kaggleSample } from '../helpers/paths.ts';
import { sqliteOf, tempDatabase, type TempDatabase } from '../helpers/temp-db.ts';

const doc = (pk: number, title: string, abstract: string, authors = '', length = 20): Candidate => ({
  pk, columns: [title, abstract, authors], length,
});

describe('BM25 scoring', () => {
  it('weighs a title hit above an abstract hit, and rare terms above common ones', () => {
    const terms = parseSearchQuery('graphene').terms;
    const [inTitle, inAbstract] = scoreCandidates(
      [doc(1, 'Graphene phonons', 'We study modes.'), doc(2, 'Phonon modes', 'We study graphene.')],
      terms, [10], { documents: 1000, averageLength: 20 },
    );
    assert.ok((inTitle?.score ?? 0) > (inAbstract?.score ?? 0));
    assert.ok(idf(1000, 5) > idf(1000, 500));
    assert.equal(idf(1000, 900), 1e-6, 'very common terms get a tiny positive weight, as in FTS5');
  });

  it('counts inflections, phrases and prefixes', () => {
    const score = (q: string, title: string) =>
      scoreCandidates([doc(1, title, '')], parseSearchQuery(q).terms, [1], { documents: 100, averageLength: 20 })[0]?.score ?? 0;
    assert.ok(score('training', 'Trained models') > 0);
    assert.ok(score('"language models"', 'Large language models') > 0);
    assert.equal(score('"language models"', 'Models of language'), 0);
    assert.ok(score('transf*', 'Transformers') > 0);
    assert.equal(score('gpt', 'Gptq quantisation'), 0, 'short words match whole words only');
  });

  it('reads SQLite varints', () => {
    assert.deepEqual(readVarints(Uint8Array.from([146, 167, 96, 7, 129, 31])), [300000, 7, 159]);
  });
});

describe('BM25 agrees with FTS5 on real records', () => {
  let t: TempDatabase;
  before(async () => {
    t = await tempDatabase();
    await t.services.importer.importFile(kaggleSample);
  });
  after(() => t.cleanup());

  for (const q of ['black hole', 'quantum', 'magnetic field', 'neutrino', 'galaxies']) {
    it(`ranks "${q}" as FTS5's bm25() does`, async () => {
      const ours = (await t.services.search.keyword(q, { limit: 10 })).items.map((h) => h.paper.id);
      const match = parseSearchQuery(q).terms.map((term) => `"${term.words.join(' ')}"`).join(' AND ');
      const theirs = (
        sqliteOf(t.db)
          .prepare(`SELECT p.id FROM keyword_fts JOIN papers p ON p.pk = keyword_fts.rowid
                     WHERE keyword_fts MATCH ? ORDER BY bm25(keyword_fts, 10.0, 1.0, 4.0) LIMIT 10`)
          .all(match) as Array<{ id: string }>
      ).map((r) => r.id);
      assert.ok(theirs.length > 0, 'the query matches something');
      assert.equal(ours[0], theirs[0], 'same best paper');
      const shared = ours.filter((id) => theirs.includes(id)).length;
      assert.ok(shared >= Math.ceil(theirs.length * 0.8), `top 10 overlap ${shared}/${theirs.length}`);
    });
  }
});
