// The low findings of the second hardening pass, each as the careless operator or the attacker met it: a return
// address that made a 500 after the vote was recorded, BibTeX that obeyed \input and split an author, a version of
// 2^53, TRUST_PROXY=true, row ids and NULs that PostgreSQL answered with 500, Fastify's own error shapes, author links
// that answered 414 or led to `/`, a full disk hidden behind "cannot rollback". Storage findings on both engines.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import bibtexParse from 'bibtex-parse';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { bibtexFor } from '../../src/papers/bibtex.ts';
import type { Paper } from '../../src/papers/paper.ts';
import { startApp, type RunningApp } from '../helpers/app.ts';
import { kaggleSample } from '../helpers/paths.ts';
import { ENGINES } from '../helpers/postgres.ts';
import { signInThroughMailFile } from '../helpers/sign-in.ts';
import { sqliteOf, tempDatabase } from '../helpers/temp-db.ts';

const paper = (fields: Partial<Paper>): Paper => ({
  pk: 1, id: '2611.00001', version: 1, title: 'A title', abstract: '', authors: [{ name: 'Ada Lovelace' }], categories: ['cs.LG'],
  primaryCategory: 'cs.LG', publishedAt: '2026-11-20T00:00:00Z', updatedAt: null, doi: null, journalRef: null, comments: null,
  isDemo: false, firstSeenAt: '', upvotes: 0, numComments: 0, commenters: 0, trending: 0, projectPage: null, codeStars: 0, codeStarsPerDay: 0, hfUpvotes: 0, hasCode: false, hiddenAt: null, featuredAt: null, ...fields,
});

describe('BibTeX against hostile metadata', () => {
  it('spells out \\input and keeps an author named "X and Y" one author, as a real parser reads it', () => {
    const text = bibtexFor(paper({ title: 'Reading \\input{/etc/passwd} and \\immediate\\write18{rm -rf}', authors: [{ name: 'Smith and Jones' }, { name: 'Ada Lovelace' }] }));
    const [entry, ...others] = bibtexParse.entries(text);
    assert.equal(others.length, 0);
    assert.doesNotMatch(entry?.TITLE ?? '', /(?<!textbackslash\{\})\\(input|immediate|write)/);
    // bibtex-parse gives a field without its inner braces, so the bracing is read from the entry itself: BibTeX splits
    // authors on "and" outside braces only.
    assert.match(text, /author = \{\{Smith and Jones\} and Ada Lovelace\}/);
    assert.equal(entry?.AUTHOR, 'Smith and Jones and Ada Lovelace');
  });
});

describe('configuration', () => {
  it('refuses TRUST_PROXY=true with what to set instead', () => {
    assert.throws(() => loadConfig({ TRUST_PROXY: 'true' }), (error: unknown) => error instanceof ConfigError && /number of proxies/.test(error.message));
    assert.deepEqual(loadConfig({ TRUST_PROXY: '1' }).http.trustProxy, 1);
  });
});

describe('a full disk during an import (SQLite)', () => {
  it('says the disk is full, not "cannot rollback"', async () => {
    const database = await tempDatabase();
    try {
      const sqlite = sqliteOf(database.db);
      const pages = (sqlite.pragma('page_count', { simple: true }) as number) + 2;
      sqlite.pragma(`max_page_count = ${pages}`); // SQLite answers SQLITE_FULL past it, as on a full disk
      await assert.rejects(database.services.importer.importFile(kaggleSample), (error: Error) => {
        assert.doesNotMatch(error.message, /cannot rollback/);
        assert.match(error.message, /full/);
        return true;
      });
    } finally {
      await database.cleanup();
    }
  });
});

