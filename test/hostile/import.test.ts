// Records an attacker or a damaged dump would bring: fields of megabytes, hundreds of thousands of authors, control
// characters and bidi overrides, days that do not exist, a .gz cut short. Each is refused or cleaned with its line
// number; every good record is kept; no page grows with what one paper holds.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { writeCorpus } from '../../bench/corpus.ts';
import { PAPER_LIMITS } from '../../src/papers/paper-limits.ts';
import { startApp, type RunningApp } from '../helpers/app.ts';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp-db.ts';

const paper = (id: string, fields: Record<string, unknown> = {}) =>
  JSON.stringify({ id, title: `Paper ${id}`, abstract: 'An abstract.', authors: [{ name: 'A. Author' }], categories: ['cs.LG'], publishedAt: '2026-11-20T00:00:00Z', ...fields });

describe('importing hostile records', () => {
  const dir = tempDir('paperboard-hostile-import-');
  const env = { PAPERBOARD_DB: path.join(dir, 'paperboard.db') };
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('refuses fields past their limits, cleans control characters, refuses days that do not exist, keeps the rest', async () => {
    const file = path.join(dir, 'hostile.jsonl');
    const lines = [
      paper('2611.10001'),
      paper('2611.10002', { abstract: 'a'.repeat(20 * 1024 * 1024) }),
      paper('2611.10003', { title: 't'.repeat(1024 * 1024) }),
      paper('2611.10004', { authors: Array.from({ length: 200_000 }, (_, i) => ({ name: `Author ${i}` })) }),
      paper('2611.10005', { title: 'Bidi \u202Eevil\u202C and NUL\u0000 and bell\u0007 title', abstract: 'Fine\u0001 text.' }),
      paper('2611.10006', { publishedAt: '2026-02-30' }),
      paper('2611.10007', { authors: Array.from({ length: PAPER_LIMITS.authors }, (_, i) => ({ name: `Member ${i} of the collaboration` })) }),
      paper('2611.10008', { comments: 'c'.repeat(50_000) }),
    ];
    fs.writeFileSync(file, lines.join('\n'));
    const result = await runCli(['import', file], env);
    assert.equal(result.code, 1, 'rejections make exit 1');
    assert.match(result.stdout, /rejected .*hostile\.jsonl:2: abstract is 20,971,520 characters; at most 10,000/);
    assert.match(result.stdout, /rejected .*hostile\.jsonl:3: title is 1,048,576 characters; at most 1,000/);
    assert.match(result.stdout, /rejected .*hostile\.jsonl:4: 200,000 authors; at most 10,000/);
    assert.match(result.stdout, /rejected .*hostile\.jsonl:6: publishedAt: not a date/);
    assert.match(result.stdout, /cleaned .*hostile\.jsonl:5: removed control characters from title; removed control characters from abstract/);
    assert.match(result.stdout, /cleaned .*hostile\.jsonl:8: cut comments to 2,000 characters/);
    assert.match(result.stdout, /imported 4, updated 0, rejected 4/);

    const app = await startApp(undefined, { PAPERBOARD_DB: env.PAPERBOARD_DB });
    try {
      const cleaned = (await (await app.get('/api/papers/2611.10005')).json()) as { title: string; abstract: string };
      assert.equal(cleaned.title, 'Bidi evil and NUL and bell title');
      assert.equal(cleaned.abstract, 'Fine text.');
      const page = await (await app.get('/papers/2611.10007')).text();
      assert.ok(page.length < 100_000, `a paper of ${PAPER_LIMITS.authors} authors makes a page of ${page.length} characters`);
      assert.match(page, /and 9,800 more/);
      for (const id of ['2611.10002', '2611.10003', '2611.10004', '2611.10006']) assert.equal((await app.get(`/api/papers/${id}`)).status, 404, id);
    } finally {
      await app.close();
    }
  });

  it('keeps a snapshot record whose dates are not dates, and says so', async () => {
    const file = path.join(dir, 'kaggle.jsonl');
    const record = {
      id: '2611.20001', submitter: 'x', authors: 'A. Author', title: 'Dated badly', comments: null, 'journal-ref': null, doi: null,
      'report-no': null, categories: 'cs.LG', license: null, abstract: 'Text.', versions: [{ version: 'v1', created: 'Someday, 99 Foo 2026' }],
      update_date: '2026-02-30', authors_parsed: [['Author', 'A.', '']],
    };
    fs.writeFileSync(file, JSON.stringify(record));
    const result = await runCli(['import', file], env);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /cleaned .*kaggle\.jsonl:1: v1 was created on "Someday, 99 Foo 2026", which is not a date: left out; update_date "2026-02-30" is not a date: left out; no date/);
  });

  it('stores every complete record of a .gz cut short, and names the line where it ends', async () => {
    const plain = path.join(dir, 'corpus.jsonl');
    await writeCorpus(25_000, plain);
    const whole = zlib.gzipSync(fs.readFileSync(plain));
    const cut = whole.subarray(0, Math.floor(whole.length * 0.8));
    const gz = path.join(dir, 'corpus.jsonl.gz');
    fs.writeFileSync(gz, cut);
    // What a reader can get out of the cut file: its complete lines.
    const readable = await new Promise<string>((resolve) => {
      let text = '';
      const gunzip = zlib.createGunzip();
      gunzip.on('data', (chunk: Buffer) => (text += chunk.toString()));
      gunzip.on('error', () => resolve(text));
      gunzip.on('end', () => resolve(text));
      gunzip.end(cut);
    });
    const complete = readable.split('\n').length - 1;
    assert.ok(complete > 10_000, `${complete} complete lines: more than one batch`);
    const separate = { PAPERBOARD_DB: path.join(dir, 'gz.db') };
    const result = await runCli(['import', gz], separate);
    assert.equal(result.code, 1);
    assert.match(result.stdout, new RegExp(`rejected .*corpus\\.jsonl\\.gz:${complete + 1}: the compressed file ends here, cut short`));
    assert.match(result.stdout, new RegExp(`imported ${complete}, updated 0, rejected 1`));
  });
});

describe('a discussion of a thousand comments', () => {
  let app: RunningApp;
  before(async () => {
    app = await startApp(async ({ services, dir }) => {
      const file = path.join(dir, 'one.jsonl');
      fs.writeFileSync(file, paper('2611.30001'));
      await services.importer.importFile(file);
      const { user } = await services.accounts.addUser('talker@example.org', 'user');
      for (let i = 0; i < 1000; i += 1) {
        await services.comments.add(user, { paperId: '2611.30001', body: `Comment number ${i} ${'with some words '.repeat(20)}` });
      }
    });
  });
  after(() => app.close());

  it('is shown a hundred comments a page, with links between pages', async () => {
    const first = await (await app.get('/papers/2611.30001')).text();
    assert.ok(first.length < 250_000, `${first.length} characters`);
    assert.equal(first.match(/Comment number \d+ /g)?.length, 100);
    assert.match(first, /Page 1 of 10/);
    assert.match(first, /href="\/papers\/2611\.30001\?p=2#discussion-heading"/);
    const last = await (await app.get('/papers/2611.30001?p=10')).text();
    assert.match(last, /Comment number 999 /);
    const json = await app.get('/api/papers/2611.30001/comments?p=2');
    assert.equal(((await json.json()) as unknown[]).length, 100);
    assert.equal(json.headers.get('x-total-count'), '1000');
    assert.match(json.headers.get('link') ?? '', /\?p=3>; rel="next"/);
  });
});
