import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startApp, type RunningApp } from '../helpers/app.ts';
import { HttpSession } from '../helpers/browser-session.ts';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.ts';
import { kaggleSample, fixturesDir } from '../helpers/paths.ts';
import { signInThroughMailFile } from '../helpers/sign-in.ts';
import { formatDate } from '../../src/time.ts';
import { ENGINES } from '../helpers/postgres.ts';

const today = new Date().toISOString().slice(0, 10);

for (const engine of ENGINES) describe(`submitting papers (${engine})`, () => {
  let fixtures: FixtureServer;
  let app: RunningApp;
  before(async () => {
    fixtures = await startFixtureServer();
    // The recorded papers are years old: the age limit is opened here and tested on its own below.
    app = await startApp(async ({ services }) => void (await services.importer.importFile(kaggleSample)), {
      ARXIV_API_URL: `${fixtures.url}/api/query`,
      INGEST_TIME_SCALE: '0.001',
      SUBMIT_MAX_AGE_DAYS: '100000',
      SUBMIT_DAILY_CAP: '3',
    }, engine);
  });
  after(async () => {
    await app.close();
    await fixtures.close();
  });

  const submitForm = async (session: HttpSession, reference: string) => {
    const page = await (await session.get('/submit')).text();
    return session.post('/submit', { reference, _csrf: HttpSession.csrfOf(page) });
  };

  it('takes an arXiv URL of a paper not stored yet, fetches it from the arXiv API, and lists it today "submitted by"', async () => {
    const ada = await signInThroughMailFile(app, 'ada@example.org');
    const response = await submitForm(ada, 'https://arxiv.org/pdf/1707.08567v2');
    assert.equal(response.status, 303);
    assert.equal(response.headers.get('location'), '/papers/1707.08567');
    const page = await (await app.get('/papers/1707.08567')).text();
    assert.match(page, /Submitted by <a href="\/u\/ada">ada<\/a>/);
    assert.match(page, new RegExp(`<a href="/date/${today}">${formatDate(today)}</a> <span class="muted">\\(submitted\\)`));
    const day = (await (await app.get(`/api/daily_papers?date=${today}`)).json()) as Array<{ paper: { id: string }; submittedBy?: { name: string } }>;
    assert.deepEqual(day.map((d) => [d.paper.id, d.submittedBy?.name]), [['1707.08567', 'ada']]);
    assert.ok(fixtures.requests.some((r) => r.path.includes('id_list=1707.08567')), 'asked the arXiv API');
  });

  it('takes a stored paper by bare id, and refuses it politely once it is on today\'s list', async () => {
    const bob = await signInThroughMailFile(app, 'bob@example.org');
    assert.equal((await submitForm(bob, '0704.0001')).status, 303);
    const again = await submitForm(bob, 'arXiv:0704.0001v1');
    assert.equal(again.status, 409);
    const refused = await again.text();
    assert.match(refused, /0704.0001 is already on today&#39;s list: \/papers\/0704.0001|0704.0001 is already on today's list/);
    assert.match(refused, /<a href="\/papers\/0704.0001">Open 0704.0001 here<\/a>/, 'the stored paper is linked');
    assert.match(refused, /name="reference" value="arXiv:0704.0001v1"/, 'what was typed is kept');
  });

  it('explains what is not an arXiv id, and what arXiv does not know', async () => {
    const carol = await signInThroughMailFile(app, 'carol@example.org');
    const bad = await submitForm(carol, 'https://example.org/paper.pdf');
    assert.equal(bad.status, 400);
    assert.match(await bad.text(), /is not an arXiv id or arXiv URL/);
    assert.match(await (await submitForm(carol, '0000.0000')).text(), /is not an arXiv id/, 'month 00 does not exist');
  });

  it('caps submissions per member per day', async () => {
    const dan = await signInThroughMailFile(app, 'dan@example.org');
    for (const id of ['0704.0002', '0704.0003', '0704.0004']) assert.equal((await submitForm(dan, id)).status, 303, id);
    const capped = await submitForm(dan, '0704.0005');
    assert.equal(capped.status, 429);
    assert.match(await capped.text(), /You have submitted 3 papers today, the most a day/);
  });

  it('fills in the id when "Submit it" comes from a paper not stored here', async () => {
    const hana = await signInThroughMailFile(app, 'hana@example.org');
    assert.match(await (await hana.get('/submit?reference=2611.00003')).text(), /name="reference" value="2611.00003"/);
  });

  it('sends strangers to sign in, and refuses forms without the CSRF token', async () => {
    assert.equal((await app.get('/submit')).headers.get('location'), '/login?do=submit&next=%2Fsubmit');
    const erin = await signInThroughMailFile(app, 'erin@example.org');
    const forged = await erin.post('/submit', { reference: '0704.0006' });
    assert.equal(forged.status, 403);
  });

  it('refuses papers older than the configured age, and ids arXiv does not know, with the reason', async () => {
    // An arXiv that knows nothing: its real answer to an unknown id (an empty feed).
    const empty = fs.readFileSync(path.join(fixturesDir, 'arxiv-api/id_0000.0000_s0_m100.xml'), 'utf8');
    fixtures.override('/empty', () => ({ status: 200, body: empty, headers: { 'content-type': 'application/atom+xml' } }));
    const strict = await startApp(async ({ services }) => void (await services.importer.importFile(kaggleSample)), {
      SUBMIT_MAX_AGE_DAYS: '30', ARXIV_API_URL: `${fixtures.url}/empty`, INGEST_TIME_SCALE: '0.001',
    }, engine);
    try {
      const frank = await signInThroughMailFile(strict, 'frank@example.org');
      const old = await submitForm(frank, '0704.0001');
      assert.equal(old.status, 400);
      assert.match(await old.text(), /was first published on 2007-04-02, more than 30 days ago: only recent papers can be submitted/);
      const unknown = await submitForm(frank, '2611.00001');
      assert.equal(unknown.status, 404);
      const page = await unknown.text();
      assert.match(page, /arXiv does not know 2611.00001/);
      assert.match(page, /<a href="https:\/\/arxiv.org\/abs\/2611.00001" rel="noopener">Open 2611.00001 on arXiv<\/a>/);
    } finally {
      await strict.close();
    }
  });

  it('says so at once when arXiv does not answer, and keeps what was typed', async () => {
    // Nothing listens on this port: every request is refused.
    const silent = await startApp(undefined, { ARXIV_API_URL: 'http://127.0.0.1:9/api/query', INGEST_TIME_SCALE: '1', SUBMIT_MAX_AGE_DAYS: '100000' }, engine);
    try {
      const gina = await signInThroughMailFile(silent, 'gina@example.org');
      const started = performance.now();
      const answer = await submitForm(gina, 'https://arxiv.org/abs/2611.00002');
      assert.ok(performance.now() - started < 8000, `answered in ${(performance.now() - started).toFixed(0)} ms (one retry, not minutes of backing off)`);
      assert.equal(answer.status, 503);
      const page = await answer.text();
      assert.match(page, /arXiv did not answer just now/);
      assert.match(page, /name="reference" value="https:\/\/arxiv.org\/abs\/2611.00002"/);
    } finally {
      await silent.close();
    }
  });
});
