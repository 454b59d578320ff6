// Records each ingest run around the work it does, so `ingest status` and /admin can show what happened.
import type { Db } from '../db/database.ts';
import * as runs from './ingest-runs.repository.ts';

export type { IngestRunRow, RunCounts } from './ingest-runs.repository.ts';

export function createIngestRuns(db: Db) {
  return {
    /** Runs `work` as a recorded run: counts on success, the error's message on failure (and rethrows). */
    async record<T extends { counts: runs.RunCounts }>(source: string, params: unknown, work: () => Promise<T>): Promise<T> {
      const id = await runs.startRun(db, source, params, new Date().toISOString());
      try {
        const result = await work();
        await runs.finishRun(db, id, { status: 'succeeded', counts: result.counts, error: null, now: new Date().toISOString() });
        return result;
      } catch (error) {
        const counts = { imported: 0, updated: 0, unchanged: 0, rejected: 0 };
        await runs.finishRun(db, id, { status: 'failed', counts, error: (error as Error).message, now: new Date().toISOString() });
        throw error;
      }
    },

    /** When the latest successful run of any of these sources finished (ISO instant), or null. */
    lastSucceeded(sources: readonly string[]): Promise<string | null> {
      return runs.lastSucceeded(db, sources);
    },

    latest(limit = 20) {
      return runs.latestRuns(db, limit);
    },
  };
}

export type IngestRuns = ReturnType<typeof createIngestRuns>;
