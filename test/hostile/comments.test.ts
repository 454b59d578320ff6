// Comment ids are sequential, so anyone can ask for any of them: the edit form, the JSON thread and the paper page
// must never show a deleted or hidden comment's text to anyone but moderators (and deleted text to nobody).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startApp, type RunningApp } from '../helpers/app.ts';
import { HttpSession } from '../helpers/browser-session.ts';
import { kaggleSample } from '../helpers/paths.ts';
import { signInThroughMailFile } from '../helpers/sign-in.ts';

describe('reading comments one may not read', () => {
  let app: RunningApp;
  let ada: HttpSession;
  let eve: HttpSession;
  let mod: HttpSession;
  const ids: Record<'live' | 'hidden' | 'deleted', number> = { live: 0, hidden: 0, deleted: 0 };

  before(async () => {
    app = await startApp(async ({ services }) => {
      await services.importer.importFile(kaggleSample);
      await services.accounts.addUser('mod@example.org', 'moderator');
    });
    ada = await signInThroughMailFile(app, 'ada@example.org');
    eve = await signInThroughMailFile(app, 'eve@example.org');
    mod = await signInThroughMailFile(app, 'mod@example.org');
    const author = await app.services.accounts.userForSession(ada.cookies.get('pb_session') ?? '');
    const moderator = await app.services.accounts.userForSession(mod.cookies.get('pb_session') ?? '');
    if (!author || !moderator) throw new Error('members missing');
    const add = (body: string) => app.services.comments.add(author, { paperId: '0704.0001', body });
    ids.live = (await add('live words')).id;
    ids.hidden = (await add('secret hidden words')).id;
    ids.deleted = (await add('secret deleted words')).id;
    await app.services.comments.moderate(moderator, ids.hidden, true);
    await app.services.comments.remove(author, ids.deleted);
  });
  after(() => app.close());

  it('opens the edit form to the author of a live comment only', async () => {
    const own = await ada.get(`/comments/${ids.live}/edit`);
    assert.equal(own.status, 200);
    assert.match(await own.text(), /live words/);
    for (const [who, session] of [['another member', eve], ['a moderator', mod]] as const) {
      const response = await session.get(`/comments/${ids.live}/edit`);
      assert.equal(response.status, 403, who);
      assert.doesNotMatch(await response.text(), /live words/, who);
    }
  });

  it('shows nobody a hidden or deleted comment in the edit form, its author included', async () => {
    for (const id of [ids.hidden, ids.deleted]) {
      for (const session of [eve, ada, mod]) {
        const response = await session.get(`/comments/${id}/edit`);
        assert.equal(response.status, 403);
        assert.doesNotMatch(await response.text(), /secret/);
      }
    }
  });

  it('walks every id without a leak, and answers 404 past the last', async () => {
    for (let id = 1; id <= ids.deleted; id += 1) assert.doesNotMatch(await (await eve.get(`/comments/${id}/edit`)).text(), /secret/);
    assert.equal((await eve.get(`/comments/${ids.deleted + 100}/edit`)).status, 404);
  });

  it('keeps hidden text for moderators and deleted text for nobody on the page and in the JSON thread', async () => {
    for (const session of [eve, ada]) {
      assert.doesNotMatch(await (await session.get('/papers/0704.0001')).text(), /secret/);
      assert.doesNotMatch(await (await session.get('/api/papers/0704.0001/comments')).text(), /secret/);
    }
    const moderator = await (await mod.get('/papers/0704.0001')).text();
    assert.match(moderator, /secret hidden words/);
    assert.doesNotMatch(moderator, /secret deleted words/);
  });

  it('refuses control characters and text-direction overrides in what members write', async () => {
    const page = await (await eve.get('/papers/0704.0001')).text();
    const spoof = await eve.post('/papers/0704.0001/comments', { body: 'see file \u202Etxt.exe', _csrf: HttpSession.csrfOf(page) });
    assert.equal(spoof.status, 400);
    assert.match(await spoof.text(), /cannot hold control characters or text-direction overrides/);
    const multiline = await eve.post('/papers/0704.0001/comments', { body: 'two\r\nlines\tand a tab', _csrf: HttpSession.csrfOf(page) });
    assert.equal(multiline.status, 303, 'line breaks and tabs are text');
    const account = await (await eve.get('/account')).text();
    const named = await eve.post('/account', { username: 'eve', displayName: 'Eve\u0000', _csrf: HttpSession.csrfOf(account) });
    assert.equal(named.status, 400);
    assert.match(await named.text(), /display name cannot hold control characters/);
  });
});
