// Hostile text in a title, an abstract, a comment and a display name: every page and feed must show it as text.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import { startApp, type RunningApp } from '../helpers/app.ts';
import { HttpSession } from '../helpers/browser-session.ts';
import { signInThroughMailFile } from '../helpers/sign-in.ts';

const SCRIPT = '<script>alert(1)</script>';
const IMG = '"><img src=x onerror=alert(1)>';
const hostile = `${SCRIPT} ${IMG}`;
/** What would run if the text were markup. */
const LIVE = [/<script>alert/i, /<img src=x/i];

describe('hostile text stays inert on every page and feed', () => {
  let app: RunningApp;
  let moderator: HttpSession;
  let mallory: HttpSession;
  const day = '2026-11-20';

  before(async () => {
    app = await startApp(async ({ services, dir }) => {
      const file = path.join(dir, 'hostile.jsonl');
      const paper = { id: '2611.00042', title: `Quokkas ${hostile}`, abstract: `Abstract ${hostile}`, authors: [{ name: `Mal ${hostile}` }], categories: ['cs.LG'], publishedAt: `${day}T10:00:00Z` };
      fs.writeFileSync(file, `${JSON.stringify(paper)}\n`);
      await services.importer.importFile(file);
      await services.accounts.addUser('mod@example.org', 'moderator');
    }, { SUBMIT_MAX_AGE_DAYS: '100000' });
    mallory = await signInThroughMailFile(app, 'mallory@example.org');
    const account = await (await mallory.get('/account')).text();
    const saved = await mallory.post('/account', { username: 'mallory', displayName: `Mal ${IMG}`.slice(0, 60), showUpvotes: 'on', _csrf: HttpSession.csrfOf(account) });
    assert.equal(saved.status, 303);
    const paperPage = await (await mallory.get('/papers/2611.00042')).text();
    const commented = await mallory.post('/papers/2611.00042/comments', { body: `Look ${hostile} [x](javascript:alert(1))`, _csrf: HttpSession.csrfOf(paperPage) });
    assert.equal(commented.status, 303);
    const votePage = await (await mallory.get('/papers/2611.00042')).text();
    await mallory.post('/papers/2611.00042/upvote', { _csrf: HttpSession.csrfOf(votePage) });
    const { user } = await app.services.accounts.addUser('mallory@example.org', 'user');
    await app.services.community.submit(user, '2611.00042', new Date('2026-11-21T12:00:00Z'));
    const [thread] = (await app.services.comments.threads((await app.services.papers.get('2611.00042')).paper)).threads;
    const other = (await app.services.accounts.addUser('flagger@example.org', 'user')).user;
    if (thread) await app.services.comments.flag(other, thread.comment.id, 'abuse');
    moderator = await signInThroughMailFile(app, 'mod@example.org');
  });
  after(() => app.close());

  const assertInert = (body: string, where: string) => {
    for (const live of LIVE) assert.doesNotMatch(body, live, `${where} renders ${live} live`);
  };

  it('every page shows it escaped', async () => {
    const pages = ['/', `/date/${day}`, '/week/2026-W47', '/month/2026-11', '/trending', '/papers/2611.00042', '/search?q=quokkas', '/u/mallory', `/date/${day}?sort=newest`];
    for (const page of pages) {
      const body = await (await mallory.get(page)).text();
      assert.match(body, /&lt;script(>|&gt;)alert\(1\)&lt;\/script|&quot;(>|&gt;)&lt;img src=x/, `${page} shows the text`);
      assertInert(body, page);
    }
    const admin = await (await moderator.get('/admin')).text();
    assert.match(admin, /Look &lt;script(>|&gt;)alert\(1\)/, 'the queue shows the flagged comment');
    assertInert(admin, '/admin');
    const paper = await (await app.get('/papers/2611.00042')).text();
    assert.doesNotMatch(paper, /href="javascript:/i);
  });

  it('every feed carries it as text', async () => {
    const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['entry', 'item'].includes(name) });
    for (const base of [`/feeds/day/${day}`, '/feeds/trending', '/feeds/latest', '/feeds/u/mallory', '/feeds/search']) {
      const query = base === '/feeds/search' ? '?q=quokkas' : '';
      const atom = await (await app.get(`${base}.atom${query}`)).text();
      const rss = await (await app.get(`${base}.rss${query}`)).text();
      assertInert(atom, `${base}.atom`);
      assertInert(rss, `${base}.rss`);
      const entry = parser.parse(atom).feed.entry[0];
      assert.equal(entry.title['@_type'], 'text', 'Atom titles are text, not HTML');
      assert.equal(entry.title['#text'], `Quokkas ${hostile}`, 'and come back exactly');
      assert.equal(parser.parse(rss).rss.channel.item[0].title, `Quokkas ${hostile}`);
      const json = JSON.parse(await (await app.get(`${base}.json${query}`)).text()) as { items: Array<Record<string, unknown>> };
      assert.equal(json.items[0]?.title, `Quokkas ${hostile}`);
      assert.ok(!('content_html' in (json.items[0] ?? {})), 'JSON Feed items carry text only');
    }
  });

  it('the JSON API returns it as data, never as a page', async () => {
    for (const path of ['/api/papers/2611.00042', '/api/papers/2611.00042/comments', '/api/trending', `/api/daily_papers?date=${day}`, '/api/search?q=quokkas']) {
      const response = await app.get(path);
      assert.match(response.headers.get('content-type') ?? '', /^application\/json/, path);
    }
  });

  it('sends a Content-Security-Policy without inline scripts on every page', async () => {
    const csp = (await app.get('/')).headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
  });
});
