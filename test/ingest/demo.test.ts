import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { demoFile } from '../../src/app/demo.service.ts';
import { startApp } from '../helpers/app.ts';
import { seedPapers } from '../helpers/paths.ts';
import { parseArxivId } from '../../src/papers/paper-id.ts';
import { tempDatabase } from '../helpers/temp-db.ts';

describe('demo data', () => {
  it('is the captured page with the facts gathered for it: arXiv ids, authors, dates, machine-learning categories', () => {
    const lines = fs.readFileSync(demoFile, 'utf8').split('\n').filter(Boolean);
    const seed = fs.readFileSync(seedPapers, 'utf8').split('\n').filter(Boolean);
    const papers = lines.map((l) => JSON.parse(l) as { id: string; authors: unknown[]; publishedAt: string | null; categories: string[] });
    assert.equal(papers.length, seed.length);
    assert.ok(papers.every((p) => parseArxivId(p.id)?.id === p.id), 'every paper has its arXiv id');
    assert.equal(new Set(papers.map((p) => p.id)).size, papers.length);
    assert.ok(papers.filter((p) => p.authors.length > 0).length >= 75);
    assert.ok(papers.filter((p) => p.publishedAt).length >= 68);
    assert.ok(papers.every((p) => p.categories.every((c) => /^(cs|stat|eess)\./.test(c))), 'no 2007 physics');
  });

  it('loads into an empty database only, spread over the last week, marked as demo, with a week that looks real', async () => {
    const t = await tempDatabase();
    try {
      const now = new Date('2026-11-26T12:00:00Z');
      const loaded = await t.services.demo.loadIntoEmpty(now);
      assert.ok(loaded && loaded.imported === 77 && loaded.rejected === 0);
      assert.equal(await t.services.demo.loadIntoEmpty(now), null, 'a second start loads nothing');
      const today = await t.services.feed.page({ kind: 'day', key: '2026-11-26', from: '2026-11-26', to: '2026-11-26' });
      assert.ok(today.total >= 10);
      assert.equal(today.previous, '2026-11-25');
      assert.ok(today.items.every((item) => item.reason === 'demo' && item.paper.isDemo));
      const upvotes = today.items.map((item) => item.paper.hfUpvotes);
      assert.ok(new Set(upvotes).size >= today.items.length / 2, `varied demo upvotes: ${upvotes.join(' ')}`);

      // The code the demo papers name, with a week of counts ending at the recorded ones: trending by code has a list,
      // and no two repositories grew the same (no "+1,750 this week" on every card).
      const byCode = await t.services.feed.trending({ limit: 19, by: 'stars' });
      const growth = byCode.items.map((i) => Math.round(i.paper.codeStarsPerDay * 7)).filter((g) => g > 20);
      assert.ok(growth.length >= 8 && new Set(growth).size === growth.length, `week's growth: ${growth.join(' ')}`);
      const codeOf = await t.services.code.forPapers(byCode.items.map((i) => i.paper));
      const ctp = byCode.items.find((i) => /CTP/.test(codeOf.get(i.paper.id)?.[0]?.repository.name ?? ''));
      assert.ok(ctp, 'KevinLight831/CTP: 1,800 stars today');
      const [sample] = (await t.services.code.forPapers([ctp.paper])).get(ctp.paper.id) ?? [];
      const history = await t.services.code.starHistory(sample?.repository.id ?? 0, '2026-11-01');
      assert.equal(history.length, 8, 'a count a day for the week');
      assert.deepEqual([history[0]?.day, history.at(-1)], ['2026-11-19', { day: '2026-11-26', stars: 1800 }]);
      const gains = history.slice(1).map((h, i) => h.stars - history[i]!.stars);
      assert.ok(new Set(gains).size > 3, `not a straight sparkline: ${gains.join(' ')}`);
      assert.equal(sample?.repository.language, 'Python');

      // The repository the paper's public pages name is the authors' own.
      const stored = await t.services.papers.find('2211.09807');
      assert.ok(stored);
      const m3i = (await t.services.code.forPapers([stored.paper])).get('2211.09807') ?? [];
      assert.ok(m3i.some((link) => link.official && /M3I-Pretraining/.test(link.repository.name)));
    } finally {
      await t.cleanup();
    }
  });

  it('is marked on pages, and removed by "demo remove" while real papers stay', async () => {
    const app = await startApp(async ({ services }) => {
      await services.demo.loadIntoEmpty();
      await services.importer.importFile(demoRealCopy()); // a real copy of one demo paper
    });
    try {
      assert.match(await (await app.get('/papers/2211.09807')).text(), /chip-demo/);
      assert.match(await (await app.get('/papers/2211.09807')).text(), /https:\/\/arxiv\.org\/abs\/2211\.09807/, 'the demo links to arXiv');
      const removed = await app.services.demo.remove();
      assert.equal(removed.papers, 76);
      assert.ok(removed.repositories >= 19, `${removed.repositories} repositories only demo papers linked to`);
      assert.deepEqual(await (await app.get('/api/trending?by=stars')).json(), [], 'no demo counts are left');
      assert.equal((await app.get('/papers/2211.09807')).status, 404);
      const real = await app.get('/papers/2305.13230');
      assert.equal(real.status, 200, 'a paper also imported for real is kept');
      const text = await real.text();
      assert.doesNotMatch(text, /chip-demo/);
      const kept = await app.services.papers.find('2305.13230');
      assert.equal(kept?.paper.hfUpvotes, 0, 'without the demo upvotes');
    } finally {
      await app.close();
    }
  });
});

/** One demo paper as a real source would bring it, in a file of its own. */
function demoRealCopy(): string {
  const line = fs.readFileSync(demoFile, 'utf8').split('\n').find((l) => l.includes('"2305.13230"'));
  assert.ok(line);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pb-demo-')), 'real.jsonl');
  fs.writeFileSync(file, `${line}\n`);
  return file;
}

describe('models and datasets', () => {
  it('are listed apart from code, never as a card\'s code', async () => {
    const app = await startApp(async ({ services }) => void (await services.demo.loadIntoEmpty()));
    try {
      const page = await (await app.get('/papers/2305.03981')).text();
      const code = /<section class="code-section" aria-labelledby="code-heading">(.*?)<\/section>/.exec(page)?.[1] ?? '';
      const artifacts = /<section class="code-section" aria-labelledby="artifacts-heading">(.*?)<\/section>/.exec(page)?.[1] ?? '';
      assert.doesNotMatch(code, /MCL-base/, 'a Hugging Face model is not code');
      assert.match(artifacts, /<h2 id="artifacts-heading">Models and datasets<\/h2>.*Model<\/span> <a href="https:\/\/huggingface\.co\/McmanusChen\/MCL-base"/);
      const cards = await (await app.get('/trending')).text();
      assert.doesNotMatch(cards, /class="code-mark"[^<]*<[^>]*>[^<]*McmanusChen\/MCL-base/);
    } finally {
      await app.close();
    }
  });
});
