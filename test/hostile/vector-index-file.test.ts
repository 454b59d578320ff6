// A damaged vector-index file (random bytes, cut short, or a stale one) must never reach native code: the server
// starts, says why it rebuilt the index, and serves similar papers. Random bytes once crashed every start with a
// segmentation fault, a truncated file with "corrupted double-linked list" (exit 134).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/database.ts';
import { createServices } from '../../src/app/services.ts';
import { fixtureCorpus } from '../helpers/paths.ts';
import { startServerProcess } from '../helpers/server-process.ts';
import { tempDatabase, tempDir } from '../helpers/temp-db.ts';
import { waitUntil } from '../helpers/wait.ts';

describe('a damaged vector-index file', () => {
  const dir = tempDir('paperboard-vectors-');
  const env = { PAPERBOARD_DB: path.join(dir, 'paperboard.db'), LOG_LEVEL: 'warn' };
  let indexFile = '';
  let pristine: Buffer;

  before(async () => {
    // A database with the demo papers and a fitted model, as `reindex` leaves it, in `dir`.
    const database = await tempDatabase();
    await database.services.importer.importFile(fixtureCorpus);
    await database.services.search.refitSemantic();
    await database.services.close();
    await database.db.close();
    for (const file of fs.readdirSync(database.dir)) fs.renameSync(path.join(database.dir, file), path.join(dir, file));
    fs.rmSync(database.dir, { recursive: true, force: true });
    indexFile = path.join(dir, fs.readdirSync(dir).find((f) => f.endsWith('.usearch')) as string);
    pristine = fs.readFileSync(indexFile);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Starts a server on the database, asks for similar papers, stops it; what it logged and found. */
  async function startAndAsk(): Promise<{ log: string; similar: number; exit: number | null }> {
    const server = await startServerProcess(env, ['--no-jobs']);
    const response = await fetch(`${server.url}/api/papers/0704.0001/similar?limit=5`);
    assert.equal(response.status, 200);
    const similar = ((await response.json()) as { items: unknown[] }).items.length;
    const exit = await server.stop();
    return { log: server.log(), similar, exit };
  }

  const damages: Array<[string, () => void, RegExp]> = [
    ['overwritten with random bytes', () => fs.writeFileSync(indexFile, randomBytes(pristine.length)), /checksum does not match/],
    ['cut short', () => fs.writeFileSync(indexFile, pristine.subarray(0, Math.floor(pristine.length / 3))), /bytes long, its manifest says/],
    ['without its manifest', () => fs.rmSync(`${indexFile}.manifest.json`), /manifest is missing/],
  ];
  for (const [damage, inflict, reason] of damages) {
    it(`is rebuilt when ${damage}, and the server starts, says so and serves similar papers`, async () => {
      inflict();
      const { log, similar, exit } = await startAndAsk();
      assert.match(log, reason);
      assert.match(log, /vector index rebuilt: \d+ vectors/);
      assert.equal(similar, 5);
      assert.equal(exit, 0);
      assert.equal(fs.readFileSync(`${indexFile}.manifest.json`, 'utf8').includes('"format":"paperboard-usearch/1"'), true, 'a new manifest');
    });
  }

  it('is loaded as it is when it matches its manifest, without a rebuild', async () => {
    const { log, similar } = await startAndAsk();
    assert.doesNotMatch(log, /rebuil/);
    assert.equal(similar, 5);
  });

  it('is loaded when it misses the papers embedded since its last save, and the rest are added from the table', async () => {
    const config = loadConfig({ ...env, DEMO_DATA: 'off', LOG_LEVEL: 'silent' });
    const messages: string[] = [];
    const open = async () => {
      const db = await openDatabase(config.database);
      return { db, services: createServices(db, config, (message) => messages.push(message)) };
    };
    const first = await open();
    const file = path.join(dir, 'more.jsonl');
    fs.writeFileSync(file, JSON.stringify({ id: '2611.55555', title: 'Quantum chromodynamics cross sections at hadron colliders', abstract: 'Diphoton production at the LHC.', categories: ['hep-ph'], publishedAt: '2026-11-20T00:00:00Z' }));
    await first.services.importer.importFile(file);
    assert.ok((await first.services.search.embedNew()) >= 1);
    // This process stops without saving (the save is spaced out): the file lacks the new paper's vector.
    await first.db.close();
    const manifest = JSON.parse(fs.readFileSync(`${indexFile}.manifest.json`, 'utf8')) as { count: number };

    const second = await open();
    await second.services.search.warm();
    const similar = await second.services.search.similar((await second.services.papers.get('2611.55555')).paper, 3);
    assert.equal(similar.length, 3);
    // The catch-up runs between turns of the event loop: wait for it, not for a fixed time.
    const status = await waitUntil('the index to catch up with the stored vectors', async () => {
      const now = await second.services.search.semanticStatus();
      return now.vectors > manifest.count ? now : null;
    }, 10_000);
    assert.ok(status.vectors > manifest.count, `${status.vectors} vectors, the file held ${manifest.count}`);
    assert.deepEqual(messages.filter((m) => /rebuil/.test(m)), [], 'no rebuild');
    assert.ok((await second.services.search.similar((await second.services.papers.get('0704.0001')).paper, 20)).some((n) => n.paper.id === '2611.55555'), 'the new vector joined the index');
    await second.services.close();
    await second.db.close();
  });
});
