// The keyword index's facet words: what a paper is indexed under, and which words a date range asks for.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import BetterSqlite3 from 'better-sqlite3';
import { migrations } from '../../src/db/migrations/index.ts';
import { categoryFacet, dateCover, facetWords } from '../../src/search/facets.ts';
import { testConfig, tempDir } from '../helpers/temp-db.ts';
import { openDatabase } from '../../src/db/database.ts';
import { createServices } from '../../src/app/services.ts';

describe('facet words', () => {
  it('index a paper under each category, each archive, and its day, month, year and decade', () => {
    const words = facetWords(['cs.LG', 'hep-th', 'cs.AI'], '2026-11-20T10:00:00Z').split(' ');
    assert.ok(words.includes(categoryFacet('cs.lg')) && words.includes(categoryFacet('cs.ai')), 'categories');
    assert.ok(words.includes(categoryFacet('cs')) && words.includes(categoryFacet('hep-th')), 'archives, a dotless category its own');
    assert.equal(words.filter((w) => w === categoryFacet('cs')).length, 1, 'an archive once');
    assert.ok(['day20261120', 'm202611', 'y2026', 'd202x9'].every((w) => words.includes(w)), 'dates');
    assert.equal(facetWords([], null), '');
  });

  it('are one token each, told apart, and safe from the stemmer', () => {
    const all = ['cs', 'cs.lg', 'cs.l', 'math-ph', 'math.ph', 'physics.atom-ph', 'q-bio.nc'].map(categoryFacet);
    assert.equal(new Set(all).size, all.length);
    for (const word of all) assert.match(word, /^[a-z0-9]+9$/);
    assert.equal(categoryFacet('CS.LG'), categoryFacet('cs.lg'));
  });

  it('cover a date range exactly with whole decades, years and months, and days at a bound inside a month', () => {
    const span = { first: 1991, last: 2026 };
    assert.deepEqual(dateCover('2026-11-01', null, span), ['m202611', 'm202612']);
    assert.deepEqual(dateCover(null, '1993-03-01', span), ['y1991', 'y1992', 'm199301', 'm199302']);
    const wide = dateCover('1995-06-15', '2021-02-03', span);
    assert.deepEqual(wide, [
      ...Array.from({ length: 16 }, (_, i) => `day199506${String(15 + i).padStart(2, '0')}`),
      'm199507', 'm199508', 'm199509', 'm199510', 'm199511', 'm199512',
      'y1996', 'y1997', 'y1998', 'y1999', 'd200x9', 'd201x9', 'y2020', 'm202101',
      'day20210201', 'day20210202',
    ]);
    assert.deepEqual(dateCover('2024-02-27', '2024-03-02', span), ['day20240227', 'day20240228', 'day20240229', 'day20240301'], 'two partial months: days only, a leap day too');
    assert.deepEqual(dateCover('2024-03-15', '2024-03-17', span), ['day20240315', 'day20240316'], 'within one month');
    assert.deepEqual(dateCover('2024-12-31', null, { first: 2024, last: 2024 }), ['day20241231'], 'the last day of a year');
    assert.equal(dateCover('2099-01-01', null, span), null, 'after the last paper');
    assert.equal(dateCover(null, '1990-01-01', span), null, 'before the first');
    assert.equal(dateCover('2020-01-01', '2020-01-01', span), null, 'an empty range');
    const everything = dateCover(null, null, { first: 1986, last: 2026 });
    assert.ok((everything?.length ?? 99) <= 16, `the whole span is a few words: ${everything?.join(' ')}`);
    const worst = dateCover('1999-01-31', '2026-12-30', { first: 1986, last: 2026 });
    assert.ok((worst?.length ?? 999) <= 100, `the worst range stays about a hundred words: ${worst?.length}`);
  });

  it('are written for papers stored before they existed, when the database is upgraded', async () => {
    const dir = tempDir('paperboard-facets-');
    const file = path.join(dir, 'old.db');
    // A database as the previous release left it: every migration before the facets, and two papers.
    const sqlite = new BetterSqlite3(file);
    const kysely = new Kysely<unknown>({ dialect: new SqliteDialect({ database: sqlite }) });
    const migrator = new Migrator({ db: kysely, provider: { getMigrations: async () => migrations } });
    const { error } = await migrator.migrateTo('2026-11-27T11-semantic-corpus-size');
    assert.equal(error, undefined);
    const insert = sqlite.prepare(`INSERT INTO papers (id, version, title, abstract, author_names, categories, published_at, first_seen_at)
      VALUES (?, 1, ?, 'An abstract about lattices.', 'A. Author', ?, ?, '2026-01-01')`);
    insert.run('1501.00001', 'Lattice gauge theory', 'hep-lat hep-th', '2015-01-05T00:00:00Z');
    insert.run('2511.00002', 'Lattice attention', 'cs.LG', '2025-11-05T00:00:00Z');
    sqlite.exec(`INSERT INTO papers_fts (papers_fts) VALUES ('rebuild')`);
    await kysely.destroy();

    const config = testConfig(file);
    const db = await openDatabase(config.database); // brings it up to date
    const services = createServices(db, config);
    const ids = async (q: string) => (await services.search.keyword(q)).items.map((hit) => hit.paper.id);
    assert.deepEqual(await ids('lattice cat:hep-th'), ['1501.00001']);
    assert.deepEqual(await ids('lattice cat:cs'), ['2511.00002']);
    assert.deepEqual(await ids('lattice after:2020'), ['2511.00002']);
    assert.deepEqual(await ids('lattice before:2015-01-06 after:2015-01-05'), ['1501.00001']);
    await services.close();
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
