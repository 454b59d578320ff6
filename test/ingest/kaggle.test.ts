import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { detectFormat } from '../../src/ingest/formats.ts';
import { parseKaggleRecord } from '../../src/ingest/sources/kaggle.ts';
import { kaggleSample } from '../helpers/paths.ts';

const records = fs.readFileSync(kaggleSample, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
const first = records[0] as Record<string, unknown>;

describe('snapshot records', () => {
  it('reads every record of the shared sample', () => {
    const parsed = records.map(parseKaggleRecord);
    assert.equal(parsed.filter((r) => r.ok).length, records.length);
  });

  it('takes authors from authors_parsed, in order, with LaTeX accents resolved', () => {
    const result = parseKaggleRecord(first);
    assert.ok(result.ok);
    assert.deepEqual(result.paper.authors.map((a) => a.name), ['C. Balázs', 'E. L. Berger', 'P. M. Nadolsky', 'C.-P. Yuan']);
  });

  it('normalises the title, keeps dates from versions and the latest version', () => {
    const result = parseKaggleRecord(first);
    assert.ok(result.ok);
    const paper = result.paper;
    assert.equal(paper.id, '0704.0001');
    assert.equal(paper.title, 'Calculation of prompt diphoton production cross sections at Tevatron and LHC energies');
    assert.equal(paper.version, 2);
    assert.equal(paper.publishedAt, '2007-04-02T19:18:42Z');
    assert.deepEqual(paper.versions.map((v) => v.version), [1, 2]);
    assert.equal(paper.updatedAt, paper.versions[1]?.createdAt);
    assert.equal(paper.doi, '10.1103/PhysRevD.76.013009');
    assert.equal(paper.journalRef, 'Phys.Rev.D76:013009,2007');
    assert.deepEqual(paper.categories, ['hep-ph']);
    assert.equal(paper.primaryCategory, 'hep-ph');
    assert.doesNotMatch(paper.abstract, /\n(?!\n)/, 'hard wraps are gone');
  });

  it('accepts old-style ids and falls back to update_date without versions', () => {
    const result = parseKaggleRecord({ ...first, id: 'hep-th/9901001', versions: undefined, update_date: '2008-11-26' });
    assert.ok(result.ok);
    assert.equal(result.paper.id, 'hep-th/9901001');
    assert.equal(result.paper.publishedAt, '2008-11-26T00:00:00Z');
    assert.equal(result.paper.version, 1);
  });

  it('refuses a record without id, without title, or with an id that is not arXiv', () => {
    assert.deepEqual(parseKaggleRecord({ ...first, id: undefined }), { ok: false, reason: 'missing id' });
    assert.deepEqual(parseKaggleRecord({ ...first, title: undefined }), { ok: false, reason: 'missing title' });
    assert.deepEqual(parseKaggleRecord({ ...first, title: '  \n ' }), { ok: false, reason: 'missing title' });
    const bad = parseKaggleRecord({ ...first, id: 'nonsense' });
    assert.equal(bad.ok, false);
    assert.match(bad.ok ? '' : bad.reason, /not an arXiv id/);
  });

  it('is told apart from Paperboard JSONL by its first record', () => {
    assert.equal(detectFormat(first), 'kaggle');
    assert.equal(detectFormat({ id: '2401.01234', title: 'T', authors: [{ name: 'A' }], publishedAt: null }), 'jsonl');
    assert.equal(detectFormat({ something: 'else' }), null);
  });
});
