// The GitHub refresh against a misbehaving GitHub (test/helpers/hostile-github.ts), on both engines: a rename by case
// only no longer deletes the row and stops every later run at that repository; one repository's failure is recorded on
// it (with a back-off) and the run goes on to the next; no wait is unbounded; redirects stay on GitHub's host; bodies
// are read up to a limit; a path is never built from an unvalidated name; absurd facts are bounded.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { createCodeService, type CodeService } from '../../src/code/code.service.ts';
import { createGithubClient } from '../../src/code/github.client.ts';
import { createPoliteHttp } from '../../src/net/polite-http.ts';
import { startHostileGithub, type HostileGithub, type Misbehaviour } from '../helpers/hostile-github.ts';
import { ENGINES } from '../helpers/postgres.ts';
import { tempDatabase, type TempDatabase } from '../helpers/temp-db.ts';

const FAILING: readonly Misbehaviour[] = ['redirect-loop', 'redirect-elsewhere', 'always-500', 'endless-body', 'huge-body', 'dot-dot-name'];

/** Papers whose abstracts name `owner/model`, one per owner, published today (so they are refreshed first). */
async function importPapersNaming(database: TempDatabase, owners: readonly string[]): Promise<void> {
  const file = path.join(database.dir, `papers-${owners[0]}.jsonl`);
  const today = new Date().toISOString().slice(0, 10);
  fs.writeFileSync(file, owners.map((owner, i) => JSON.stringify({
    id: `2612.${String(10000 + Math.floor(Math.random() * 80000) + i)}`, title: `Paper with code at ${owner}`, abstract: `Code: https://github.com/${owner}/model`,
    categories: ['cs.LG'], publishedAt: `${today}T00:00:00Z`,
  })).join('\n'));
  assert.equal((await database.services.importer.importFile(file)).rejected, 0);
}

/** The code service over the hostile GitHub, through a polite client with short timeouts (waits scaled down). */
function codeServiceFor(database: TempDatabase, github: HostileGithub): CodeService {
  const http = createPoliteHttp({ userAgent: 'paperboard-test', minIntervalMs: 0, timeScale: 0.001, timeoutMs: 1_500, maxRetries: 5 });
  return createCodeService({ db: database.db, papers: database.services.papers, search: database.services.search, usernames: (ids) => database.services.accounts.usernames(ids), github: createGithubClient({ http, apiUrl: github.url, token: undefined }) });
}

async function repositoryRow(database: TempDatabase, ownerKey: string) {
  return database.db.kysely.selectFrom('repositories').selectAll().where('url_key', 'like', `https://github.com/${ownerKey}/%`).executeTakeFirst();
}

