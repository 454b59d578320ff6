import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startApp, type RunningApp } from '../helpers/app.ts';
import { HttpSession } from '../helpers/browser-session.ts';
import { runCli } from '../helpers/cli.ts';
import { signInThroughMailFile } from '../helpers/sign-in.ts';
import { rows, scalar, sql } from '../helpers/sql.ts';

describe('personal API tokens', () => {
  let app: RunningApp;
  before(async () => (app = await startApp()));
  after(() => app.close());

  const me = (token: string) => fetch(`${app.url}/api/me`, { headers: { authorization: `Bearer ${token}` } });

  it('are made on the account page, shown once, authorize the API, and can be revoked', async () => {
    const session = await signInThroughMailFile(app, 'tokens@example.org');
    const account = await (await session.get('/account')).text();
    const made = await session.post('/account/tokens', { name: 'reading list script', _csrf: HttpSession.csrfOf(account) });
    assert.equal(made.status, 200);
    assert.equal(made.headers.get('cache-control'), 'no-store');
    const page = await made.text();
    const token = /<code>(pb_[\w-]+)<\/code>/.exec(page)?.[1] ?? '';
    assert.match(token, /^pb_[\w-]{40,}$/);
    assert.doesNotMatch(await (await session.get('/account')).text(), new RegExp(token), 'never shown again');

    const response = await me(token);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { username: 'tokens', displayName: 'tokens', role: 'user' });
    assert.match(await (await session.get('/account')).text(), /<td>reading list script<\/td><td>\d{4}-\d{2}-\d{2}<\/td><td>\d{4}-\d{2}-\d{2}<\/td>/, 'last use recorded');

    const stored = await rows(app.db, sql<{ token_hash: string }>`SELECT token_hash FROM api_tokens`);
    assert.ok(stored.every((r) => r.token_hash !== token), 'only the hash is stored');

    const listed = await (await session.get('/account')).text();
    const revokeAt = /action="(\/account\/tokens\/\d+\/revoke)"/.exec(listed)?.[1] ?? '';
    const revoked = await session.post(revokeAt, { _csrf: HttpSession.csrfOf(listed.slice(listed.indexOf(revokeAt))) });
    assert.equal(revoked.status, 303);
    const refused = await me(token);
    assert.equal(refused.status, 401);
    assert.deepEqual(await refused.json(), { error: { code: 'unauthorized', message: 'That API token is not valid (revoked, or mistyped).' } });
  });

  it('are made from the command line for an existing account', async () => {
    const env = app.processEnv;
    assert.equal((await runCli(['token', 'create', 'nobody@example.org'], env)).code, 1);
    await runCli(['user', 'add', 'script@example.org'], env);
    const created = await runCli(['token', 'create', 'script@example.org', '--name', 'cron job'], env);
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stderr, /shown once/);
    const token = created.stdout.trim();
    assert.equal(((await (await me(token)).json()) as { username: string }).username, 'script');
  });

  it('answers 401 to an anonymous /api/me', async () => {
    const response = await fetch(`${app.url}/api/me`);
    assert.equal(response.status, 401);
  });
});
