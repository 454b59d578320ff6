// A week sorted by trending shows the week's best, not its last day first: papers are ordered by interest within a
// period (the score less its freshness term), while /trending keeps the score (freshness counts across periods).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { tempDatabase, type TempDatabase } from '../helpers/temp-db.ts';
import { rows, scalar, sql } from '../helpers/sql.ts';
import { ENGINES } from '../helpers/postgres.ts';

for (const engine of ENGINES) describe(`a week by trending (${engine})`, () => {
  let t: TempDatabase;
  before(async () => {
    t = await tempDatabase({}, engine);
    const file = path.join(t.dir, 'week.jsonl');
    // Monday's paper will have upvotes; Friday's none, and a four-day head start in freshness.
    const paper = (id: string, day: string) => JSON.stringify({ id, title: `Paper ${id}`, abstract: 'Text.', categories: ['cs.LG'], publishedAt: `${day}T10:00:00Z` });
    fs.writeFileSync(file, [paper('2611.10001', '2026-11-16'), paper('2611.10002', '2026-11-20'), paper('2611.10003', '2026-11-20')].join('\n'));
    await t.services.importer.importFile(file);
    for (const email of ['a@example.org', 'b@example.org', 'c@example.org']) {
      const { user } = await t.services.accounts.addUser(email, 'user');
      await t.services.community.upvote(user, '2611.10001');
    }
  });
  after(() => t.cleanup());

  it("puts the week's most upvoted paper first, though a later day's papers are fresher", async () => {
    const week = await t.services.feed.page({ kind: 'week', key: '2026-W47', from: '2026-11-16', to: '2026-11-22' }, { order: 'trending' });
    assert.equal(week.items[0]?.paper.id, '2611.10001');
    const trending = await t.services.feed.trending({ limit: 3 });
    assert.notEqual(trending.items[0]?.paper.id, '2611.10001', 'across periods, four days of freshness outweigh three upvotes');
  });

  it('orders the same while a paper scored before interest was stored has none, and reindex fills it', async () => {
    const week = { kind: 'week', key: '2026-W47', from: '2026-11-16', to: '2026-11-22' } as const;
    const before = (await t.services.feed.page(week, { order: 'trending', limit: 3 })).items.map((i) => i.paper.id);
    await sql`UPDATE papers SET interest = NULL`.execute(t.db.kysely); // as the migration leaves an existing install
    const fresh = await t.services.papers.list(week, { order: 'trending', limit: 3, offset: 0 });
    assert.deepEqual(fresh.items.map((i) => i.paper.id), before);
    assert.ok((await t.services.papers.rescoreAll()) >= 3);
    assert.equal(await scalar(t.db, sql`SELECT count(*) FROM papers WHERE interest IS NULL`), 0);
  });
});
