// Upgrading a database whose keyword index the papers table fed (SQLite: papers_fts, an external-content FTS5 table
// with triggers; PostgreSQL: paper_search kept by a trigger) to the index search owns: every stored paper is found
// again, its code mark is kept, and a date bound inside a month is now answered by the index's day words.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type Dialect, type Migration } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../../src/db/database.ts';
import { migrations } from '../../src/db/migrations/index.ts';
import { postgresMigrations } from '../../src/db/migrations/postgres/index.ts';
import { createServices } from '../../src/app/services.ts';
import { ENGINES, tempPostgres, type Engine } from '../helpers/postgres.ts';
import { testConfig, tempDir } from '../helpers/temp-db.ts';

const PAPERS = [
  { id: '1501.00001', title: 'Lattice gauge theory', categories: 'hep-lat hep-th', published: '2015-01-05T00:00:00Z', facets: 'y2015 m201501', code: false },
  { id: '1501.00002', title: 'Lattice fermions revisited', categories: 'hep-lat', published: '2015-01-20T00:00:00Z', facets: 'y2015 m201501', code: false },
  { id: '2511.00003', title: 'Lattice attention', categories: 'cs.LG', published: '2025-11-05T00:00:00Z', facets: 'hascode9 y2025 m202511', code: true },
];

/** A database as the release before this change left it: the old migrations, and three papers in the old index. */
async function oldDatabase(engine: Engine, dialect: Dialect, old: Record<string, Migration>, last: string): Promise<void> {
  const kysely = new Kysely<unknown>({ dialect });
  const migrator = new Migrator({ db: kysely, provider: { getMigrations: async () => old } });
  const { error } = await migrator.migrateTo(last);
  assert.equal(error, undefined);
  for (const p of PAPERS) {
    await sql`INSERT INTO papers (id, version, title, abstract, author_names, categories, published_at, facets, first_seen_at)
      VALUES (${p.id}, 1, ${p.title}, 'An abstract about lattices.', 'A. Author', ${p.categories}, ${p.published}, ${p.facets}, '2026-01-01')`.execute(kysely);
  }
  // SQLite's old index was written by the papers repository, not by a trigger: built here as a reindex would have.
  if (engine === 'sqlite') await sql`INSERT INTO papers_fts (papers_fts) VALUES ('rebuild')`.execute(kysely);
  await kysely.destroy();
}

for (const engine of ENGINES) {
  describe(`upgrading to the keyword index search owns (${engine})`, () => {
    it('finds every stored paper again, keeps the code mark, and answers day bounds from the index', async () => {
      const dir = tempDir('paperboard-index-upgrade-');
      const file = path.join(dir, 'old.db');
      const server = engine === 'postgres' ? await tempPostgres() : null;
      try {
        if (server) {
          await oldDatabase(engine, new PostgresDialect({ pool: new pg.Pool({ connectionString: server.url, max: 2 }) }), postgresMigrations, '2026-11-28T05-baseline');
        } else {
          await oldDatabase(engine, new SqliteDialect({ database: new BetterSqlite3(file) }), migrations, '2026-11-28T04-trending-interest');
        }
        const config = testConfig(server ? server.url : file, { DATA_DIR: dir });
        const db = await openDatabase(config.database); // brings it up to date
        const services = createServices(db, config);
        try {
          const ids = async (q: string) => (await services.search.keyword(q)).items.map((hit) => hit.paper.id).sort();
          assert.deepEqual(await ids('lattice'), PAPERS.map((p) => p.id), 'every paper is in the new index');
          assert.deepEqual(await ids('lattice has:code'), ['2511.00003'], 'the code mark came over');
          assert.equal((await services.papers.get('2511.00003')).paper.hasCode, true);
          assert.deepEqual(await ids('lattice after:2015-01-10 before:2015-02'), ['1501.00002'], 'a bound inside a month');
          assert.deepEqual(await ids('lattice before:2015-01-06 after:2015-01-05'), ['1501.00001'], 'one day');
          assert.equal(await services.search.indexedPapers(), PAPERS.length);
          // The old index and what fed it are gone.
          if (db.engine === 'sqlite') {
            const left = db.sqlite.prepare(`SELECT name FROM sqlite_schema WHERE name LIKE 'papers_fts%' OR (type = 'trigger' AND tbl_name = 'papers')`).all();
            assert.deepEqual(left, []);
          } else {
            const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_trigger WHERE tgrelid = 'papers'::regclass AND tgname LIKE 'papers_index%'`.execute(db.kysely);
            assert.equal(rows[0]?.n, 0);
          }
        } finally {
          await services.close();
          await db.close();
        }
      } finally {
        await server?.drop();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
