// What strangers can make the site do with one request: send mail to an inbox from many clients (or with +tags),
// send without end, post bodies nested a million deep or a megabyte long, post to members' endpoints without being
// one, or forge a form post to the JSON API with a member's cookie.
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { inboxKey } from '../../src/mail/mail-budget.ts';
import { startApp, type RunningApp } from '../helpers/app.ts';
import { HttpSession } from '../helpers/browser-session.ts';
import { signInThroughMailFile } from '../helpers/sign-in.ts';

describe('the mail budget', () => {
  let app: RunningApp;
  before(async () => {
    app = await startApp(undefined, { MAIL_HOURLY_LIMIT: '12' });
  });
  after(() => app.close());

  /** POSTs /login for `email` as a fresh client (its own cookies, its own address as far as the limit per client goes). */
  async function askLink(email: string, ip: string): Promise<number> {
    const page = await app.fastify.inject({ url: '/login', remoteAddress: ip });
    const cookie = page.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const token = HttpSession.csrfOf(page.body);
    const posted = await app.fastify.inject({
      method: 'POST', url: '/login', remoteAddress: ip, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ email, _csrf: token }).toString(),
    });
    return posted.statusCode;
  }

  it('folds +tags and case into one inbox', () => {
    assert.equal(inboxKey('Ada+news@Example.org'), 'ada@example.org');
    assert.equal(inboxKey(' ada@example.org '), 'ada@example.org');
  });

  it('sends one inbox five links an hour, however many clients ask and however the address is dressed', async () => {
    const addresses = ['victim@example.org', 'Victim+1@example.org', 'victim+2@EXAMPLE.org', 'victim+3@example.org', 'victim@example.org', 'victim+4@example.org'];
    const statuses: number[] = [];
    for (const [i, email] of addresses.entries()) statuses.push(await askLink(email, `203.0.113.${i + 1}`));
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429]);
  });

  it('stops all such mail once the hour’s budget is spent, saying so', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 9; i += 1) statuses.push(await askLink(`reader${i}@example.org`, `198.51.100.${i + 1}`));
    // 12 an hour, of which 30% are kept for addresses that have signed in before: 8 for strangers, 5 of them sent before.
    assert.deepEqual(statuses, [200, 200, 200, 503, 503, 503, 503, 503, 503], 'eight to new addresses in all with the five sent before; refused ones are not counted');
    const page = await app.fastify.inject({ url: '/subscribe', remoteAddress: '192.0.2.9' });
    const cookie = page.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const subscribe = await app.fastify.inject({
      method: 'POST', url: '/subscribe', remoteAddress: '192.0.2.9', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ email: 'new@example.org', frequency: 'daily', weeklyDay: '1', paperCount: '10', topics: '', _csrf: HttpSession.csrfOf(page.body) }).toString(),
    });
    assert.equal(subscribe.statusCode, 503);
    assert.match(subscribe.body, /as much mail to new addresses as it may this hour/);
  });

  it('limits one client’s requests before reading what they post', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 21; i += 1) {
      const posted = await app.fastify.inject({ method: 'POST', url: '/login', remoteAddress: '192.0.2.200', payload: {} });
      statuses.push(posted.statusCode);
    }
    assert.equal(statuses.at(-1), 429, 'the 21st post from one client in ten minutes');
  });
});

describe('request bodies', () => {
  let app: RunningApp;
  before(async () => {
    app = await startApp(undefined, { RATE_LIMIT_READS: '0' });
  });
  after(() => app.close());

  it('refuses a megabyte of "[" by its size, before parsing it', async () => {
    const started = performance.now();
    const response = await app.get('/api/subscriptions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '['.repeat(1_000_000) });
    assert.equal(response.status, 413);
    assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'payload_too_large');
    assert.ok(performance.now() - started < 500);
  });

  it('refuses JSON nested deeper than sixteen levels without parsing it, however short', async () => {
    for (const body of ['['.repeat(100_000), `{"email":${'['.repeat(17)}1${']'.repeat(17)}}`]) {
      const response = await app.get('/api/subscriptions', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      assert.equal(response.status, 400);
      assert.match(((await response.json()) as { error: { message: string } }).error.message, /nests deeper than 16 levels/);
    }
    const shallow = await app.get('/api/subscriptions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"email":"[[[[ not nesting"}' });
    assert.equal(shallow.status, 400, 'brackets inside strings do not count');
    assert.match(await shallow.text(), /email/);
  });

  it('keeps /healthz quick while nested bodies arrive', async () => {
    const flood = Array.from({ length: 12 }, () =>
      app.get('/api/subscriptions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '['.repeat(120_000) }),
    );
    const started = performance.now();
    const health = await app.get('/healthz');
    const ms = performance.now() - started;
    await Promise.all(flood);
    assert.equal(health.status, 200);
    assert.ok(ms < 250, `/healthz took ${ms.toFixed(0)} ms`);
  });

  it('turns a stranger away from a member’s endpoint before their body arrives', async () => {
    const { port } = new URL(app.url);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(port), '127.0.0.1', () => {
        // Announces 100 KB and sends 10: a server that waited for the body would never answer.
        socket.write('POST /api/papers HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"id":"1"}');
      });
      let received = '';
      socket.on('data', (chunk) => {
        received += chunk.toString();
        if (received.includes('\r\n\r\n')) {
          socket.destroy();
          resolve(received);
        }
      });
      socket.on('error', reject);
      setTimeout(() => reject(new Error('no answer within 3 s: the server waited for the body')), 3000).unref();
    });
    assert.match(answer, /^HTTP\/1\.1 401/);
  });

  it('refuses a form post to the JSON API, and a member’s cookie without the CSRF token', async () => {
    const form = await app.get('/api/subscriptions', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'email=a%40example.org' });
    assert.equal(form.status, 415);
    const member = await signInThroughMailFile(app, 'member@example.org');
    const forged = await member.request('/api/subscriptions', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'member@example.org' }),
    });
    assert.equal(forged.status, 403, 'a cross-site request would carry the cookie, not the token');
    const page = await (await member.get('/account')).text();
    const own = await member.request('/api/subscriptions', {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': HttpSession.csrfOf(page) }, body: JSON.stringify({ email: 'member@example.org' }),
    });
    assert.equal(own.status, 201, 'the member’s own page can');
  });
});
