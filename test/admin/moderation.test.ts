// Admin can act (issue 21): moderators hide and feature papers, admins give roles and block members; every act is
// checked against the actor's role and logged. On both engines, over real HTTP with real forms.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import { startDemoApp, type RunningApp } from '../helpers/app.ts';
import { HttpSession } from '../helpers/browser-session.ts';
import { runCli } from '../helpers/cli.ts';
import { ENGINES } from '../helpers/postgres.ts';
import { signInThroughMailFile } from '../helpers/sign-in.ts';

interface PaperJson { id: string; title: string; numComments: number }
interface SearchJson { items: Array<{ paper: { id: string }; related: boolean }>; matches: number | null }

for (const engine of ENGINES) describe(`admin can act (${engine})`, () => {
  let app: RunningApp;
  let admin: HttpSession;
  let moderator: HttpSession;
  let member: HttpSession;
  /** The paper acted on: the first on /api/trending, and its listing day. */
  let target: { id: string; title: string; day: string };

  before(async () => {
    app = await startDemoApp({}, { SUBMIT_MAX_AGE_DAYS: '100000' }, engine);
    await app.services.accounts.addUser('root@example.org', 'admin');
    await app.services.accounts.addUser('mod@example.org', 'moderator');
    admin = await signInThroughMailFile(app, 'root@example.org');
    moderator = await signInThroughMailFile(app, 'mod@example.org');
    member = await signInThroughMailFile(app, 'member@example.org');
    const trending = (await (await app.get('/api/trending?limit=1')).json()) as Array<{ paper: { id: string; title: string }; publishedAt: string }>;
    const first = trending[0];
    assert.ok(first, 'the corpus has trending papers');
    const details = (await (await app.get(`/api/papers/${first.paper.id}`)).json()) as { listings?: Array<{ day: string }> };
    const found = await app.services.papers.find(first.paper.id);
    target = { id: first.paper.id, title: first.paper.title, day: found?.listings[0]?.day ?? '' };
    assert.ok(target.day, `${target.id} is listed on a day (${JSON.stringify(details).slice(0, 80)})`);
  });
  after(() => app.close());

  const trendingIds = async () => ((await (await app.get('/api/trending?limit=100')).json()) as Array<{ paper: { id: string } }>).map((i) => i.paper.id);
  const dayIds = async (day: string) => ((await (await app.get(`/api/daily_papers?date=${day}&limit=100`)).json()) as Array<{ paper: { id: string } }>).map((i) => i.paper.id);
  const searchIds = async (q: string) => {
    const found = (await (await app.get(`/api/search?mode=keyword&limit=50&q=${encodeURIComponent(q)}`)).json()) as SearchJson;
    return { ids: found.items.map((i) => i.paper.id), matches: found.matches };
  };
  const feedIds = async () => {
    const xml = await (await app.get('/feeds/trending.atom')).text();
    const parsed = new XMLParser({ ignoreAttributes: false }).parse(xml) as { feed: { entry?: Array<{ id: string }> | { id: string } } };
    const entries = parsed.feed.entry === undefined ? [] : Array.isArray(parsed.feed.entry) ? parsed.feed.entry : [parsed.feed.entry];
    return entries.map((e) => String(e.id));
  };
  const dayCount = async (day: string) => Number(/(\d+) papers?/.exec(await (await app.get(`/date/${day}`)).text())?.[1]);
  /** A distinctive phrase of the paper's title: what keyword search finds it by. */
  const titleWords = () => target.title.replace(/[^\p{L}\p{N} ]+/gu, ' ').split(/\s+/).filter((w) => w.length > 3).slice(0, 4).join(' ');

  it('hides a paper from the paper page: gone from listings, counts, search, feeds and the API; moderators can still open it', async () => {
    const before = { trending: await trendingIds(), day: await dayIds(target.day), count: await dayCount(target.day), search: await searchIds(titleWords()) };
    assert.ok(before.trending.includes(target.id));
    assert.ok(before.day.includes(target.id));
    assert.ok(before.search.ids.includes(target.id), `keyword search finds "${titleWords()}"`);
    assert.ok((await feedIds()).some((id) => id.includes(target.id)));

    // The moderator's tools are on the page (drawn for them alone), and the form goes back to it.
    const page = await (await moderator.get(`/papers/${target.id}`)).text();
    assert.match(page, /Moderator tools/);
    assert.doesNotMatch(await (await member.get(`/papers/${target.id}`)).text(), /Moderator tools|Hide paper/, 'members see no moderator tools');
    assert.doesNotMatch(await (await app.get(`/papers/${target.id}`)).text(), /Hide paper/, 'visitors neither');
    const hidden = await moderator.post('/admin/papers', { _csrf: HttpSession.csrfOf(page), return: `/papers/${target.id}`, paper: target.id, action: 'hide', note: 'spam <b>test</b>' });
    assert.equal(hidden.status, 303);
    assert.match(hidden.headers.get('location') ?? '', new RegExp(`^/papers/${target.id.replace('.', '\\.')}\\?done=hide-paper`));

    assert.ok(!(await trendingIds()).includes(target.id), 'not on /api/trending');
    assert.ok(!(await dayIds(target.day)).includes(target.id), 'not on /api/daily_papers');
    assert.equal(await dayCount(target.day), before.count - 1, "the day's count agrees with its cards");
    assert.doesNotMatch(await (await app.get('/trending')).text(), new RegExp(`/papers/${target.id.replace('.', '\\.')}"`));
    const search = await searchIds(titleWords());
    assert.ok(!search.ids.includes(target.id), 'not found by its own title');
    assert.equal(search.matches, (before.search.matches ?? 0) - 1, 'and not counted');
    assert.ok(!(await feedIds()).some((id) => id.includes(target.id)), 'not in the Atom feed');
    const api = await app.get(`/api/papers/${target.id}`);
    assert.equal(api.status, 404);
    assert.match(((await api.json()) as { error: { message: string } }).error.message, /hidden by this site's moderators/);
    assert.equal((await app.get(`/papers/${target.id}`)).status, 404, 'visitors: not found');
    assert.equal((await member.get(`/papers/${target.id}`)).status, 404, 'members: not found');
    const asModerator = await moderator.get(`/papers/${target.id}`);
    assert.equal(asModerator.status, 200, 'moderators still open it, to restore it');
    assert.match(await asModerator.text(), /Hidden by the moderators since/);
    assert.equal((await member.get(`/papers/${target.id}`)).status, 404, "the moderator's page is never shared with members");

    // What a source or the code capability writes of a hidden paper does not bring it back into search.
    const pk = (await app.services.papers.keyOf(target.id)) as number;
    await app.services.papers.setCodeSignals(pk, { stars: 10, starsPerDay: 1, hasCode: true });
    assert.ok(!(await searchIds(titleWords())).ids.includes(target.id), 'still out of the index after a revision');

    const adminPage = await (await moderator.get('/admin')).text();
    assert.match(adminPage, /mod<\/strong> hid /);
    assert.match(adminPage, /spam &lt;b>test&lt;\/b>|spam &lt;b&gt;test&lt;\/b&gt;/, 'the note, escaped');
    assert.doesNotMatch(adminPage, /<b>test<\/b>/);

    // Restored: everything back as it was.
    const restored = await moderator.post('/admin/papers', { _csrf: HttpSession.csrfOf(adminPage), paper: target.id, action: 'restore' });
    assert.equal(restored.status, 303);
    assert.ok((await trendingIds()).includes(target.id));
    assert.equal(await dayCount(target.day), before.count);
    const again = await searchIds(titleWords());
    assert.ok(again.ids.includes(target.id), 'found by its title again');
    assert.equal(again.matches, before.search.matches);
    assert.equal((await app.get(`/api/papers/${target.id}`)).status, 200);
  });

  it('features a paper at the head of the front page, and stops', async () => {
    const [, second] = await trendingIds();
    assert.ok(second);
    assert.doesNotMatch(await (await app.get('/')).text(), /Featured by the moderators/);
    const adminPage = await (await moderator.get('/admin')).text();
    const featured = await moderator.post('/admin/papers', { _csrf: HttpSession.csrfOf(adminPage), paper: `https://arxiv.org/abs/${second}v1`, action: 'feature' });
    assert.equal(featured.status, 303);
    assert.match(featured.headers.get('location') ?? '', /^\/admin\?done=feature-paper&subject=/);
    const front = await (await app.get('/')).text();
    const section = /<section class="featured"[\s\S]*?<\/section>/.exec(front)?.[0] ?? '';
    assert.match(section, new RegExp(`/papers/${second.replace('.', '\\.')}`), 'the featured paper heads the front page');
    const told = await (await moderator.get(featured.headers.get('location') ?? '/admin')).text();
    assert.match(told, /Done: you featured/);
    const again = await moderator.post('/admin/papers', { _csrf: HttpSession.csrfOf(told), paper: second, action: 'feature' });
    assert.match(again.headers.get('location') ?? '', /unchanged=/, 'featuring twice changes nothing, and says so');
    await moderator.post('/admin/papers', { _csrf: HttpSession.csrfOf(told), paper: second, action: 'unfeature' });
    assert.doesNotMatch(await (await app.get('/')).text(), /Featured by the moderators/);
  });

  it('refuses what a role does not allow, and damaged forms, with clear errors', async () => {
    const memberPage = await (await member.get(`/papers/${target.id}`)).text();
    const csrf = HttpSession.csrfOf(memberPage);
    const refused = await member.request('/admin/papers', {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, paper: target.id, action: 'hide' }).toString(),
    });
    assert.equal(refused.status, 403);
    assert.match(await refused.text(), /Only moderators and admins hide and feature papers/);
    assert.ok((await trendingIds()).includes(target.id), 'nothing was hidden');

    const modCsrf = HttpSession.csrfOf(await (await moderator.get('/admin')).text());
    assert.equal((await moderator.post('/admin/members', { _csrf: modCsrf, member: 'member', action: 'block' })).status, 403, 'moderators do not block');
    assert.doesNotMatch(await (await moderator.get('/admin')).text(), /id="members-heading"/, 'nor see the members');
    assert.equal((await moderator.post('/admin/papers', { paper: target.id, action: 'hide' })).status, 403, 'no CSRF token, no act');
    const unknown = await moderator.post('/admin/papers', { _csrf: modCsrf, paper: '2999.99999', action: 'hide' });
    assert.equal(unknown.status, 404);
    assert.match(await unknown.text(), /No paper with the id/);
    const damaged: Array<Record<string, string>> = [{ paper: target.id, action: 'delete' }, { paper: 'x'.repeat(100_000), action: 'hide' }, { paper: target.id, action: 'hide', note: 'n'.repeat(5000) }, { paper: '', action: 'hide' }];
    for (const fields of damaged) {
      const bad = await moderator.post('/admin/papers', { _csrf: modCsrf, ...fields });
      assert.ok(bad.status === 400 || bad.status === 413, `${JSON.stringify(fields).slice(0, 60)}: ${bad.status}`);
    }
    assert.ok((await trendingIds()).includes(target.id), 'no bad form hid anything');
  });

  it('lets an admin give a role, but never to themselves, and keeps the last admin', async () => {
    await app.services.accounts.addUser('promoted@example.org', 'user');
    const promoted = await signInThroughMailFile(app, 'promoted@example.org');
    assert.equal((await promoted.get('/admin')).status, 403);
    const page = await (await admin.get('/admin?member=promoted')).text();
    assert.match(page, /promoted@example\.org/);
    const set = await admin.post('/admin/members', { _csrf: HttpSession.csrfOf(page), member: 'promoted', action: 'role', role: 'moderator' });
    assert.equal(set.status, 303);
    assert.equal((await promoted.get('/admin')).status, 200, 'the new moderator reaches /admin at once');
    const own = await admin.post('/admin/members', { _csrf: HttpSession.csrfOf(page), member: 'root@example.org', action: 'role', role: 'user' });
    assert.equal(own.status, 403);
    await assert.rejects(app.services.moderation.setRole(null, 'root@example.org', 'user'), /only admin/);
    assert.match(await (await admin.get('/admin')).text(), /root<\/strong> made promoted moderator/);
  });

  it('blocks a member: sessions end, sign-in and tokens refused, comments hidden; unblocking shows them again', async () => {
    const { user } = await app.services.accounts.addUser('spammer@example.org', 'user');
    const spammer = await signInThroughMailFile(app, 'spammer@example.org');
    const { token } = await app.services.accounts.createApiToken(user.id, 'script');
    await app.services.comments.add(user, { paperId: target.id, body: 'Buy cheap pills at spam.example' });
    const paperJson = async () => (await (await app.get(`/api/papers/${target.id}`)).json()) as PaperJson;
    const comments = (await paperJson()).numComments;
    assert.match(await (await app.get(`/papers/${target.id}`)).text(), /cheap pills/);

    const page = await (await admin.get('/admin?member=spammer')).text();
    const blocked = await admin.post('/admin/members', { _csrf: HttpSession.csrfOf(page), member: 'spammer@example.org', action: 'block', note: 'pills' });
    assert.equal(blocked.status, 303);
    assert.doesNotMatch(await (await spammer.get('/')).text(), /Sign out/, 'their session ended');
    assert.equal((await app.get('/api/me', { headers: { authorization: `Bearer ${token}` } })).status, 401, 'their token is refused');
    assert.doesNotMatch(await (await app.get(`/papers/${target.id}`)).text(), /cheap pills/, 'their comment is hidden');
    assert.equal((await paperJson()).numComments, comments - 1, 'and no longer counted');
    const mailDir = path.join(app.dir, 'mail');
    const beforeMail = new Set(fs.readdirSync(mailDir));
    await app.services.accounts.requestSignIn('spammer@example.org');
    const mail = fs.readdirSync(mailDir).filter((f) => !beforeMail.has(f)).map((f) => fs.readFileSync(path.join(mailDir, f), 'utf8')).join('');
    assert.match(mail, /account is blocked/);
    assert.doesNotMatch(mail, /login\/verify/, 'the mail holds no sign-in link');

    const unblockPage = await (await admin.get('/admin?member=spammer')).text();
    assert.match(unblockPage, /Unblock/);
    await admin.post('/admin/members', { _csrf: HttpSession.csrfOf(unblockPage), member: 'spammer', action: 'unblock' });
    assert.match(await (await app.get(`/papers/${target.id}`)).text(), /cheap pills/, 'shown again');
    assert.equal((await paperJson()).numComments, comments);
    assert.equal((await app.get('/api/me', { headers: { authorization: `Bearer ${token}` } })).status, 200, 'the token works again');
  });

  it('lists the latest submissions, with who submitted what', async () => {
    const { user } = await app.services.accounts.addUser('submitter@example.org', 'user');
    const [, , third] = await trendingIds();
    await app.services.community.submit(user, third as string);
    const page = await (await moderator.get('/admin')).text();
    const log = /<section aria-labelledby="submissions-heading"[\s\S]*?<\/section>/.exec(page)?.[0] ?? '';
    assert.match(log, /submitter/);
    assert.match(log, new RegExp(`/papers/${String(third).replace('.', '\\.')}`));
  });

  if (engine === 'sqlite') {
    it('does the same from the command line, logged as done there', async () => {
      const env = { ...app.processEnv };
      const hidden = await runCli(['paper', 'hide', target.id, '--note', 'from the terminal'], env);
      assert.equal(hidden.code, 0, hidden.stderr);
      assert.match(hidden.stdout, /hidden/);
      assert.ok(!(await trendingIds()).includes(target.id));
      const twice = await runCli(['paper', 'hide', target.id], env);
      assert.match(twice.stdout, /nothing to change/);
      assert.equal((await runCli(['paper', 'restore', target.id], env)).code, 0);
      assert.ok((await trendingIds()).includes(target.id));
      const unknown = await runCli(['paper', 'hide', 'no-such-paper'], env);
      assert.equal(unknown.code, 1);
      assert.match(unknown.stderr, /No paper with the id/);
      assert.equal((await runCli(['paper', 'erase', target.id], env)).code, 2);
      const block = await runCli(['user', 'block', 'member@example.org'], env);
      assert.equal(block.code, 0, block.stderr);
      assert.match(await (await admin.get('/admin')).text(), /the command line<\/strong> blocked member/);
      assert.equal((await runCli(['user', 'unblock', 'member'], env)).code, 0);
    });
  }
});
