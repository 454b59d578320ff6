// The second hardening pass, measured (bench/hostile.ts runs these after its searches; BENCH_PARTS picks parts):
// - latex: 1,000 papers whose titles and abstracts are LaTeX bombs (test/helpers/hostile-latex.ts), served by a real
//   `serve`: the largest paper page and day listing they provoke (bytes, ms), and the server's peak RSS (VmHWM) while
//   every page is rendered, 8 at a time;
// - github: the GitHub refresh over 1,000 repositories of which 10% misbehave (test/helpers/hostile-github.ts: loops,
//   a redirect elsewhere, 500s, a body that never ends, 700 MB, absurd facts …): its duration, and that it finishes and
//   reports each failure. Timeouts are 2 s here instead of production's 30 s, so a never-ending body costs 6 s, not 90;
// - postgres: a paper page at 100 connections on PostgreSQL across several expiries of the page cache (2 s), with
//   /healthz probed every 50 ms: the slowest request and /healthz's p50, p99 and max.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { createCodeService } from '../src/code/code.service.ts';
import { createGithubClient } from '../src/code/github.client.ts';
import { createPoliteHttp } from '../src/net/polite-http.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/database.ts';
import { createServices } from '../src/app/services.ts';
import { hostileAbstract, LATEX_BOMBS } from '../test/helpers/hostile-latex.ts';
import { MISBEHAVIOURS, startHostileGithub } from '../test/helpers/hostile-github.ts';
import { startServerProcess } from '../test/helpers/server-process.ts';
import { kaggleSample } from '../test/helpers/paths.ts';
import { corpusFile, writeCorpus } from './corpus.ts';
import { percentile } from './env.ts';
import { startBenchPostgres } from './postgres-server.ts';

const describeMs = (list: number[]) => `p50 ${percentile(list, 50).toFixed(1)} ms, p99 ${percentile(list, 99).toFixed(1)} ms, max ${(list.at(-1) ?? 0).toFixed(1)} ms`;

