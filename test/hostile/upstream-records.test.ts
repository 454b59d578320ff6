// What Hugging Face and arXiv records may hold (the second hardening pass, low findings): counts past 2^31-1 rolled a
// whole day back on PostgreSQL; a `null` item was reported as "missing "; refusals were placed among the valid items,
// not in the file; any URL was kept as a project page (control characters, loopback); categories that are no arXiv
// category made chips that link to 400 pages. Storage findings on both engines.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { publicWebPage } from '../../src/code/repository-url.ts';
import { ENGINES } from '../helpers/postgres.ts';
import { tempDatabase, type TempDatabase } from '../helpers/temp-db.ts';

describe('project pages from upstream', () => {
  it('keeps public web pages only', () => {
    assert.equal(publicWebPage('https://example-lab.org/project'), 'https://example-lab.org/project');
    for (const bad of ['javascript:alert(1)', 'http://127.0.0.1:9200/', 'http://localhost/x', 'http://[::1]/', 'https://a.org/\tx', 'https://a.org/\u0000', 'https://user:pw@a.org/', 'http://intranet/', 'http://db.internal/', `https://a.org/${'x'.repeat(600)}`, 'ftp://a.org/']) {
      assert.equal(publicWebPage(bad), null, JSON.stringify(bad));
    }
  });
});

for (const engine of ENGINES) {
  describe(`Hugging Face and arXiv records with absurd values (${engine})`, () => {
    let database: TempDatabase;
    before(async () => {
      database = await tempDatabase({}, engine);
    });
    after(() => database.cleanup());

    it('clamps absurd counts instead of losing the day, and reports refusals at their place in the file', async () => {
      const file = path.join(database.dir, 'daily.json');
      const item = (id: string, extra: Record<string, unknown> = {}) => ({ paper: { id, title: `Paper ${id}`, summary: 'An abstract.', upvotes: 5, githubStars: 10, ...extra }, publishedAt: '2026-12-01T00:00:00Z', numComments: 1 });
      fs.writeFileSync(file, JSON.stringify([
        null,
        item('2612.00101', { upvotes: 2 ** 40, githubStars: 2 ** 35, githubRepo: 'https://github.com/absurd/counts', projectPage: 'http://127.0.0.1:9200/_all' }),
        { paper: { id: 'not-an-id', title: 'x' } },
        item('2612.00102', { summary: 'y'.repeat(20_000) }),
        item('2612.00103', { projectPage: 'https://lab.example-univ.edu/project' }),
      ]));
      const rejected: Array<[number, string]> = [];
      const result = await database.services.importer.importFile(file, { onRejected: ({ line, reason }) => rejected.push([line, reason]) });
      assert.deepEqual(rejected.map(([line]) => line), [1, 3, 4], JSON.stringify(rejected));
      assert.match(rejected[0]?.[1] ?? '', /no object \(null\)/);
      assert.equal(result.imported, 2, 'the day is kept');
      const row = await database.db.kysely.selectFrom('papers').select(['hf_upvotes', 'project_page']).where('id', '=', '2612.00101').executeTakeFirstOrThrow();
      assert.ok(Number(row.hf_upvotes) <= 100_000_000);
      assert.equal(row.project_page, null, 'a loopback address is no project page');
      const good = await database.db.kysely.selectFrom('papers').select('project_page').where('id', '=', '2612.00103').executeTakeFirstOrThrow();
      assert.equal(good.project_page, 'https://lab.example-univ.edu/project');
    });

    it('drops categories that are no arXiv category, so no chip links to a 400', async () => {
      const file = path.join(database.dir, 'cats.jsonl');
      fs.writeFileSync(file, JSON.stringify({ id: '2612.00201', title: 'Categories', abstract: 'A paper.', categories: ['cs.LG', 'not a category!', '../x', 'math.AG'], primaryCategory: '../x', publishedAt: '2026-12-01T00:00:00Z' }));
      await database.services.importer.importFile(file);
      const { paper } = await database.services.papers.get('2612.00201');
      assert.deepEqual(paper.categories, ['cs.LG', 'math.AG']);
      assert.equal(paper.primaryCategory, 'cs.LG');
    });
  });
}
