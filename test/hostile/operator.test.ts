// What a careless operator or a curious stranger runs into: /metrics from outside, a damaged database file, a version
// that does not exist, `serve --port` without PUBLIC_URL, `digest send` without it, a reverse proxy in front.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { startApp, type RunningApp } from '../helpers/app.ts';
import { runCli } from '../helpers/cli.ts';
import { kaggleSample } from '../helpers/paths.ts';
import { startServerProcess } from '../helpers/server-process.ts';
import { tempDir } from '../helpers/temp-db.ts';

describe('what strangers may read', () => {
  let app: RunningApp;
  before(async () => {
    app = await startApp(async ({ services }) => void (await services.importer.importFile(kaggleSample)), { METRICS_TOKEN: 'metrics-token-0123456789' });
  });
  after(() => app.close());

  it('keeps /metrics to this machine, or to whoever shows METRICS_TOKEN', async () => {
    assert.equal((await app.fastify.inject({ url: '/metrics', remoteAddress: '127.0.0.1' })).statusCode, 200);
    assert.equal((await app.fastify.inject({ url: '/metrics', remoteAddress: '203.0.113.7' })).statusCode, 404);
    const wrong = await app.fastify.inject({ url: '/metrics', remoteAddress: '203.0.113.7', headers: { authorization: 'Bearer metrics-token-0123456780' } });
    assert.equal(wrong.statusCode, 404);
    const right = await app.fastify.inject({ url: '/metrics', remoteAddress: '203.0.113.7', headers: { authorization: 'Bearer metrics-token-0123456789' } });
    assert.equal(right.statusCode, 200);
    assert.match(right.body, /paperboard_http_requests_total/);
  });

  it('answers 404 for a version of a paper that does not exist, and serves those that do', async () => {
    const missing = await app.get('/api/papers/0704.0001v99');
    assert.equal(missing.status, 404);
    assert.match(await missing.text(), /has no version 99 here: the latest known is v2/);
    assert.equal((await app.get('/api/papers/0704.0001v2')).status, 200);
    assert.equal((await app.get('/papers/0704.0001v99')).status, 404);
    assert.equal((await app.get('/papers/0704.0001v1')).status, 301);
  });
});

