import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp-db.ts';

describe('paperboard user add', () => {
  const dir = tempDir();
  const env = { PAPERBOARD_DB: path.join(dir, 'users.db') };
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('creates an account, then changes its role', async () => {
    const created = await runCli(['user', 'add', 'Admin@Example.org', '--role', 'admin'], env);
    assert.equal(created.code, 0, created.stderr);
    assert.equal(created.stdout.trim(), 'created admin@example.org (username admin, role admin)');
    const updated = await runCli(['user', 'add', 'admin@example.org', '--role', 'moderator'], env);
    assert.equal(updated.stdout.trim(), 'updated admin@example.org (username admin, role moderator)');
  });

  it('refuses a bad address or role clearly', async () => {
    const bad = await runCli(['user', 'add', 'nope'], env);
    assert.equal(bad.code, 1);
    assert.equal(bad.stderr.trim(), 'paperboard: email: enter an email address like name@example.org');
    assert.equal((await runCli(['user', 'add', 'x@example.org', '--role', 'king'], env)).code, 2);
    assert.equal((await runCli(['user', 'remove', 'x@example.org'], env)).code, 2);
  });
});
