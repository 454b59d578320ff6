// Runs scheduled jobs inside `serve`. Every instance ticks; each occurrence of a job is claimed in the
// database first, so however many instances share it, an occurrence runs once. A holder that dies leaves
// its lease to expire, and another instance then takes the occurrence over.
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database.ts';
import * as jobs from './jobs.repository.ts';
import { nextOccurrence } from './schedule.ts';

export interface JobDefinition {
  name: string;
  /** A cron expression (minute hour day month weekday), evaluated in `timezone`. */
  cron: string;
  timezone: string;
  run: () => Promise<unknown>;
}

export interface SchedulerOptions {
  db: Db;
  jobs: readonly JobDefinition[];
  /** How long a claim holds before another instance may take over a run that never finished. */
  leaseMs?: number;
  instanceId?: string;
  onError?: (job: string, error: unknown) => void;
}

/** Past occurrences looked at when catching up (a five-minute job after a week away has 2,016), and how many are recorded. */
const MAX_MISSED_SCAN = 10_000;
const MAX_MISSED_RECORDED = 50;

export function createScheduler(options: SchedulerOptions) {
  const holder = options.instanceId ?? `${process.pid}-${randomUUID().slice(0, 8)}`;
  const leaseMs = options.leaseMs ?? 60 * 60 * 1000;
  const nextDue = new Map<string, Date>();
  const running = new Set<string>();
  let timer: NodeJS.Timeout | null = null;

  async function runOccurrence(job: JobDefinition, scheduledFor: string, now: Date): Promise<boolean> {
    const claimed = await jobs.claimOccurrence(options.db, {
      job: job.name,
      scheduledFor,
      holder,
      now: now.toISOString(),
      leaseUntil: new Date(now.getTime() + leaseMs).toISOString(),
    });
    if (!claimed) return false;
    running.add(job.name);
    try {
      await job.run();
      await jobs.finishOccurrence(options.db, { job: job.name, scheduledFor, holder, status: 'succeeded', error: null, now: new Date().toISOString() });
    } catch (error) {
      options.onError?.(job.name, error);
      await jobs.finishOccurrence(options.db, {
        job: job.name, scheduledFor, holder, status: 'failed', error: (error as Error).message, now: new Date().toISOString(),
      });
    } finally {
      running.delete(job.name);
    }
    return true;
  }

  /**
   * The occurrence due at `now`: the latest one not after it. Earlier ones nobody ran (no instance was serving, or
   * this one was busy) are recorded as missed, so they show, and only the latest runs: a digest or an ingest run
   * late covers what the missed ones would have.
   */
  async function catchUp(job: JobDefinition, due: Date, now: Date): Promise<Date> {
    const missed: Date[] = [];
    let latest = due;
    for (let next = nextOccurrence(job.cron, job.timezone, latest); next <= now && missed.length < MAX_MISSED_SCAN; next = nextOccurrence(job.cron, job.timezone, latest)) {
      missed.push(latest);
      latest = next;
    }
    for (const occurrence of missed.slice(-MAX_MISSED_RECORDED)) {
      await jobs.recordMissed(options.db, {
        job: job.name, scheduledFor: occurrence.toISOString(), holder, now: now.toISOString(),
        reason: `not run at its time: the next one, ${latest.toISOString()}, ran in its place`,
      });
    }
    return latest;
  }

  /** Runs the job's due occurrence, if any and if this instance claims it; true when it ran here. */
  async function tickJob(job: JobDefinition, now: Date): Promise<boolean> {
    if (running.has(job.name)) return false;
    const planned = nextDue.get(job.name) ?? nextOccurrence(job.cron, job.timezone, now);
    nextDue.set(job.name, planned);
    if (now < planned) return false;
    const due = await catchUp(job, planned, now);
    nextDue.set(job.name, due);
    const scheduledFor = due.toISOString();
    if (await runOccurrence(job, scheduledFor, now)) {
      nextDue.set(job.name, nextOccurrence(job.cron, job.timezone, now));
      return true;
    }
    const existing = await jobs.findOccurrence(options.db, job.name, scheduledFor);
    if (existing && existing.status !== 'running') nextDue.set(job.name, nextOccurrence(job.cron, job.timezone, now));
    return false;
  }

  const scheduler = {
    holder,

    /**
     * Runs what is due at `now`. An occurrence another instance holds is tried again on later ticks until
     * it is finished (then this instance moves on) or its lease expires (then this instance takes over).
     */
    async tick(now: Date = new Date()): Promise<string[]> {
      // Jobs run side by side: a digest that waits on its mail server does not hold back the next job's occurrence.
      const outcomes = await Promise.all(options.jobs.map((job) => tickJob(job, now)));
      return options.jobs.filter((_, i) => outcomes[i]).map((job) => job.name);
    },

    /** Ticks on a timer (every 30 s by default) until stop(). */
    start(intervalMs = 30_000): void {
      if (timer) return;
      void scheduler.tick(); // learn the first due times now
      timer = setInterval(() => void scheduler.tick().catch((error) => options.onError?.('scheduler', error)), intervalMs);
      timer.unref();
    },

    stop(): void {
      if (timer) clearInterval(timer);
      timer = null;
    },

    latest(limit = 20) {
      return jobs.latestOccurrences(options.db, limit);
    },
  };
  return scheduler;
}

export type Scheduler = ReturnType<typeof createScheduler>;
