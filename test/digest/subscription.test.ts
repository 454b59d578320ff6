import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { selectDigestItems } from '../../src/digest/digest-compose.ts';
import { classifyDeliveryError, dayIn, digestPeriod, parseTopics, signSubscription, verifySubscriptionKey } from '../../src/digest/subscription.ts';
import type { Paper } from '../../src/papers/paper.ts';

const paper = (id: string): Paper => ({
  pk: 1, id, version: 1, title: `Paper ${id}`, abstract: '', authors: [], categories: [], primaryCategory: null, publishedAt: null, updatedAt: null,
  doi: null, journalRef: null, comments: null, isDemo: false, firstSeenAt: '2026-11-27T00:00:00Z', upvotes: 0, numComments: 0, commenters: 0, trending: 0, projectPage: null, codeStars: 0, codeStarsPerDay: 0, hfUpvotes: 0, hasCode: false, hiddenAt: null, featuredAt: null,
});

describe('digest rules', () => {
  it('covers the days since the previous weekday, and the last seven days for weekly digests', () => {
    assert.deepEqual(digestPeriod('daily', '2026-11-24'), { key: 'daily:2026-11-24', frequency: 'daily', from: '2026-11-23', to: '2026-11-24' });
    assert.deepEqual(digestPeriod('daily', '2026-11-23'), { key: 'daily:2026-11-23', frequency: 'daily', from: '2026-11-20', to: '2026-11-23' }, 'Monday takes the weekend in');
    assert.deepEqual(digestPeriod('weekly', '2026-11-27'), { key: 'weekly:2026-W48', frequency: 'weekly', from: '2026-11-21', to: '2026-11-27' });
  });

  it('signs subscription links and refuses altered ones', () => {
    const key = signSubscription(42, 'a-secret-of-enough-length-for-tests!');
    assert.equal(verifySubscriptionKey(key, 'a-secret-of-enough-length-for-tests!'), 42);
    assert.equal(verifySubscriptionKey(key.replace(/^42/, '43'), 'a-secret-of-enough-length-for-tests!'), null);
    assert.equal(verifySubscriptionKey(key, 'another-secret-of-enough-length-for-tests'), null);
    assert.equal(verifySubscriptionKey('garbage', 'x'), null);
  });

  it('takes trending papers then topic matches, never one already sent, never twice', () => {
    const noticed = (id: string) => ({ ...paper(id), upvotes: 1 });
    const items = selectDigestItems({
      trending: [noticed('a'), noticed('b'), noticed('c')],
      topicMatches: [{ topic: 'graphs', papers: [paper('b'), paper('d'), paper('e')] }, { topic: 'proteins', papers: [paper('f')] }],
      alreadySent: new Set(['a']),
      count: 2,
    });
    assert.deepEqual(items.map((i) => [i.paper.id, i.topic]), [['b', null], ['c', null], ['d', 'graphs'], ['f', 'proteins']]);
    assert.deepEqual(selectDigestItems({ trending: [noticed('a')], topicMatches: [], alreadySent: new Set(['a']), count: 5 }), [], 'nothing new');
    assert.deepEqual(selectDigestItems({ trending: [paper('q'), noticed('n')], topicMatches: [], alreadySent: new Set(), count: 5 }).map((i) => i.paper.id), ['n'], 'a cut-off: no paper nobody noticed');
    const quietDay = { trending: [paper('q')], topicMatches: [{ topic: 'graphs', papers: [paper('g')] }], alreadySent: new Set<string>(), count: 5 };
    assert.deepEqual(selectDigestItems(quietDay).map((i) => [i.paper.id, i.topic]), [['g', 'graphs']], "a quiet day still brings the topics' papers");
    assert.deepEqual(selectDigestItems({ ...quietDay, skipQuiet: true }), [], 'unless the subscriber skips days with nothing notable');
    assert.equal(selectDigestItems({ ...quietDay, trending: [noticed('t')], skipQuiet: true }).length, 2, 'a day with something trending sends both');
  });

  it('tells transient SMTP failures from refused recipients', () => {
    assert.equal(classifyDeliveryError({ responseCode: 451, command: 'RCPT TO', response: '451 try later' }).kind, 'transient');
    assert.equal(classifyDeliveryError({ code: 'ECONNECTION', message: 'connect ECONNREFUSED' }).kind, 'transient');
    assert.equal(classifyDeliveryError({ responseCode: 550, command: 'RCPT TO', code: 'EENVELOPE', response: '550 no such user' }).kind, 'bounce');
    assert.equal(classifyDeliveryError({ responseCode: 554, command: 'DATA', response: '554 rejected' }).kind, 'permanent');
  });

  it('reads topics as typed and days in a time zone', () => {
    assert.deepEqual(parseTopics('graph neural networks\n diffusion, graph neural networks,\n'), ['graph neural networks', 'diffusion']);
    assert.equal(dayIn('Pacific/Auckland', new Date('2026-11-27T20:00:00Z')), '2026-11-28');
  });
});
