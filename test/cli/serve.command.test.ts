// `npm start` in miniature: a fresh database gets the demo set, the site serves it, SIGTERM stops it cleanly.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../helpers/paths.ts';
import { startServerProcess } from '../helpers/server-process.ts';
import { tempDir } from '../helpers/temp-db.ts';

describe('paperboard serve', () => {
  it('serves demo papers from a fresh database and stops on SIGTERM', async () => {
    const dir = tempDir();
    const server = await startServerProcess({ PAPERBOARD_DB: path.join(dir, 'fresh.db'), DEMO_DATA: 'auto' });
    try {
      const address = server.url;
      // The demo loads beside the serving site (no catch-up here: CATCH_UP=off), within a second or two.
      for (let tries = 0; !/class="demo-banner"/.test(await (await fetch(address + '/')).text()); tries += 1) {
        assert.ok(tries < 100, 'the front page shows demo papers, and says so once');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const items = (await (await fetch(address + '/api/daily_papers')).json()) as unknown[];
      assert.ok(items.length >= 10);
      let mode = '';
      for (let tries = 0; mode !== 'hybrid' && tries < 100; tries += 1) {
        const search = (await (await fetch(address + '/api/search?q=continual%20pretraining%20of%20vision%20language%20models')).json()) as { mode: string };
        mode = search.mode;
        if (mode !== 'hybrid') await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert.equal(mode, 'hybrid', 'search by meaning works on a fresh install, no reindex needed');
      assert.equal(await server.stop(), 0);
    } finally {
      server.child.kill('SIGKILL');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a bad port with the usage, exit 2', async () => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'bin/paperboard.js'), 'serve', '--port', 'eighty'], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.equal(code, 2);
  });
});
