// No Hugging Face response is recorded in shared/fixtures: this one is written after the shape of
// https://huggingface.co/api/daily_papers (the fields Paperboard reads, plus some it ignores).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { paperToJson } from '../../src/papers/paper.ts';
import { startApp, type RunningApp } from '../helpers/app.ts';
import { runCli } from '../helpers/cli.ts';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.ts';
import { tempDir } from '../helpers/temp-db.ts';

const item = (id: string, title: string, upvotes: number, featured: string) => ({
  paper: {
    id, title, summary: `Summary of ${title}.\nWrapped line.`, upvotes, discussionId: 'abc123',
    authors: [{ _id: 'x1', name: 'Ada Lovelace', hidden: false }, { _id: 'x2', name: 'Alan Turing', hidden: false }],
    publishedAt: '2026-11-18T17:59:59.000Z', ai_keywords: ['ignored'],
  },
  publishedAt: featured, title, summary: `Summary of ${title}.`, thumbnail: 'https://example.org/t.png', numComments: 4,
  submittedBy: { _id: 'u1', name: 'akhaliq', fullname: 'AK', avatarUrl: '/a.png' }, isAuthorParticipating: false,
});

const saved = [
  item('2511.00001', 'Scaling quokkas for pre-training', 42, '2026-11-19T03:00:00.000Z'),
  item('2511.00002', 'Another featured paper', 7, '2026-11-19T03:00:00.000Z'),
  { publishedAt: '2026-11-19T03:00:00.000Z', title: 'no paper object' },
  item('not-an-id', 'Bad id', 1, '2026-11-19T03:00:00.000Z'),
];

describe('Hugging Face daily papers', () => {
  const dir = tempDir();
  const file = path.join(dir, 'daily_papers.json');
  let fixtures: FixtureServer;
  before(async () => {
    fs.writeFileSync(file, JSON.stringify(saved, null, 2));
    fixtures = await startFixtureServer();
    fixtures.override('/hf/api/daily_papers', () => ({ status: 200, body: JSON.stringify(saved.slice(0, 1)), headers: { 'content-type': 'application/json' } }));
  });
  after(async () => {
    await fixtures.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('imports a saved response (format detected), reporting bad items by number', async () => {
    const env = { PAPERBOARD_DB: path.join(dir, 'cli.db') };
    const result = await runCli(['import', file], env);
    assert.equal(result.code, 1);
    assert.match(result.stdout, /^imported 2, updated 0, rejected 2$/m);
    assert.match(result.stdout, new RegExp(`^rejected ${file}:3: missing paper$`, 'm'));
    assert.match(result.stdout, new RegExp(`^rejected ${file}:4: paper.id "not-an-id" is not an arXiv id$`, 'm'));
    const again = await runCli(['import', '--format', 'hf-daily', file], env);
    assert.match(again.stdout, /^imported 0, updated 0, rejected 2$/m);
  });

  it('lists the papers as featured on their day, and keeps HF upvotes apart from on-site votes', async () => {
    let app: RunningApp | undefined;
    try {
      app = await startApp(async ({ services }) => {
        await services.importer.importFile(file);
      });
      const details = await app.services.papers.get('2511.00001');
      assert.deepEqual(details.listings, [{ day: '2026-11-19', reason: 'featured' }]);
      assert.deepEqual(details.externalSignals, [{ source: 'huggingface', upvotes: 42, comments: 4 }]);
      assert.equal(paperToJson(details.paper).upvotes, 0, 'on-site upvotes are not Hugging Face upvotes');
      assert.deepEqual(details.paper.authors, [{ name: 'Ada Lovelace' }, { name: 'Alan Turing' }]);
      const page = await (await app.get('/papers/2511.00001')).text();
      assert.match(page, /<dt>Hugging Face<\/dt><dd>42 upvotes/);
    } finally {
      await app?.close();
    }
  });

  it('fetches a day from the API into that day’s listing', async () => {
    const env = { PAPERBOARD_DB: path.join(dir, 'fetch.db'), HF_API_URL: `${fixtures.url}/hf/api`, INGEST_TIME_SCALE: '0.001' };
    const result = await runCli(['ingest', 'hf-daily', '--date', '2026-11-20'], env);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^featured 1: imported 1, updated 0, unchanged 0, rejected 0$/m);
    assert.ok(fixtures.requests.some((r) => r.path === '/hf/api/daily_papers?date=2026-11-20'));
    const items = (await runCli(['ingest', 'status'], env)).stdout;
    assert.match(items, /hf-daily succeeded/);
    assert.equal((await runCli(['ingest', 'hf-daily', '--date', 'yesterday'], env)).code, 1);
  });
});
