// Every paper's picture: a title card at once, its first PDF page once fetched (a local server stands in for arXiv),
// WebP at most 40 KB and 320 px wide, stored on both engines, with cache headers; link-preview tags on every page;
// and PDFs that are broken or hostile, which cost a worker thread and never the server.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { loadImage } from '@napi-rs/canvas';
import { XMLValidator } from 'fast-xml-parser';
import { renderFirstPage } from '../../src/thumbnails/pdf-render.ts';
import { titleCardSvg, wrapWords } from '../../src/thumbnails/thumbnail.ts';
import { startDemoApp, type RunningApp } from '../helpers/app.ts';
import { endlessDrawingPdf, hugePagePdf, inflatingPdf, paperPdf, selfDrawingPdf } from '../helpers/hostile-pdf.ts';
import { ENGINES } from '../helpers/postgres.ts';

/** A stand-in for arxiv.org/pdf: the PDFs a test puts in, 404 for the rest; counts what it was asked. */
async function startPdfServer(): Promise<{ url: string; pdfs: Map<string, Buffer | 'not-a-pdf'>; asked: string[]; close(): Promise<void> }> {
  const pdfs = new Map<string, Buffer | 'not-a-pdf'>();
  const asked: string[] = [];
  const server = http.createServer((request, response) => {
    const id = decodeURIComponent((request.url ?? '').replace(/^\/pdf\//, ''));
    asked.push(id);
    const pdf = pdfs.get(id);
    if (pdf === 'not-a-pdf') return void response.writeHead(200, { 'content-type': 'text/html' }).end('<html>Just a moment…</html>');
    if (!pdf) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': 'application/pdf', 'content-length': pdf.length }).end(pdf);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/pdf`,
    pdfs,
    asked,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('title cards', () => {
  it('are well-formed SVG whatever the title holds, with the title in plain characters', () => {
    for (const title of ['<script>alert(1)</script> & "quotes" \'too\'', '$\\omega$-regular languages of $O(n^2)$ words', 'Ünïcödé 漢字 🙂', 'x'.repeat(5000), '']) {
      const svg = titleCardSvg({ id: '2401.01234', title, authors: [{ name: 'A <b>Author</b>' }], primaryCategory: 'cs.LG' });
      assert.equal(XMLValidator.validate(svg), true, title.slice(0, 40));
      assert.doesNotMatch(svg, /<script|<b>/);
    }
    assert.match(titleCardSvg({ id: '2401.01234', title: '$\\omega$-regular', authors: [], primaryCategory: null }), /ω-regular/);
  });

  it('wrap words into lines, cutting what does not fit with an ellipsis', () => {
    assert.deepEqual(wrapWords('one two three four', 9, 3), ['one two', 'three', 'four']);
    assert.deepEqual(wrapWords('one two three four five six', 9, 2), ['one two', 'three…']);
    assert.deepEqual(wrapWords('Supercalifragilistic', 8, 2), ['Superca…']);
  });
});

for (const engine of ENGINES) describe(`pictures of papers (${engine})`, () => {
  let app: RunningApp;
  let pdfServer: Awaited<ReturnType<typeof startPdfServer>>;
  before(async () => {
    pdfServer = await startPdfServer();
    pdfServer.pdfs.set('1605.08386', paperPdf('Heat-bath random walks'));
    pdfServer.pdfs.set('hep-th/9504118', paperPdf('Old-style ids keep their slash'));
    pdfServer.pdfs.set('1707.08567', 'not-a-pdf');
    app = await startDemoApp({}, { THUMBNAILS: 'pdf', ARXIV_PDF_URL: pdfServer.url, INGEST_TIME_SCALE: '0.001' }, engine);
  });
  after(async () => {
    await app.close();
    await pdfServer.close();
  });

  it('shows the title card at once, then the first page of the PDF, kept and served with cache headers', async () => {
    const first = await app.get('/thumbnails/1605.08386');
    assert.equal(first.status, 200);
    assert.match(first.headers.get('content-type') ?? '', /^image\/svg\+xml/);
    assert.equal(first.headers.get('cache-control'), 'public, max-age=3600', 'a card is kept an hour: the page may come');
    assert.equal(XMLValidator.validate(await first.text()), true);
    await app.services.thumbnails.settled();

    const page = await app.get('/thumbnails/1605.08386');
    assert.equal(page.headers.get('content-type'), 'image/webp');
    assert.equal(page.headers.get('cache-control'), 'public, max-age=604800');
    const bytes = Buffer.from(await page.arrayBuffer());
    assert.ok(bytes.length <= 40 * 1024, `${bytes.length} bytes`);
    const image = await loadImage(bytes);
    assert.deepEqual([image.width, image.height], [320, 414], 'a letter page, 320 px wide');
    const etag = page.headers.get('etag') ?? '';
    assert.equal((await app.get('/thumbnails/1605.08386', { headers: { 'if-none-match': etag } })).status, 304);
    assert.equal(pdfServer.asked.filter((id) => id === '1605.08386').length, 1, 'fetched once');
    assert.equal(await app.services.thumbnails.countRendered(), 1);

    const old = await app.get('/thumbnails/hep-th/9504118');
    assert.equal(old.status, 200);
    await app.services.thumbnails.settled();
    assert.equal((await app.get('/thumbnails/hep-th/9504118')).headers.get('content-type'), 'image/webp');
  });

  it('keeps the title card when the PDF cannot be had, and does not ask again at every view', async () => {
    for (const id of ['1707.08567', '2104.12255']) {
      await app.get(`/thumbnails/${id}`);
      await app.services.thumbnails.settled();
      const again = await app.get(`/thumbnails/${id}`);
      assert.match(again.headers.get('content-type') ?? '', /^image\/svg\+xml/);
      await app.services.thumbnails.settled();
      assert.equal(pdfServer.asked.filter((asked) => asked === id).length, 1, `${id}: one failed fetch, then a day's wait`);
    }
    assert.equal((await app.get('/thumbnails/9999.99999')).status, 404);
    assert.equal((await app.get(`/thumbnails/${'a'.repeat(2000)}`)).status, 404);
  });

  it('shows pictures on cards and tells link previews what the page is', async () => {
    const front = await (await app.get('/')).text();
    assert.match(front, /<img class="card-thumb" src="\/thumbnails\/[^"]+" width="84" height="109" loading="lazy" alt(="")?\/?>/);
    assert.match(front, /<meta property="og:image" content="http:\/\/[^"]+\/assets\/preview\.png"/);
    const paper = await (await app.get('/papers/1605.08386')).text();
    const publicUrl = app.config.http.publicUrl;
    assert.ok(paper.includes(`<meta property="og:image" content="${publicUrl}/thumbnails/1605.08386"/>`));
    assert.ok(paper.includes(`<meta property="og:url" content="${publicUrl}/papers/1605.08386"/>`));
    assert.match(paper, /<meta property="og:type" content="article"\/>/);
    assert.match(paper, /<meta name="twitter:card" content="summary"\/>/, 'X reads og:title, og:description and og:image');
    assert.match(paper, /<meta property="og:description" content="[^"]{40,}"\/>/);
    assert.equal((await app.get('/assets/preview.png')).status, 200);
  });
});

describe('hostile PDFs', () => {
  const limits = { timeMs: 8_000, heapMb: 128 };
  it('renders a plain one', async () => {
    const image = await renderFirstPage(paperPdf(), limits);
    assert.equal(image.subarray(0, 4).toString('latin1'), 'RIFF');
    assert.equal(image.subarray(8, 12).toString('latin1'), 'WEBP');
  });

  it('refuses truncated and damaged files with a reason', async () => {
    const pdf = paperPdf();
    await assert.rejects(renderFirstPage(pdf.subarray(0, 300), limits), /unreadable PDF/);
    await assert.rejects(renderFirstPage(Buffer.from('%PDF-1.7\nnothing else'), limits), /unreadable PDF|renderer stopped/);
    await assert.rejects(renderFirstPage(Buffer.alloc(0), limits), /unreadable PDF/);
  });

  it('bounds a deflate bomb, a page that draws without end, a form that draws itself and a page of absurd size', async () => {
    const before = process.memoryUsage().rss;
    await assert.rejects(renderFirstPage(await inflatingPdf(1024), limits), /inflates past/);
    const started = Date.now();
    await assert.rejects(renderFirstPage(endlessDrawingPdf(), limits), /more than 128 MB|longer than 8 s/);
    assert.ok(Date.now() - started < 12_000, 'ended within its bound');
    await renderFirstPage(selfDrawingPdf(), limits); // pdf.js refuses the recursion and draws the rest
    const huge = await loadImage(await renderFirstPage(hugePagePdf(), limits));
    assert.deepEqual([huge.width, huge.height], [320, 414], 'cut to a letter page');
    assert.ok(process.memoryUsage().rss - before < 600 * 2 ** 20, 'the server process did not take the bomb');
  });

  it('keeps the server answering while a render struggles', async () => {
    const ticks: number[] = [];
    const timer = setInterval(() => ticks.push(Date.now()), 50);
    await renderFirstPage(endlessDrawingPdf(), { timeMs: 3_000, heapMb: 128 }).catch(() => undefined);
    clearInterval(timer);
    const gaps = ticks.slice(1).map((t, i) => t - ticks[i]!);
    assert.ok(Math.max(...gaps) < 500, `the event loop stalled ${Math.max(...gaps)} ms`);
  });
});
