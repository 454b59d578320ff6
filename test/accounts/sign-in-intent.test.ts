// Sign-in keeps your place: ▲, Submit, Comment and For you lead to a sign-in page that says what for; the mailed
// link brings the member back to that page with the vote they asked for counted. The intent is sealed to the link's
// token: changed, moved to another link, used twice or pointing off the site, it does nothing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { intentFrom, openIntent, sealIntent } from '../../src/accounts/sign-in-intent.ts';
import { signInPath } from '../../src/http/sign-in-path.ts';
import { safeLocalPath } from '../../src/sign-in-actions.ts';
import { startDemoApp, type RunningApp } from '../helpers/app.ts';
import { HttpSession } from '../helpers/browser-session.ts';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.ts';

const decode = (html: string) => html.replaceAll('&amp;', '&');

describe('return addresses', () => {
  it('are paths on this site or nothing', () => {
    for (const good of ['/', '/date/2026-12-05', '/search?q=a%20b&p=2', '/papers/hep-th/9901001#discussion-heading']) assert.equal(safeLocalPath(good), good);
    for (const bad of ['//evil.example', '/\\evil.example', 'https://evil.example/', 'javascript:alert(1)', '/a b', '/a\nb', '/\u0000', '', 'x', `/${'a'.repeat(700)}`, 42, null]) {
      assert.equal(safeLocalPath(bad), null, String(bad));
    }
    assert.equal(signInPath({ action: 'upvote', paperId: '2401.01234', next: '//evil.example' }), '/login?do=upvote&paper=2401.01234');
    assert.equal(signInPath({ next: '/login?next=/login' }), '/login', 'never back to the sign-in page itself');
  });

  it('are sealed to one token: changed, or opened with another, they are nothing', () => {
    const intent = intentFrom({ do: 'upvote', paper: '2401.01234v2', next: '/date/2026-12-05' });
    assert.deepEqual(intent, { action: 'upvote', paperId: '2401.01234', next: '/date/2026-12-05' });
    const sealed = sealIntent(intent!, 'token-a', 'secret');
    assert.deepEqual(openIntent(sealed, 'token-a', 'secret'), intent);
    assert.equal(openIntent(sealed, 'token-b', 'secret'), null, 'another link');
    assert.equal(openIntent(sealed, 'token-a', 'other secret'), null);
    const [payload, tag] = sealed.split('.');
    const forged = Buffer.from(JSON.stringify(['upvote', '9999.99999', '//evil.example'])).toString('base64url');
    assert.equal(openIntent(`${forged}.${tag}`, 'token-a', 'secret'), null, 'changed on the way');
    assert.equal(openIntent(`${payload}.${tag}.x`, 'token-a', 'secret'), null);
    assert.equal(openIntent('x'.repeat(5000), 'token-a', 'secret'), null);
    assert.equal(intentFrom({ do: 'upvote' }), null, 'an upvote names its paper');
    assert.equal(intentFrom({ do: 'delete-everything', next: '/' })?.action, null);
  });
});

