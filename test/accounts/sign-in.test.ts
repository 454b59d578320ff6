import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { hashSecret } from '../../src/accounts/account.ts';
import { startApp, type RunningApp } from '../helpers/app.ts';
import { HttpSession } from '../helpers/browser-session.ts';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.ts';
import { tempDatabase } from '../helpers/temp-db.ts';
import { rows, scalar, sql } from '../helpers/sql.ts';
import { ENGINES } from '../helpers/postgres.ts';

const linkIn = (text: string | undefined) => {
  const match = /https?:\/\/\S+\/login\/verify\?token=[\w-]+/.exec(text ?? '');
  if (!match) throw new Error(`no sign-in link in: ${text}`);
  return match[0];
};

for (const engine of ENGINES) describe(`signing in by mailed link (real SMTP) (${engine})`, () => {
  let sink: SmtpSink;
  let app: RunningApp;
  before(async () => {
    sink = await startSmtpSink();
    app = await startApp(undefined, { SMTP_URL: sink.url, MAIL_FROM: 'Paperboard <papers@example.org>', PUBLIC_URL: 'http://paperboard.test' }, engine);
  });
  after(async () => {
    await app.close();
    await sink.close();
  });

  async function signIn(email: string): Promise<HttpSession> {
    const session = new HttpSession(app.url);
    const form = await (await session.get('/login')).text();
    const since = sink.messages.length;
    const asked = await session.post('/login', { email, _csrf: HttpSession.csrfOf(form) });
    assert.equal(asked.status, 200);
    const mail = await sink.waitFor(email, { since });
    const link = new URL(linkIn(mail.text));
    const confirm = await session.get(link.pathname + link.search);
    const page = await confirm.text();
    assert.match(page, new RegExp(`Sign in as ${email.replace('.', '\\.')}\\?`));
    const done = await session.post('/login/verify', { token: link.searchParams.get('token') ?? '', _csrf: HttpSession.csrfOf(page) });
    assert.equal(done.status, 303);
    return session;
  }

  it('mails a link that signs in once, with a session cookie that is HttpOnly and SameSite=Lax', async () => {
    const session = new HttpSession(app.url);
    const form = await (await session.get('/login')).text();
    await session.post('/login', { email: 'Ada@Example.org', _csrf: HttpSession.csrfOf(form) });
    const mail = await sink.waitFor('ada@example.org');
    assert.equal(mail.subject, 'Your Paperboard sign-in link');
    assert.deepEqual(mail.from?.value, [{ address: 'papers@example.org', name: 'Paperboard' }]);
    assert.ok(mail.html && mail.text, 'both an HTML and a text part');
    const link = new URL(linkIn(mail.text));
    assert.equal(link.origin, 'http://paperboard.test', 'links are built from PUBLIC_URL');
    const token = link.searchParams.get('token') ?? '';

    const stored = await rows(app.db, sql<{ token_hash: string }>`SELECT token_hash FROM sign_in_tokens`);
    assert.ok(stored.every((row) => row.token_hash !== token), 'the token itself is not stored');
    assert.ok(stored.some((row) => row.token_hash === hashSecret(token)));

    const confirm = await session.get(link.pathname + link.search);
    const page = await confirm.text();
    const done = await session.post('/login/verify', { token, _csrf: HttpSession.csrfOf(page) });
    assert.equal(done.status, 303);
    const cookie = session.lastCookies.find((c) => c.startsWith('pb_session='));
    assert.match(cookie ?? '', /HttpOnly/i);
    assert.match(cookie ?? '', /SameSite=Lax/i);
    assert.doesNotMatch(cookie ?? '', /Secure/i, 'not over plain http');

    const account = await (await session.get('/account')).text();
    assert.match(account, /Signed in as ada@example\.org/);
    assert.match(await (await session.get('/')).text(), /href="\/account"[^>]*>ada</);

    const again = await new HttpSession(app.url).get(link.pathname + link.search);
    assert.equal(again.status, 400);
    assert.match(await again.text(), /This link no longer works/);
  });

  it('answers the same for known and unknown addresses', async () => {
    await signIn('known@example.org');
    const answer = async (email: string) => {
      const session = new HttpSession(app.url);
      const form = await (await session.get('/login')).text();
      const response = await session.post('/login', { email, _csrf: HttpSession.csrfOf(form) });
      return { status: response.status, body: (await response.text()).replaceAll(email, 'EMAIL') };
    };
    const known = await answer('known@example.org');
    const unknown = await answer('nobody-yet@example.org');
    assert.deepEqual(known, unknown);
  });

  it('refuses forms without a valid CSRF token, and explains a bad address', async () => {
    const session = new HttpSession(app.url);
    const refused = await session.post('/login', { email: 'x@example.org' });
    assert.equal(refused.status, 403);
    assert.match(await refused.text(), /This form has expired or did not come from this site/);
    const form = await (await session.get('/login')).text();
    const bad = await session.post('/login', { email: 'not an address', _csrf: HttpSession.csrfOf(form) });
    assert.equal(bad.status, 400);
    assert.match(await bad.text(), /enter an email address like name@example\.org/);
  });

  it('signs out here, or everywhere', async () => {
    const laptop = await signIn('grace@example.org');
    const phone = await signIn('grace@example.org');
    const account = await (await laptop.get('/account')).text();
    const out = await laptop.post('/logout/all', { _csrf: HttpSession.csrfOf(account.slice(account.indexOf('/logout/all') - 400)) });
    assert.equal(out.status, 303);
    assert.equal((await phone.get('/account')).headers.get('location'), '/login', 'the other device is signed out too');
    assert.equal((await laptop.get('/account')).headers.get('location'), '/login');
  });

  it('edits the profile, with readable refusals', async () => {
    const session = await signIn('edsger@example.org');
    await signIn('taken@example.org');
    const form = await (await session.get('/account')).text();
    const csrf = HttpSession.csrfOf(form);
    const saved = await session.post('/account', { username: 'ewd', displayName: 'Edsger <b>W.</b> Dijkstra', _csrf: csrf });
    assert.equal(saved.status, 303);
    const page = await (await session.get('/account?saved=1')).text();
    assert.match(page, /value="Edsger &lt;b>W\.&lt;\/b> Dijkstra"|value="Edsger &lt;b&gt;W\.&lt;\/b&gt; Dijkstra"/);
    const bad = await session.post('/account', { username: 'no spaces', displayName: 'E', _csrf: csrf });
    assert.equal(bad.status, 400);
    assert.match(await bad.text(), /a username uses letters, digits/);
    const taken = await session.post('/account', { username: 'taken', displayName: 'E', _csrf: csrf });
    assert.equal(taken.status, 409);
    assert.match(await taken.text(), /&quot;taken&quot; is taken|"taken" is taken/);
  });

  it('limits links to one address (the mail budget), not other addresses from the same client', async () => {
    const session = new HttpSession(app.url);
    const form = await (await session.get('/login')).text();
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      statuses.push((await session.post('/login', { email: 'flood@example.org', _csrf: HttpSession.csrfOf(form) })).status);
    }
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429, 429]);
    const other = await session.post('/login', { email: 'someone-else@example.org', _csrf: HttpSession.csrfOf(form) });
    assert.equal(other.status, 200, 'another address from the same client is not blocked');
  });
});

