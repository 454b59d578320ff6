// What the program's scheduled jobs did: their past occurrences (the job list itself is the app's: app/scheduled-jobs.ts).
import type { Db } from '../db/database.ts';
import * as jobs from './jobs.repository.ts';

export type { JobRunRow } from './jobs.repository.ts';

export function createJobRuns(db: Db) {
  return {
    latest(limit = 20) {
      return jobs.latestOccurrences(db, limit);
    },
  };
}
export type JobRuns = ReturnType<typeof createJobRuns>;
