import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { blendScores, reciprocalRankFusion } from '../../src/search/fusion.ts';

describe('blending the keyword and semantic rankings', () => {
  it('puts a paper found both ways first, with a score of 1', () => {
    const blended = blendScores([{ pk: 1, score: 12 }, { pk: 2, score: 3 }], [{ pk: 3, score: 0.9 }, { pk: 1, score: 0.9 }]);
    assert.deepEqual(blended[0], { pk: 1, score: 1 });
  });

  it('keeps how far apart the scores are, which ranks alone forget', () => {
    // Paper 1 has every word (BM25 20); paper 2 barely matches (BM25 1) but is nearest in meaning.
    const keyword = [{ pk: 1, score: 20 }, { pk: 2, score: 1 }];
    const semantic = [{ pk: 2, score: 0.8 }, { pk: 3, score: 0.79 }, { pk: 1, score: 0.5 }];
    assert.deepEqual(blendScores(keyword, semantic).map((hit) => hit.pk), [1, 2, 3]);
    assert.deepEqual(reciprocalRankFusion([keyword, semantic]).map((hit) => hit.pk), [2, 1, 3]);
  });

  it('weighs the lists by the share given to meaning', () => {
    const keyword = [{ pk: 1, score: 5 }];
    const semantic = [{ pk: 2, score: 0.7 }];
    assert.equal(blendScores(keyword, semantic, 0.3)[0]?.pk, 1);
    assert.equal(blendScores(keyword, semantic, 0.7)[0]?.pk, 2);
  });

  it('ignores a list with nothing above zero and never lets a negative similarity subtract', () => {
    const blended = blendScores([{ pk: 1, score: 0 }], [{ pk: 2, score: 0.4 }, { pk: 3, score: -0.2 }]);
    assert.deepEqual(blended, [{ pk: 2, score: 0.5 }, { pk: 3, score: 0 }]);
    assert.deepEqual(blendScores([], []), []);
  });
});
