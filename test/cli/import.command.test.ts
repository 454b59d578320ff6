import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli } from '../helpers/cli.ts';
import { kaggleSample } from '../helpers/paths.ts';
import { tempDir } from '../helpers/temp-db.ts';

describe('paperboard import (CLI)', () => {
  const dir = tempDir();
  const env = { PAPERBOARD_DB: path.join(dir, 'cli.db') };
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('imports a snapshot file, exit 0', async () => {
    const result = await runCli(['import', kaggleSample], env);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^imported 100, updated 0, rejected 0$/m);
  });

  it('says when a second run brings nothing new', async () => {
    const result = await runCli(['import', '--format', 'kaggle', kaggleSample], env);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^imported 0, updated 0, rejected 0$/m);
    assert.match(result.stdout, /nothing new/);
  });

  it('prints each rejected line with its number and exits 1, keeping the valid records', async () => {
    const file = path.join(dir, 'bad.jsonl');
    const good = fs.readFileSync(kaggleSample, 'utf8').split('\n')[0] as string;
    const fresh = JSON.stringify({ ...JSON.parse(good), id: '2402.00001', title: 'Fresh record' });
    fs.writeFileSync(file, [fresh, '{"id": "2402.0000', 'not json', JSON.stringify({ title: 'no id' })].join('\n'));
    const result = await runCli(['import', file], env);
    assert.equal(result.code, 1);
    assert.match(result.stdout, /^imported 1, updated 0, rejected 3$/m);
    assert.match(result.stdout, new RegExp(`rejected ${file}:2: not valid JSON`));
    assert.match(result.stdout, new RegExp(`rejected ${file}:3: not valid JSON`));
    assert.match(result.stdout, new RegExp(`rejected ${file}:4: missing id`));
  });

  it('exits 2 with the usage on bad arguments', async () => {
    for (const args of [['import'], ['import', '--format', 'xml', kaggleSample], ['frobnicate'], ['import', '--bogus', 'x']]) {
      const result = await runCli(args, env);
      assert.equal(result.code, 2, `paperboard ${args.join(' ')}`);
      assert.match(result.stderr, /Usage: paperboard/);
    }
  });

  it('lists every command in --help', async () => {
    const result = await runCli(['--help'], env);
    assert.equal(result.code, 0);
    for (const command of ['serve', 'import', 'reindex', 'backup', 'demo remove']) assert.match(result.stdout, new RegExp(command));
  });

  it('fails clearly on a missing file', async () => {
    const result = await runCli(['import', path.join(dir, 'nope.jsonl')], env);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /no such file/);
  });

  it('writes a backup that opens as a database', async () => {
    const backup = path.join(dir, 'backup.db');
    const result = await runCli(['backup', backup], env);
    assert.equal(result.code, 0, result.stderr);
    const copy = await runCli(['import', kaggleSample], { PAPERBOARD_DB: backup });
    assert.match(copy.stdout, /^imported 0, updated 0, rejected 0$/m, 'the copy already holds every paper');
  });
});
