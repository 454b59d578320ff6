import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Rejection } from '../../src/ingest/import.service.ts';
import { paperToJson } from '../../src/papers/paper.ts';
import { kaggleSample } from '../helpers/paths.ts';
import { tempDatabase, type TempDatabase } from '../helpers/temp-db.ts';
import { ENGINES } from '../helpers/postgres.ts';

const sampleLines = fs.readFileSync(kaggleSample, 'utf8').split('\n').filter(Boolean);

for (const engine of ENGINES) describe(`importing files (${engine})`, () => {
  let t: TempDatabase;
  before(async () => (t = await tempDatabase({}, engine)));
  after(() => t.cleanup());

  it('imports the snapshot sample, lists each paper on its first-version day, and indexes it', async () => {
    const counts = await t.services.importer.importFile(kaggleSample);
    assert.deepEqual(counts, { imported: 100, updated: 0, unchanged: 0, rejected: 0, cleaned: 0 });
    assert.equal(await t.services.papers.count(), 100);
    const details = await t.services.papers.get('0704.0001');
    assert.deepEqual(details.listings, [{ day: '2007-04-02', reason: 'imported' }]);
    assert.deepEqual(details.versions.map((v) => v.version), [1, 2]);
    const found = await t.services.search.keyword('diphoton');
    assert.equal(found.items[0]?.paper.id, '0704.0001');
  });

  it('changes nothing when the same file is imported again', async () => {
    const counts = await t.services.importer.importFile(kaggleSample);
    assert.deepEqual(counts, { imported: 0, updated: 0, unchanged: 100, rejected: 0, cleaned: 0 });
    assert.equal(await t.services.papers.count(), 100);
  });

  it('reports every bad line by number and keeps the good ones', async () => {
    const dir = t.dir;
    const file = path.join(dir, 'mixed.jsonl');
    const record = (id: string, extra: Record<string, unknown> = {}) =>
      JSON.stringify({ ...JSON.parse(sampleLines[0] as string), id, ...extra });
    const lines = [
      record('2401.00001', { title: 'A first good record about zeolites' }),
      record('2401.00002').slice(0, 120), // truncated JSON
      'this is not JSON at all',
      '',
      record('2401.00003', { id: undefined }),
      record('2401.00004', { title: undefined }),
      record('2401.00005', { title: 'A second good record about zeolites' }),
      '[1, 2, 3]',
    ];
    fs.writeFileSync(file, lines.join('\n'));
    const rejections: Rejection[] = [];
    const counts = await t.services.importer.importFile(file, { onRejected: (r) => rejections.push(r) });
    assert.deepEqual(counts, { imported: 2, updated: 0, unchanged: 0, rejected: 5, cleaned: 0 });
    assert.deepEqual(rejections.map((r) => r.line), [2, 3, 5, 6, 8]);
    assert.match(rejections[0]?.reason ?? '', /not valid JSON/);
    assert.match(rejections[1]?.reason ?? '', /not valid JSON/);
    assert.equal(rejections[2]?.reason, 'missing id');
    assert.equal(rejections[3]?.reason, 'missing title');
    assert.equal(rejections[4]?.reason, 'not a JSON object');
    assert.ok(await t.services.papers.find('2401.00005'));
  });

  it('updates one row when a newer version arrives, and keeps the index in step', async () => {
    const file = path.join(t.dir, 'newer.jsonl');
    const original = JSON.parse(sampleLines[1] as string) as { id: string; versions: unknown[] };
    const newer = {
      ...original,
      title: 'A completely retitled paper about quasicrystals',
      versions: [...original.versions, { version: 'v9', created: 'Mon, 1 Jan 2024 00:00:00 GMT' }],
    };
    fs.writeFileSync(file, `${JSON.stringify(newer)}\n`);
    const counts = await t.services.importer.importFile(file);
    assert.deepEqual(counts, { imported: 0, updated: 1, unchanged: 0, rejected: 0, cleaned: 0 });
    const details = await t.services.papers.get(original.id);
    assert.equal(details.paper.version, 9);
    assert.equal(details.paper.title, newer.title);
    assert.equal((await t.services.search.keyword('quasicrystals')).items[0]?.paper.id, original.id);
    const oldTitleWord = (await t.services.search.keyword('"sparsity-certifying"')).items;
    assert.ok(oldTitleWord.every((hit) => hit.paper.id !== original.id), 'the old title is no longer indexed');

    // An older version arriving later changes nothing.
    fs.writeFileSync(file, `${JSON.stringify(original)}\n`);
    assert.equal((await t.services.importer.importFile(file)).unchanged, 1);
    assert.equal((await t.services.papers.get(original.id)).paper.title, newer.title);
  });

  it('reads its own JSON shape back (export, then import elsewhere)', async () => {
    const other = await tempDatabase({}, engine);
    try {
      const paper = (await t.services.papers.get('0704.0001')).paper;
      const file = path.join(other.dir, 'export.jsonl');
      fs.writeFileSync(file, `${JSON.stringify(paperToJson(paper))}\n`);
      const counts = await other.services.importer.importFile(file);
      assert.equal(counts.imported, 1);
      const copy = (await other.services.papers.get('0704.0001')).paper;
      assert.deepEqual(paperToJson(copy), paperToJson(paper));
    } finally {
      await other.cleanup();
    }
  });

  it('says which formats exist when it cannot tell the format', async () => {
    const file = path.join(t.dir, 'unknown.jsonl');
    fs.writeFileSync(file, '{"hello": "world"}\n');
    await assert.rejects(t.services.importer.importFile(file), /cannot tell the format.*--format kaggle\|jsonl/);
  });
});
