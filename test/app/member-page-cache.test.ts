import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startDemoApp, type RunningApp } from '../helpers/app.ts';
import { HttpSession } from '../helpers/browser-session.ts';
import { signInThroughMailFile } from '../helpers/sign-in.ts';

// Listing pages are rendered once for all members and each member's name, votes and CSRF tokens are filled in:
// what one member sees must never reach another.
describe("members' shared pages", () => {
  let app: RunningApp;
  let alice: HttpSession;
  let bob: HttpSession;
  before(async () => {
    app = await startDemoApp({}, { PAGE_CACHE_SECONDS: '60' });
    alice = await signInThroughMailFile(app, 'alice@example.org');
    bob = await signInThroughMailFile(app, 'bob@example.org');
  });
  after(() => app.close());

  const page = async (session: HttpSession, path = '/trending') => {
    const response = await session.get(path);
    assert.equal(response.status, 200);
    return { html: await response.text(), cache: response.headers.get('x-page-cache') };
  };
  const voteAction = (html: string, paperId: string) => new RegExp(`action="/papers/${paperId.replace('.', '\\.')}/(upvote|unvote)"`).exec(html)?.[1];
  const firstPaper = (html: string) => /action="\/papers\/([^/"]+)\/upvote"/.exec(html)?.[1] as string;

  it("fills in each member's own name, votes and CSRF token", async () => {
    const first = await page(alice);
    const paperId = firstPaper(first.html);
    assert.ok(paperId, 'a vote form on the page');
    const voted = await alice.request(`/papers/${paperId}/upvote`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: HttpSession.csrfOf(first.html) }).toString(),
    });
    assert.ok(voted.status < 400, `alice's vote is taken (${voted.status})`);

    const forAlice = await page(alice); // the vote changed the data: rendered again, and kept for members
    const forBob = await page(bob);
    assert.equal(forBob.cache, 'member-hit', "bob's page comes from the shared render");
    assert.equal(voteAction(forAlice.html, paperId), 'unvote', 'alice sees her vote');
    assert.equal(voteAction(forBob.html, paperId), 'upvote', "bob does not see alice's vote as his");
    assert.match(forAlice.html, />alice<\/a>/);
    assert.match(forBob.html, />bob<\/a>/);
    assert.doesNotMatch(forBob.html, /alice/, "nothing of alice's on bob's page");
    assert.doesNotMatch(forBob.html, /pbhole|pbcsrf/, 'no hole is left unfilled');

    // The tokens on bob's page are bob's: his vote with them is taken.
    const bobsToken = HttpSession.csrfOf(forBob.html);
    assert.notEqual(bobsToken, HttpSession.csrfOf(forAlice.html));
    const bobVotes = await bob.request(`/papers/${paperId}/upvote`, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: bobsToken }).toString(),
    });
    assert.equal(bobVotes.status, 200);
    assert.deepEqual(await bobVotes.json(), { id: paperId, upvoted: true, upvotes: 2 });

    const again = await page(alice);
    const hit = await page(bob);
    assert.equal(hit.cache, 'member-hit');
    assert.equal(voteAction(again.html, paperId), 'unvote');
    assert.equal(voteAction(hit.html, paperId), 'unvote', 'now bob has voted too');
  });

  it('keeps visitors and members apart, and renders other pages for each member', async () => {
    const visitor = await (await app.get('/trending')).text();
    assert.match(visitor, /href="\/login\?next=[^"]+">Sign in</);
    assert.doesNotMatch(visitor, />alice<\/a>|>bob<\/a>/);
    await page(alice, '/about');
    const about = await page(bob, '/about');
    assert.notEqual(about.cache, 'member-hit', 'only pages marked as shared are');
    const front = await page(alice, '/');
    const frontAgain = await page(bob, '/');
    assert.equal(frontAgain.cache, 'member-hit');
    assert.match(front.html, />alice<\/a>/);
    assert.match(frontAgain.html, />bob<\/a>/);
  });

  it("draws a paper page's discussion for each member: only the author may edit, only moderators hide", async () => {
    const paperPage = await page(alice, '/papers/0704.0001');
    const posted = await alice.request('/papers/0704.0001/comments', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: HttpSession.csrfOf(paperPage.html), body: 'A question for the authors.' }).toString(),
    });
    assert.ok(posted.status < 400, `the comment is taken (${posted.status})`);
    await app.services.accounts.addUser('mod@example.org', 'moderator');
    const moderator = await signInThroughMailFile(app, 'mod@example.org');

    const forAlice = await page(alice, '/papers/0704.0001');
    const forBob = await page(bob, '/papers/0704.0001');
    const forModerator = await page(moderator, '/papers/0704.0001');
    assert.equal(forBob.cache, 'member-hit');
    assert.equal(forModerator.cache, 'member-hit');
    for (const { html } of [forAlice, forBob, forModerator]) assert.match(html, /A question for the authors\./);
    assert.match(forAlice.html, />Edit<\/a>/, 'the author may edit');
    assert.doesNotMatch(forAlice.html, /Flag for moderators/, 'nobody flags their own comment');
    assert.doesNotMatch(forBob.html, />Edit<\/a>/, 'another member may not');
    assert.match(forBob.html, /Flag for moderators/);
    assert.doesNotMatch(forBob.html, /\/hide"/);
    assert.match(forModerator.html, /\/hide"/, 'a moderator may hide it');
  });
});
