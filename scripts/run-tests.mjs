// Runs every test file under test/ with node's test runner (TypeScript through tsx).
// A script rather than a shell glob: sh has no `**`, and Node 20's --test takes no patterns.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const only = process.argv.slice(2);
const files = fs
  .readdirSync('test', { recursive: true })
  .map(String)
  .filter((file) => /\.test\.tsx?$/.test(file))
  .map((file) => path.join('test', file))
  .filter((file) => only.length === 0 || only.some((part) => file.includes(part)))
  .sort();

const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', ...files],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