describe('behind a reverse proxy', () => {
  let app: RunningApp;
  before(async () => {
    app = await startApp(undefined, { TRUST_PROXY: '1', RATE_LIMIT_READS: '3' });
  });
  after(() => app.close());

  it('takes the client from X-Forwarded-For: /metrics is not loopback, and limits count each client', async () => {
    const viaProxy = (client: string, url = '/about') => app.fastify.inject({ url, remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': client } });
    assert.equal((await viaProxy('198.51.100.1', '/metrics')).statusCode, 404, 'a client through the proxy is not this machine');
    for (let i = 0; i < 3; i += 1) assert.equal((await viaProxy('198.51.100.2')).statusCode, 200);
    assert.equal((await viaProxy('198.51.100.2')).statusCode, 429, 'the fourth request of one client');
    assert.equal((await viaProxy('198.51.100.3')).statusCode, 200, 'another client behind the same proxy is not held back');
  });
});

describe('a damaged database file', () => {
  const dir = tempDir('paperboard-damaged-');
  const file = path.join(dir, 'paperboard.db');
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('makes /healthz answer 503 with the reason once a request runs into it', async () => {
    assert.equal((await runCli(['import', kaggleSample], { PAPERBOARD_DB: file })).code, 0);
    // Overwrite the leaf pages that hold the papers' rows, as a failing disk would: the schema and indexes stay readable.
    const sqlite = new BetterSqlite3(file);
    sqlite.pragma('journal_mode = DELETE'); // everything in the main file, nothing in a WAL to hide the damage
    const pageSize = Number(sqlite.pragma('page_size', { simple: true }));
    const pages = (sqlite.prepare(`SELECT pageno FROM dbstat WHERE name = 'papers' AND pagetype = 'leaf'`).pluck().all() as number[]).slice(1, 8);
    sqlite.close();
    const handle = fs.openSync(file, 'r+');
    for (const page of pages) fs.writeSync(handle, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (page - 1) * pageSize);
    fs.closeSync(handle);

    const server = await startServerProcess({ PAPERBOARD_DB: file }, ['--no-jobs']);
    try {
      const ids = fs.readFileSync(kaggleSample, 'utf8').trim().split('\n').map((line) => (JSON.parse(line) as { id: string }).id);
      let broken = 0;
      for (const id of ids) if ((await fetch(`${server.url}/api/papers/${id}`)).status === 500) broken += 1;
      assert.ok(broken > 0, 'some papers sit on the damaged pages');
      const health = await fetch(`${server.url}/healthz`);
      assert.equal(health.status, 503);
      assert.match(((await health.json()) as { problem: string }).problem, /damaged|malformed/);
    } finally {
      await server.stop();
    }
  });
});

describe('a damaged keyword index, met by a search worker', () => {
  const dir = tempDir('paperboard-damaged-index-');
  const file = path.join(dir, 'paperboard.db');
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('makes /healthz answer 503 too: the worker’s error keeps its code (SQLITE_CORRUPT_VTAB)', async () => {
    assert.equal((await runCli(['import', kaggleSample], { PAPERBOARD_DB: file })).code, 0);
    const sqlite = new BetterSqlite3(file);
    sqlite.pragma('journal_mode = DELETE');
    const pageSize = Number(sqlite.pragma('page_size', { simple: true }));
    // A few of the index's pages, as a failing disk would damage them: the health probe's own query still reads.
    const pages = (sqlite.prepare(`SELECT pageno FROM dbstat WHERE name = 'keyword_fts_data' AND pagetype = 'leaf'`).pluck().all() as number[]).slice(2, 5);
    sqlite.close();
    assert.ok(pages.length > 0, 'the index has pages of its own');
    const handle = fs.openSync(file, 'r+');
    for (const page of pages) fs.writeSync(handle, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (page - 1) * pageSize);
    fs.closeSync(handle);

    const server = await startServerProcess({ PAPERBOARD_DB: file, SEARCH_WORKERS: '1', RATE_LIMIT_SEARCHES: '0' }, ['--no-jobs']);
    try {
      let failed = 0;
      for (const q of ['quantum', 'graph', 'model', 'energy', 'field', 'the', 'of', 'we', 'and', 'a', 'mass', 'black', 'hole', 'theory', 'spin']) if ((await fetch(`${server.url}/api/search?mode=keyword&q=${q}`)).status >= 500) failed += 1;
      assert.ok(failed > 0, 'searches run into the damaged index');
      const health = await fetch(`${server.url}/healthz`);
      assert.equal(health.status, 503);
      assert.match(((await health.json()) as { problem: string }).problem, /damaged|malformed|corrupt/i);
    } finally {
      await server.stop();
    }
  });
});

describe('links in mail name the address the site is served at', () => {
  const dir = tempDir('paperboard-links-');
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('`serve --port N` without PUBLIC_URL mails links to port N', async () => {
    const server = await startServerProcess({ PAPERBOARD_DB: path.join(dir, 'p.db'), PORT: '3000', PUBLIC_URL: '' }, ['--no-jobs']);
    try {
      const page = await fetch(`${server.url}/login`);
      const cookie = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
      const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
      const posted = await fetch(`${server.url}/login`, {
        method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email: 'port@example.org', _csrf: token }).toString(),
      });
      assert.equal(posted.status, 200);
    } finally {
      await server.stop();
    }
    const mail = fs.readdirSync(path.join(dir, 'mail')).map((f) => fs.readFileSync(path.join(dir, 'mail', f), 'utf8')).join('\n').replace(/=\r?\n/g, '');
    const port = new URL(server.url).port;
    assert.notEqual(port, '3000');
    assert.match(mail, new RegExp(`http://127\\.0\\.0\\.1:${port}/login/verify\\?token=`));
  });

  it('`digest send` without PUBLIC_URL refuses, saying what to set', async () => {
    const result = await runCli(['digest', 'send'], { PAPERBOARD_DB: path.join(dir, 'p.db'), PUBLIC_URL: '' });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /set PUBLIC_URL/);
  });
});
