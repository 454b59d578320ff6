// `npm run bench`: every benchmark in turn, at BENCH_N papers (default 300,000) where they take a size.
// bench/vector-index-choice.ts needs packages that are not dependencies: see its header.
import { spawnSync } from 'node:child_process';

const n = process.env.BENCH_N ?? '300000';
const runs: Array<[script: string, args: string[]]> = [
  ['bench/import.ts', [n]],
  ['bench/search.ts', [n]],
  ['bench/search-page.ts', [n]], // the search page beside the API, through serve
  ['bench/semantic.ts', [n]],
  ['bench/oai.ts', []], // its own size: 100,000 harvested records
  ['bench/http.ts', [n]],
  ['bench/hostile.ts', [n]],
  ['bench/github.ts', [n]], // and 10,000 repositories refreshed against a local GitHub
  ['bench/digest.ts', [n]],
  ['bench/search-quality.ts', []], // the demo set and its judged queries
  ['bench/embedder-choice.ts', []],
  ['bench/similar-papers.ts', []],
];
for (const [script, args] of runs) {
  console.log(`\n== ${script}${args.length ? ` (N=${n})` : ''}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
