// Digest throughput: N subscriptions (default 100,000) with varied topics on the 300,000-paper database, composed into
// the outbox and delivered over SMTP to a local sink; prints the total time and messages per second.
// Usage: node --import tsx bench/digest.ts [PAPERS]   (needs bench/out/bench-PAPERS.db from bench/import.ts)
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/database.ts';
import { digestPeriod } from '../src/digest/subscription.ts';
import { createServices } from '../src/app/services.ts';
import { corpusFile, random } from './corpus.ts';
import { importedDatabase, machineLine } from './env.ts';

const papers = Number(process.argv[2] ?? process.env.BENCH_N ?? 300_000);
const subscribers = Number(process.env.BENCH_SUBSCRIBERS ?? 100_000);
const baseFile = path.join(path.dirname(corpusFile(papers)), `bench-${papers}.db`);
const dbFile = path.join(path.dirname(corpusFile(papers)), `digest-${papers}.db`);
importedDatabase(baseFile, papers);

// A sink that accepts and counts: the receiving side of a real SMTP conversation, without parsing.
let received = 0;
const sink = new SMTPServer({
  authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
  onData(stream, _session, callback) {
    stream.on('end', () => {
      received += 1;
      callback();
    });
    stream.resume();
  },
});
await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
const smtpUrl = `smtp://127.0.0.1:${(sink.server.address() as AddressInfo).port}`;

for (const suffix of ['', '-wal', '-shm']) fs.rmSync(dbFile + suffix, { force: true });
fs.copyFileSync(baseFile, dbFile);
const config = loadConfig({ PAPERBOARD_DB: dbFile, LOG_LEVEL: 'silent', SMTP_URL: smtpUrl, DIGEST_SEND_RATE: '100000', PUBLIC_URL: 'https://papers.example.org' });
const db = await openDatabase(config.database);
if (db.engine !== 'sqlite') throw new Error('this bench seeds a SQLite file');
const services = createServices(db, config, () => undefined);

// Subscribers: most follow the trending list alone; the rest have one to three topics from a pool of 300 searches.
const TOPIC_WORDS = ['neural', 'quantum', 'graph', 'language', 'protein', 'galaxy', 'reinforcement', 'diffusion', 'optimization', 'transformer',
  'lattice', 'entropy', 'robust', 'causal', 'spectral', 'bayesian', 'sparse', 'adversarial', 'molecular', 'topological'];
const rand = random(5);
const pool = Array.from({ length: 300 }, (_, i) => `${TOPIC_WORDS[i % 20]} ${TOPIC_WORDS[Math.floor(i / 20) % 20]}`);
const seeded = performance.now();
const insert = db.sqlite.prepare(
  `INSERT INTO subscriptions (email, status, frequency, weekly_day, paper_count, topics, created_at, confirmed_at, updated_at)
   VALUES (?, 'active', 'daily', 1, ?, ?, ?, ?, ?)`,
); // bench seeding only: the service's double opt-in would mail 100,000 confirmations first
db.sqlite.transaction(() => {
  const now = new Date().toISOString();
  for (let i = 0; i < subscribers; i += 1) {
    const topics = rand() < 0.6 ? [] : Array.from({ length: 1 + Math.floor(rand() * 3) }, () => pool[Math.floor(rand() * pool.length)]);
    insert.run(`reader${i}@bench.example.org`, [5, 10, 15][i % 3], JSON.stringify(topics), now, now, now);
  }
})();
const seedSeconds = (performance.now() - seeded) / 1000;

const day = (await services.papers.latestDay()) as string;
const period = digestPeriod('daily', day);
const started = performance.now();
const composed = await services.digest.compose(period);
const composeSeconds = (performance.now() - started) / 1000;
const sent = await services.digest.send();
const totalSeconds = (performance.now() - started) / 1000;

console.log(machineLine());
console.log(`corpus: ${papers.toLocaleString('en')} papers; ${subscribers.toLocaleString('en')} daily subscriptions (40% with 1–3 of 300 topics), seeded in ${seedSeconds.toFixed(1)} s`);
console.log(`period ${period.key} (${period.from} … ${period.to}): ${(await services.papers.listedIds(period)).size} papers listed`);
console.log(`composed ${composed.composed.toLocaleString('en')} digests (${composed.nothingNew} with nothing new) in ${composeSeconds.toFixed(1)} s (${Math.round(composed.composed / composeSeconds)}/s)`);
console.log(`sent ${sent.sent.toLocaleString('en')} (failed ${sent.failed}), received by the sink: ${received.toLocaleString('en')}`);
console.log(`total ${totalSeconds.toFixed(1)} s: ${Math.round(sent.sent / totalSeconds)} messages/s composed and delivered`);
await db.close();
await new Promise<void>((resolve) => sink.close(() => resolve()));
