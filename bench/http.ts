// HTTP throughput of the pages people hit most: `/`, `/trending` and paper pages, at 100 connections, on a
// database of N papers (default 300,000) and 1,000,000 upvotes from 10,000 members. The server runs as its own
// process (`paperboard serve`), as in production; autocannon shares the machine's cores with it. Visitors get the
// micro-cached pages; members (signed in through the mailed link) get pages rendered for them.
// Usage: node --import tsx bench/http.ts [N]   (needs bench/out/bench-N.db from bench/import.ts)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { corpusFile, random } from './corpus.ts';
import { importedDatabase, machineLine, openBenchDatabase } from './env.ts';
import { LOAD_SECONDS, measure as measureAt } from './load.ts';
import { sessionThroughMailFile } from '../test/helpers/sign-in.ts';

const n = Number(process.argv[2] ?? process.env.BENCH_N ?? 300_000);
const MEMBERS = 10_000;
const VOTES_EACH = 100;
const PORT = 3917;
const MEMBER_SESSIONS = 50;

const baseFile = path.join(path.dirname(corpusFile(n)), `bench-${n}.db`);
const dbFile = path.join(path.dirname(corpusFile(n)), `http-${n}.db`);
importedDatabase(baseFile, n);

/** Copies the imported corpus and adds members and their upvotes, once; later runs reuse it. */
async function seed(): Promise<void> {
  if (fs.existsSync(dbFile)) return;
  fs.copyFileSync(baseFile, `${dbFile}.tmp`);
  const { db, services } = await openBenchDatabase(`${dbFile}.tmp`, { fresh: false });
  const started = performance.now();
  // Bench-only read of every id: the service API has no "all papers" call, nor should it.
  const ids = (db.sqlite.prepare('SELECT id FROM papers ORDER BY published_at DESC').pluck().all() as string[]);
  const recent = ids.slice(0, Math.min(ids.length, 3_000)); // about the last month
  const rand = random(11);
  for (let m = 0; m < MEMBERS; m += 1) {
    const { user } = await services.accounts.addUser(`reader${m}@bench.test`, 'user');
    await db.transaction(async () => {
      const chosen = new Set<string>();
      while (chosen.size < VOTES_EACH) {
        // Half the votes go to the last month's papers (what a trending site sees), half anywhere.
        const pool = rand() < 0.5 ? recent : ids;
        chosen.add(pool[Math.floor(rand() * pool.length)] as string);
      }
      for (const id of chosen) await services.community.upvote(user, id);
    });
    if ((m + 1) % 1000 === 0) process.stdout.write(`  seeded ${((m + 1) * VOTES_EACH).toLocaleString('en')} votes\r`);
  }
  const votes = db.sqlite.prepare('SELECT count(*) FROM votes').pluck().get() as number;
  console.log(`seeded ${MEMBERS.toLocaleString('en')} members and ${votes.toLocaleString('en')} upvotes in ${((performance.now() - started) / 1000).toFixed(0)} s (through the community service)`);
  db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  await db.close();
  fs.renameSync(`${dbFile}.tmp`, dbFile);
}

async function startServer(pageCacheSeconds: number) {
  const child = spawn(process.execPath, ['bin/paperboard.js', 'serve', '--port', String(PORT), '--no-jobs'], {
    env: { ...process.env, PAPERBOARD_DB: dbFile, LOG_LEVEL: 'warn', DEMO_DATA: 'off', CATCH_UP: 'off', THUMBNAILS: 'cards', HOST: '127.0.0.1', PAGE_CACHE_SECONDS: String(pageCacheSeconds),
      // autocannon is one client asking thousands of times a second: the per-client limits would refuse nearly all of it.
      RATE_LIMIT_READS: '0', RATE_LIMIT_SEARCHES: '0' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  for (let i = 0; i < 200; i += 1) {
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/healthz`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill();
  throw new Error('the server did not start');
}

/** Signs members in the way a browser does (the mailed link), for requests that carry a session as members' do. */
async function memberSessions(count: number): Promise<string[]> {
  const { db, services, config } = await openBenchDatabase(dbFile, { fresh: false });
  const mailDir = path.join(config.dataDir, 'mail');
  const sessions: string[] = [];
  try {
    for (let m = 0; m < count; m += 1) sessions.push(await sessionThroughMailFile(services, mailDir, `reader${m}@bench.test`, 'bench'));
  } finally {
    await db.close();
  }
  return sessions;
}

/** The cookie header a member's browser sends: the session, and the CSRF secret its first page set. */
async function memberCookies(sessions: string[]): Promise<string[]> {
  return Promise.all(sessions.map(async (session) => {
    const response = await fetch(`http://127.0.0.1:${PORT}/`, { headers: { cookie: `pb_session=${session}` } });
    const csrf = response.headers.getSetCookie().map((line) => line.split(';')[0] as string).filter((pair) => pair.startsWith('_csrf='));
    return [`pb_session=${session}`, ...csrf].join('; ');
  }));
}

await seed();
const sessions = await memberSessions(MEMBER_SESSIONS);
console.log(machineLine());
console.log(`corpus: ${n.toLocaleString('en')} papers, ${(MEMBERS * VOTES_EACH).toLocaleString('en')} upvotes; 100 connections, ${LOAD_SECONDS} s each; server and autocannon share the cores`);
const server = await startServer(10);
const measure = (name: string, paths: string[], cookies: string[] = []) => measureAt(`http://127.0.0.1:${PORT}`, name, paths, cookies);
try {
  const top = (await (await fetch(`http://127.0.0.1:${PORT}/api/trending?limit=100`)).json()) as Array<{ paper: { id: string } }>;
  const paperPaths = top.map((t) => `/papers/${t.paper.id}`);
  // Visitors who are not signed in get the micro-cached page (the default); members get pages rendered for them
  // (their votes, their forms), ${MEMBER_SESSIONS} of them signed in through the mailed link.
  console.log('-- visitors (page cache on)');
  await measure('/', ['/']);
  await measure('/trending', ['/trending']);
  await measure('paper page', paperPaths);
  const cookies = await memberCookies(sessions);
  console.log(`-- members (signed in, ${sessions.length} sessions: their names, votes and forms on every page)`);
  await measure('/', ['/'], cookies);
  await measure('/trending', ['/trending'], cookies);
  await measure('paper page', paperPaths, cookies);
} finally {
  server.kill();
  await new Promise((resolve) => server.once('exit', resolve));
}
