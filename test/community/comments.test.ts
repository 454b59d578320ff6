import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startApp, type RunningApp } from '../helpers/app.ts';
import { HttpSession } from '../helpers/browser-session.ts';
import { kaggleSample } from '../helpers/paths.ts';
import { signInThroughMailFile } from '../helpers/sign-in.ts';
import { ENGINES } from '../helpers/postgres.ts';

interface CommentJson { id: number; parentId: number | null; body: string | null; state: string; author: { username: string }; replies?: CommentJson[] }

for (const engine of ENGINES) describe(`comments (${engine})`, () => {
  let app: RunningApp;
  let ada: HttpSession;
  let bob: HttpSession;
  let mod: HttpSession;
  before(async () => {
    app = await startApp(async ({ services }) => {
      await services.importer.importFile(kaggleSample);
      await services.accounts.addUser('mod@example.org', 'moderator');
    }, {}, engine);
    ada = await signInThroughMailFile(app, 'ada@example.org');
    bob = await signInThroughMailFile(app, 'bob@example.org');
    mod = await signInThroughMailFile(app, 'mod@example.org');
  });
  after(() => app.close());

  const thread = async (id: string) => (await (await app.get(`/api/papers/${id}/comments`)).json()) as CommentJson[];
  const counts = async (id: string) => {
    const paper = (await (await app.get(`/api/papers/${id}`)).json()) as { numComments: number };
    return paper.numComments;
  };

  it('posts a comment and a reply; a reply to a reply joins the thread (one level deep)', async () => {
    const posted = await ada.postFrom('/papers/0704.0001', '/papers/0704.0001/comments', { body: 'Is the **NNLL** resummation new here?' });
    assert.equal(posted.status, 303);
    assert.match(posted.headers.get('location') ?? '', /^\/papers\/0704.0001#comment-\d+$/);
    const [first] = await thread('0704.0001');
    assert.equal(first?.body, 'Is the **NNLL** resummation new here?');

    await bob.postFrom('/papers/0704.0001', '/papers/0704.0001/comments', { body: 'See section 3.', parentId: String(first?.id) });
    const reply = (await thread('0704.0001'))[0]?.replies?.[0];
    await ada.postFrom('/papers/0704.0001', '/papers/0704.0001/comments', { body: 'Thanks!', parentId: String(reply?.id) });
    const [only] = await thread('0704.0001');
    assert.deepEqual(only?.replies?.map((r) => [r.body, r.parentId]), [['See section 3.', first?.id], ['Thanks!', first?.id]]);
    assert.equal(await counts('0704.0001'), 3);

    const page = await (await app.get('/papers/0704.0001')).text();
    assert.match(page, /<strong>NNLL<\/strong>/);
    assert.match(page, /3 comments/);
  });

  it('refuses empty comments and keeps the text of refused ones', async () => {
    const empty = await ada.postFrom('/papers/0704.0002', '/papers/0704.0002/comments', { body: '   ' });
    assert.equal(empty.status, 400);
    assert.match(await empty.text(), /write a comment first/);
    const long = 'x'.repeat(5001);
    const tooLong = await ada.postFrom('/papers/0704.0002', '/papers/0704.0002/comments', { body: long });
    assert.equal(tooLong.status, 400);
    const page = await tooLong.text();
    assert.match(page, /at most 5,000 characters/);
    assert.ok(page.includes(long), 'the text is kept to fix');
  });

  it('lets the author edit within ten minutes, and nobody else', async () => {
    const created = await app.services.comments.add(await user('ada@example.org'), { paperId: '0704.0003', body: 'typo' });
    const edited = await ada.postFrom(`/comments/${created.id}/edit`, `/comments/${created.id}/edit`, { body: 'fixed' });
    assert.equal(edited.status, 303);
    assert.equal((await thread('0704.0003'))[0]?.body, 'fixed');
    assert.match(await (await app.get('/papers/0704.0003')).text(), /· edited/);

    const byBob = await bob.postFrom('/papers/0704.0003', `/comments/${created.id}/edit`, { body: 'hijacked' });
    assert.equal(byBob.status, 403);
    const old = await app.services.comments.add(await user('ada@example.org'), { paperId: '0704.0003', body: 'old' }, new Date(Date.now() - 11 * 60_000));
    const late = await ada.postFrom(`/comments/${old.id}/edit`, `/comments/${old.id}/edit`, { body: 'too late' });
    assert.equal(late.status, 403);
    assert.match(await late.text(), /for 10 minutes after posting/);
  });

  it('lets authors delete their own comments; a deleted comment with replies stays as a placeholder', async () => {
    const parent = await app.services.comments.add(await user('bob@example.org'), { paperId: '0704.0004', body: 'parent' });
    await app.services.comments.add(await user('ada@example.org'), { paperId: '0704.0004', body: 'child', parentId: parent.id });
    assert.equal((await ada.postFrom('/papers/0704.0004', `/comments/${parent.id}/delete`, {})).status, 403, 'not hers');
    const deleted = await bob.postFrom('/papers/0704.0004', `/comments/${parent.id}/delete`, {});
    assert.equal(deleted.status, 303);
    const [t] = await thread('0704.0004');
    assert.deepEqual([t?.state, t?.body, t?.replies?.[0]?.body], ['deleted', null, 'child']);
    assert.equal(await counts('0704.0004'), 1);
    const page = await (await app.get('/papers/0704.0004')).text();
    assert.match(page, /Deleted by its author/);
    assert.doesNotMatch(page, />parent</);
  });

  it('takes flags once per person, queues them for moderators, who hide and restore', async () => {
    const rude = await app.services.comments.add(await user('bob@example.org'), { paperId: '0704.0005', body: 'buy cheap pills' });
    assert.equal((await bob.postFrom('/papers/0704.0005', `/comments/${rude.id}/flag`, { reason: 'spam' })).status, 400, 'not your own');
    for (let i = 0; i < 2; i += 1) {
      const flagged = await ada.postFrom('/papers/0704.0005', `/comments/${rude.id}/flag`, { reason: 'spam' });
      assert.equal(flagged.headers.get('location'), `/papers/0704.0005?flagged=${rude.id}#comment-${rude.id}`);
    }
    assert.match(await (await ada.get(`/papers/0704.0005?flagged=${rude.id}`)).text(), /Thank you: the moderators will look at this comment\./, 'flagging is confirmed to the flagger');
    assert.match(await (await mod.get('/papers/0704.0005')).text(), /title="Flagged by readers: hide it, or leave it">1 flag</, 'moderators see the flag where the comment is');
    assert.doesNotMatch(await (await app.get('/papers/0704.0005')).text(), /Flagged by readers/, 'readers do not');
    const flagsOf = async (id: number) => (await app.services.comments.threads((await app.services.papers.get('0704.0005')).paper)).threads.find((t) => t.comment.id === id)?.comment.flagCount;
    assert.equal(await flagsOf(rude.id), 1);

    assert.equal((await ada.postFrom('/papers/0704.0005', `/comments/${rude.id}/hide`, {})).status, 403, 'members do not moderate');
    const admin = await (await mod.get('/admin')).text();
    assert.match(admin, /buy cheap pills/);
    assert.match(admin, /1 \(spam\)/);

    const hidden = await mod.post(`/comments/${rude.id}/hide`, { _csrf: HttpSession.csrfOf(admin) });
    assert.equal(hidden.status, 303);
    assert.equal(await counts('0704.0005'), 0);
    assert.doesNotMatch(await (await app.get('/papers/0704.0005')).text(), /buy cheap pills/, 'hidden from readers');
    assert.match(await (await mod.get('/papers/0704.0005')).text(), /buy cheap pills[\s\S]*Hidden by a moderator|Hidden by a moderator[\s\S]*buy cheap pills/, 'moderators still read it');
    const queue = await (await mod.get('/admin')).text();
    assert.match(queue, new RegExp(`action="/comments/${rude.id}/restore"`));

    await mod.post(`/comments/${rude.id}/restore`, { _csrf: HttpSession.csrfOf(queue) });
    assert.equal(await counts('0704.0005'), 1);
    assert.equal(await flagsOf(rude.id), 0, 'restoring settles the flags');
  });

  it('counts commenters (not comments) in the trending score', async () => {
    const before = (await app.services.papers.get('0704.0006')).paper.trending;
    const ada1 = await user('ada@example.org');
    await app.services.comments.add(ada1, { paperId: '0704.0006', body: 'one' });
    const afterOne = (await app.services.papers.get('0704.0006')).paper.trending;
    await app.services.comments.add(ada1, { paperId: '0704.0006', body: 'two' });
    const afterTwo = (await app.services.papers.get('0704.0006')).paper.trending;
    assert.ok(afterOne > before);
    assert.equal(afterTwo, afterOne, 'the same person again adds nothing');
  });

  it('takes comments over the API with a token', async () => {
    const { token } = await app.services.accounts.createApiToken((await user('ada@example.org')).id, 'api');
    const response = await fetch(`${app.url}/api/papers/0704.0007/comments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ body: 'via the API' }),
    });
    assert.equal(response.status, 201);
    const created = (await response.json()) as CommentJson;
    assert.deepEqual([created.body, created.author.username, created.state], ['via the API', 'ada', 'visible']);
    const anonymous = await fetch(`${app.url}/api/papers/0704.0007/comments`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"body":"x"}' });
    assert.equal(anonymous.status, 401);
  });

  it('limits comments per member: ten a minute', async () => {
    const eve = await signInThroughMailFile(app, 'eve@example.org');
    const page = await (await eve.get('/papers/0704.0008')).text();
    const statuses = [];
    for (let i = 0; i < 11; i += 1) statuses.push((await eve.post('/papers/0704.0008/comments', { body: `note ${i}`, _csrf: HttpSession.csrfOf(page) })).status);
    assert.deepEqual(statuses, [...Array(10).fill(303), 429]);
  });

  async function user(email: string) {
    return (await app.services.accounts.addUser(email, email.startsWith('mod') ? 'moderator' : 'user')).user;
  }
});
