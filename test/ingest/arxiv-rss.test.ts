// The daily listing feed has no recording in shared/fixtures: these feeds are written after arXiv's published
// format (rss.arxiv.org, 2024), with ids whose API answers are recorded.
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { parseArxivListing } from '../../src/ingest/sources/arxiv-listing.ts';
import { runCli } from '../helpers/cli.ts';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.ts';
import { tempDir } from '../helpers/temp-db.ts';

const entry = (id: string, type: string) => `<entry>
    <id>oai:arXiv.org:${id}v1</id>
    <title>Title of ${id}</title>
    <updated>2026-11-26T00:00:00-05:00</updated>
    <link href="https://arxiv.org/abs/${id}" rel="alternate" type="text/html"/>
    <summary>arXiv:${id}v1 Announce Type: ${type}
Abstract: Text.</summary>
    <category term="cs.AI" scheme="http://arxiv.org/schemas/atom"/>
    <published>2026-11-26T00:00:00-05:00</published>
    <arxiv:announce_type>${type}</arxiv:announce_type>
  </entry>`;

const atomListing = `<?xml version='1.0' encoding='UTF-8'?>
<feed xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns="http://www.w3.org/2005/Atom">
  <id>http://rss.arxiv.org/atom/cs.AI+cs.IT</id>
  <title>cs.AI, cs.IT updates on arXiv.org</title>
  <updated>2026-11-26T05:00:00.000Z</updated>
  ${entry('1605.08386', 'new')}
  ${entry('1707.08567', 'cross')}
  ${entry('2104.12255', 'replace')}
</feed>`;

describe('daily listing feeds', () => {
  it('reads ids and announce types from Atom and RSS 2.0', () => {
    assert.deepEqual(parseArxivListing('atom', atomListing), [
      { id: '1605.08386', announceType: 'new' },
      { id: '1707.08567', announceType: 'cross' },
      { id: '2104.12255', announceType: 'replace' },
    ]);
    const rss = `<?xml version="1.0"?><rss xmlns:arxiv="http://arxiv.org/schemas/atom" version="2.0"><channel><title>cs.AI</title>
      <item><title>T</title><link>https://arxiv.org/abs/2402.00001</link><guid isPermaLink="false">oai:arXiv.org:2402.00001v1</guid>
      <arxiv:announce_type>new</arxiv:announce_type></item></channel></rss>`;
    assert.deepEqual(parseArxivListing('rss', rss), [{ id: '2402.00001', announceType: 'new' }]);
  });
});

describe('ingest arxiv-rss', () => {
  let fixtures: FixtureServer;
  const dir = tempDir();
  before(async () => {
    fixtures = await startFixtureServer();
    fixtures.override('/rss/cs.AI+cs.IT', () => ({ status: 200, body: atomListing }));
  });
  after(async () => {
    await fixtures.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("stores today's new and cross-listed papers through the API and lists them today as harvested", async () => {
    const env = {
      PAPERBOARD_DB: path.join(dir, 'rss.db'),
      ARXIV_RSS_URL: `${fixtures.url}/rss`,
      ARXIV_API_URL: `${fixtures.url}/api/query`,
      INGEST_TIME_SCALE: '0.001',
    };
    const result = await runCli(['ingest', 'arxiv-rss', '--category', 'cs.AI', '--category', 'cs.IT'], env);
    assert.equal(result.code, 0, result.stderr + result.stdout);
    const day = new Date().toISOString().slice(0, 10);
    assert.match(result.stdout, new RegExp(`^${day}: 2 announced in cs.AI cs.IT; imported 2, updated 0, unchanged 0, failed 0; listed 2$`, 'm'));
    assert.ok(fixtures.requests.some((r) => /id_list=1605\.08386%2C1707\.08567/.test(r.path)), 'one batched API query');
    assert.deepEqual(fixtures.unexpected, []);

    const bad = await runCli(['ingest', 'arxiv-rss', '--category', 'not a category'], env);
    assert.equal(bad.code, 1);
    assert.equal(bad.stderr.trim(), 'paperboard: not an arXiv category: not a category');
  });
});
