// The GitHub refresh's queue order: repositories of recently listed papers first, then by their papers' best
// trending score, then by id; what the papers service does not know of counts for nothing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { refreshOrder, type RefreshCandidate } from '../../src/code/code.ts';

const repo = (id: number, paperPks: number[]): RefreshCandidate => ({ id, owner: 'o', name: `r${id}`, paperPks });

describe('refresh order', () => {
  const facts = new Map([
    [1, { trending: 9, listedDay: '2026-10-01' }],
    [2, { trending: 1, listedDay: '2026-11-25' }],
    [3, { trending: 5, listedDay: null }],
    [4, { trending: 3, listedDay: '2026-11-20' }],
  ]);

  it('puts recently listed papers first, then the best trending, then the lowest id', () => {
    const order = refreshOrder([repo(10, [1]), repo(11, [2]), repo(12, [3]), repo(13, [4]), repo(14, [1, 2]), repo(9, [3])], facts, '2026-11-07', 10);
    assert.deepEqual(order.map((r) => r.id), [14, 13, 11, 10, 9, 12]);
  });

  it('counts papers it has no facts for as nothing, and stops at the limit', () => {
    const order = refreshOrder([repo(20, [99]), repo(21, [3]), repo(22, [])], facts, '2026-11-07', 2);
    assert.deepEqual(order.map((r) => r.id), [21, 20]);
  });
});
