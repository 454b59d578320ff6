// Copies the shared test data (../shared/fixtures and the captured seed page) into test/fixtures/, so the tests and
// benchmarks of a clone need nothing beside it. Run by hand when shared/ changes: `node scripts/sync-fixtures.mjs`;
// `--check` only reports files that differ (exit 1), which is how a developer sees that a copy fell behind.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = path.resolve(process.env.PAPERBOARD_SHARED_DIR ?? path.join(root, '../shared'));
const target = path.join(root, 'test/fixtures');
const check = process.argv.includes('--check');

/** [source, destination] of every file that is copied. */
function filesToCopy() {
  const pairs = [];
  const fixtures = path.join(shared, 'fixtures');
  for (const file of fs.readdirSync(fixtures, { recursive: true }).map(String)) {
    const source = path.join(fixtures, file);
    if (fs.statSync(source).isFile()) pairs.push([source, path.join(target, file)]);
  }
  pairs.push([path.join(shared, 'data/seed-papers.jsonl'), path.join(target, 'seed/seed-papers.jsonl')]);
  pairs.push([path.join(shared, 'data/seed-papers-metadata.jsonl'), path.join(target, 'seed/seed-papers-metadata.jsonl')]);
  return pairs;
}

if (!fs.existsSync(shared)) {
  console.error(`sync-fixtures: no shared data at ${shared}`);
  process.exit(2);
}
let differing = 0;
for (const [source, destination] of filesToCopy()) {
  const same = fs.existsSync(destination) && fs.readFileSync(source).equals(fs.readFileSync(destination));
  if (same) continue;
  differing += 1;
  if (check) console.log(`differs: ${path.relative(root, destination)}`);
  else {
    fs.mkdirSync(path.dirname(destination), { recursive: true });
    fs.copyFileSync(source, destination);
    console.log(`copied: ${path.relative(root, destination)}`);
  }
}
console.log(check ? `${differing} file(s) differ from ${shared}` : `${differing} file(s) copied`);
process.exit(check && differing > 0 ? 1 : 0);
