// Rebuilds data/demo/repositories.json from the test fixtures: the repositories the captured papers name, as GitHub
// answered on the later of the two recorded days, and a count for each of the eight days up to it: the week's recorded
// gain (2026-11-20 → 2026-11-27), scaled per repository, shared unevenly between the days (the same on every rebuild). The counts are dated relative
// to the day of loading (`daysAgo`) and loaded as demo. Run by hand: `npx tsx scripts/build-demo-repositories.ts`.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { repositoryFacts } from '../src/code/github.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const github = path.join(root, 'test/fixtures/github');
const [earlier, later] = ['2026-11-20', '2026-11-27'];
const DAYS = 7;

/** A number in [0, 1) fixed by a repository and a day: the same file on every rebuild. */
function unit(name: string, i: number): number {
  return createHash('sha256').update(`${name}:${i}`).digest().readUInt32BE(0) / 2 ** 32;
}

/**
 * The eight counts from `first` to `last`, the week's gain shared unevenly between the days (a real week has quiet
 * days and a day someone shared it), so no two sparklines are the same straight line.
 */
function weekShape(name: string, first: number, last: number): number[] {
  const weights = Array.from({ length: DAYS }, (_, i) => 0.15 + unit(name, i) ** 2 * (1 + i / DAYS));
  const total = weights.reduce((a, b) => a + b, 0);
  let running = 0;
  return [first, ...weights.map((w) => Math.round(first + ((last - first) * (running += w)) / total))];
}

const repositories = fs.readdirSync(path.join(github, later)).sort().map((file) => {
  const response = JSON.parse(fs.readFileSync(path.join(github, later, file), 'utf8')) as Record<string, unknown>;
  const now = repositoryFacts(JSON.stringify(response));
  const before = repositoryFacts(fs.readFileSync(path.join(github, earlier, file), 'utf8'));
  if (!now || !before) throw new Error(`${file} is not a repository response`);
  // The recordings give several repositories the same gain; the demo's week scales it (0.6–1.4×, fixed per
  // repository) so no two cards read the same "+1,750 this week". Today's count stays the recorded one.
  const gain = Math.round((now.stars - before.stars) * (0.6 + 0.8 * unit(String(response.full_name), -1)));
  const shape = weekShape(String(response.full_name), Math.max(0, now.stars - gain), now.stars);
  const stars = shape.map((count, i) => ({ daysAgo: DAYS - i, stars: count }));
  return { response, stars };
});

const about = `GitHub as recorded on ${later} for the repositories the demo papers name, with a count for each of the ${DAYS + 1} days up to it (scripts/build-demo-repositories.ts says how). Loaded as demo counts, dated daysAgo before the day of loading.`;
fs.writeFileSync(path.join(root, 'data/demo/repositories.json'), `${JSON.stringify({ about, repositories }, null, 1)}\n`);
console.log(`wrote ${repositories.length} repositories`);
