// The Hugging Face Hub's likes and downloads of the models, datasets and Spaces papers name, from a local server that
// answers in the Hub API's documented shape (never the real site), on both engines; and what a broken Hub sends.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { hubFacts, hubPath } from '../../src/code/huggingface-hub.ts';
import { startApp, type RunningApp } from '../helpers/app.ts';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.ts';
import { kaggleSample } from '../helpers/paths.ts';
import { ENGINES } from '../helpers/postgres.ts';

const json = (body: unknown, status = 200) => ({ status, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

describe('the Hub API answer', () => {
  it('reads likes and downloads and nothing else; refuses what is not a count', () => {
    assert.deepEqual(hubFacts(JSON.stringify({ id: 'org/m', likes: 12, downloads: 340, siblings: [{ rfilename: 'x' }] })), { likes: 12, downloads: 340 });
    assert.deepEqual(hubFacts(JSON.stringify({ id: 'org/space', likes: 3 })), { likes: 3, downloads: null });
    for (const body of ['<html>', '{"likes": -1}', '{"likes": "12"}', '{"likes": 1.5}', 'null', '[]', `{"likes": ${'9'.repeat(400)}}`]) {
      assert.equal(hubFacts(body), null, body.slice(0, 30));
    }
  });

  it('builds paths only from Hub names', () => {
    assert.equal(hubPath('model', 'McmanusChen', 'MCL-base'), '/models/McmanusChen/MCL-base');
    assert.equal(hubPath('dataset', 'allenai', 'c4'), '/datasets/allenai/c4');
    for (const [owner, name] of [['..', 'x'], ['a', '../../admin'], ['a/b', 'c'], ['a', 'b?c=1'], ['', 'x'], ['a', 'x'.repeat(200)]]) {
      assert.equal(hubPath('model', owner as string, name as string), null, `${owner}/${name}`);
    }
  });
});

for (const engine of ENGINES) describe(`likes and downloads from the Hub (${engine})`, () => {
  let app: RunningApp;
  let fixtures: FixtureServer;
  const asked: string[] = [];
  before(async () => {
    fixtures = await startFixtureServer();
    const answers: Record<string, ReturnType<typeof json>> = {
      '/hub/api/models/org/model-x': json({ _id: 'abc', id: 'org/model-x', likes: 1204, downloads: 31502, tags: ['pytorch'] }),
      '/hub/api/datasets/org/data-y': json({ id: 'org/data-y', likes: 3, downloads: 10 }),
      '/hub/api/spaces/org/demo-z': json({ id: 'org/demo-z', likes: 7, sdk: 'gradio' }),
      '/hub/api/models/org/vanished': json({ error: 'Repository not found' }, 401),
      '/hub/api/models/org/broken': { status: 200, body: '<html>maintenance</html>', headers: { 'content-type': 'text/html' } },
    };
    for (const [path, answer] of Object.entries(answers)) {
      fixtures.override(path, () => {
        asked.push(path);
        return answer;
      });
    }
    app = await startApp(async ({ services }) => void (await services.importer.importFile(kaggleSample)), {
      HF_API_URL: `${fixtures.url}/hub/api`, INGEST_TIME_SCALE: '0.001',
    }, engine);
    const { user } = await app.services.accounts.addUser('mod@example.org', 'moderator');
    for (const url of ['https://huggingface.co/org/model-x', 'https://huggingface.co/datasets/org/data-y', 'https://huggingface.co/spaces/org/demo-z', 'https://huggingface.co/org/vanished', 'https://huggingface.co/org/broken']) {
      await app.services.code.addByMember(user, '0704.0001', url);
    }
  });
  after(async () => {
    await app.close();
    await fixtures.close();
  });

  it('asks the Hub once a day for each, and the paper page shows likes and downloads', async () => {
    const before = await (await app.get('/papers/0704.0001')).text();
    assert.match(before, /Models and datasets/);
    assert.doesNotMatch(before, /♥/, 'nothing before the Hub was asked');
    const report = await app.services.hubRefresh.refresh();
    assert.deepEqual([report.refreshed, report.gone, report.failed], [3, 1, 1]);
    assert.equal(asked.length, 5);
    const page = await (await app.get('/papers/0704.0001')).text();
    assert.match(page, /♥ 1,204<\/span> · 31,502 downloads last month/);
    assert.match(page, /♥ 3<\/span> · 10 downloads last month/);
    assert.match(page, /♥ 7<\/span><\/p>/, 'a Space has likes and no downloads');
    assert.match(page, /No longer on Hugging Face/);

    asked.length = 0;
    const again = await app.services.hubRefresh.refresh();
    assert.deepEqual([again.refreshed, again.failed, asked.length], [0, 0, 0], 'each asked at most once a day; a failure waits its retry');
    const tomorrow = await app.services.hubRefresh.refresh({ now: new Date(Date.now() + 26 * 3_600_000) });
    assert.equal(tomorrow.refreshed, 3, 'a day later they are asked again');
  });
});
