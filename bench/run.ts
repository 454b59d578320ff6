// `npm run bench`: every benchmark in turn at BENCH_N papers (default 300,000).
import { spawnSync } from 'node:child_process';

const n = process.env.BENCH_N ?? '300000';
for (const script of ['bench/import.ts', 'bench/search.ts', 'bench/oai.ts', 'bench/http.ts']) {
  console.log(`\n== ${script} (N=${n})`);
  const args = script === 'bench/oai.ts' ? [] : [n]; // the harvest bench has its own size (100,000 records)
  const result = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
