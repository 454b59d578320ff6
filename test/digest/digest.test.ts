// The digest end to end, against real SMTP servers (smtp-server on 127.0.0.1) and the running app.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/database.ts';
import { createServices } from '../../src/app/services.ts';
import { startApp, type RunningApp } from '../helpers/app.ts';
import { HttpSession } from '../helpers/browser-session.ts';
import { repoRoot } from '../helpers/paths.ts';
import { startSmtpSink, type SmtpSink, type SmtpSinkOptions } from '../helpers/smtp-sink.ts';
import { rows, scalar, sql } from '../helpers/sql.ts';
import { ENGINES, type Engine } from '../helpers/postgres.ts';

const PUBLIC = 'http://paperboard.test';
const TUESDAY = '2026-11-24';
const fast = { DIGEST_RETRY_SECONDS: '0.05', DIGEST_LEASE_SECONDS: '1', DIGEST_SEND_RATE: '1000', PUBLIC_URL: PUBLIC };

function papersOn(day: string, ids: string[], dir: string): string {
  const file = path.join(dir, `papers-${day}-${ids[0]}.jsonl`);
  const lines = ids.map((id, i) => ({
    id, title: `${i % 2 ? 'Quokka' : 'Graph'} study ${id}`, abstract: `An abstract about ${i % 2 ? 'quokkas' : 'graphs'} number ${i}.${i === 1 ? ' Code: https://github.com/quokka-lab/quokka-net' : ''}`,
    authors: [{ name: 'A. Author' }], categories: ['cs.LG'], publishedAt: `${day}T09:00:00Z`,
  }));
  fs.writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n'));
  return file;
}

/** Starts an app whose mail goes to a sink with these options, with six papers listed on TUESDAY. */
async function setup(engine: Engine, sinkOptions: SmtpSinkOptions = {}, env: NodeJS.ProcessEnv = {}): Promise<{ app: RunningApp; sink: SmtpSink }> {
  const sink = await startSmtpSink(sinkOptions);
  const app = await startApp(async ({ services, dir }) => {
    const ids = ['2611.10001', '2611.10002', '2611.10003', '2611.10004', '2611.10005', '2611.10006'];
    await services.importer.importFile(papersOn(TUESDAY, ids, dir));
    // Trending papers something happened to: a digest lists no paper nobody noticed (its cut-off).
    await services.papers.saveExternalSignals(ids.map((id, i) => ({ id, source: 'huggingface', upvotes: i + 1, comments: 0 })));
  }, { SMTP_URL: sink.url, ...fast, ...env }, engine);
  return { app, sink };
}

/** Subscribes an address that is already verified (a member's own): active at once. */
async function activeSubscriber(app: RunningApp, email: string, preferences: Record<string, unknown> = {}) {
  const { user } = await app.services.accounts.addUser(email, 'user');
  const { subscription } = await app.services.subscriptions.subscribe({ email, preferences }, user);
  assert.ok(subscription);
  return subscription;
}

const onApp = (app: RunningApp, link: string) => link.replace(PUBLIC, app.url);
const linksIn = (html: string) => [...html.matchAll(/href="([^"]+)"/g)].map((m) => (m[1] as string).replaceAll('&amp;', '&'));

