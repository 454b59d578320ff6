import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import { openDatabase, type Db } from '../../src/db/database.ts';
import { claimOccurrence } from '../../src/jobs/jobs.repository.ts';
import { createScheduler, type JobDefinition } from '../../src/jobs/scheduler.service.ts';
import { nextOccurrence } from '../../src/jobs/schedule.ts';
import { tempDatabase, type TempDatabase } from '../helpers/temp-db.ts';
import { ENGINES } from '../helpers/postgres.ts';
import { waitUntil } from '../helpers/wait.ts';

describe('schedules', () => {
  it('fire at the time of their time zone', () => {
    const next = nextOccurrence('0 2 * * *', 'America/New_York', new Date('2026-11-26T06:00:00Z'));
    assert.equal(next.toISOString(), '2026-11-26T07:00:00.000Z');
    assert.equal(nextOccurrence('0 2 * * *', 'UTC', new Date('2026-11-26T02:00:00Z')).toISOString(), '2026-11-27T02:00:00.000Z');
  });
});

for (const engine of ENGINES) describe(`scheduler (fake clock, two instances on one database) (${engine})`, () => {
  let t: TempDatabase;
  let second: Db;
  before(async () => {
    t = await tempDatabase({}, engine);
    second = await openDatabase(loadConfig({ ...t.processEnv, LOG_LEVEL: 'silent' }).database); // another instance's connection
  });
  after(async () => {
    await second.close();
    await t.cleanup();
  });

  it('runs a job at its time, once, whichever instance ticks', async () => {
    let runs = 0;
    const job: JobDefinition = { name: 'daily', cron: '0 2 * * *', timezone: 'UTC', run: async () => void (runs += 1) };
    const a = createScheduler({ db: t.db, jobs: [job], instanceId: 'a' });
    const b = createScheduler({ db: second, jobs: [job], instanceId: 'b' });

    assert.deepEqual(await a.tick(new Date('2026-11-26T01:00:00Z')), []);
    assert.deepEqual(await b.tick(new Date('2026-11-26T01:00:00Z')), []);
    assert.deepEqual(await a.tick(new Date('2026-11-26T01:59:59Z')), []);
    assert.equal(runs, 0, 'nothing before its time');

    assert.deepEqual(await a.tick(new Date('2026-11-26T02:00:00Z')), ['daily']);
    assert.deepEqual(await b.tick(new Date('2026-11-26T02:00:30Z')), [], 'the other instance does not run it again');
    assert.deepEqual(await a.tick(new Date('2026-11-26T02:01:00Z')), []);
    assert.equal(runs, 1);

    assert.deepEqual(await b.tick(new Date('2026-11-27T02:00:05Z')), ['daily'], 'the next day, whoever ticks first');
    assert.deepEqual(await a.tick(new Date('2026-11-27T02:00:10Z')), []);
    assert.equal(runs, 2);
    const recorded = await a.latest();
    assert.deepEqual(recorded.map((r) => [r.scheduled_for, r.holder, r.status]), [
      ['2026-11-27T02:00:00.000Z', 'b', 'succeeded'],
      ['2026-11-26T02:00:00.000Z', 'a', 'succeeded'],
    ]);
  });

  it('takes over an occurrence whose holder died, once its lease has expired', async () => {
    let runs = 0;
    const job: JobDefinition = { name: 'hourly', cron: '0 * * * *', timezone: 'UTC', run: async () => void (runs += 1) };
    // Instance "dead" claimed 03:00 with a 10-minute lease and never finished.
    assert.ok(await claimOccurrence(t.db, { job: 'hourly', scheduledFor: '2026-11-26T03:00:00.000Z', holder: 'dead', now: '2026-11-26T03:00:00.000Z', leaseUntil: '2026-11-26T03:10:00.000Z' }));
    const b = createScheduler({ db: second, jobs: [job], instanceId: 'b', leaseMs: 600_000 });
    await b.tick(new Date('2026-11-26T02:59:00Z'));
    assert.deepEqual(await b.tick(new Date('2026-11-26T03:05:00Z')), [], 'the lease still holds');
    assert.deepEqual(await b.tick(new Date('2026-11-26T03:11:00Z')), ['hourly'], 'taken over');
    assert.equal(runs, 1);
  });

  it('records a failing job as failed, with its message', async () => {
    const job: JobDefinition = { name: 'broken', cron: '*/5 * * * *', timezone: 'UTC', run: async () => { throw new Error('upstream down'); } };
    const errors: string[] = [];
    const a = createScheduler({ db: t.db, jobs: [job], instanceId: 'a', onError: (_name, error) => errors.push((error as Error).message) });
    await a.tick(new Date('2026-11-26T04:01:00Z'));
    await a.tick(new Date('2026-11-26T04:05:00Z'));
    const run = (await a.latest()).find((r) => r.job === 'broken');
    assert.equal(run?.status, 'failed');
    assert.equal(run?.error, 'upstream down');
    assert.deepEqual(errors, ['upstream down']);
  });

  it('records occurrences missed while no instance was serving, and runs the latest late', async () => {
    let runs = 0;
    const job: JobDefinition = { name: 'weekly-ish', cron: '0 7 * * *', timezone: 'UTC', run: async () => void (runs += 1) };
    const a = createScheduler({ db: t.db, jobs: [job], instanceId: 'a' });
    assert.deepEqual(await a.tick(new Date('2026-11-23T06:59:00Z')), []);
    assert.deepEqual(await a.tick(new Date('2026-11-23T07:00:10Z')), ['weekly-ish']);
    // Down from Monday to Thursday 07:05: Tuesday's and Wednesday's occurrences passed with nobody to run them.
    assert.deepEqual(await a.tick(new Date('2026-11-26T07:05:00Z')), ['weekly-ish']);
    assert.equal(runs, 2, 'the latest runs, once');
    const rows = (await a.latest(10)).filter((r) => r.job === 'weekly-ish').sort((x, y) => x.scheduled_for.localeCompare(y.scheduled_for));
    assert.deepEqual(rows.map((r) => [r.scheduled_for.slice(0, 10), r.status]), [
      ['2026-11-23', 'succeeded'], ['2026-11-24', 'missed'], ['2026-11-25', 'missed'], ['2026-11-26', 'succeeded'],
    ]);
    assert.match(rows[1]?.error ?? '', /not run at its time/);
  });

  it('runs a job whose time has come while another is still running', async () => {
    let release: () => void = () => undefined;
    const slow: JobDefinition = { name: 'slow', cron: '0 7 * * *', timezone: 'UTC', run: () => new Promise<void>((resolve) => (release = resolve)) };
    let quickRuns = 0;
    const quick: JobDefinition = { name: 'quick', cron: '0 7 * * *', timezone: 'UTC', run: async () => void (quickRuns += 1) };
    const a = createScheduler({ db: t.db, jobs: [slow, quick], instanceId: 'a' });
    await a.tick(new Date('2026-12-01T06:00:00Z'));
    const ticking = a.tick(new Date('2026-12-01T07:00:05Z'));
    await waitUntil('the quick job to run while the slow one still runs', () => quickRuns === 1, 5_000);
    assert.equal(quickRuns, 1, 'the quick job did not wait for the slow one');
    release();
    assert.deepEqual(await ticking, ['slow', 'quick']);
  });
});
