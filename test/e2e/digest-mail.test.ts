// The digest reads like a newsletter: measured in Chromium as a desktop mail client shows it, five papers (with long
// titles, three authors, a summary and their signals) fit in 1,500 px; sections are Trending · On your topics; LaTeX is
// MathML in the HTML and plain characters in the text part.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Paper } from '../../src/papers/paper.ts';
import { digestSubject, digestSummary, type DigestItem } from '../../src/digest/digest-compose.ts';
import { renderDigestMail } from '../../src/digest/digest-mail.view.tsx';
import { parsePeriod } from '../../src/time.ts';
import { launchBrowser } from '../helpers/browser.ts';

const paper = (i: number, extra: Partial<Paper> = {}): Paper => ({
  pk: i, id: `2612.0000${i}`, version: 1,
  title: i === 1 ? 'A $\\omega$-regular view of scaling laws for $O(n^2)$ attention in long-context language model pretraining' : `A long title about sparse mixtures of experts for efficient large language model pretraining, number ${i}`,
  abstract: 'We study how the data mix changes what a model learns during pretraining. We find three regimes. '.repeat(4),
  authors: [{ name: 'Ada Lovelace' }, { name: 'Alan Turing' }, { name: 'Grace Hopper' }, { name: 'Edsger Dijkstra' }],
  categories: ['cs.LG'], primaryCategory: 'cs.LG', publishedAt: '2026-12-01T00:00:00Z', updatedAt: null, doi: null, journalRef: null,
  comments: null, isDemo: false, firstSeenAt: '2026-12-01T00:00:00Z', upvotes: 12 + i, numComments: 0, commenters: 0, trending: 0,
  projectPage: null, codeStars: 1800, codeStarsPerDay: 40 + i, hfUpvotes: 30, hasCode: true, hiddenAt: null, featuredAt: null, ...extra,
});

const items: DigestItem[] = [1, 2, 3, 4, 5].map((i) => ({
  paper: paper(i), topic: i > 3 ? 'mixture of experts' : null,
  summary: i % 2 ? 'A one-sentence summary of the paper, as Hugging Face writes them, about this long or a little longer.' : null,
}));

describe('the digest as a newsletter, in Chromium', () => {
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  before(async () => (browser = await launchBrowser()));
  after(() => browser.close());

  const period = { ...parsePeriod.day('2026-12-04')!, frequency: 'daily' as const };
  const mail = renderDigestMail({
    heading: 'Trending papers, 4 Dec 2026', summary: digestSummary(period, items), items, email: 'reader@example.org',
    links: { site: 'https://papers.example.org', preferences: 'https://papers.example.org/subscription?s=1', unsubscribe: 'https://papers.example.org/unsubscribe?s=1' },
  });

  it('fits five papers in 1,500 px on a desktop client, in sections, with a dated heading and a summary line', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.setContent(mail.html);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    assert.ok(height <= 1500, `the digest is ${height} px tall`);
    const headings = await page.locator('h2').allInnerTexts();
    assert.deepEqual(headings.map((h) => h.toUpperCase()), ['TRENDING', 'ON YOUR TOPICS']);
    assert.equal(await page.locator('h1').innerText(), 'Trending papers, 4 Dec 2026');
    assert.match(await page.locator('body').innerText(), /3 papers trending today, 2 on your topics\./);
    assert.match(await page.locator('body').innerText(), /★ \+287 this week · ▲ 13/);
    assert.equal(await page.locator('math').count() > 0, true, 'LaTeX as MathML');
    await page.setViewportSize({ width: 390, height: 800 });
    const phone = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(phone <= 390, `nothing overflows a phone (${phone} px)`);
    await page.close();
  });

  it('reads well as text and in the subject', () => {
    assert.doesNotMatch(mail.text, /\$|\\omega/, 'no raw LaTeX in the text part');
    assert.match(mail.text, /ω-regular view of scaling laws for O\(n²\) attention/);
    assert.match(mail.text, /^TRENDING$/m);
    assert.match(mail.text, /^ON YOUR TOPICS$/m);
    assert.equal(digestSubject(period, items), 'Trending 4 Dec 2026: A ω-regular view of scaling laws for O(n²) attention in long-context language… and 4 more');
  });
});