for (const engine of ENGINES) describe(`digest: subscribing and delivery (${engine})`, () => {
  let app: RunningApp;
  let sink: SmtpSink;
  before(async () => ({ app, sink } = await setup(engine)));
  after(async () => {
    await app.close();
    await sink.close();
  });

  it('confirms by mail, then delivers a digest with both parts, the unsubscribe headers and working links', async () => {
    const asked = await app.get('/api/subscriptions', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'Reader@Example.org', topics: ['quokka'] }),
    });
    assert.equal(asked.status, 202);
    const confirmation = await sink.waitFor('reader@example.org');
    assert.equal(confirmation.subject, 'Confirm your Paperboard digest');
    assert.ok(confirmation.html && confirmation.text);
    const link = /http:\/\/paperboard\.test\/subscribe\/confirm\?token=[\w-]+/.exec(confirmation.text ?? '')?.[0];
    assert.ok(link, 'the link is built from PUBLIC_URL');

    assert.equal((await app.services.digest.run('daily', TUESDAY)).composed, 0, 'nothing before confirming');
    const browser = new HttpSession(app.url);
    const page = await (await browser.get(onApp(app, link))).text();
    const confirmed = await browser.post('/subscribe/confirm', { token: new URL(link).searchParams.get('token') ?? '', _csrf: HttpSession.csrfOf(page) });
    assert.equal(confirmed.status, 200);
    assert.match(await confirmed.text(), /You are subscribed/);

    const since = sink.messages.length;
    const run = await app.services.digest.run('daily', TUESDAY);
    assert.deepEqual([run.composed, run.sent, run.failed], [1, 1, 0]);
    const digest = await sink.waitFor('reader@example.org', { since });
    assert.match(digest.subject ?? '', /^Trending 24 Nov 2026: (Graph|Quokka) study 2611\.1000\d and \d more$/);
    assert.ok(digest.html && digest.text, 'an HTML and a text part');
    const html = String(digest.html);
    assert.doesNotMatch(html, /<script|<img/i, 'no scripts, no images');
    assert.match(html, /<table role="presentation"/);
    assert.match(digest.text ?? '', /Quokka study 2611\.10002/);
    assert.match(digest.text ?? '', / {2}·  code https:\/\/github\.com\/quokka-lab\/quokka-net/, "a paper's code, with its links");
    assert.match(html, /<a href="https:\/\/github\.com\/quokka-lab\/quokka-net" style="[^"]*">Code<\/a>/);
    assert.match(html, /<h1[^>]*>Trending papers, 24 Nov 2026<\/h1>/, 'a dated heading');
    assert.match(html, /\d papers? trending today(, \d on your topics)?\./, 'a line saying what is in it');
    assert.equal(digest.messageId, `<digest-1@paperboard.test>`);

    const header = (name: string) => digest.headerLines.find((h) => h.key === name)?.line.replace(/^[^:]+:\s*/, '').replace(/\r?\n\s+/g, ' ');
    const listUnsubscribe = String(header('list-unsubscribe'));
    assert.match(listUnsubscribe, /^<http:\/\/paperboard\.test\/unsubscribe\?s=[\w.-]+>, <mailto:[^>]+>$/);
    assert.equal(header('list-unsubscribe-post'), 'List-Unsubscribe=One-Click');

    const links = linksIn(html);
    assert.ok(links.every((l) => l.startsWith(PUBLIC) || l.startsWith('https://arxiv.org/') || l.startsWith('https://github.com/')), 'absolute links from PUBLIC_URL');
    for (const l of links.filter((x) => x.startsWith(PUBLIC))) assert.equal((await app.get(onApp(app, l).slice(app.url.length))).status, 200, l);

    const unsubscribe = /<(http[^>]+)>/.exec(listUnsubscribe)?.[1] as string;
    const oneClick = await fetch(onApp(app, unsubscribe), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    assert.equal(oneClick.status, 200);
    const key = new URL(unsubscribe).searchParams.get('s') as string;
    assert.equal((await app.services.subscriptions.byKey(key)).status, 'unsubscribed');
  });

  it('never sends a paper twice, and sends nothing when there is nothing new', async () => {
    const subscription = await activeSubscriber(app, 'steady@example.org', { paperCount: 3 });
    const first = await app.services.digest.run('daily', TUESDAY);
    assert.equal(first.sent, 1);
    const received = () => sink.messages.filter((m) => m.to && JSON.stringify(m.to).includes('steady@example.org'));
    const idsIn = (text: unknown) => [...new Set([...String(text).matchAll(/2611\.1000\d/g)].map((m) => m[0]))];
    const firstPapers = idsIn(received()[0]?.text);
    assert.equal(firstPapers.length, 3);

    const wednesday = await app.services.digest.run('daily', '2026-11-25'); // the window still holds Tuesday
    assert.equal(received().length, 2, 'the three papers left are new to this subscriber');
    const secondPapers = idsIn(received()[1]?.text);
    assert.equal(new Set([...firstPapers, ...secondPapers]).size, firstPapers.length + secondPapers.length, 'no paper twice');
    assert.ok(wednesday.sent >= 1);

    const thursday = await app.services.digest.run('daily', '2026-11-26');
    assert.equal(received().length, 2, 'nothing new: no mail');
    assert.ok(thursday.nothingNew >= 1);
    const outbox = await scalar(app.db, sql`SELECT count(*) FROM digest_outbox WHERE subscription_id = ${subscription.id}`);
    assert.equal(outbox, 2);
  });

  it('answers GET and PATCH /api/subscriptions/me for a token', async () => {
    await activeSubscriber(app, 'api@example.org');
    const { token } = await app.services.accounts.createApiToken((await app.services.accounts.addUser('api@example.org', 'user')).user.id, 'digest');
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const mine = await (await app.get('/api/subscriptions/me', { headers: auth })).json();
    assert.deepEqual(mine, { email: 'api@example.org', status: 'active', frequency: 'daily', weeklyDay: 1, paperCount: 10, topics: [], skipQuiet: false, suspendedReason: null });
    const patched = await app.get('/api/subscriptions/me', { method: 'PATCH', headers: auth, body: JSON.stringify({ frequency: 'weekly', weeklyDay: 5, topics: ['graphs'], skipQuiet: true, paused: true }) });
    assert.deepEqual(await patched.json(), { email: 'api@example.org', status: 'paused', frequency: 'weekly', weeklyDay: 5, paperCount: 10, topics: ['graphs'], skipQuiet: true, suspendedReason: null });
    const notBoolean = await app.get('/api/subscriptions/me', { method: 'PATCH', headers: auth, body: JSON.stringify({ skipQuiet: 'yes' }) });
    assert.equal(notBoolean.status, 400);
    const bad = await app.get('/api/subscriptions/me', { method: 'PATCH', headers: auth, body: JSON.stringify({ weeklyDay: 9 }) });
    assert.equal(bad.status, 400);
  });

  it('changes preferences on the page a signed link opens, and refuses altered links', async () => {
    const subscription = await activeSubscriber(app, 'prefs@example.org');
    const url = app.services.subscriptions.links(subscription.id).preferences;
    const browser = new HttpSession(app.url);
    const page = await (await browser.get(onApp(app, url))).text();
    assert.match(page, /prefs@example\.org/);
    const saved = await browser.post(new URL(onApp(app, url)).pathname + new URL(url).search, {
      frequency: 'weekly', weeklyDay: '3', paperCount: '5', topics: 'graphs\nquokkas', skipQuiet: 'on', _csrf: HttpSession.csrfOf(page),
    });
    assert.equal(saved.status, 303);
    const after = await app.services.subscriptions.get(subscription.id);
    assert.deepEqual([after.frequency, after.weeklyDay, after.paperCount, after.topics, after.skipQuiet], ['weekly', 3, 5, ['graphs', 'quokkas'], true]);
    assert.match(await (await browser.get(onApp(app, url))).text(), /name="skipQuiet" checked/, 'the page shows the choice');
    // An unchecked box sends nothing: the choice is turned off again.
    await browser.post(new URL(onApp(app, url)).pathname + new URL(url).search, {
      frequency: 'weekly', weeklyDay: '3', paperCount: '5', topics: 'graphs', _csrf: HttpSession.csrfOf(page),
    });
    assert.equal((await app.services.subscriptions.get(subscription.id)).skipQuiet, false);
    assert.equal((await app.get(`/subscription?s=${subscription.id}.forged`)).status, 404);
  });

  it('shows every page a subscribe box, and the outbox on /admin', async () => {
    const front = await (await app.get('/')).text();
    assert.match(front, /Get trending papers in your email inbox!/);
    assert.match(front, /<form action="\/subscribe" method="get"/);
    await app.services.accounts.addUser('boss@example.org', 'admin');
    const { signInThroughMailFile } = await import('../helpers/sign-in.ts');
    void signInThroughMailFile; // mail goes to SMTP here; sign in through the service instead
    const { sessionId } = (await app.services.accounts.completeSignIn(await tokenFor(app, sink, 'boss@example.org'), { userAgent: 'test' })) ?? { sessionId: '' };
    const admin = await (await app.get('/admin', { headers: { cookie: `pb_session=${sessionId}` } })).text();
    assert.match(admin, /Outbox: \d+ queued, \d+ sent, <span>0 failed<\/span>/, 'calm: no failure, nothing in red');
    assert.match(admin, /daily:2026-11-24/);
  });
});

