// Two `paperboard serve` processes on one PostgreSQL database, as behind a load balancer: a vote taken by one is
// counted once and shown by the other's next page (the shared data version), a paper submitted through one is found
// by the other's keyword and semantic search, and the scheduler runs each occurrence once across both, so each
// subscriber gets one digest however many instances compose and send.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import { openDatabase, type Db } from '../../src/db/database.ts';
import { createServices, type Services } from '../../src/app/services.ts';
import { runCli } from '../helpers/cli.ts';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.ts';
import { kaggleSample } from '../helpers/paths.ts';
import { tempPostgres } from '../helpers/postgres.ts';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.ts';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.ts';
import { rows, scalar, sql } from '../helpers/sql.ts';
import { tempDir } from '../helpers/temp-db.ts';

const SUBSCRIBERS = ['ada@example.org', 'grace@example.org', 'edsger@example.org'];

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('two instances on one PostgreSQL database', () => {
  let server: { url: string; drop(): Promise<void> };
  let fixtures: FixtureServer;
  let sink: SmtpSink;
  let a: ServerProcess;
  let b: ServerProcess;
  let seed: { db: Db; services: Services };
  const dirs = { seed: tempDir(), a: tempDir(), b: tempDir() };
  let token = '';

  before(async () => {
    server = await tempPostgres();
    fixtures = await startFixtureServer();
    sink = await startSmtpSink();
    // Today's papers (the digest's period), the sample corpus, a fitted model, subscribers: written by a third process.
    const config = loadConfig({ PAPERBOARD_DB: server.url, DATA_DIR: dirs.seed, LOG_LEVEL: 'silent', DEMO_DATA: 'off', CATCH_UP: 'off', THUMBNAILS: 'cards' });
    const db = await openDatabase(config.database);
    seed = { db, services: createServices(db, config) };
    const today = new Date().toISOString().slice(0, 10);
    const file = path.join(dirs.seed, 'today.jsonl');
    fs.writeFileSync(file, ['2611.90001', '2611.90002', '2611.90003'].map((id, i) => JSON.stringify({
      id, title: `Sparse attention for long documents, part ${i + 1}`, abstract: 'We study sparse attention over long documents.',
      authors: [{ name: 'A. Author' }], categories: ['cs.LG'], publishedAt: `${today}T09:00:00Z`,
    })).join('\n'));
    await seed.services.importer.importFile(kaggleSample);
    await seed.services.importer.importFile(file);
    // Noticed on Hugging Face: a digest lists only trending papers something happened to.
    await seed.services.papers.saveExternalSignals(['2611.90001', '2611.90002', '2611.90003'].map((id) => ({ id, source: 'huggingface', upvotes: 5, comments: 0 })));
    await seed.services.search.refitSemantic();
    for (const email of SUBSCRIBERS) {
      const { user } = await seed.services.accounts.addUser(email, 'user');
      await seed.services.subscriptions.subscribe({ email }, user);
    }
    const env = { PAPERBOARD_DB: server.url, DATA_DIR: dirs.seed };
    assert.equal((await runCli(['user', 'add', 'voter@example.org'], env)).code, 0);
    token = (await runCli(['token', 'create', 'voter@example.org', '--name', 'test'], env)).stdout.trim();

    const dead = 'http://127.0.0.1:9';
    const common = {
      PAPERBOARD_DB: server.url, SMTP_URL: sink.url, ARXIV_API_URL: `${fixtures.url}/api/query`, ARXIV_OAI_URL: dead, ARXIV_RSS_URL: dead,
      HF_API_URL: dead, GITHUB_API_URL: dead, INGEST_TIME_SCALE: '0.001', SUBMIT_MAX_AGE_DAYS: '100000',
      // A digest every second, looked for every second: both instances compete for each occurrence.
      DIGEST_DAILY_SCHEDULE: '* * * * * *', SCHEDULER_TICK_SECONDS: '1', RATE_LIMIT_SEARCHES: '10000',
    };
    [a, b] = await Promise.all([startServerProcess({ ...common, DATA_DIR: dirs.a }), startServerProcess({ ...common, DATA_DIR: dirs.b })]);
  });

  after(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await seed?.services.close();
    await seed?.db.close();
    await server?.drop();
    await fixtures?.close();
    await sink?.close();
    for (const dir of Object.values(dirs)) fs.rmSync(dir, { recursive: true, force: true });
  });

  const auth = () => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });
  const upvotesOn = async (instance: ServerProcess, id: string) => ((await (await fetch(`${instance.url}/api/papers/${id}`)).json()) as { upvotes: number }).upvotes;

  it('counts a vote taken by one once, and the other shows it on its next page', async () => {
    const pageOnB = () => fetch(`${b.url}/papers/0704.0001`).then((r) => r.text());
    assert.match(await pageOnB(), /upvote, 0 upvotes/, 'B renders (and caches) the page before the vote');
    const voted = await fetch(`${a.url}/api/papers/0704.0001/upvote`, { method: 'POST', headers: auth() });
    assert.equal(voted.status, 200);
    // The same member again, through the other instance, twice at once: still one vote.
    await Promise.all([1, 2].map(() => fetch(`${b.url}/api/papers/0704.0001/upvote`, { method: 'POST', headers: auth() })));
    await until('B to show the vote', async () => /upvote, 1 upvote\b/.test(await pageOnB()), 5_000);
    assert.equal(await upvotesOn(b, '0704.0001'), 1);
    assert.equal(await upvotesOn(a, '0704.0001'), 1);
    assert.equal(await scalar(seed.db, sql`SELECT count(*) FROM votes`), 1);
  });

  it('finds a paper submitted through one by the other, by its words and by its meaning', async () => {
    const submitted = await fetch(`${a.url}/api/papers`, { method: 'POST', headers: auth(), body: JSON.stringify({ id: '1605.08386' }) });
    assert.equal(submitted.status, 201);
    const { title, abstract } = (await (await fetch(`${a.url}/api/papers/1605.08386`)).json()) as { title: string; abstract: string };
    const found = async (mode: string) => {
      // By meaning, its own words: the nearest vector in B's index is its own, once B holds it.
      const q = mode === 'keyword' ? title : `${title}. ${abstract}`.slice(0, 400);
      const response = await fetch(`${b.url}/api/search?q=${encodeURIComponent(q)}&mode=${mode}&limit=5`);
      assert.equal(response.status, 200, await response.clone().text());
      const body = (await response.json()) as { items: Array<{ paper: { id: string } }> };
      return body.items.slice(0, mode === 'keyword' ? 5 : 1).some((item) => item.paper.id === '1605.08386');
    };
    await until('B to find it by keyword', () => found('keyword'), 5_000);
    // A embeds it as it arrives; B adds stored vectors to its own index as it answers queries.
    await until('B to find it by meaning', () => found('semantic'), 30_000).catch(async (error) => {
      const vectors = await scalar(seed.db, sql`SELECT count(*) FROM paper_vectors`);
      const semantic = await (await fetch(`${b.url}/api/search?q=${encodeURIComponent(`${title}. ${abstract}`.slice(0, 400))}&mode=semantic&limit=5`)).text();
      const similarA = await (await fetch(`${a.url}/api/papers/1605.08386/similar`)).text();
      throw new Error(`${String(error)}; vectors ${vectors}; B: ${semantic.slice(0, 600)}; A similar: ${similarA.slice(0, 300)}; A log: ${a.log().slice(-1500)}`);
    });
  });

  it('runs each scheduled occurrence once across both, and mails each subscriber one digest', async () => {
    await until('a few digest occurrences', async () => Number(await scalar(seed.db, sql`SELECT count(*) FROM job_runs WHERE job = 'digest-daily' AND status = 'succeeded'`)) >= 4, 30_000);
    await until('every subscriber mailed', async () => SUBSCRIBERS.every((email) => sink.messages.some((m) => m.to && JSON.stringify(m.to).includes(email))), 20_000);
    const occurrences = await rows(seed.db, sql<{ scheduled_for: string; holder: string; status: string }>`
      SELECT scheduled_for, holder, status FROM job_runs WHERE job = 'digest-daily' AND status IN ('succeeded', 'failed') ORDER BY scheduled_for`);
    const runs = Number(await scalar(seed.db, sql`SELECT count(*) FROM digest_runs`));
    // Every run of the job records one digest run: a second instance running an occurrence would record a second.
    const finished = occurrences.length;
    assert.ok(runs >= finished && runs <= finished + 2, `${runs} digest runs for ${finished} finished occurrences (two may be under way)`);
    assert.ok(new Set(occurrences.map((o) => o.holder)).size >= 1);
    // Later occurrences find nothing new to send: wait until two more have finished, then count each inbox's mail.
    const finishedNow = Number(await scalar(seed.db, sql`SELECT count(*) FROM job_runs WHERE job = 'digest-daily' AND status IN ('succeeded', 'failed')`));
    await until('two more digest occurrences', async () =>
      Number(await scalar(seed.db, sql`SELECT count(*) FROM job_runs WHERE job = 'digest-daily' AND status IN ('succeeded', 'failed')`)) >= finishedNow + 2, 20_000);
    for (const email of SUBSCRIBERS) {
      const received = sink.messages.filter((m) => JSON.stringify(m.to).includes(email));
      assert.equal(received.length, 1, `${email} got ${received.length} digests`);
    }
    assert.equal(Number(await scalar(seed.db, sql`SELECT count(*) FROM digest_outbox WHERE status = 'sent'`)), SUBSCRIBERS.length);
  });
});
