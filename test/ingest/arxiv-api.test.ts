import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createArxivApiService } from '../../src/ingest/arxiv-api.service.ts';
import { createPoliteHttp } from '../../src/net/polite-http.ts';
import { paperToJson } from '../../src/papers/paper.ts';
import { runCli } from '../helpers/cli.ts';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.ts';
import { fixturesDir } from '../helpers/paths.ts';
import { tempDatabase, tempDir, type TempDatabase } from '../helpers/temp-db.ts';

describe('arXiv API lookups (recorded responses)', () => {
  let fixtures: FixtureServer;
  let t: TempDatabase;
  const service = (apiPath = '/api/query') =>
    createArxivApiService({
      papers: t.services.papers,
      http: createPoliteHttp({ userAgent: 'Paperboard/test', minIntervalMs: 3000, timeScale: 0.001, maxRetries: 1 }),
      apiUrl: fixtures.url + apiPath,
    });

  before(async () => {
    fixtures = await startFixtureServer();
    t = await tempDatabase({});
  });
  after(async () => {
    await fixtures.close();
    await t.cleanup();
  });

  it('fetches several ids in one batched query and stores every field', async () => {
    const before = fixtures.requests.length;
    const result = await service().lookup(['1707.08567', 'https://arxiv.org/abs/2104.12255v1', 'quant-ph/0201082v1', '1605.08386']);
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.found, ['1707.08567', '2104.12255', 'quant-ph/0201082', '1605.08386']);
    assert.equal(result.counts.imported, 4);
    assert.equal(fixtures.requests.length - before, 1, 'one request for the whole batch');

    const { paper } = await t.services.papers.get('1707.08567');
    assert.equal(paper.title, 'Proceedings of Workshop AEW10: Concepts in Information Theory and Communications');
    assert.equal(paper.authors.length, 34);
    assert.ok(paper.authors.some((a) => a.name === 'Dirk Wübben'), 'double-encoded UTF-8 repaired');
    assert.equal(paper.primaryCategory, 'cs.IT');
    assert.equal(paper.publishedAt, '2017-07-27T08:18:33Z');
    assert.match(paper.comments ?? '', /^44 pages/);
    assert.equal((await t.services.papers.get('quant-ph/0201082')).paper.version, 1);
  });

  it('reports an id the API calls malformed, and still stores the others', async () => {
    const result = await service().lookup(['abc', '1605.08386']);
    assert.deepEqual(result.errors, [{ reference: 'abc', message: 'arXiv API: incorrect id format for abc' }]);
    assert.deepEqual(result.found, ['1605.08386']);
  });

  it('reports ids arXiv does not know, and refuses what is no id at all without asking', async () => {
    const before = fixtures.requests.length;
    const result = await service().lookup(['0000.0000', 'not an id!']);
    assert.deepEqual(result.errors, [
      { reference: 'not an id!', message: 'not an arXiv id or arXiv URL' },
      { reference: '0000.0000', message: 'not found on arXiv' },
    ]);
    assert.equal(fixtures.requests.length - before, 1);
  });

  it('fails on malformed XML naming the URL and the place, storing nothing', async () => {
    const recorded = fs.readFileSync(path.join(fixturesDir, 'arxiv-api/id_1605.08386_s0_m100.xml'), 'utf8');
    fixtures.override('/broken/query', () => ({ status: 200, body: recorded.replace('</entry>', '</entry').replace('1605.08386', '2401.00077') }));
    const count = await t.services.papers.count();
    await assert.rejects(service('/broken/query').lookup(['2401.00077']), /\/broken\/query\?search_query=.*: malformed XML at line \d+, column \d+/);
    assert.equal(await t.services.papers.count(), count);
  });

  it('runs from the CLI, records the run, and shows it in ingest status', async () => {
    const dir = tempDir();
    try {
      const env = { PAPERBOARD_DB: path.join(dir, 'cli.db'), ARXIV_API_URL: `${fixtures.url}/api/query`, INGEST_TIME_SCALE: '0.001' };
      const ok = await runCli(['ingest', 'arxiv-api', '1605.08386', '2104.12255v1'], env);
      assert.equal(ok.code, 0, ok.stderr);
      assert.match(ok.stdout, /^imported 2, updated 0, unchanged 0, failed 0$/m);
      const failed = await runCli(['ingest', 'arxiv-api', 'abc'], env);
      assert.equal(failed.code, 1);
      assert.match(failed.stdout, /^failed abc: arXiv API: incorrect id format for abc$/m);
      const status = await runCli(['ingest', 'status'], env);
      assert.match(status.stdout, /^#2 \S+ arxiv-api succeeded \(\d+\.\d s\) imported 0, updated 0, unchanged 0, rejected 1$/m);
      assert.match(status.stdout, /^#1 \S+ arxiv-api succeeded \(\d+\.\d s\) imported 2, updated 0, unchanged 0, rejected 0$/m);
      assert.equal((await runCli(['ingest', 'nowhere'], env)).code, 2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps author affiliations from the Atom', async () => {
    const recorded = fs.readFileSync(path.join(fixturesDir, 'arxiv-api/id_1605.08386_s0_m100.xml'), 'utf8')
      .replaceAll('1605.08386', '2401.00088')
      .replace(/(<author>\s*<name>[^<]+<\/name>)/, '$1<arxiv:affiliation>CERN</arxiv:affiliation><arxiv:affiliation>EPFL</arxiv:affiliation>');
    fixtures.override('/affiliations/query', () => ({ status: 200, body: recorded }));
    await service('/affiliations/query').lookup(['2401.00088']);
    const { paper } = await t.services.papers.get('2401.00088');
    assert.deepEqual(paper.authors[0]?.affiliations, ['CERN', 'EPFL']);
    assert.deepEqual(Object.keys(paperToJson(paper).authors[0] ?? {}), ['name'], 'the public JSON keeps DESIGN’s shape');
  });

  it('asked nothing the recordings do not answer', () => {
    assert.deepEqual(fixtures.unexpected, []);
  });
});
