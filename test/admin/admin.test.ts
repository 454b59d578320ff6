import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { claimOccurrence } from '../../src/jobs/jobs.repository.ts';
import { startApp, type RunningApp } from '../helpers/app.ts';
import { signInThroughMailFile } from '../helpers/sign-in.ts';

describe('/admin', () => {
  let app: RunningApp;
  before(async () => {
    app = await startApp(async ({ services, db }) => {
      await services.ingestRuns.record('arxiv-api', { ids: ['x'] }, async () => ({ counts: { imported: 3, updated: 1, unchanged: 0, rejected: 2 } }));
      await services.ingestRuns.record('arxiv-oai', {}, async () => {
        throw new Error('OAI-PMH error badArgument: <script>alert(1)</script>');
      }).catch(() => undefined);
      await claimOccurrence(db, { job: 'daily-ingest', scheduledFor: '2026-11-26T02:00:00.000Z', holder: 'host-1', now: '2026-11-26T02:00:01.000Z', leaseUntil: '2026-11-26T03:00:00.000Z' });
    });
  });
  after(() => app.close());

  it('shows ingest runs and job occurrences to admins, inert', async () => {
    await app.services.accounts.addUser('root@example.org', 'admin');
    const admin = await signInThroughMailFile(app, 'root@example.org');
    const response = await admin.get('/admin');
    assert.equal(response.status, 200);
    const page = await response.text();
    assert.match(page, /<td>arxiv-api<\/td>/);
    assert.match(page, /<td class="status-succeeded">succeeded<\/td><td>3<\/td><td>1<\/td><td>2<\/td>/);
    assert.match(page, /status-failed/);
    assert.match(page, /&lt;script>alert\(1\)|&lt;script&gt;alert\(1\)/);
    assert.doesNotMatch(page, /<script>alert/);
    assert.match(page, /<td>daily-ingest<\/td><td>2026-11-26 02:00<\/td><td>host-1<\/td><td class="status-running">running<\/td>/);
  });

  it('shows moderators the queue but not the operations', async () => {
    await app.services.accounts.addUser('mod@example.org', 'moderator');
    const moderator = await signInThroughMailFile(app, 'mod@example.org');
    const page = await (await moderator.get('/admin')).text();
    assert.match(page, /Moderation queue/);
    assert.doesNotMatch(page, /Ingest runs/);
  });

  it('asks strangers to sign in and refuses members without a role, whatever their address', async () => {
    assert.equal((await app.get('/admin')).status, 302);
    const member = await signInThroughMailFile(app, 'member@example.org');
    const response = await member.get('/admin');
    assert.equal(response.status, 403);
    assert.match(await response.text(), /for moderators and admins/);
  });
});
