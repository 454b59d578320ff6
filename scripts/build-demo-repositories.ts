// Rebuilds data/demo/repositories.json from the test fixtures: the repositories the captured papers name, as GitHub
// answered on the later of the two recorded days, and a count for each of the eight days up to it. A repository with
// a recorded star history (fixtures/github/stargazers-history) has its days rebuilt from it, as the site does; the
// others have the week's recorded gain spread evenly between the two recorded counts. The counts are dated relative
// to the day of loading (`daysAgo`) and loaded as demo. Run by hand: `npx tsx scripts/build-demo-repositories.ts`.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { countsFromHistory, repositoryFacts } from '../src/code/github.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const github = path.join(root, 'test/fixtures/github');
const [earlier, later] = ['2026-11-20', '2026-11-27'];
const DAYS = 7;
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;

const repositories = fs.readdirSync(path.join(github, later)).sort().map((file) => {
  const response = JSON.parse(fs.readFileSync(path.join(github, later, file), 'utf8')) as Record<string, unknown>;
  const now = repositoryFacts(JSON.stringify(response));
  const before = repositoryFacts(fs.readFileSync(path.join(github, earlier, file), 'utf8'));
  if (!now || !before) throw new Error(`${file} is not a repository response`);
  const historyFile = path.join(github, 'stargazers-history', file);
  const history = fs.existsSync(historyFile) ? countsFromHistory(fs.readFileSync(historyFile, 'utf8'), { stars: now.stars, countedOn: later }) : null;
  const rebuilt = new Map((history ?? []).map((s) => [s.day, s.stars]));
  const stars = Array.from({ length: DAYS + 1 }, (_, i) => {
    const daysAgo = DAYS - i;
    const day = new Date((dayNumber(later) - daysAgo) * 86_400_000).toISOString().slice(0, 10);
    const even = Math.round(before.stars + ((now.stars - before.stars) * i) / DAYS);
    return { daysAgo, stars: rebuilt.get(day) ?? even };
  });
  return { response, stars };
});

const about = `GitHub as recorded on ${later} for the repositories the demo papers name, with a count for each of the ${DAYS + 1} days up to it (scripts/build-demo-repositories.ts says how). Loaded as demo counts, dated daysAgo before the day of loading.`;
fs.writeFileSync(path.join(root, 'data/demo/repositories.json'), `${JSON.stringify({ about, repositories }, null, 1)}\n`);
console.log(`wrote ${repositories.length} repositories`);
