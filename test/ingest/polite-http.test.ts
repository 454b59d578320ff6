import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { backoffMs, createPoliteHttp, FetchError, retryAfterMs, userAgentFor } from '../../src/net/polite-http.ts';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.ts';

// Production waits, scaled by 1/100: 3 s between requests becomes 30 ms, Retry-After 10 s becomes 100 ms.
const SCALE = 0.01;
const client = (extra: Partial<Parameters<typeof createPoliteHttp>[0]> = {}) =>
  createPoliteHttp({ userAgent: userAgentFor('https://papers.example.org', 'ops@example.org'), minIntervalMs: 3000, timeScale: SCALE, maxRetries: 3, ...extra });

describe('polite HTTP client', () => {
  let fixtures: FixtureServer;
  before(async () => (fixtures = await startFixtureServer()));
  after(() => fixtures.close());

  it('waits as Retry-After says on a 503, then gets the 200 (recorded arXiv OAI responses)', async () => {
    const started = Date.now();
    const response = await client().get(`${fixtures.url}/oai2?verb=ListRecords&metadataPrefix=arXiv&from=2015-01-01&until=2015-01-03`);
    assert.equal(response.status, 200);
    assert.match(response.body, /<ListRecords>/);
    assert.ok(Date.now() - started >= 10_000 * SCALE, 'waited the scaled ten seconds');
    assert.match(fixtures.requests.at(-1)?.userAgent ?? '', /^Paperboard\/\S+ \(\+https:\/\/papers\.example\.org; ops@example\.org\)$/);
  });

  it('spaces requests to one host', async () => {
    const polite = client();
    const before = fixtures.requests.length;
    for (let i = 0; i < 3; i += 1) await polite.get(`${fixtures.url}/oai2?verb=Identify`);
    const times = fixtures.requests.slice(before).map((r) => r.at);
    for (let i = 1; i < times.length; i += 1) {
      assert.ok((times[i] as number) - (times[i - 1] as number) >= 3000 * SCALE - 2, `gap ${i}: ${(times[i] as number) - (times[i - 1] as number)} ms`);
    }
  });

  it('returns other client errors for the caller to read', async () => {
    const response = await client().get(`${fixtures.url}/api/query?search_query=&id_list=abc&sortBy=relevance&sortOrder=descending&start=0&max_results=100`);
    assert.equal(response.status, 400);
    assert.match(response.body, /incorrect id format for abc/);
  });

  it('backs off on server errors and succeeds when the server recovers', async () => {
    let calls = 0;
    fixtures.override('/flaky', () => (++calls < 3 ? { status: 500, body: 'oops' } : { status: 200, body: 'fine' }));
    const response = await client({ random: () => 0.5 }).get(`${fixtures.url}/flaky`);
    assert.equal(response.body, 'fine');
    assert.equal(calls, 3);
  });

  it('gives up with a clear error naming the URL', async () => {
    fixtures.override('/down', () => ({ status: 502, body: 'bad gateway' }));
    await assert.rejects(client({ maxRetries: 2 }).get(`${fixtures.url}/down`), (error: unknown) => {
      assert.ok(error instanceof FetchError);
      assert.match(error.message, /^GET http:\/\/127\.0\.0\.1:\d+\/down: gave up after 3 attempts \(last: HTTP 502\)$/);
      return true;
    });
  });

  it('treats a refused connection and a silent server as errors it retries, then reports', async () => {
    const silent = http.createServer(() => undefined); // accepts, never answers
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    try {
      await assert.rejects(client({ maxRetries: 1, timeoutMs: 150 }).get(`http://127.0.0.1:${port}/`), /no answer within 0\.15 s/);
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
    await assert.rejects(client({ maxRetries: 1 }).get('http://127.0.0.1:9/'), /gave up after 2 attempts/);
  });
});

describe('waits', () => {
  it('reads Retry-After as seconds or as an HTTP date', () => {
    assert.equal(retryAfterMs('10'), 10_000);
    const now = Date.parse('2026-11-26T12:00:00Z');
    assert.equal(retryAfterMs('Thu, 26 Nov 2026 12:00:30 GMT', now), 30_000);
    assert.equal(retryAfterMs('Thu, 26 Nov 2026 11:00:00 GMT', now), 0);
    assert.equal(retryAfterMs('soon'), null);
    assert.equal(retryAfterMs(null), null);
  });

  it('doubles the backoff with jitter, up to a cap', () => {
    assert.equal(backoffMs(0, () => 0.5, 60_000), 1000);
    assert.equal(backoffMs(3, () => 0.5, 60_000), 8000);
    assert.equal(backoffMs(20, () => 0.5, 60_000), 60_000);
    assert.equal(backoffMs(1, () => 0, 60_000), 1000);
    assert.equal(backoffMs(1, () => 0.999, 60_000), 2998);
  });
});