/** Asks for a sign-in link and reads its token from the mail the sink received. */
async function tokenFor(app: RunningApp, sink: SmtpSink, email: string): Promise<string> {
  const since = sink.messages.length;
  await app.services.accounts.requestSignIn(email);
  const mail = await sink.waitFor(email, { since });
  return /token=([\w-]+)/.exec(mail.text ?? '')?.[1] ?? '';
}

for (const engine of ENGINES) describe(`digest: delivery failures (${engine})`, () => {
  it('retries a server that refuses twice with 451, and delivers', async () => {
    const refusals = new Map<string, number>();
    const { app, sink } = await setup(engine, {
      onRecipient: (address) => {
        const n = (refusals.get(address) ?? 0) + 1;
        refusals.set(address, n);
        return n <= 2 ? { code: 451, message: '451 4.3.0 Try again later' } : null;
      },
    });
    try {
      await activeSubscriber(app, 'patient@example.org');
      const run = await app.services.digest.run('daily', TUESDAY);
      assert.deepEqual([run.sent, run.failed], [1, 0]);
      assert.equal(sink.messages.length, 1);
      const [row] = await rows(app.db, sql`SELECT status, attempts FROM digest_outbox`);
      assert.deepEqual(row, { status: 'sent', attempts: 3 });
    } finally {
      await app.close();
      await sink.close();
    }
  });

  it('suspends a subscription whose address the server refuses with 550, and says so', async () => {
    const { app, sink } = await setup(engine, { onRecipient: () => ({ code: 550, message: '550 5.1.1 No such user' }) });
    try {
      const subscription = await activeSubscriber(app, 'gone@example.org');
      const run = await app.services.digest.run('daily', TUESDAY);
      assert.deepEqual([run.sent, run.failed], [0, 1]);
      const after = await app.services.subscriptions.get(subscription.id);
      assert.equal(after.status, 'suspended');
      assert.match(after.suspendedReason ?? '', /550 5\.1\.1 No such user/);
      const page = await (await app.get(new URL(app.services.subscriptions.links(subscription.id).preferences).pathname + new URL(app.services.subscriptions.links(subscription.id).preferences).search)).text();
      assert.match(page, /Suspended: mail to this address was refused/);
      assert.match(page, /No such user/);
    } finally {
      await app.close();
      await sink.close();
    }
  });
});

