import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startApp, type RunningApp } from '../helpers/app.ts';
import { kaggleSample } from '../helpers/paths.ts';

const hostileTitle = '<script>alert("title")</script> Hostile quokka paper';
const hostileAbstract = '"><img src=x onerror=alert(1)> quokka abstract';

describe('pages and JSON API', () => {
  let app: RunningApp;
  before(async () => {
    app = await startApp(async ({ services, dir }) => {
      await services.importer.importFile(kaggleSample);
      const extra = path.join(dir, 'extra.jsonl');
      const lines = [
        { id: 'hep-th/9504118', title: 'Discrete Mathematics and Physics on the Planck-Scale', authors: [{ name: 'M. Requardt' }], categories: ['hep-th'], publishedAt: '1995-04-24T00:00:00Z' },
        { id: '2401.00002', title: hostileTitle, abstract: hostileAbstract, authors: [{ name: '<b>Mallory</b>' }], publishedAt: '2007-04-03T10:00:00Z' },
      ];
      fs.writeFileSync(extra, lines.map((l) => JSON.stringify(l)).join('\n'));
      await services.importer.importFile(extra);
    });
  });
  after(() => app.close());

  const html = async (url: string, status = 200) => {
    const response = await app.get(url);
    assert.equal(response.status, status, url);
    assert.match(response.headers.get('content-type') ?? '', /text\/html/);
    return response.text();
  };

  it('shows the latest day with papers on the front page, with a link to the day before', async () => {
    const page = await html('/');
    assert.match(page, /Latest papers/);
    assert.match(page, /Tuesday,? 3 April 2007/);
    assert.match(page, /href="\/date\/2007-04-02"/);
  });

  it('shows a day with its count, cards and neighbouring days', async () => {
    const page = await html('/date/2007-04-02');
    assert.match(page, /Calculation of prompt diphoton production cross sections/);
    assert.match(page, /<a href="\/authors\/C\.%20Bal%C3%A1zs">C\. Balázs<\/a>, <a href="\/authors\/E\.%20L\.%20Berger">E\. L\. Berger<\/a>/);
    assert.match(page, /\d+ papers/);
    assert.match(page, /rel="next" href="\/date\/2007-04-03"/);
    assert.match(page, /rel="prev" href="\/date\/2007-04-01"/);
  });

  it('explains an empty day and refuses a date that does not exist', async () => {
    assert.match(await html('/date/1999-01-01'), /No papers are listed for this day/);
    assert.match(await html('/date/2026-02-30', 400), /is not a day \(expected YYYY-MM-DD\)/);
    const jump = await app.get('/date?d=2007-04-02');
    assert.equal(jump.status, 302);
    assert.equal(jump.headers.get('location'), '/date/2007-04-02');
  });

  it('shows weeks and months', async () => {
    assert.match(await html('/week/2007-W14'), /Calculation of prompt diphoton/);
    assert.match(await html('/month/2007-04'), /April 2007/);
  });

  it('shows a paper page with links, dates, versions and a BibTeX entry', async () => {
    const page = await html('/papers/0704.0001');
    assert.match(page, /<h1>Calculation of prompt diphoton/);
    assert.match(page, /href="https:\/\/arxiv\.org\/pdf\/0704\.0001"/);
    assert.match(page, /href="https:\/\/arxiv\.org\/abs\/0704\.0001"/);
    assert.match(page, /href="https:\/\/doi\.org\/10\.1103\/PhysRevD\.76\.013009"/);
    assert.match(page, /Phys\.Rev\.D76:013009,2007/);
    assert.match(page, /@article\{balazs2007calculation,/);
    assert.match(page, /v1.*v2/s);
  });

  it('serves old-style ids with a slash, and redirects versioned ids to the paper', async () => {
    assert.match(await html('/papers/hep-th/9504118'), /Discrete Mathematics and Physics/);
    const redirect = await app.get('/papers/0704.0001v2');
    assert.equal(redirect.status, 301);
    assert.equal(redirect.headers.get('location'), '/papers/0704.0001');
    const notHere = await html('/papers/2501.99999', 404);
    assert.match(notHere, /arXiv:2501.99999 is not on Paperboard yet/);
    assert.match(notHere, /<a class="button" href="\/submit\?reference=2501.99999">Submit it<\/a>/);
    assert.match(notHere, /<a class="button button-quiet" href="https:\/\/arxiv.org\/abs\/2501.99999" rel="noopener">Open on arXiv<\/a>/);
    assert.match(await html("/papers/0000.0000", 404), /is not an arXiv id/);
    assert.match(await html('/papers/not-an-id', 404), /is not an arXiv id/);
    assert.match(await html('/no/such/page', 404), /Nothing lives at/);
  });

  it('returns DESIGN’s paper JSON for new- and old-style ids', async () => {
    const response = await app.get('/api/papers/0704.0001');
    assert.equal(response.status, 200);
    const paper = (await response.json()) as Record<string, unknown>;
    assert.deepEqual(Object.keys(paper).sort(), [
      'abstract', 'authors', 'categories', 'code', 'comments', 'doi', 'id', 'journalRef', 'links', 'numComments',
      'primaryCategory', 'projectPage', 'publishedAt', 'submittedBy', 'title', 'updatedAt', 'upvotes', 'version',
    ]);
    assert.deepEqual(paper.code, []);
    assert.equal(paper.projectPage, null);
    assert.equal(paper.id, '0704.0001');
    assert.equal(paper.version, 2);
    assert.deepEqual(paper.links, { abs: 'https://arxiv.org/abs/0704.0001', pdf: 'https://arxiv.org/pdf/0704.0001' });
    assert.deepEqual((paper.authors as unknown[])[0], { name: 'C. Balázs' });

    const old = (await (await app.get('/api/papers/hep-th/9504118')).json()) as { id: string; categories: string[] };
    assert.equal(old.id, 'hep-th/9504118');
    assert.deepEqual(old.categories, ['hep-th']);
  });

  it('answers API errors as JSON with a code', async () => {
    const missing = await app.get('/api/papers/2501.99999');
    assert.equal(missing.status, 404);
    assert.deepEqual(((await missing.json()) as { error: { code: string } }).error.code, 'not_found');
    const bad = await app.get('/api/daily_papers?date=yesterday');
    assert.equal(bad.status, 400);
    assert.match(((await bad.json()) as { error: { message: string } }).error.message, /not a day/);
    const noQuery = await app.get('/api/search');
    assert.equal(noQuery.status, 400);
    assert.match(((await noQuery.json()) as { error: { message: string } }).error.message, /^q: /);
  });

  it('searches: the distinctive title word ranks first, with highlights', async () => {
    const body = (await (await app.get('/api/search?q=diphoton&limit=5')).json()) as {
      items: Array<{ paper: { id: string }; highlight: { title: string } }>;
    };
    assert.equal(body.items[0]?.paper.id, '0704.0001');
    assert.match(body.items[0]?.highlight.title ?? '', /<mark>diphoton<\/mark>/i);
    const page = await html('/search?q=diphoton');
    assert.match(page, /<mark>diphoton<\/mark>/i);
    assert.match(page, /value="diphoton"/);
  });

  it('lists a day in Hugging Face’s daily papers shape', async () => {
    const items = (await (await app.get('/api/daily_papers?date=2007-04-02&limit=100')).json()) as Array<Record<string, unknown>>;
    assert.ok(items.length > 10);
    const item = items.find((i) => (i.paper as { id: string }).id === '0704.0001') as Record<string, unknown>;
    assert.deepEqual(Object.keys(item).sort(), ['numComments', 'paper', 'publishedAt', 'summary', 'title'], 'HF leaves out what it does not know: no submitter, no code');
    assert.deepEqual(Object.keys(item.paper as object).sort(), ['authors', 'id', 'publishedAt', 'summary', 'title', 'upvotes']);
    const week = (await (await app.get('/api/daily_papers?week=2007-W14&limit=100')).json()) as unknown[];
    assert.ok(week.length >= items.length);
    const latest = (await (await app.get('/api/daily_papers')).json()) as Array<{ paper: { id: string } }>;
    assert.equal(latest[0]?.paper.id, '2401.00002');
  });

  it('renders what people wrote inert on every page', async () => {
    for (const url of ['/', '/date/2007-04-03', '/papers/2401.00002', '/search?q=quokka', `/search?q=${encodeURIComponent('<script>x</script>')}`]) {
      const page = await html(url);
      assert.doesNotMatch(page, /<script>alert/, url);
      assert.doesNotMatch(page, /<img src=x/, url);
      assert.doesNotMatch(page, /<b>Mallory/, url);
      assert.doesNotMatch(page, /<script>x<\/script>/, url);
    }
    assert.match(await html('/papers/2401.00002'), /&lt;script>alert|&lt;script&gt;alert/);
  });

  it('sends a strict Content-Security-Policy, serves assets and reports health', async () => {
    const response = await app.get('/');
    const csp = response.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.equal((await app.get('/assets/style.css')).status, 200);
    assert.deepEqual(await (await app.get('/healthz')).json(), { status: 'ok', database: true });
  });

  it('compresses pages and JSON with brotli or gzip, as the client accepts', async () => {
    const { request } = await import('node:http');
    const zlib = await import('node:zlib');
    const raw = (path: string, encoding: string) =>
      new Promise<{ encoding: string | undefined; body: Buffer }>((resolve, reject) => {
        request(app.url + path, { headers: { 'accept-encoding': encoding } }, (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ encoding: response.headers['content-encoding'], body: Buffer.concat(chunks) }));
        }).on('error', reject).end();
      });
    const plain = await (await app.get('/')).text();
    const br = await raw('/', 'br');
    assert.equal(br.encoding, 'br');
    assert.equal(zlib.brotliDecompressSync(br.body).toString(), plain);
    assert.ok(br.body.length < plain.length / 2, `${br.body.length} bytes against ${plain.length}`);
    const gzip = await raw('/openapi.json', 'gzip');
    assert.equal(gzip.encoding, 'gzip');
    assert.equal(JSON.parse(zlib.gunzipSync(gzip.body).toString()).openapi, '3.1.0');
    assert.equal((await raw('/', 'identity')).encoding, undefined);
  });
});
