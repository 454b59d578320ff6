import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { explainTrending, trendingPoints, trendingScore } from '../../src/papers/trending.ts';

describe('trending score', () => {
  it('ranks more interest higher on the same day', () => {
    const day = '2026-11-20';
    assert.ok(trendingScore({ upvotes: 5, commenters: 0, listedDay: day }) > trendingScore({ upvotes: 4, commenters: 0, listedDay: day }));
    assert.ok(trendingScore({ upvotes: 4, commenters: 1, listedDay: day }) > trendingScore({ upvotes: 4, commenters: 0, listedDay: day }));
  });

  it('trades one doubling of (1 + points) for one day of freshness', () => {
    const older = trendingScore({ upvotes: 3, commenters: 0, listedDay: '2026-11-19' });
    const newer = trendingScore({ upvotes: 1, commenters: 0, listedDay: '2026-11-20' });
    assert.ok(Math.abs(older - newer) < 1e-9, `${older} vs ${newer}`);
    assert.ok(trendingScore({ upvotes: 0, commenters: 0, listedDay: '2026-11-20' }) > trendingScore({ upvotes: 0, commenters: 0, listedDay: '2026-11-19' }));
  });

  it('counts a commenter as half an upvote', () => {
    const day = '2026-11-20';
    assert.equal(trendingScore({ upvotes: 1, commenters: 2, listedDay: day }), trendingScore({ upvotes: 2, commenters: 0, listedDay: day }));
  });

  it('explains itself relative to today', () => {
    const why = explainTrending({ upvotes: 3, commenters: 2, listedDay: '2026-11-25' }, new Date('2026-11-27T10:00:00Z'));
    assert.equal(why.points, 4);
    assert.equal(why.ageDays, 2);
    assert.match(why.text, /3 upvotes \[75%\] \+ 2 commenters \(½ each\) \[25%\]/);
    assert.match(why.text, /listed 2 days ago/);
  });

  it('counts Hugging Face upvotes and the code’s star growth with their weights, and names each one’s share', () => {
    const inputs = { upvotes: 2, commenters: 0, hfUpvotes: 10, starsPerDay: 40, listedDay: '2026-11-27' };
    assert.equal(trendingPoints(inputs), 2 + 5 + 8);
    assert.equal(trendingPoints(inputs, { hfUpvote: 1, starPerDay: 0 }), 12);
    const why = explainTrending(inputs, new Date('2026-11-27T10:00:00Z'));
    assert.match(why.text, /2 upvotes \[13%\] \+ 10 Hugging Face upvotes \(0\.50 each\) \[33%\] \+ 40 stars a day on its code \(0\.20 each\) \[53%\] = 15 points/);
    assert.ok(trendingScore(inputs) > trendingScore({ ...inputs, starsPerDay: 0 }), 'star growth raises the score');
  });
});
