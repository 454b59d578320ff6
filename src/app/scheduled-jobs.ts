// The jobs `serve` schedules: what each capability does on its own clock, composed here above them all (the scheduler
// in jobs/ knows none of them).
import type { Config } from '../config.ts';
import type { ArxivRssService } from '../ingest/arxiv-rss.service.ts';
import type { IngestRuns } from '../ingest/ingest-runs.service.ts';
import type { JobDefinition } from '../jobs/scheduler.service.ts';
import type { DigestService } from '../digest/digest.service.ts';
import type { SearchService } from '../search/search.service.ts';
import type { CodeService } from '../code/code.service.ts';
import type { CatchUpService } from '../ingest/catch-up.service.ts';
import type { HubRefresh } from '../code/hub-refresh.service.ts';
import { dayIn } from '../digest/subscription.ts';

/**
 * The jobs `serve` schedules: Hugging Face's daily papers, today's new papers in the configured categories (recorded as an ingest run), the
 * daily and weekly digests (weekly subscribers on the weekday they chose), and a sender pass every ten minutes
 * for digests waiting to be retried.
 */
export function scheduledJobs(
  config: Readonly<Config>,
  services: { arxivRss: ArxivRssService; ingestRuns: IngestRuns; digest: DigestService; search: SearchService; code: CodeService; catchUp: CatchUpService; hubRefresh: HubRefresh },
): JobDefinition[] {
  const { categories, schedule, timezone } = config.ingest;
  const digest = config.digest;
  const today = () => dayIn(digest.timezone, new Date());
  // Hugging Face's daily papers: today's and yesterday's again (their lists grow, their upvotes move), and any day of
  // the week a stopped server missed, once; arXiv's missed days too (over OAI-PMH). Off with CATCH_UP=off, like the
  // catch-up at start.
  const huggingFace: JobDefinition[] = config.catchUp === 'auto'
    ? [{ name: 'hf-daily', cron: config.hfSchedule, timezone: 'UTC', run: () => services.catchUp.run({ arxivMissed: true }) }]
    : [];
  return [
    ...huggingFace,
    {
      name: 'daily-ingest',
      cron: schedule,
      timezone,
      run: () => services.ingestRuns.record('arxiv-rss', { categories, scheduled: true }, () => services.arxivRss.ingestToday(categories)),
    },
    { name: 'digest-daily', cron: digest.dailySchedule, timezone: digest.timezone, run: () => services.digest.run('daily', today()) },
    { name: 'digest-weekly', cron: digest.weeklySchedule, timezone: digest.timezone, run: () => services.digest.run('weekly', today()) },
    { name: 'digest-retries', cron: '*/10 * * * *', timezone: 'UTC', run: () => services.digest.send() },
    // Papers this process stores are embedded as they arrive; this embeds what other processes stored (an import
    // beside the server) within minutes. Other instances add the vectors to their own index as they query.
    // A fitted model is needed: `paperboard reindex`.
    { name: 'embed-new-papers', cron: '*/5 * * * *', timezone: 'UTC', run: () => services.search.embedNew() },
    // Repository facts and today's star counts, within the hour's budget; recorded like any ingest. Then the Hub's
    // likes and downloads of models and datasets papers name (its own run: GitHub's failure does not stop it).
    {
      name: 'github-refresh',
      cron: config.github.schedule,
      timezone: 'UTC',
      run: () =>
        services.ingestRuns.record('github', { scheduled: true }, async () => {
          const report = await services.code.refreshGithub({ reserve: 5 });
          return { ...report, counts: { imported: 0, updated: report.refreshed, unchanged: report.unchanged, rejected: report.failed } };
        }).finally(() => services.ingestRuns.record('huggingface-hub', { scheduled: true }, () => services.hubRefresh.refresh()).catch(() => undefined)),
    },
  ];
}
