import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startApp, type RunningApp } from '../helpers/app.ts';
import { HttpSession } from '../helpers/browser-session.ts';
import { runCli } from '../helpers/cli.ts';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.ts';
import { kaggleSample } from '../helpers/paths.ts';
import { signInThroughMailFile } from '../helpers/sign-in.ts';
import { rows, scalar, sql } from '../helpers/sql.ts';
import { ENGINES } from '../helpers/postgres.ts';

interface VoteState { id: string; upvoted: boolean; upvotes: number }

for (const engine of ENGINES) describe(`upvotes (${engine})`, () => {
  let app: RunningApp;
  let fixtures: FixtureServer;
  before(async () => {
    fixtures = await startFixtureServer();
    app = await startApp(async ({ services }) => void (await services.importer.importFile(kaggleSample)), {
      ARXIV_API_URL: `${fixtures.url}/api/query`, INGEST_TIME_SCALE: '0.001', SUBMIT_MAX_AGE_DAYS: '100000',
    }, engine);
  });
  after(async () => {
    await app.close();
    await fixtures.close();
  });

  const upvotesOf = async (id: string) => ((await (await app.get(`/api/papers/${id}`)).json()) as { upvotes: number }).upvotes;

  /** A signed-in member ready to vote: the session and the CSRF token of the paper page's vote form. */
  const voter = async (email: string, paperId: string) => {
    const session = await signInThroughMailFile(app, email);
    const page = await (await session.get(`/papers/${paperId}`)).text();
    return { session, csrf: HttpSession.csrfOf(page) };
  };
  const vote = (v: { session: HttpSession; csrf: string }, paperId: string, action: 'upvote' | 'unvote' = 'upvote') =>
    v.session.request(`/papers/${paperId}/${action}`, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: v.csrf }).toString(),
    });

  it('counts fifty members voting at once exactly fifty times', async () => {
    const voters = [];
    for (let i = 0; i < 50; i += 1) voters.push(await voter(`voter${i}@example.org`, '0704.0001'));
    const responses = await Promise.all(voters.map((v) => vote(v, '0704.0001')));
    assert.deepEqual([...new Set(responses.map((r) => r.status))], [200]);
    assert.equal(await upvotesOf('0704.0001'), 50);
    const stored = { n: await scalar(app.db, sql`SELECT count(*) AS n FROM votes`) };
    assert.equal(stored.n, 50);
  });

  it('counts the same member once, however often and however fast they click', async () => {
    const v = await voter('twice@example.org', '0704.0002');
    const states = await Promise.all([vote(v, '0704.0002'), vote(v, '0704.0002'), vote(v, '0704.0002')]);
    for (const response of states) assert.equal(((await response.json()) as VoteState).upvotes, 1);
    assert.equal(await upvotesOf('0704.0002'), 1);
    const taken = (await (await vote(v, '0704.0002', 'unvote')).json()) as VoteState;
    assert.deepEqual(taken, { id: '0704.0002', upvoted: false, upvotes: 0 });
    assert.equal(((await (await vote(v, '0704.0002', 'unvote')).json()) as VoteState).upvotes, 0, 'never below zero');
  });

  it('works as a plain form without JavaScript: posts, then goes back to the page it came from', async () => {
    const v = await voter('plain@example.org', '0704.0003');
    const day = await (await v.session.get('/date/2007-04-02?sort=newest')).text();
    const back = /name="return" value="([^"]+)"/.exec(day)?.[1]?.replace(/&amp;/g, '&');
    assert.equal(back, '/date/2007-04-02?sort=newest', 'each form says which page it is on');
    const response = await v.session.request('/papers/0704.0003/upvote', {
      method: 'POST',
      // The Referer says something else (forged, or another tab): the form's own field wins.
      headers: { 'content-type': 'application/x-www-form-urlencoded', referer: 'https://evil.example/phish' },
      body: new URLSearchParams({ _csrf: HttpSession.csrfOf(day), return: back ?? '' }).toString(),
    });
    assert.equal(response.status, 303);
    assert.equal(response.headers.get('location'), '/date/2007-04-02?sort=newest');
    for (const offSite of ['//evil.example/x', '/\\evil.example', 'https://evil.example/', '/ok path']) {
      const refused = await v.session.request('/papers/0704.0003/unvote', {
        method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: HttpSession.csrfOf(day), return: offSite }).toString(),
      });
      assert.equal(refused.headers.get('location'), '/papers/0704.0003', `${offSite} is not followed`);
      await v.session.request('/papers/0704.0003/upvote', {
        method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ _csrf: HttpSession.csrfOf(day) }).toString(),
      });
    }
    const page = await (await v.session.get('/papers/0704.0003')).text();
    assert.match(page, /action="\/papers\/0704.0003\/unvote"/);
    assert.match(page, /class="vote voted" aria-pressed="true"[^>]*aria-label="Upvoted, 1 upvote"><span aria-hidden="true">▲<\/span> <span class="vote-count">1<\/span>/);
  });

  it('shows counts on every card, and sends strangers to sign in instead of voting', async () => {
    const day = await (await app.get('/date/2007-04-02')).text();
    assert.match(day, /<a class="vote" href="\/login\?do=upvote&amp;paper=[^"&]+&amp;next=[^"]+" title="Sign in to upvote this paper" aria-label="Sign in to upvote, 50 upvotes"><span aria-hidden="true">▲<\/span> <span class="vote-count">50<\/span><\/a>/);
    const anonymous = await fetch(`${app.url}/api/papers/0704.0001/upvote`, { method: 'POST' });
    assert.equal(anonymous.status, 401);
  });

  it('moves the trending order: the most upvoted paper of a day comes first', async () => {
    const listed = (await (await app.get('/api/daily_papers?date=2007-04-02&sort=trending&limit=3')).json()) as Array<{ paper: { id: string; upvotes: number } }>;
    assert.equal(listed[0]?.paper.id, '0704.0001');
    assert.equal(listed[0]?.paper.upvotes, 50);
    const newest = (await (await app.get('/api/daily_papers?date=2007-04-02&sort=publishedAt&limit=3')).json()) as Array<{ paper: { id: string } }>;
    assert.notEqual(newest[0]?.paper.id, '0704.0001');
    const firstCard = (html: string) => /<article class="card" data-card="true">[\s\S]*?href="\/papers\/([^"#]+)"/.exec(html)?.[1];
    assert.equal(firstCard(await (await app.get('/week/2007-W14')).text()), '0704.0001', 'the week page sorts by trending by default');
    assert.notEqual(firstCard(await (await app.get('/week/2007-W14?sort=newest')).text()), '0704.0001');
    assert.equal((await app.get('/month/2007-04?sort=oldest')).status, 400);
  });

  it('works end to end with a token from `paperboard token create`: submit, upvote, read /api/trending', async () => {
    const env = app.processEnv;
    assert.equal((await runCli(['user', 'add', 'bot@example.org'], env)).code, 0);
    const made = await runCli(['token', 'create', 'bot@example.org', '--name', 'feed bot'], env);
    assert.equal(made.code, 0, made.stderr);
    const auth = { authorization: `Bearer ${made.stdout.trim()}`, 'content-type': 'application/json' };

    const submitted = await fetch(`${app.url}/api/papers`, { method: 'POST', headers: auth, body: JSON.stringify({ id: 'https://arxiv.org/abs/1605.08386' }) });
    assert.equal(submitted.status, 201);
    const body = (await submitted.json()) as { id: string; submittedBy: string; day: string };
    assert.deepEqual([body.id, body.submittedBy], ['1605.08386', 'bot']);

    const upvoted = await fetch(`${app.url}/api/papers/1605.08386/upvote`, { method: 'POST', headers: auth });
    assert.deepEqual(await upvoted.json(), { id: '1605.08386', upvoted: true, upvotes: 1 });

    const trending = (await (await app.get('/api/trending?limit=5')).json()) as Array<{ paper: { id: string; upvotes: number }; submittedBy?: { name: string }; trending: { points: number; listedDay: string; explanation: string } }>;
    const first = trending[0];
    assert.equal(first?.paper.id, '1605.08386', 'submitted today and upvoted: first');
    assert.equal(first?.submittedBy?.name, 'bot');
    assert.equal(first?.trending.points, 1);
    assert.equal(first?.trending.listedDay, body.day);
    assert.match(first?.trending.explanation ?? '', /1 upvote = 1 point, worth 1 day of freshness; listed today/);

    const removed = await fetch(`${app.url}/api/papers/1605.08386/upvote`, { method: 'DELETE', headers: auth });
    assert.equal(((await removed.json()) as VoteState).upvotes, 0);
    const missing = await fetch(`${app.url}/api/papers/9999.99999/upvote`, { method: 'POST', headers: auth });
    assert.equal(missing.status, 404);
  });
});
