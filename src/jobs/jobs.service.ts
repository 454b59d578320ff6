// What the program's scheduled jobs are, and what their past occurrences did.
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { ArxivRssService } from '../ingest/arxiv-rss.service.ts';
import type { IngestRuns } from '../ingest/ingest-runs.service.ts';
import * as jobs from './jobs.repository.ts';
import type { JobDefinition } from './scheduler.service.ts';

export type { JobRunRow } from './jobs.repository.ts';

export function createJobRuns(db: Db) {
  return {
    latest(limit = 20) {
      return jobs.latestOccurrences(db, limit);
    },
  };
}

/** The jobs `serve` schedules: today's new papers in the configured categories, recorded as an ingest run. */
export function scheduledJobs(config: Readonly<Config>, services: { arxivRss: ArxivRssService; ingestRuns: IngestRuns }): JobDefinition[] {
  const { categories, schedule, timezone } = config.ingest;
  return [
    {
      name: 'daily-ingest',
      cron: schedule,
      timezone,
      run: () => services.ingestRuns.record('arxiv-rss', { categories, scheduled: true }, () => services.arxivRss.ingestToday(categories)),
    },
  ];
}