for (const engine of ENGINES) describe(`digest: exactly once (${engine})`, () => {
  it('delivers every digest once when the sender is killed mid-run and started again', async () => {
    let child: ReturnType<typeof spawn> | null = null;
    const { app, sink } = await setup(engine, {
      // The fifth message is where the sender dies: killed before the server accepts it.
      onMessageStart: (n) => {
        if (n !== 5) return true;
        child?.kill('SIGKILL');
        return false;
      },
    });
    try {
      for (let i = 0; i < 12; i += 1) await activeSubscriber(app, `reader${i}@example.org`);
      const env = { ...process.env, ...fast, ...app.processEnv, SMTP_URL: sink.url, LOG_LEVEL: 'silent', DEMO_DATA: 'off' };
      const send = () => {
        child = spawn(process.execPath, [path.join(repoRoot, 'bin/paperboard.js'), 'digest', 'send', '--period', 'daily', '--date', TUESDAY], { env, stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
        child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
        return new Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }>((resolve) => child?.on('exit', (code, signal) => resolve({ code, signal, out })));
      };
      const killed = await send();
      assert.equal(killed.signal, 'SIGKILL');
      assert.equal(sink.messages.length, 4, 'four delivered before the kill');
      const resumed = await send();
      assert.equal(resumed.code, 0, resumed.out);
      assert.match(resumed.out, /already composed 12; sent 8/);
      const recipients = sink.messages.flatMap((m) => (Array.isArray(m.to) ? m.to : m.to ? [m.to] : []).flatMap((a) => a.value.map((v) => v.address)));
      assert.equal(recipients.length, 12);
      assert.equal(new Set(recipients).size, 12, 'each subscriber exactly once');
      assert.equal(await scalar(app.db, sql`SELECT count(*) FROM digest_outbox WHERE status = 'sent'`), 12);
    } finally {
      await app.close();
      await sink.close();
    }
  });

  it('lets two senders share the outbox without sending anything twice', async () => {
    const { app, sink } = await setup(engine);
    try {
      for (let i = 0; i < 10; i += 1) await activeSubscriber(app, `pair${i}@example.org`);
      await app.services.digest.compose((await import('../../src/digest/subscription.ts')).digestPeriod('daily', TUESDAY));
      const config = loadConfig({ ...app.processEnv, LOG_LEVEL: 'silent', DEMO_DATA: 'off', SMTP_URL: sink.url, ...fast });
      const other = await openDatabase(config.database);
      try {
        const [a, b] = await Promise.all([app.services.digest.send(), createServices(other, config).digest.send()]);
        assert.equal(a.sent + b.sent, 10);
        assert.equal(sink.messages.length, 10);
      } finally {
        await other.close();
      }
    } finally {
      await app.close();
      await sink.close();
    }
  });

  it('lets a second sender stop once the first has sent what it leased, instead of waiting out its lease', async () => {
    // Production leases (120 s) and retries (60 s): before, the second sender slept a whole lease for rows sent meanwhile.
    // The first sender's lease is a production one too: a one-second lease ran out on a loaded machine while it sent.
    const { app, sink } = await setup(engine, { acceptDelayMs: 150 }, { DIGEST_LEASE_SECONDS: '120' });
    try {
      for (let i = 0; i < 4; i += 1) await activeSubscriber(app, `lease${i}@example.org`);
      await app.services.digest.compose((await import('../../src/digest/subscription.ts')).digestPeriod('daily', TUESDAY));
      const config = loadConfig({ ...app.processEnv, LOG_LEVEL: 'silent', DEMO_DATA: 'off', SMTP_URL: sink.url, PUBLIC_URL: PUBLIC, DIGEST_LEASE_SECONDS: '120', DIGEST_RETRY_SECONDS: '60' });
      const other = await openDatabase(config.database);
      try {
        const first = app.services.digest.send(); // leases all four (ten a claim), sends them slowly
        const leased = sql`SELECT count(*) FROM digest_outbox WHERE lease_holder IS NOT NULL OR status = 'sent'`;
        while (Number(await scalar(app.db, leased)) < 4) await new Promise((resolve) => setTimeout(resolve, 5));
        const started = Date.now();
        const second = await createServices(other, config).digest.send({ waitForRetries: true });
        const seconds = (Date.now() - started) / 1000;
        await first;
        assert.equal(second.sent, 0);
        assert.equal(sink.messages.length, 4);
        assert.ok(seconds < 5, `the second sender returned after ${seconds.toFixed(1)} s`);
      } finally {
        await other.close();
      }
    } finally {
      await app.close();
      await sink.close();
    }
  });

  it('previews a run with --dry-run and sends nothing', async () => {
    const { app, sink } = await setup(engine);
    try {
      await activeSubscriber(app, 'preview@example.org');
      const child = spawn(process.execPath, [path.join(repoRoot, 'bin/paperboard.js'), 'digest', 'send', '--dry-run', '--date', TUESDAY], {
        env: { ...process.env, ...fast, ...app.processEnv, SMTP_URL: sink.url, LOG_LEVEL: 'silent', DEMO_DATA: 'off' },
      });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      const code = await new Promise((resolve) => child.on('exit', resolve));
      assert.equal(code, 0);
      assert.match(out, /^preview@example\.org\tTrending 24 Nov 2026: .+\t2611\.1000\d/m);
      assert.match(out, /dry run, daily:2026-11-24: would send 1/);
      assert.equal(sink.messages.length, 0);
      assert.equal(await scalar(app.db, sql`SELECT count(*) FROM digest_outbox`), 0);
    } finally {
      await app.close();
      await sink.close();
    }
  });
});

for (const engine of ENGINES) describe(`digest: offline and one click (${engine})`, () => {
  it('writes each message as an .eml file under the data folder when there is no SMTP server', async () => {
    const app = await startApp(async ({ services, dir }) => {
      await services.importer.importFile(papersOn(TUESDAY, ['2611.20001', '2611.20002'], dir));
      await services.papers.saveExternalSignals([{ id: '2611.20001', source: 'huggingface', upvotes: 3, comments: 0 }]);
    }, fast, engine);
    try {
      await activeSubscriber(app, 'offline@example.org');
      const run = await app.services.digest.run('daily', TUESDAY);
      assert.equal(run.sent, 1);
      const files = fs.readdirSync(path.join(app.dir, 'mail')).map((f) => fs.readFileSync(path.join(app.dir, 'mail', f), 'utf8'));
      const digest = files.find((f) => /Subject: Trending 24 Nov 2026/.test(f));
      assert.ok(digest, 'the digest is on disk');
      assert.match(digest, /List-Unsubscribe-Post: List-Unsubscribe=One-Click/);
      assert.match(digest, /Content-Type: text\/plain/);
      assert.match(digest, /Content-Type: text\/html/);
    } finally {
      await app.close();
    }
  });

  it('subscribes a signed-in member in one click, without a confirmation mail', async () => {
    const app = await startApp(undefined, fast, engine);
    try {
      const { signInThroughMailFile } = await import('../helpers/sign-in.ts');
      const member = await signInThroughMailFile(app, 'member@example.org');
      const page = await (await member.get('/subscribe')).text();
      assert.match(page, /To <strong>member@example\.org<\/strong>/);
      const mailsBefore = fs.readdirSync(path.join(app.dir, 'mail')).length;
      const done = await member.post('/subscribe', { email: 'member@example.org', frequency: 'daily', weeklyDay: '1', paperCount: '10', topics: '', _csrf: HttpSession.csrfOf(page) });
      assert.equal(done.status, 200);
      assert.match(await done.text(), /You are subscribed/);
      assert.equal(fs.readdirSync(path.join(app.dir, 'mail')).length, mailsBefore, 'no confirmation needed');
      assert.equal((await app.services.subscriptions.forUser((await app.services.accounts.addUser('member@example.org', 'user')).user))?.status, 'active');
      // The account page has the digest, and /subscribe knows: no second form.
      const account = await (await member.get('/account')).text();
      assert.match(account, /<h2 id="digest-heading">Email digest<\/h2><p>The 10 top trending papers every weekday\.<\/p>/);
      assert.match(account, /href="[^"]*\/subscription\?s=[^"]+">Change or pause your digest/);
      const again = await (await member.get('/subscribe')).text();
      assert.match(again, /<h1>You are subscribed<\/h1>/);
      assert.doesNotMatch(again, /action="\/subscribe"/);
    } finally {
      await app.close();
    }
  });
});
