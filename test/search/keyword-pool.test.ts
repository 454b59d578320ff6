// The search workers: answers the same as in-process ranking, a full queue is a quick 503, a search past its time is
// given up without losing the pool, and a closed pool says so.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AppError } from '../../src/errors.ts';
import { createPapersService } from '../../src/papers/papers.service.ts';
import { inProcessRanker, workerPoolRanker, type PoolSettings } from '../../src/search/keyword-pool.service.ts';
import { sqliteKeywordIndex } from '../../src/search/keyword-index-sqlite.adapter.ts';
import { parseSearchQuery } from '../../src/search/query.ts';
import { kaggleSample } from '../helpers/paths.ts';
import { sqliteDbOf, tempDatabase, type TempDatabase } from '../helpers/temp-db.ts';

const settings: PoolSettings = { workers: 2, queueLimit: 8, waitMs: 5_000, runMs: 10_000 };
const isBusy = (error: unknown) => error instanceof AppError && error.code === 'unavailable' && /Search is busy/.test(error.message);

describe('search workers', () => {
  let database: TempDatabase;
  before(async () => {
    database = await tempDatabase();
    await database.services.importer.importFile(kaggleSample);
  });
  after(() => database.cleanup());

  it('rank as the serving thread would, and suggest titles', async () => {
    const pool = workerPoolRanker(database.file, settings);
    const db = sqliteDbOf(database.db);
    const papers = createPapersService(db);
    const local = inProcessRanker(sqliteKeywordIndex(db, papers), papers);
    for (const text of ['graph', 'quantum field', '"cross sections"', 'cat:hep-ph energy', 'after:2007-04-02 -spin', 'qua*']) {
      const query = parseSearchQuery(text);
      assert.deepEqual(await pool.rank(query), await local.rank(query), text);
    }
    assert.deepEqual(await pool.titles(parseSearchQuery('calcul*'), 5), await local.titles(parseSearchQuery('calcul*'), 5));
    await pool.close();
  });

  it('refuses at once what would wait behind a full queue', async () => {
    const pool = workerPoolRanker(database.file, { ...settings, workers: 1, queueLimit: 1 });
    const query = parseSearchQuery('energy');
    const outcomes = await Promise.allSettled([pool.rank(query), pool.rank(query), pool.rank(query)]);
    assert.deepEqual(outcomes.map((o) => o.status), ['fulfilled', 'fulfilled', 'rejected']);
    assert.ok(isBusy((outcomes[2] as PromiseRejectedResult).reason));
    await pool.close();
  });

  it('gives up a search that runs past its time, and keeps serving with a new worker', async () => {
    const pool = workerPoolRanker(database.file, { ...settings, workers: 1, runMs: 1 });
    await assert.rejects(pool.rank(parseSearchQuery('energy')), isBusy);
    await pool.close();
    const patient = workerPoolRanker(database.file, { ...settings, workers: 1 });
    assert.ok((await patient.rank(parseSearchQuery('energy'))).hits.length > 0);
    await patient.close();
  });

  it('rejects searches once closed', async () => {
    const pool = workerPoolRanker(database.file, settings);
    await pool.close();
    await assert.rejects(pool.rank(parseSearchQuery('energy')), /closed/);
  });
});