describe('signing in keeps your place', () => {
  let sink: SmtpSink;
  let app: RunningApp;
  before(async () => {
    sink = await startSmtpSink();
    app = await startDemoApp({}, { SMTP_URL: sink.url, PUBLIC_URL: 'http://paperboard.test', RATE_LIMIT_READS: '0' });
  });
  after(async () => {
    await app.close();
    await sink.close();
  });

  /** Asks for a link from a sign-in page (its hidden fields included) and returns the mailed link. */
  async function askForLink(session: HttpSession, loginPath: string, email: string): Promise<{ page: string; link: URL }> {
    const page = await (await session.get(loginPath)).text();
    const hidden = Object.fromEntries([...page.matchAll(/<input type="hidden" name="(do|paper|next)" value="([^"]*)"/g)].map((m) => [m[1]!, decode(m[2]!)]));
    const since = sink.messages.length;
    assert.equal((await session.post('/login', { email, ...hidden, _csrf: HttpSession.csrfOf(page) })).status, 200);
    const mail = await sink.waitFor(email, { since });
    const link = /https?:\/\/\S+\/login\/verify\?\S+/.exec(mail.text ?? '')?.[0];
    assert.ok(link, 'a link in the mail');
    return { page, link: new URL(link) };
  }

  async function useLink(session: HttpSession, link: URL, fields: Record<string, string> = {}): Promise<Response> {
    const confirm = await (await session.get(link.pathname + link.search)).text();
    const intent = /name="intent" value="([^"]*)"/.exec(confirm)?.[1];
    return session.post('/login/verify', { token: link.searchParams.get('token') ?? '', ...(intent ? { intent: decode(intent) } : {}), ...fields, _csrf: HttpSession.csrfOf(confirm) });
  }

  it('returns to the listing with the upvote counted', async () => {
    const session = new HttpSession(app.url);
    const listing = '/date/2026-02-17';
    const html = decode(await (await session.get(listing)).text());
    const vote = /<a class="vote" href="(\/login\?do=upvote&paper=([^&"]+)&next=[^"]+)"/.exec(html);
    assert.ok(vote, 'the ▲ of a visitor leads to the sign-in page, with what and where');
    const [, loginPath, paperId] = vote as unknown as [string, string, string];
    const before = (await app.services.papers.find(decodeURIComponent(paperId)))!.paper.upvotes;

    const { page, link } = await askForLink(session, loginPath, 'reader@example.org');
    assert.match(page, /<h1>Sign in to upvote this paper<\/h1>/);
    assert.match(page, /brings you back here, with your upvote counted/);
    const done = await useLink(session, link);
    assert.equal(done.status, 303);
    assert.equal(done.headers.get('location'), listing, 'back where the ▲ was');
    assert.equal((await app.services.papers.find(decodeURIComponent(paperId)))!.paper.upvotes, before + 1);
    assert.equal((await new HttpSession(app.url).get(link.pathname + link.search)).status, 400, 'the link works once');
    const replay = await session.postFrom('/account', '/login/verify', { token: link.searchParams.get('token') ?? '', intent: link.searchParams.get('intent') ?? '' });
    assert.equal(replay.status, 400, 'and its intent with it');
    assert.equal((await app.services.papers.find(decodeURIComponent(paperId)))!.paper.upvotes, before + 1);
  });

  it('says what Submit, Comment and For you are for, and returns there', async () => {
    const anonymous = new HttpSession(app.url);
    const submit = await anonymous.get('/submit?reference=2401.01234');
    assert.equal(submit.status, 302);
    assert.equal(submit.headers.get('location'), '/login?do=submit&next=%2Fsubmit%3Freference%3D2401.01234');
    assert.match(await (await anonymous.get(submit.headers.get('location')!)).text(), /<h1>Sign in to submit a paper<\/h1>/);
    const forYou = await anonymous.get('/for-you');
    assert.match(await (await anonymous.get(forYou.headers.get('location')!)).text(), /<h1>Sign in to see papers for you<\/h1>/);
    const paper = decode(await (await anonymous.get('/papers/2602.15552')).text());
    const comment = /<a href="(\/login\?do=comment[^"]+)">Sign in to comment<\/a>/.exec(paper)?.[1];
    assert.ok(comment);
    const { link } = await askForLink(new HttpSession(app.url), comment, 'commenter@example.org');
    const done = await useLink(new HttpSession(app.url), link);
    assert.equal(done.headers.get('location'), '/papers/2602.15552#discussion-heading');
  });

  it('ignores an intent that was changed or points off the site', async () => {
    const session = new HttpSession(app.url);
    const { link } = await askForLink(session, '/login?do=upvote&paper=2602.15552&next=%2F%2Fevil.example', 'careful@example.org');
    assert.doesNotMatch(decodeURIComponent(link.search), /evil/, 'an address off the site is never sealed');
    const before = (await app.services.papers.find('2602.15552'))!.paper.upvotes;
    const forged = Buffer.from(JSON.stringify(['upvote', '1605.08386', '/trending'])).toString('base64url');
    const tag = (link.searchParams.get('intent') ?? '').split('.')[1];
    const done = await useLink(session, link, { intent: `${forged}.${tag}` });
    assert.equal(done.status, 303);
    assert.equal(done.headers.get('location'), '/', 'signed in, but the changed intent is none');
    assert.equal((await app.services.papers.find('1605.08386'))!.paper.upvotes, 0);
    assert.equal((await app.services.papers.find('2602.15552'))!.paper.upvotes, before);
  });
});
