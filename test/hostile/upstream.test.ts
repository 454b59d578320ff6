// The polite client against hostile upstreams (the second hardening pass, points 4–6), for every service that goes
// through it (arXiv, Hugging Face, GitHub): a 700 MB body is refused at the service's limit and not asked again; a
// redirect to another host is not followed; a Retry-After of twenty days ends the request instead of sleeping; a
// redirect loop ends.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createPoliteHttp, SERVICE_MAX_BYTES, UpstreamRefused } from '../../src/net/polite-http.ts';

describe('the polite client against a hostile upstream', () => {
  let server: http.Server;
  let other: http.Server;
  let base = '';
  let otherHits = 0;
  const hits = new Map<string, number>();
  before(async () => {
    other = http.createServer((_req, res) => {
      otherHits += 1;
      res.end('{"secret": true}');
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}/`;
    server = http.createServer((req, res) => {
      hits.set(req.url ?? '', (hits.get(req.url ?? '') ?? 0) + 1);
      if (req.url === '/huge') {
        res.writeHead(200, { 'content-type': 'application/json' });
        const chunk = Buffer.alloc(1 << 20, 32);
        let sent = 0;
        const pump = () => {
          while (sent < 700 && res.write(chunk)) sent += 1;
          if (sent >= 700) res.end();
        };
        res.on('drain', pump);
        return pump();
      }
      if (req.url === '/declared') {
        res.writeHead(200, { 'content-length': String(700 * 1024 * 1024) });
        return res.end();
      }
      if (req.url === '/elsewhere') return res.writeHead(302, { location: otherUrl }).end();
      if (req.url === '/loop') return res.writeHead(301, { location: '/loop' }).end();
      if (req.url === '/moved') return res.writeHead(301, { location: '/here' }).end();
      if (req.url === '/here') return res.end('arrived');
      if (req.url === '/wait') return res.writeHead(503, { 'retry-after': String(20 * 86_400) }).end();
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    for (const s of [server, other]) s.closeAllConnections();
    server.close();
    other.close();
  });

  const client = () => createPoliteHttp({ userAgent: 'test', minIntervalMs: 0, timeScale: 0.001, timeoutMs: 5_000 });

  it('refuses a 700 MB body at the service’s limit, once, without holding it', async () => {
    const rssBefore = process.memoryUsage().rss;
    for (const [path, limit] of [['/huge', SERVICE_MAX_BYTES.hfDaily], ['/declared', SERVICE_MAX_BYTES.arxivApi]] as const) {
      await assert.rejects(client().get(base + path, { maxBytes: limit }), (error: unknown) => error instanceof UpstreamRefused && /bytes/.test(error.message));
      assert.equal(hits.get(path), 1, `${path} is not asked again`);
    }
    assert.ok(process.memoryUsage().rss - rssBefore < 200 * 1024 * 1024, 'the body was not held');
  });

  it('follows redirects on the same host only, and not in a loop', async () => {
    assert.equal((await client().get(`${base}/moved`)).body, 'arrived');
    await assert.rejects(client().get(`${base}/elsewhere`), /another host/);
    assert.equal(otherHits, 0);
    await assert.rejects(client().get(`${base}/loop`), /more than 5 redirects/);
  });

  it('ends a request asked to wait twenty days, instead of sleeping', async () => {
    const started = Date.now();
    await assert.rejects(client().get(`${base}/wait`), (error: unknown) => error instanceof UpstreamRefused && error.retryAt !== null && error.retryAt > Date.now() + 19 * 86_400_000);
    assert.ok(Date.now() - started < 5_000);
    assert.equal(hits.get('/wait'), 1);
  });
});
