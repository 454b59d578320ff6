import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startApp, type RunningApp } from '../helpers/app.ts';
import { HttpSession } from '../helpers/browser-session.ts';
import { kaggleSample } from '../helpers/paths.ts';
import { signInThroughMailFile } from '../helpers/sign-in.ts';

describe('/u/:name', () => {
  let app: RunningApp;
  before(async () => {
    app = await startApp(async ({ services }) => {
      await services.importer.importFile(kaggleSample);
      const { user } = await services.accounts.addUser('grace@example.org', 'user');
      await services.community.submit(user, '0704.0001', new Date('2007-04-20T12:00:00Z'));
      await services.community.upvote(user, '0704.0002');
      await services.comments.add(user, { paperId: '0704.0003', body: 'A fine *argument*.' });
    }, { SUBMIT_MAX_AGE_DAYS: '100000' });
  });
  after(() => app.close());

  it('shows submissions and comments, and upvotes only when the member allows', async () => {
    const page = await (await app.get('/u/grace')).text();
    assert.match(page, /<h1>grace<\/h1>/);
    assert.match(page, /href="\/papers\/0704.0001"/, 'the submission');
    assert.match(page, /on “The evolution of the Earth-Moon system based on the dark matter field fluid model”/, 'the comment, by its paper\'s title');
    assert.match(page, /<div class="comment-body"><p>A fine <em>argument<\/em>.<\/p>/, 'rendered, not raw Markdown');
    assert.match(page, /keeps their upvotes private/);
    assert.doesNotMatch(page, /href="\/papers\/0704.0002"/);

    const grace = await signInThroughMailFile(app, 'grace@example.org');
    const account = await (await grace.get('/account')).text();
    await grace.post('/account', { username: 'grace', displayName: 'Grace H.', showUpvotes: 'on', _csrf: HttpSession.csrfOf(account) });
    const shown = await (await app.get('/u/grace')).text();
    assert.match(shown, /<h1>Grace H\.<\/h1>/);
    assert.match(shown, /href="\/papers\/0704.0002"/, 'the upvote, now shown');
  });

  it('answers 404 for an unknown member and redirects other capitalisations', async () => {
    assert.equal((await app.get('/u/nobody')).status, 404);
    const redirected = await app.get('/u/GRACE');
    assert.equal(redirected.status, 301);
    assert.equal(redirected.headers.get('location'), '/u/grace');
  });
});