/** The server process's peak resident memory so far (VmHWM), in MiB. */
function peakRssMib(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

async function timed(url: string): Promise<{ status: number; bytes: number; ms: number }> {
  const started = performance.now();
  const response = await fetch(url);
  const body = await response.arrayBuffer();
  return { status: response.status, bytes: body.byteLength, ms: performance.now() - started };
}

export async function latexPart(count = 1_000): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperboard-bench-latex-'));
  try {
    const file = path.join(dir, 'bombs.jsonl');
    const today = new Date().toISOString().slice(0, 10);
    const ids = Array.from({ length: count }, (_, i) => `2612.${String(50000 + i)}`);
    fs.writeFileSync(file, ids.map((id, i) => JSON.stringify({
      id, title: `Bomb ${i} ${LATEX_BOMBS[i % LATEX_BOMBS.length]}`.slice(0, 1000), abstract: hostileAbstract(i), categories: ['cs.LG'], publishedAt: `${today}T00:00:00Z`,
    })).join('\n'));
    const db = path.join(dir, 'p.db');
    const config = loadConfig({ PAPERBOARD_DB: db, LOG_LEVEL: 'silent', DEMO_DATA: 'off', DATA_DIR: dir });
    const opened = await openDatabase(config.database);
    const services = createServices(opened, config);
    await services.importer.importFile(file);
    await services.close();
    await opened.close();
    const server = await startServerProcess({ PAPERBOARD_DB: db, DATA_DIR: dir, RATE_LIMIT_READS: '0', PAGE_CACHE_SECONDS: '0' }, ['--no-jobs']);
    try {
      const pid = server.child.pid as number;
      const before = peakRssMib(pid);
      let largest = { status: 0, bytes: 0, ms: 0, id: '' };
      const times: number[] = [];
      for (let at = 0; at < ids.length; at += 8) {
        const answers = await Promise.all(ids.slice(at, at + 8).map(async (id) => ({ ...(await timed(`${server.url}/papers/${id}`)), id })));
        for (const answer of answers) {
          times.push(answer.ms);
          if (answer.bytes > largest.bytes) largest = answer;
        }
      }
      const listing = await timed(`${server.url}/date/${today}`);
      const listingPage2 = await timed(`${server.url}/date/${today}?p=2`);
      times.sort((a, b) => a - b);
      console.log(`latex: ${count.toLocaleString('en')} hostile papers (${LATEX_BOMBS.length} kinds of bomb, abstracts of ~9,000 characters)`);
      console.log(`  paper pages: ${describeMs(times)}; largest ${(largest.bytes / 1024).toFixed(0)} KB in ${largest.ms.toFixed(1)} ms (${largest.id})`);
      console.log(`  day listing: ${(listing.bytes / 1024).toFixed(0)} KB in ${listing.ms.toFixed(1)} ms; page 2 ${(listingPage2.bytes / 1024).toFixed(0)} KB in ${listingPage2.ms.toFixed(1)} ms`);
      console.log(`  server peak RSS: ${before.toFixed(0)} MiB after start, ${peakRssMib(pid).toFixed(0)} MiB after rendering every page; /healthz ${(await fetch(`${server.url}/healthz`)).status}`);
    } finally {
      await server.stop();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function githubPart(count = 1_000): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperboard-bench-github-'));
  const github = await startHostileGithub();
  try {
    // Rate-limit answers end a run by design; the other misbehaviours are what a run must get through.
    const kinds = MISBEHAVIOURS.filter((m) => !/reset|retry-after/.test(m));
    const owners = Array.from({ length: count }, (_, i) => (i % 10 === 0 ? `${kinds[(i / 10) % kinds.length]}` : `good-${i}`));
    const file = path.join(dir, 'papers.jsonl');
    const today = new Date().toISOString().slice(0, 10);
    fs.writeFileSync(file, owners.map((owner, i) => JSON.stringify({
      id: `2612.${String(60000 + i)}`, title: `Paper ${i}`, abstract: `Code: https://github.com/${owner}/repo${i}`, categories: ['cs.LG'], publishedAt: `${today}T00:00:00Z`,
    })).join('\n'));
    const config = loadConfig({ PAPERBOARD_DB: path.join(dir, 'p.db'), LOG_LEVEL: 'silent', DEMO_DATA: 'off', DATA_DIR: dir });
    const db = await openDatabase(config.database);
    const services = createServices(db, config);
    try {
      await services.importer.importFile(file);
      const http = createPoliteHttp({ userAgent: 'paperboard-bench', minIntervalMs: 0, timeScale: 0.001, timeoutMs: 2_000, maxRetries: 2 });
      const code = createCodeService({ db, papers: services.papers, search: services.search, usernames: (ids) => services.accounts.usernames(ids), github: createGithubClient({ http, apiUrl: github.url, token: undefined }) });
      const started = performance.now();
      const report = await code.refreshGithub({ all: true });
      const seconds = (performance.now() - started) / 1000;
      const misbehaving = owners.filter((o) => !o.startsWith('good-')).length;
      console.log(`github: ${count.toLocaleString('en')} repositories, ${misbehaving} misbehaving (${kinds.join(', ')}); timeouts 2 s, 2 retries`);
      console.log(`  the run finished in ${seconds.toFixed(1)} s: refreshed ${report.refreshed}, failed ${report.failed} (each reported: ${report.problems.length} problems), stopped early: ${report.stoppedAt ?? 'no'}`);
      const byKind = new Map<string, number>();
      for (const problem of report.problems) byKind.set(problem.split('/')[0] as string, (byKind.get(problem.split('/')[0] as string) ?? 0) + 1);
      console.log(`  failures by kind: ${[...byKind].map(([k, n]) => `${k} ${n}`).join(', ')}; requests to the other host: ${github.elsewhereHits()}`);
    } finally {
      await services.close();
      await db.close();
    }
  } finally {
    await github.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A paper page on PostgreSQL under 100 connections, on a corpus of `size` papers (BENCH_HERD_N, default 20,000). */
export async function postgresHerdPart(seconds = 20, size = Number(process.env.BENCH_HERD_N ?? 20_000)): Promise<void> {
  const postgres = await startBenchPostgres(['-c', 'shared_buffers=256MB']);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperboard-bench-herd-'));
  try {
    const corpus = corpusFile(size);
    if (!fs.existsSync(corpus)) await writeCorpus(size, corpus);
    const config = loadConfig({ PAPERBOARD_DB: postgres.url, LOG_LEVEL: 'silent', DEMO_DATA: 'off', DATA_DIR: dir });
    const db = await openDatabase(config.database);
    const services = createServices(db, config);
    await services.importer.importFile(corpus);
    await services.importer.importFile(kaggleSample);
    await services.search.refitSemantic(); // the page's similar papers, as a real install shows them
    await services.close();
    await db.close();
    console.log(`postgres: ${size.toLocaleString('en')} papers (bench/corpus.ts) and the Kaggle sample`);
    const server = await startServerProcess({ PAPERBOARD_DB: postgres.url, DATA_DIR: dir, RATE_LIMIT_READS: '0', PAGE_CACHE_SECONDS: '2' }, ['--no-jobs']);
    try {
      await timed(`${server.url}/papers/0704.0002`); // warm the process
      const uncached = await timed(`${server.url}/papers/0704.0001`);
      console.log(`  an uncached paper page: ${uncached.ms.toFixed(1)} ms, ${(uncached.bytes / 1024).toFixed(0)} KB`);
      const probes: number[] = [];
      let probing = true;
      const probe = (async () => {
        while (probing) {
          const started = performance.now();
          await (await fetch(`${server.url}/healthz`)).text();
          probes.push(performance.now() - started);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      })();
      const result = await autocannon({ url: `${server.url}/papers/0704.0001`, connections: 100, duration: seconds });
      probing = false;
      await probe;
      probes.sort((a, b) => a - b);
      console.log(`postgres: /papers/0704.0001 at 100 connections for ${seconds} s, page cache expiring every 2 s (${Math.floor(seconds / 2)} expiries)`);
      console.log(`  ${result.requests.total.toLocaleString('en')} requests, ${result.requests.average.toFixed(0)} req/s, errors ${result.errors}, non-2xx ${result.non2xx}; latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`);
      console.log(`  /healthz: ${describeMs(probes)} (${probes.length} probes)`);
    } finally {
      await server.stop();
    }
  } finally {
    await postgres.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
