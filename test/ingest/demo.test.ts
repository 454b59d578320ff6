import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { demoFile } from '../../src/ingest/demo.service.ts';
import { startApp } from '../helpers/app.ts';
import { kaggleSample, seedPapers } from '../helpers/paths.ts';
import { tempDatabase } from '../helpers/temp-db.ts';

describe('demo data', () => {
  it('lives in the project and holds the captured page and the fixture papers', () => {
    const lines = fs.readFileSync(demoFile, 'utf8').split('\n').filter(Boolean);
    const seed = fs.readFileSync(seedPapers, 'utf8').split('\n').filter(Boolean);
    const ids = lines.map((l) => (JSON.parse(l) as { id: string }).id);
    assert.equal(ids.filter((id) => id.startsWith('local-')).length, seed.length);
    assert.ok(ids.includes('0704.0001') && ids.includes('hep-th/9504118') && ids.includes('2104.12255'));
    assert.equal(new Set(ids).size, ids.length);
  });

  it('loads into an empty database only, spread over the last week, marked as demo', async () => {
    const t = await tempDatabase();
    try {
      const now = new Date('2026-11-26T12:00:00Z');
      const loaded = await t.services.demo.loadIntoEmpty(now);
      assert.ok(loaded && loaded.imported > 200 && loaded.rejected === 0);
      assert.equal(await t.services.demo.loadIntoEmpty(now), null, 'a second start loads nothing');
      const today = await t.services.feed.page({ kind: 'day', key: '2026-11-26', from: '2026-11-26', to: '2026-11-26' });
      assert.ok(today.total > 20);
      assert.equal(today.previous, '2026-11-25');
      assert.ok(today.items.every((item) => item.reason === 'demo' && item.paper.isDemo));

      // The code the demo papers name, with the recorded counts of a week ago and today: trending by code has a list.
      const byCode = await t.services.feed.trending({ limit: 3, by: 'stars' });
      assert.deepEqual(byCode.items.map((i) => Math.round(i.paper.codeStarsPerDay)), [250, 250, 250]);
      const codeOf = await t.services.code.forPapers(byCode.items.map((i) => i.paper));
      const ctp = byCode.items.find((i) => /CTP/.test(codeOf.get(i.paper.id)?.[0]?.repository.name ?? ''));
      assert.ok(ctp, 'KevinLight831/CTP: 50 stars a week ago, 1,800 today');
      const [sample] = (await t.services.code.forPapers([ctp.paper])).get(ctp.paper.id) ?? [];
      const history = await t.services.code.starHistory(sample?.repository.id ?? 0, '2026-11-01');
      assert.equal(history.length, 8, 'a count a day for the week');
      assert.deepEqual([history[0], history.at(-1)], [{ day: '2026-11-19', stars: 50 }, { day: '2026-11-26', stars: 1800 }]);
      assert.equal(sample?.repository.language, 'Python');
    } finally {
      await t.cleanup();
    }
  });

  it('is marked on pages, and removed by "demo remove" while real papers stay', async () => {
    const app = await startApp(async ({ services }) => {
      await services.demo.loadIntoEmpty();
      await services.importer.importFile(kaggleSample); // real copies of some demo papers
    });
    try {
      assert.match(await (await app.get('/papers/local-2a1df18317')).text(), /chip-demo/);
      const removed = await app.services.demo.remove();
      assert.ok(removed.papers > 100);
      assert.ok(removed.repositories >= 19, `${removed.repositories} repositories only demo papers linked to`);
      assert.equal((await app.get('/api/trending?by=stars')).status, 200);
      assert.deepEqual(await (await app.get('/api/trending?by=stars')).json(), [], 'no demo counts are left');
      assert.equal((await app.get('/papers/local-2a1df18317')).status, 404);
      const real = await app.get('/papers/0704.0001');
      assert.equal(real.status, 200, 'a paper also imported for real is kept');
      assert.doesNotMatch(await real.text(), /chip-demo/);
    } finally {
      await app.close();
    }
  });
});