for (const engine of ENGINES) describe(`session cookies behind https (${engine})`, () => {
  it('are Secure when PUBLIC_URL is https', async () => {
    const sink = await startSmtpSink();
    const app = await startApp(undefined, { SMTP_URL: sink.url, PUBLIC_URL: 'https://papers.example.org' }, engine);
    try {
      const session = new HttpSession(app.url);
      const form = await (await session.get('/login')).text();
      await session.post('/login', { email: 'tls@example.org', _csrf: HttpSession.csrfOf(form) });
      const link = new URL(linkIn((await sink.waitFor('tls@example.org')).text));
      assert.equal(link.origin, 'https://papers.example.org');
      const page = await (await session.get(link.pathname + link.search)).text();
      await session.post('/login/verify', { token: link.searchParams.get('token') ?? '', _csrf: HttpSession.csrfOf(page) });
      assert.match(session.lastCookies.find((c) => c.startsWith('pb_session=')) ?? '', /; Secure/i);
    } finally {
      await app.close();
      await sink.close();
    }
  });
});

for (const engine of ENGINES) describe(`sign-in links and sessions (service) (${engine})`, () => {
  it('expire after 15 minutes', async () => {
    const t = await tempDatabase({}, engine);
    try {
      const t0 = new Date('2026-11-26T10:00:00Z');
      await t.services.accounts.requestSignIn('late@example.org', t0);
      const files = fs.readdirSync(path.join(t.dir, 'mail'));
      assert.equal(files.length, 1, 'without SMTP_URL the mail is an .eml file in the data folder');
      const eml = fs.readFileSync(path.join(t.dir, 'mail', files[0] as string), 'utf8').replace(/=\r?\n/g, '').replace(/=3D/g, '=');
      const token = new URL(linkIn(eml)).searchParams.get('token') ?? '';
      assert.equal(await t.services.accounts.completeSignIn(token, { userAgent: null, now: new Date('2026-11-26T10:15:01Z') }), null);
      await t.services.accounts.requestSignIn('late@example.org', t0);
      const second = fs.readdirSync(path.join(t.dir, 'mail')).sort().find((f) => f !== files[0]) as string;
      const token2 = new URL(linkIn(fs.readFileSync(path.join(t.dir, 'mail', second), 'utf8').replace(/=\r?\n/g, '').replace(/=3D/g, '='))).searchParams.get('token') ?? '';
      const ok = await t.services.accounts.completeSignIn(token2, { userAgent: 'test', now: new Date('2026-11-26T10:14:00Z') });
      assert.equal(ok?.user.email, 'late@example.org');
      assert.equal(ok?.user.username, 'late');
    } finally {
      await t.cleanup();
    }
  });
});
