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

export function createScheduler(options: SchedulerOptions) {
  const holder = options.instanceId ?? `${process.pid}-${randomUUID().slice(0, 8)}`;
  const leaseMs = options.leaseMs ?? 60 * 60 * 1000;
  const nextDue = new Map<string, Date>();
  const running = new Set<string>();
  let timer: NodeJS.Timeout | null = null;

  async function runOccurrence(job: JobDefinition, scheduledFor: string, now: Date): Promise<boolean> {
    const claimed = jobs.claimOccurrence(options.db, {
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

  const scheduler = {
    holder,

    /**
     * Runs what is due at `now`. An occurrence another instance holds is tried again on later ticks until
     * it is finished (then this instance moves on) or its lease expires (then this instance takes over).
     */
    async tick(now: Date = new Date()): Promise<string[]> {
      const ran: string[] = [];
      for (const job of options.jobs) {
        if (running.has(job.name)) continue;
        const due = nextDue.get(job.name) ?? nextOccurrence(job.cron, job.timezone, now);
        nextDue.set(job.name, due);
        if (now < due) continue;
        const scheduledFor = due.toISOString();
        if (await runOccurrence(job, scheduledFor, now)) {
          ran.push(job.name);
          nextDue.set(job.name, nextOccurrence(job.cron, job.timezone, now));
          continue;
        }
        const existing = await jobs.findOccurrence(options.db, job.name, scheduledFor);
        if (existing && existing.status !== 'running') nextDue.set(job.name, nextOccurrence(job.cron, job.timezone, now));
      }
      return ran;
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