for (const engine of ENGINES) {
  describe(`the GitHub refresh against a hostile GitHub (${engine})`, () => {
    let github: HostileGithub;
    let database: TempDatabase;
    let code: CodeService;
    before(async () => {
      github = await startHostileGithub();
    });
    after(() => github.close());
    // Each test on a database of its own: an `--all` run would otherwise meet the last test's repositories again.
    beforeEach(async () => {
      database = await tempDatabase({ GITHUB_API_URL: github.url }, engine);
      code = codeServiceFor(database, github);
    });
    afterEach(() => database.cleanup());

    it('keeps a repository GitHub renames by case only, and refreshes it again on the next run', async () => {
      await importPapersNaming(database, ['case-rename']);
      const first = await code.refreshGithub({ all: true });
      assert.deepEqual([first.failed, first.refreshed], [0, 1], first.problems.join('; '));
      const row = await repositoryRow(database, 'case-rename');
      assert.equal(row?.url, 'https://github.com/Case-Rename/MODEL', 'renamed in place, under GitHub’s case');
      assert.equal(row?.stars !== null, true);
      const second = await code.refreshGithub({ all: true });
      assert.deepEqual([second.failed, second.refreshed + second.unchanged], [0, 1], 'the next run is not stopped at it');
    });

    it('records each failing repository on its row, backs off, and refreshes every repository after them', async () => {
      await importPapersNaming(database, [...FAILING, 'good-one', 'good-two', 'good-three']);
      const started = Date.now();
      const report = await code.refreshGithub({ all: true });
      const elapsed = Date.now() - started;
      assert.equal(report.failed, FAILING.length, report.problems.join('\n'));
      assert.equal(report.stoppedAt, null);
      for (const owner of FAILING) assert.ok(report.problems.some((p) => p.startsWith(`${owner}/`)), `${owner} is reported`);
      for (const owner of ['good-one', 'good-two', 'good-three']) assert.ok((await repositoryRow(database, owner))?.stars, `${owner} was refreshed after the failures`);
      assert.ok(elapsed < 60_000, `the run finished in ${elapsed} ms`);
      assert.match(report.problems.find((p) => p.startsWith('huge-body/')) ?? '', /at most 1048576 bytes|over 1048576 bytes/);
      assert.match(report.problems.find((p) => p.startsWith('redirect-elsewhere/')) ?? '', /another host/);
      assert.match(report.problems.find((p) => p.startsWith('redirect-loop/')) ?? '', /more than 5 redirects/);
      assert.equal(github.elsewhereHits(), 0, 'the other local server was never asked');
      assert.equal(github.hits.get('/repos/huge-body/model'), 1, 'a body past the limit is not asked for again');
      const failed = await repositoryRow(database, 'always-500');
      assert.equal(failed?.failures, 1);
      assert.ok(failed?.retry_at && failed.retry_at > new Date().toISOString(), 'tried again later, not at once');
      assert.match(failed?.last_error ?? '', /HTTP 500/);
      assert.equal((await repositoryRow(database, 'dot-dot-name'))?.url, 'https://github.com/dot-dot-name/model', '"../.." is never stored');
      const next = await code.refreshGithub();
      assert.ok(!next.problems.some((p) => FAILING.some((owner) => p.startsWith(`${owner}/`))), 'backing-off repositories wait for their time');
    });

    it('bounds what GitHub says of a repository: counts, text, topics and history', async () => {
      await importPapersNaming(database, ['absurd-facts', 'bad-history']);
      const report = await code.refreshGithub({ all: true });
      assert.ok(!report.problems.some((p) => p.startsWith('absurd-facts/') || p.startsWith('bad-history/')), report.problems.join('\n'));
      const absurd = await repositoryRow(database, 'absurd-facts');
      assert.ok(Number(absurd?.stars) <= 100_000_000 && Number(absurd?.forks) <= 100_000_000, `${absurd?.stars} stars`);
      assert.ok((absurd?.language ?? '').length <= 60);
      assert.ok(JSON.parse(absurd?.topics ?? '[]').length <= 20);
      const history = await repositoryRow(database, 'bad-history');
      const rows = await database.db.kysely.selectFrom('repository_stars').select(({ fn }) => fn.countAll<number>().as('n')).where('repository_id', '=', history?.id as number).executeTakeFirstOrThrow();
      assert.ok(Number(rows.n) <= 2, `a history of 2,000 rows and a week in year −17720 is refused (${rows.n} counts kept)`);
    });

    for (const owner of ['reset-in-20-days', 'retry-after-20-days', 'reset-overflow'] as const) {
      it(`ends the run instead of waiting when GitHub says ${owner}`, async () => {
        const local = codeServiceFor(database, github);
        await importPapersNaming(database, [owner]);
        const started = Date.now();
        const report = await local.refreshGithub({ all: true });
        assert.ok(Date.now() - started < 20_000, `${Date.now() - started} ms`);
        assert.ok(report.stoppedAt, 'the run says where it stopped');
        assert.ok(Date.parse(report.stoppedAt) <= Date.now() + 21 * 86_400_000 || owner === 'reset-overflow');
        const again = await local.refreshGithub({ all: true });
        assert.ok(again.stoppedAt === null || Date.parse(again.stoppedAt) <= Date.now() + 3_600_000 + 5_000 || owner === 'retry-after-20-days', 'a reset past the hour is read as an hour, so later runs are not held');
      });
    }

    it('never lets two refreshes work on one repository at once', async () => {
      await importPapersNaming(database, ['shared-one', 'shared-two']);
      const before = new Map(github.hits);
      const [a, b] = await Promise.all([codeServiceFor(database, github).refreshGithub({ all: true }), codeServiceFor(database, github).refreshGithub({ all: true })]);
      for (const owner of ['shared-one', 'shared-two']) {
        const asked = (github.hits.get(`/repos/${owner}/model`) ?? 0) - (before.get(`/repos/${owner}/model`) ?? 0);
        assert.equal(asked, 1, `${owner} was asked ${asked} times by two concurrent runs`);
      }
      assert.ok(a.refreshed + b.refreshed >= 2);
    });
  });
}
