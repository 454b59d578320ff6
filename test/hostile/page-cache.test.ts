// The page caches against visitors in a row, forged and borrowed form tokens, and cache-busting query strings: no
// visitor gets another's form token, and no stream of URLs grows memory past the bound.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startApp, type RunningApp } from '../helpers/app.ts';
import { HttpSession } from '../helpers/browser-session.ts';
import { kaggleSample } from '../helpers/paths.ts';
import { signInThroughMailFile } from '../helpers/sign-in.ts';

describe('form tokens and the visitors’ page cache', () => {
  let app: RunningApp;
  before(async () => {
    app = await startApp(undefined, { PAGE_CACHE_SECONDS: '60' });
  });
  after(() => app.close());

  /** A visitor who has been here before: holds a CSRF cookie, and opens `path` again (the page a cache would keep). */
  async function returningVisitor(path: string): Promise<HttpSession> {
    const visitor = new HttpSession(app.url);
    await visitor.get(path);
    assert.ok(visitor.cookies.has('_csrf'));
    const again = await visitor.get(path);
    assert.equal(again.status, 200);
    assert.equal(visitor.lastCookies.length, 0, 'no new cookie for a returning visitor');
    return visitor;
  }

  for (const [path, fields] of [
    ['/login', { email: 'first@example.org' }],
    ['/subscribe', { email: 'reader@example.org', frequency: 'daily', weeklyDay: '1', paperCount: '10', topics: '' }],
  ] as const) {
    it(`lets two fresh visitors in a row post ${path}, each with a token of their own`, async () => {
      await returningVisitor(path); // before the fix, this render was cached and given to the next visitors
      const tokens: string[] = [];
      for (const name of ['second', 'third']) {
        const visitor = new HttpSession(app.url);
        const page = await visitor.get(path);
        assert.notEqual(page.headers.get('x-page-cache'), 'hit', 'a page with a form token is never served from the cache');
        assert.ok(visitor.cookies.has('_csrf'), `${name} visitor gets a CSRF cookie of their own`);
        const token = HttpSession.csrfOf(await page.text());
        tokens.push(token);
        const posted = await visitor.post(path, { ...fields, email: `${name}@example.org`, _csrf: token });
        assert.ok(posted.status < 400, `${name} visitor's post of ${path}: ${posted.status}`);
      }
      assert.notEqual(tokens[0], tokens[1]);
    });
  }

  it('refuses a token taken from another visitor’s page', async () => {
    const owner = new HttpSession(app.url);
    const token = HttpSession.csrfOf(await (await owner.get('/login')).text());
    const thief = new HttpSession(app.url);
    await thief.get('/login');
    const posted = await thief.post('/login', { email: 'x@example.org', _csrf: token });
    assert.equal(posted.status, 403);
  });

  it('binds a member’s tokens to their session: a token from before signing in, or from another session, is refused', async () => {
    const member = await signInThroughMailFile(app, 'member@example.org');
    const page = await (await member.get('/account')).text();
    const token = HttpSession.csrfOf(page);
    const other = await signInThroughMailFile(app, 'member@example.org'); // the same member, another device
    other.cookies.set('_csrf', member.cookies.get('_csrf') ?? '');
    const borrowed = await other.post('/account', { username: 'member', displayName: 'M', _csrf: token });
    assert.equal(borrowed.status, 403, 'the token belongs to the first session');
    const own = await member.post('/account', { username: 'member', displayName: 'M', _csrf: token });
    assert.equal(own.status, 303);
  });
});

describe('the page caches’ bounds', () => {
  let app: RunningApp;
  before(async () => {
    app = await startApp(async ({ services }) => void (await services.importer.importFile(kaggleSample)), {
      PAGE_CACHE_SECONDS: '600',
      PAGE_CACHE_MB: '1',
      RATE_LIMIT_READS: '0',
      RATE_LIMIT_SEARCHES: '0',
    });
  });
  after(() => app.close());

  const cacheBytes = async () => {
    const metrics = await (await app.fastify.inject({ url: '/metrics' })).body;
    const line = /paperboard_page_cache_bytes\{cache="visitors"\} (\d+)/.exec(metrics);
    return Number(line?.[1]);
  };

  it('does not keep pages asked with query parameters the page does not read', async () => {
    const first = await app.get('/?utm=1');
    assert.equal(first.status, 200);
    assert.equal(first.headers.get('x-page-cache'), null, 'not stored');
    assert.equal((await app.get('/?utm=1')).headers.get('x-page-cache'), null, 'so never a hit');
    assert.equal((await app.get('/')).headers.get('x-page-cache'), 'miss');
    assert.equal((await app.get('/')).headers.get('x-page-cache'), 'hit');
    const before = await cacheBytes();
    for (let i = 0; i < 200; i += 1) await app.get(`/?bust=${i}`);
    assert.equal(await cacheBytes(), before, 'cache-busting parameters add nothing');
  });

  it('holds no more than PAGE_CACHE_MB whatever the number of pages asked', async () => {
    for (let i = 0; i < 400; i += 1) {
      const response = await app.get(`/search?q=quantum%20${i}&mode=keyword`);
      assert.equal(response.status, 200);
    }
    const held = await cacheBytes();
    assert.ok(held > 0 && held <= 2 ** 20, `${held} bytes`);
  });
});
