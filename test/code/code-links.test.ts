// Code links by hand, over real HTTP: a member adds one on the paper page (form and API), a moderator removes one,
// and a removed link stays removed. Also what a careless or hostile member sends: not a repository, a script, a
// link to the same repository twice, someone else's removal, a number that is not a repository.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startApp, type RunningApp } from '../helpers/app.ts';
import { HttpSession } from '../helpers/browser-session.ts';
import { kaggleSample } from '../helpers/paths.ts';
import { signInThroughMailFile } from '../helpers/sign-in.ts';

interface CodeJson { url: string; owner: string; name: string; source: string; stars: number | null }

describe('code links by members and moderators', () => {
  let app: RunningApp;
  let ada: HttpSession;
  let mod: HttpSession;
  before(async () => {
    app = await startApp(async ({ services }) => {
      await services.importer.importFile(kaggleSample);
      await services.accounts.addUser('mod@example.org', 'moderator');
    });
    ada = await signInThroughMailFile(app, 'ada@example.org');
    mod = await signInThroughMailFile(app, 'mod@example.org');
  });
  after(() => app.close());

  const code = async (id: string) => ((await (await app.get(`/api/papers/${id}`)).json()) as { code: CodeJson[] }).code;

  it('adds a link from the paper page, credits the member, and marks the paper as having code', async () => {
    const stranger = await (await app.get('/papers/0704.0001')).text();
    assert.match(stranger, /Sign in to add a code link<\/a>/);
    const added = await ada.postFrom('/papers/0704.0001', '/papers/0704.0001/code', { url: 'https://github.com/Ada/Resummation.git' });
    assert.equal(added.status, 303);
    assert.equal(added.headers.get('location'), '/papers/0704.0001#code-heading');
    assert.deepEqual((await code('0704.0001')).map((c) => [c.url, c.source]), [['https://github.com/Ada/Resummation', 'member']]);
    const page = await (await app.get('/papers/0704.0001')).text();
    assert.match(page, /Ada\/Resummation/);
    assert.match(page, /added by <a href="\/u\/ada">ada<\/a>/);
    assert.match(page, /suggested<\/span>/, "a member's link is a suggestion until a moderator confirms it");
    const hasCode = async () => ((await (await app.get('/api/search?mode=keyword&q=has%3Acode')).json()) as { items: Array<{ paper: { id: string } }> }).items.map((i) => i.paper.id);
    assert.deepEqual(await hasCode(), [], 'an unconfirmed link does not count');
    const refused = await ada.postFrom('/papers/0704.0001', `/papers/0704.0001/code/${/code\/(\d+)\/confirm/.exec(await (await mod.get('/papers/0704.0001')).text())?.[1]}/confirm`, {});
    assert.equal(refused.status, 403, 'a member cannot confirm');
    const confirmed = await mod.postFrom('/papers/0704.0001', `/papers/0704.0001/code/${/code\/(\d+)\/confirm/.exec(await (await mod.get('/papers/0704.0001')).text())?.[1]}/confirm`, {});
    assert.equal(confirmed.status, 303);
    assert.doesNotMatch(await (await app.get('/papers/0704.0001')).text(), /suggested<\/span>/);
    assert.deepEqual(await hasCode(), ['0704.0001'], 'a confirmed link marks the paper as having code');
  });

  it('refuses what is not a repository, keeps what was typed (escaped), and refuses the same link twice', async () => {
    const hostile = 'https://example.org/"><script>alert(1)</script>';
    const refused = await ada.postFrom('/papers/0704.0002', '/papers/0704.0002/code', { url: hostile });
    assert.equal(refused.status, 400);
    const html = await refused.text();
    assert.match(html, /not a repository address/);
    assert.ok(!html.includes('<script>alert(1)</script>'), 'what the member typed is escaped');
    assert.ok(html.includes('value="https://example.org/&quot;>&lt;script>alert(1)&lt;/script>"'), 'and shown again to fix');
    const tooLong = await ada.postFrom('/papers/0704.0002', '/papers/0704.0002/code', { url: `https://github.com/a/${'b'.repeat(600)}` });
    assert.equal(tooLong.status, 400);
    const twice = await ada.postFrom('/papers/0704.0001', '/papers/0704.0001/code', { url: 'https://github.com/ada/resummation' });
    assert.equal(twice.status, 409, 'owner and name compare without case, as GitHub does');
    assert.match(await twice.text(), /already links to that repository/);
    assert.equal((await code('0704.0001')).length, 1);
    const unknownPaper = await ada.postFrom('/papers/0704.0001', '/papers/0704.9999/code', { url: 'https://github.com/a/b' });
    assert.equal(unknownPaper.status, 404);
  });

  it('takes links over the API with a token, and answers strangers 401', async () => {
    const { user } = await app.services.accounts.addUser('api@example.org', 'user');
    const { token } = await app.services.accounts.createApiToken(user.id, 'api');
    const send = (body: string, auth = true) => fetch(`${app.url}/api/papers/0704.0003/code`, {
      method: 'POST',
      headers: { ...(auth ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' },
      body,
    });
    const created = await send(JSON.stringify({ url: 'https://huggingface.co/org/model-x' }));
    assert.equal(created.status, 201);
    const json = (await created.json()) as CodeJson;
    assert.deepEqual([json.url, json.source, json.stars], ['https://huggingface.co/org/model-x', 'member', null]);
    assert.equal((await send('{"url": 7}')).status, 400);
    assert.equal((await send('{}')).status, 400);
    assert.equal((await send(JSON.stringify({ url: 'https://github.com/a/b' }), false)).status, 401);
  });

  it('lets only moderators remove a link; a removed link stays removed, from any source', async () => {
    const [link] = await code('0704.0001');
    assert.ok(link);
    const repositoryId = /\/code\/(\d+)\/remove/.exec(await (await mod.get('/papers/0704.0001')).text())?.[1];
    assert.ok(repositoryId, 'the moderator sees a remove button');
    assert.ok(!/\/code\/\d+\/remove/.test(await (await ada.get('/papers/0704.0001')).text()), 'a member does not');

    const byMember = await ada.postFrom('/papers/0704.0001', `/papers/0704.0001/code/${repositoryId}/remove`, {});
    assert.equal(byMember.status, 403);
    assert.equal((await code('0704.0001')).length, 1);
    const notANumber = await mod.postFrom('/papers/0704.0001', '/papers/0704.0001/code/x1/remove', {});
    assert.equal(notANumber.status, 400);

    const removed = await mod.postFrom('/papers/0704.0001', `/papers/0704.0001/code/${repositoryId}/remove`, { return: '/papers/0704.0001' });
    assert.equal(removed.status, 303);
    assert.equal(removed.headers.get('location'), '/papers/0704.0001#code-heading');
    assert.deepEqual(await code('0704.0001'), []);
    const again = await mod.postFrom('/papers/0704.0001', `/papers/0704.0001/code/${repositoryId}/remove`, {});
    assert.equal(again.status, 404);

    const readded = await ada.postFrom('/papers/0704.0001', '/papers/0704.0001/code', { url: 'https://github.com/Ada/Resummation' });
    assert.equal(readded.status, 409);
    assert.match(await readded.text(), /moderator removed this link/);
    // The same repository named in the paper's own text, later: still not linked.
    const pk = (await app.services.papers.keyOf('0704.0001')) as number;
    await app.services.code.linkFromText([{ pk, abstract: 'Code: https://github.com/Ada/Resummation', comments: null }]);
    assert.deepEqual(await code('0704.0001'), []);
    const found = (await (await app.get('/api/search?mode=keyword&q=has%3Acode')).json()) as { items: Array<{ paper: { id: string } }> };
    assert.ok(!found.items.some((i) => i.paper.id === '0704.0001'), 'no longer has code');
  });

  it('refuses a form without the page token (CSRF)', async () => {
    const forged = await ada.post('/papers/0704.0004/code', { url: 'https://github.com/evil/repo' });
    assert.equal(forged.status, 403);
    assert.deepEqual(await code('0704.0004'), []);
  });
});
