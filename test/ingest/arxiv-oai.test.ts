import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createArxivOaiService } from '../../src/ingest/arxiv-oai.service.ts';
import { createPoliteHttp } from '../../src/net/polite-http.ts';
import { loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/database.ts';
import { createServices } from '../../src/app/services.ts';
import { runCli } from '../helpers/cli.ts';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.ts';
import { repoRoot, fixturesDir } from '../helpers/paths.ts';
import { tempDatabase, tempDir, type TempDatabase } from '../helpers/temp-db.ts';
import { ENGINES } from '../helpers/postgres.ts';

const SCALE = 0.001;
const recordedPage = fs.readFileSync(path.join(fixturesDir, 'oai-pmh/listrecords-arxiv-1-200.xml'), 'utf8');
const oaiError = (file: string) => fs.readFileSync(path.join(fixturesDir, 'oai-pmh', file), 'utf8');
const xml = (body: string) => ({ status: 200, body, headers: { 'content-type': 'text/xml' } });

/** The recorded page, ending with a resumption token. */
const firstPage = recordedPage.replace('</ListRecords>', '<resumptionToken cursor="0" completeListSize="4">p2</resumptionToken>\n</ListRecords>');
/** A second page built from the first: other ids, an empty token (the last page), and one deleted record. */
const secondPage = recordedPage
  .replaceAll('1412.8544', '1412.8545')
  .replaceAll('hep-th/9504118', 'hep-th/9504119')
  .replace('<ListRecords>', '<ListRecords>\n<record><header status="deleted"><identifier>oai:arXiv.org:1412.0001</identifier><datestamp>2015-01-03</datestamp></header></record>')
  .replace('</ListRecords>', '<resumptionToken cursor="2" completeListSize="4"/>\n</ListRecords>');

for (const engine of ENGINES) describe(`OAI-PMH harvesting (recorded responses) (${engine})`, () => {
  let fixtures: FixtureServer;
  let t: TempDatabase;
  const harvester = (pathname = '/oai2') =>
    createArxivOaiService({
      db: t.db,
      papers: t.services.papers,
      http: createPoliteHttp({ userAgent: 'Paperboard/test', minIntervalMs: 3000, timeScale: SCALE, maxRetries: 2 }),
      oaiUrl: fixtures.url + pathname,
    });

  before(async () => {
    fixtures = await startFixtureServer();
  });
  after(() => fixtures.close());

  it('waits out the recorded 503 and Retry-After, then stores every record with its fields', async () => {
    t = await tempDatabase({}, engine);
    try {
      const started = Date.now();
      const result = await harvester().harvest({ from: '2015-01-01', until: '2015-01-03' });
      assert.ok(Date.now() - started >= 10_000 * SCALE);
      assert.deepEqual(result.counts, { imported: 2, updated: 0, unchanged: 0, rejected: 0 });
      assert.equal(result.pages, 1);
      const { paper, listings } = await t.services.papers.get('1412.8544');
      assert.equal(paper.title, 'A Kochen-Specker system has at least 22 vectors (extended abstract)');
      assert.deepEqual(paper.authors, [
        { name: 'Sander Uijlen', affiliations: ['Radboud Universiteit'] },
        { name: 'Bas Westerbaan', affiliations: ['Radboud Universiteit'] },
      ]);
      assert.equal(paper.doi, '10.4204/EPTCS.172.11');
      assert.equal(paper.journalRef, 'EPTCS 172, 2014, pp. 154-164');
      assert.deepEqual(paper.categories, ['cs.DM']);
      assert.match(paper.abstract, /^At the heart of the Conway-Kochen Free Will theorem[^\n]+\n\nContinuing their effort/);
      assert.deepEqual(listings, [{ day: '2014-12-29', reason: 'harvested' }]);
      assert.ok(await t.services.papers.find('hep-th/9504118'));
      assert.deepEqual(fixtures.unexpected, []);
    } finally {
      await t.cleanup();
    }
  });

  it('follows resumption tokens, counts deleted records, and continues from where the last harvest ended', async () => {
    t = await tempDatabase({}, engine);
    try {
      const asked: string[] = [];
      fixtures.override('/oai-pages', (url) => {
        asked.push(url.search);
        if (url.searchParams.get('resumptionToken') === 'p2') return xml(secondPage);
        if (url.searchParams.get('from') === '2015-01-03') return xml(oaiError('ErrorResponseNoRecordsMatch.xml'));
        return xml(firstPage);
      });
      const result = await harvester('/oai-pages').harvest({ from: '2015-01-01', until: '2015-01-03' });
      assert.equal(result.pages, 2);
      assert.equal(result.deleted, 1);
      assert.equal(result.counts.imported, 4);
      // Without --from, the next harvest starts at the end of the last completed window.
      const next = await harvester('/oai-pages').harvest({ until: '2015-01-05' });
      assert.deepEqual(next.window, { from: '2015-01-03', until: '2015-01-05' });
      assert.equal(next.pages, 0);
      assert.match(asked.at(-1) ?? '', /from=2015-01-03&until=2015-01-05/);
    } finally {
      await t.cleanup();
    }
  });

  it('harvests one set, with a checkpoint of its own', async () => {
    t = await tempDatabase({}, engine);
    try {
      const asked: string[] = [];
      fixtures.override('/oai-sets', (url) => (asked.push(url.search), xml(recordedPage)));
      await harvester('/oai-sets').harvest({ from: '2015-01-01', until: '2015-01-03', set: 'cs' });
      assert.match(asked[0] ?? '', /[?&]set=cs(&|$)/);
      const next = await harvester('/oai-sets').harvest({ until: '2015-01-04', set: 'cs' });
      assert.equal(next.window.from, '2015-01-03', 'continues the set where it ended');
      const other = await harvester('/oai-sets').harvest({ until: '2015-01-04', set: 'physics:hep-th' });
      assert.equal(other.window.from, '2015-01-03', 'another set starts from the day before --until');
      assert.match(asked.at(-1) ?? '', /set=physics%3Ahep-th/);
    } finally {
      await t.cleanup();
    }
  });

  it('restarts a window from its checkpoint when the server forgets the token', async () => {
    t = await tempDatabase({}, engine);
    try {
      let restarts = 0;
      fixtures.override('/oai-forgetful', (url) => {
        if (url.searchParams.get('resumptionToken')) return xml(oaiError('ErrorResponseBadResumptionToken.xml'));
        if (url.searchParams.get('from') === '2015-01-03') return (restarts += 1), xml(secondPage);
        return xml(firstPage);
      });
      const result = await harvester('/oai-forgetful').harvest({ from: '2015-01-01', until: '2015-01-03' });
      assert.equal(restarts, 1, 'asked again from the last datestamp stored');
      assert.equal(result.counts.imported, 4);
    } finally {
      await t.cleanup();
    }
  });

  it('fails on other OAI errors naming the code, and on malformed XML naming the place, writing nothing of that page', async () => {
    t = await tempDatabase({}, engine);
    try {
      fixtures.override('/oai-bad-argument', () => xml(oaiError('ErrorResponseBadArgument.xml')));
      await assert.rejects(harvester('/oai-bad-argument').harvest({ from: '2015-01-01', until: '2015-01-03' }), /OAI-PMH error badArgument: Verb 'ListRecords', illegal argument 'identifier'\./);
      fixtures.override('/oai-broken', () => xml(firstPage.replace('</metadata>', '</metadata').replaceAll('1412.8544', '1412.9999')));
      await assert.rejects(harvester('/oai-broken').harvest({ from: '2015-01-01', until: '2015-01-03' }), /oai-broken\?verb=ListRecords.*: malformed XML at line \d+, column \d+/);
      assert.equal(await t.services.papers.count(), 0);
      await assert.rejects(harvester().harvest({ from: '2015-02-30' }), /--from must be a date/);
    } finally {
      await t.cleanup();
    }
  });

  it('killed between pages, resumes at the next page and stores every paper exactly once', async () => {
    const dir = tempDir();
    const dbFile = path.join(dir, 'harvest.db');
    let hang = true;
    fixtures.override('/oai-kill', (url) => {
      if (url.searchParams.get('resumptionToken') === 'p2') return hang ? 'hang' : xml(secondPage);
      return xml(firstPage);
    });
    const env = { PAPERBOARD_DB: dbFile, ARXIV_OAI_URL: `${fixtures.url}/oai-kill`, INGEST_TIME_SCALE: String(SCALE) };
    try {
      const child = spawn(process.execPath, [path.join(repoRoot, 'bin/paperboard.js'), 'ingest', 'arxiv-oai', '--from', '2015-01-01', '--until', '2015-01-03'], {
        cwd: repoRoot, env: { ...process.env, LOG_LEVEL: 'silent', DEMO_DATA: 'off', ...env }, stdio: 'ignore',
      });
      const exited = new Promise((resolve) => child.on('exit', resolve));
      const askedPage2 = () => fixtures.requests.some((r) => r.path.startsWith('/oai-kill') && r.path.includes('resumptionToken=p2'));
      for (let i = 0; i < 300 && !askedPage2(); i += 1) await new Promise((r) => setTimeout(r, 50));
      assert.ok(askedPage2(), 'the harvest reached page 2');
      child.kill('SIGKILL');
      await exited;

      hang = false;
      const before = fixtures.requests.length;
      const rerun = await runCli(['ingest', 'arxiv-oai', '--until', '2015-01-03'], env);
      assert.equal(rerun.code, 0, rerun.stderr + rerun.stdout);
      assert.match(rerun.stdout, /^resumed 2015-01-01 to 2015-01-03, 1 pages: imported 2, updated 0, unchanged 0, deleted 1, rejected 0$/m);
      assert.match(fixtures.requests[before]?.path ?? '', /resumptionToken=p2/, 'page 1 was not fetched again');

      const config = loadConfig({ PAPERBOARD_DB: dbFile, LOG_LEVEL: 'silent' });
      const db = await openDatabase(config.database);
      try {
        const papers = createServices(db, config).papers;
        assert.equal(await papers.count(), 4);
        for (const id of ['1412.8544', 'hep-th/9504118', '1412.8545', 'hep-th/9504119']) assert.ok(await papers.find(id), id);
      } finally {
        await db.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
