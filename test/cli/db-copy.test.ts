// `paperboard db copy --to postgres://…`: a SQLite install moved into PostgreSQL, resumable and verified by counts.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import { copyDatabase, COPIED_TABLES } from '../../src/db/copy.ts';
import { openDatabase } from '../../src/db/database.ts';
import { createServices } from '../../src/app/services.ts';
import { startApp, type RunningApp } from '../helpers/app.ts';
import { runCli } from '../helpers/cli.ts';
import { kaggleSample } from '../helpers/paths.ts';
import { tempPostgres } from '../helpers/postgres.ts';
import { scalar, sql } from '../helpers/sql.ts';
import { sqliteDbOf, tempDir } from '../helpers/temp-db.ts';

describe('db copy', () => {
  let app: RunningApp;
  const targets: Array<{ url: string; drop(): Promise<void> }> = [];
  const target = async () => {
    const made = await tempPostgres();
    targets.push(made);
    return made;
  };

  before(async () => {
    app = await startApp(async ({ services }) => {
      await services.importer.importFile(kaggleSample);
      await services.search.refitSemantic();
      const { user } = await services.accounts.addUser('ada@example.org', 'user');
      await services.community.upvote(user, '0704.0001');
      await services.community.upvote(user, '0704.0002');
      const first = await services.comments.add(user, { paperId: '0704.0001', body: 'A *fine* result.' });
      await services.comments.add(user, { paperId: '0704.0001', body: 'And a reply.', parentId: first.id });
      await services.subscriptions.subscribe({ email: 'ada@example.org', preferences: { topics: ['quantum'] } }, user);
    });
  });
  after(async () => {
    await app.close();
    for (const t of targets) await t.drop();
  });

  it('copies every table, keys and all, and the copy serves: search, votes, new rows', async () => {
    const { url } = await target();
    const result = await runCli(['db', 'copy', '--to', url], app.processEnv);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /^papers: 100 copied, 100 of 100 rows$/m);
    assert.match(result.stdout, /^votes: 2 copied, 2 of 2 rows$/m);
    assert.match(result.stdout, /^paper_vectors: 100 copied/m);
    assert.match(result.stdout, new RegExp(`copied and verified ${COPIED_TABLES.length} tables`));

    const config = loadConfig({ PAPERBOARD_DB: url, DATA_DIR: tempDir(), LOG_LEVEL: 'silent', DEMO_DATA: 'off' });
    const db = await openDatabase(config.database);
    const services = createServices(db, config);
    try {
      const hits = await services.search.keyword('quantum chromodynamics', { limit: 5 });
      const here = await app.services.search.keyword('quantum chromodynamics', { limit: 5 });
      assert.deepEqual(hits.items.map((h) => h.paper.id).slice(0, 3), here.items.map((h) => h.paper.id).slice(0, 3), 'the same best papers');
      assert.equal((await services.papers.get('0704.0001')).paper.upvotes, 1);
      assert.equal((await services.comments.threads((await services.papers.get('0704.0001')).paper)).threads[0]?.replies.length, 1);
      assert.ok((await services.search.similar((await services.papers.get('0704.0001')).paper, 3)).length === 3, 'vectors copied: similar papers answer');
      // Keys continue after the copied ones.
      const { user } = await services.accounts.addUser('grace@example.org', 'user');
      assert.equal(user.id, 2);
      await services.community.upvote(user, '0704.0001');
      assert.equal((await services.papers.get('0704.0001')).paper.upvotes, 2);
    } finally {
      await services.close();
      await db.close();
    }
  });

  it('resumes an interrupted copy without duplicates or gaps', async () => {
    const { url } = await target();
    const source = sqliteDbOf(app.db);
    const pg = await openDatabase({ engine: 'postgres', url });
    if (pg.engine !== 'postgres') throw new Error('unreachable');
    await assert.rejects(
      copyDatabase(source, pg, { sourceName: app.file, progress: (t) => { if (t.table === 'comments') throw new Error('interrupted'); } }),
      /interrupted/,
    );
    // What an interruption in the middle of a table leaves: the last rows of a table never written.
    await sql`DELETE FROM papers WHERE pk > 60`.execute(pg.kysely);
    await pg.close();
    const resumed = await runCli(['db', 'copy', '--to', url], app.processEnv);
    assert.equal(resumed.code, 0, resumed.stdout + resumed.stderr);
    assert.match(resumed.stdout, /^users: 0 copied, 1 of 1 rows$/m, 'a finished table is not copied twice');
    assert.match(resumed.stdout, /^papers: 40 copied, 100 of 100 rows$/m);
    const again = await openDatabase({ engine: 'postgres', url });
    try {
      assert.equal(await scalar(again, sql`SELECT count(*) FROM paper_search`), 100, 'every copied paper is in the keyword index');
      assert.equal(await scalar(again, sql`SELECT count(*) FROM settings WHERE name = 'copied_from'`), 0, 'a verified copy is finished');
    } finally {
      await again.close();
    }
  });

  it('refuses a database that holds another install, and says what it needs', async () => {
    const { url } = await target();
    const other = await openDatabase({ engine: 'postgres', url });
    await sql`INSERT INTO users (email, username, display_name, created_at) VALUES ('x@example.org', 'x', 'x', '2026-01-01')`.execute(other.kysely);
    await other.close();
    const refused = await runCli(['db', 'copy', '--to', url], app.processEnv);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /not empty \(users has rows\)/);
    assert.equal((await runCli(['db', 'copy'], app.processEnv)).code, 2);
    assert.equal((await runCli(['db', 'copy', '--to', '/tmp/x.db'], app.processEnv)).code, 2);
  });
});
