// A thundering herd on cache expiry (the second hardening pass, point 7): at 100 connections on PostgreSQL, each
// expiry of a paper page rendered it again for every waiting request and requests took 10 s. Concurrent misses are
// now one render: the others serve the expired page meanwhile, or wait for that render. On both engines.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startApp, type RunningApp } from '../helpers/app.ts';
import { kaggleSample } from '../helpers/paths.ts';
import { ENGINES } from '../helpers/postgres.ts';

for (const engine of ENGINES) {
  describe(`visitors' pages under a herd (${engine})`, () => {
    let app: RunningApp;
    before(async () => {
      app = await startApp(async ({ services }) => {
        await services.importer.importFile(kaggleSample);
      }, { PAGE_CACHE_SECONDS: '60', RATE_LIMIT_READS: '0' }, engine);
    });
    after(() => app.close());

    const herd = async (path: string, size: number) => {
      const answers = await Promise.all(Array.from({ length: size }, () => app.get(path)));
      for (const answer of answers) assert.equal(answer.status, 200);
      const bodies = await Promise.all(answers.map((a) => a.text()));
      assert.ok(bodies.every((b) => b.includes('0704.0001')));
      return answers.map((a) => a.headers.get('x-page-cache'));
    };

    it('renders a page once for 60 concurrent first visitors', async () => {
      const how = await herd('/papers/0704.0001', 60);
      assert.equal(how.filter((h) => h === 'miss').length, 1, how.join(' '));
      assert.ok(how.every((h) => h === 'miss' || h === 'coalesced' || h === 'hit'), how.join(' '));
    });

    it('renders it once again after the data changed, serving the last page meanwhile', async () => {
      const version = app.services.dataVersion();
      await app.services.papers.addListings(['0704.0002'], '2026-12-01', 'featured');
      for (const deadline = Date.now() + 5_000; app.services.dataVersion() === version; ) {
        assert.ok(Date.now() < deadline, 'the data version moves after a write');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const how = await herd('/papers/0704.0001', 60);
      assert.equal(how.filter((h) => h === 'miss').length, 1, how.join(' '));
      const health = performance.now();
      assert.equal((await app.get('/healthz')).status, 200);
      assert.ok(performance.now() - health < 1_000);
    });
  });
}