for (const engine of ENGINES) {
  describe(`hostile requests (${engine})`, () => {
    let app: RunningApp;
    before(async () => {
      app = await startApp(async ({ services, dir }) => {
        await services.importer.importFile(kaggleSample);
        const file = path.join(dir, 'authors.jsonl');
        fs.writeFileSync(file, JSON.stringify({ id: '2612.00077', title: 'Odd authors', abstract: 'A paper.', categories: ['cs.LG'], authors: [{ name: '..' }, { name: 'Ж'.repeat(250) }, { name: 'Ada Lovelace' }], publishedAt: '2026-12-01T00:00:00Z' }));
        await services.importer.importFile(file);
      }, { RATE_LIMIT_READS: '0', PAGE_CACHE_SECONDS: '0' }, engine);
    });
    after(() => app.close());

    it('records a vote and redirects, whatever the return address holds', async () => {
      const member = await signInThroughMailFile(app, `voter-${engine}@example.org`);
      for (const back of ['/authors/Éric Ünïcode', '/search?q=日本語', '/x\u0001y', '/\ud800']) {
        const answer = await member.postFrom('/papers/0704.0001', '/papers/0704.0001/upvote', { return: back });
        assert.equal(answer.status, 303, `return=${JSON.stringify(back)}`);
        assert.match(answer.headers.get('location') ?? '', /^\/[\x21-\x7e]*$/);
        await member.postFrom('/papers/0704.0001', '/papers/0704.0001/unvote', {});
      }
    });

    it('answers ids past 2^31-1, NULs and broken addresses with 4xx in the site’s JSON shape', async () => {
      // As a moderator with a token, so the id is read (a stranger is refused before).
      const { user } = await app.services.accounts.addUser(`mod-${engine}@example.org`, 'moderator');
      const { token } = await app.services.accounts.createApiToken(user.id, 'hostile');
      for (const [method, url] of [['DELETE', '/api/comments/2147483648'], ['DELETE', '/api/papers/0704.0001/code/99999999999'], ['POST', '/api/papers/0704.0001/code/2147483648/confirm']] as const) {
        const answer = await app.get(url, { method, headers: { authorization: `Bearer ${token}` } });
        assert.equal(answer.status, 400, `${method} ${url}: ${answer.status}`);
        assert.match(((await answer.json()) as { error: { message: string } }).error.message, /that large/);
      }
      for (const [method, url] of [['DELETE', '/api/comments/99999999999'], ['DELETE', '/api/papers/0704.0001/code/99999999999'], ['GET', '/api/search?q=%00'], ['GET', '/api/authors/a%00b'], ['GET', '/api/papers/%E0%A4%A'], ['GET', `/api/authors/${'a'.repeat(1200)}`], ['GET', '/api/papers/0704.0001v9007199254740993']] as const) {
        const answer = await app.get(url, { method });
        assert.ok(answer.status >= 400 && answer.status < 500, `${method} ${url.slice(0, 60)}: ${answer.status}`);
        const body = (await answer.json()) as { error?: { code?: string; message?: string } };
        assert.equal(typeof body.error?.code, 'string', `${url.slice(0, 60)}: ${JSON.stringify(body).slice(0, 120)}`);
        assert.equal(typeof body.error?.message, 'string');
      }
      // A NUL in fields that reach storage: refused by the field's own rule, or as a character that cannot be stored.
      for (const body of [{ email: 'a\u0000@example.org' }, { email: `nul-${engine}@example.org`, topics: ['graph\u0000 networks'] }]) {
        const posted = await app.get('/api/subscriptions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
        assert.ok(posted.status === 400 || posted.status === 202, `${JSON.stringify(body)}: ${posted.status}`);
      }
    });

    it('links an author’s page only where it can be addressed', async () => {
      const page = await (await app.get('/papers/2612.00077')).text();
      assert.doesNotMatch(page, /href="\/authors\/\.\.?"/, '"." and ".." are no links to /');
      assert.doesNotMatch(page, /href="\/authors\/(%D0%96){250}"/, 'a name past the path bound is no link');
      assert.match(page, /href="\/authors\/Ada%20Lovelace"/);
      const ada = await app.get('/authors/Ada%20Lovelace');
      assert.equal(ada.status, 200);
    });
  });
}

describe('names that read as staff', () => {
  it('keeps admin, moderator and the like for the site, in usernames and display names', async () => {
    const { usernameFromEmail, usernameSchema, displayNameSchema } = await import('../../src/accounts/account.ts');
    for (const name of ['admin', 'Moderator', 'paperboard', 'root', 'no-reply']) assert.equal(usernameSchema.safeParse(name).success, false, name);
    for (const name of ['Ada (moderator)', 'Bob [Admin]', 'Staff', '{official}']) assert.equal(displayNameSchema.safeParse(name).success, false, name);
    assert.equal(usernameSchema.safeParse('ada-lovelace').success, true);
    assert.equal(displayNameSchema.safeParse('Ada Lovelace (Oxford)').success, true);
    assert.equal(usernameFromEmail('admin@lab.example.org'), 'reader-admin');
  });
});

describe('a database outage', () => {
  it('answers 503 with Retry-After on PostgreSQL while it refuses connections, and recovers', async () => {
    const app = await startApp(async ({ services }) => {
      await services.importer.importFile(kaggleSample);
    }, { RATE_LIMIT_READS: '0', PAGE_CACHE_SECONDS: '0' }, 'postgres');
    const url = new URL(app.processEnv.PAPERBOARD_DB);
    const name = url.pathname.slice(1);
    const admin = new (await import('pg')).default.Client({ connectionString: process.env.PAPERBOARD_TEST_POSTGRES });
    await admin.connect();
    try {
      await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
      const statuses: number[] = [];
      for (const id of ['0704.0002', '0704.0003', '0704.0004']) {
        const answer = await app.get(`/api/papers/${id}`); // never read before: no cache answers for the database
        statuses.push(answer.status);
        if (answer.status === 503) {
          assert.equal(answer.headers.get('retry-after'), '30');
          assert.match(((await answer.json()) as { error: { message: string } }).error.message, /unavailable/);
        }
      }
      assert.deepEqual(statuses, [503, 503, 503]);
      await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
      assert.equal((await app.get('/api/papers/0704.0001')).status, 200, 'back once the database is');
    } finally {
      await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`).catch(() => undefined);
      await admin.end();
      await app.close();
    }
  });

  it('answers 503 with Retry-After on SQLite when the file stays locked by another process', async () => {
    const app = await startApp(async ({ services }) => {
      await services.importer.importFile(kaggleSample);
    }, { RATE_LIMIT_READS: '0', PAGE_CACHE_SECONDS: '0' });
    const BetterSqlite3 = (await import('better-sqlite3')).default;
    const other = new BetterSqlite3(app.file);
    try {
      const { user } = await app.services.accounts.addUser('locked@example.org', 'user');
      const { token } = await app.services.accounts.createApiToken(user.id, 'lock');
      other.exec('BEGIN EXCLUSIVE');
      const answer = await app.get('/api/papers/0704.0001/upvote', { method: 'POST', headers: { authorization: `Bearer ${token}` } });
      assert.equal(answer.status, 503);
      assert.equal(answer.headers.get('retry-after'), '30');
    } finally {
      other.exec('ROLLBACK');
      other.close();
      await app.close();
    }
  });
});

describe('a full disk under a running server (SQLite)', () => {
  it('answers the write 503 with Retry-After, and /healthz 503 "disk is full"', async () => {
    const app = await startApp(async ({ services }) => {
      await services.importer.importFile(kaggleSample);
    }, { RATE_LIMIT_READS: '0', PAGE_CACHE_SECONDS: '0' });
    try {
      // Members' comments are limited to 10 a minute each: a few members write enough to need new pages.
      const tokens: string[] = [];
      for (let i = 0; i < 5; i += 1) {
        const { user } = await app.services.accounts.addUser(`full${i}@example.org`, 'user');
        tokens.push((await app.services.accounts.createApiToken(user.id, 'full')).token);
      }
      const sqlite = sqliteOf(app.db);
      sqlite.pragma('wal_checkpoint(TRUNCATE)');
      sqlite.pragma(`max_page_count = ${sqlite.pragma('page_count', { simple: true }) as number}`); // as a full disk answers
      let status = 0;
      let retryAfter: string | null = null;
      for (let i = 0; i < 50 && status !== 503; i += 1) {
        const token = tokens[i % tokens.length] as string;
        // Comments of 15,000 characters need new pages, which the "disk" no longer has.
        const answer = await app.get('/api/papers/0704.0001/comments', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ body: `${i} ${'words and more words '.repeat(230)}` }) });
        status = answer.status;
        retryAfter = answer.headers.get('retry-after');
      }
      assert.equal(status, 503, 'a write that meets the full disk');
      assert.equal(retryAfter, '30');
      const health = await app.get('/healthz');
      assert.equal(health.status, 503);
      assert.match(((await health.json()) as { problem: string }).problem, /disk is full/);
    } finally {
      await app.close();
    }
  });
});
