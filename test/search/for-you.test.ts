import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { rankForYou } from '../../src/search/for-you.ts';
import { startDemoApp, type RunningApp } from '../helpers/app.ts';
import { HttpSession } from '../helpers/browser-session.ts';
import { signInThroughMailFile } from '../helpers/sign-in.ts';

const unit = (...xs: number[]) => {
  const n = Math.hypot(...xs);
  return Float32Array.from(xs.map((x) => x / n));
};

describe('for you ranking', () => {
  it('ranks by nearness to the upvoted papers, and sinks what is near a "not interested"', () => {
    const liked = new Map([[1, unit(1, 0, 0)]]);
    const candidates = new Map([[2, unit(0.9, 0.1, 0)], [3, unit(0.8, 0, 0.6)], [4, unit(0, 1, 0)], [1, unit(1, 0, 0)]]);
    assert.deepEqual(rankForYou({ candidates, liked, disliked: new Map() }).map((s) => s.pk), [2, 3, 4], 'the upvoted paper itself is left out');
    const sunk = rankForYou({ candidates, liked, disliked: new Map([[5, unit(0, 0, 1)]]) });
    assert.ok(sunk.findIndex((s) => s.pk === 3) > sunk.findIndex((s) => s.pk === 2));
    assert.ok(Math.abs((sunk.find((s) => s.pk === 3)?.score ?? 0) - (0.8 - 0.5 * 0.6)) < 1e-6, 'pushed down by half its nearness to the dislike');
    assert.equal(sunk[0]?.nearestLiked, 1);
  });
});

describe('for you feed', () => {
  let app: RunningApp;
  before(async () => {
    app = await startDemoApp({ fitted: true });
  });
  after(() => app.close());

  it('learns from upvotes, says why, and takes "not interested"', async () => {
    const ada = await signInThroughMailFile(app, 'ada@example.org');
    const empty = await (await ada.get('/for-you')).text();
    assert.match(empty, /Upvote a few papers you like/);
    const { user } = await app.services.accounts.addUser('ada@example.org', 'user');
    for (const id of ['0704.0001', '0704.0008', '0704.0032']) await app.services.community.upvote(user, id); // hep-ph papers

    const feed = (await (await ada.get('/api/for-you')).json()) as { basedOn: number; learnedFrom: { upvotes: number; topics: number }; items: Array<{ id: string; because: { id: string } | null }> };
    assert.equal(feed.basedOn, 3);
    assert.deepEqual(feed.learnedFrom, { upvotes: 3, topics: 0 });
    assert.match(await (await ada.get('/for-you')).text(), /Learned from your 3 latest upvotes\./);
    assert.ok(feed.items.length >= 10);
    assert.ok(feed.items.every((i) => !['0704.0001', '0704.0008', '0704.0032'].includes(i.id)), 'not what was upvoted');
    assert.ok(feed.items.every((i) => i.because && ['0704.0001', '0704.0008', '0704.0032'].includes(i.because.id)), 'each says which upvote it is near');
    const physics = await Promise.all(feed.items.slice(0, 5).map(async (i) => ((await (await app.get(`/api/papers/${i.id}`)).json()) as { primaryCategory: string }).primaryCategory));
    assert.ok(physics.filter((c) => /^(hep|nucl|physics|astro|gr-qc|cond-mat|nlin|quant-ph)/.test(c ?? '')).length >= 3, `physics for a physicist: ${physics}`);

    const page = await (await ada.get('/for-you')).text();
    assert.match(page, /Near papers you upvoted: <a href="\/papers\//);
    const top = feed.items[0]?.id as string;
    const marked = await ada.post(`/papers/${top}/not-interested`, { _csrf: HttpSession.csrfOf(page) });
    assert.equal(marked.status, 303);
    const after = (await (await ada.get('/api/for-you')).json()) as { items: Array<{ id: string }> };
    assert.ok(!after.items.some((i) => i.id === top), 'hidden');
  });

  it('is for members', async () => {
    assert.equal((await app.get('/for-you')).status, 302);
    assert.equal((await app.get('/api/for-you')).status, 401);
  });
});

describe('for you and saved topics', () => {
  it('counts the topics of a member\'s digest like upvotes, and says which topic an item matches', async () => {
    const app = await startDemoApp({ fitted: true });
    try {
      const { user } = await app.services.accounts.addUser('topics@example.org', 'user');
      await app.services.subscriptions.subscribe({ email: 'topics@example.org', preferences: { topics: ['discrete dipole approximation light scattering'] } }, user);
      const feed = await app.services.forYou.feed(user, 5);
      assert.deepEqual(feed.basedOn, { upvotes: 0, topics: 1 }, 'one topic, no upvotes');
      const session = await signInThroughMailFile(app, 'topics@example.org');
      assert.match(await (await session.get('/for-you')).text(), /Learned from your saved topic\./, 'a topic is not called an upvote');
      assert.equal(feed.items[0]?.topic, 'discrete dipole approximation light scattering');
      assert.match(feed.items[0]?.paper.title ?? '', /discrete dipole/i);
    } finally {
      await app.close();
    }
  });
});
