// The first morning, and the days a server was down: Hugging Face's daily papers of the last week (with their code and
// summaries), today's arXiv listings in the followed categories, then the GitHub facts of the code they link. `serve`
// runs it at start, so a fresh install shows real papers at once instead of at the next scheduled ingest; the hourly
// job runs its Hugging Face part and the arXiv days missed (over OAI-PMH), so a day the server missed is fetched once,
// when it is back.
import type { Db } from '../db/database.ts';
import { addDays, today } from '../time.ts';
import type { PapersService } from '../papers/papers.service.ts';
import type { ArxivOaiService } from './arxiv-oai.service.ts';
import type { ArxivRssService } from './arxiv-rss.service.ts';
import { oaiSetOf } from './sources/oai-pmh.ts';
import { findCheckpoint, saveCheckpoint } from './harvest-checkpoints.repository.ts';
import type { HfDailyService } from './hf-daily.service.ts';
import type { IngestRuns } from './ingest-runs.service.ts';
import { FetchError } from '../net/polite-http.ts';

/** How far back a catch-up reaches: Hugging Face's week, what the front page's week shows. */
export const CATCH_UP_DAYS = 7;
/** The checkpoint source of a Hugging Face day fetched in full (harvest_checkpoints: one row a day). */
const HF_DAY_CHECKPOINT = 'huggingface-day';
/** The ingest runs that cover an arXiv day: the daily listings, or a harvest. */
const ARXIV_SOURCES = ['arxiv-rss', 'arxiv-oai'] as const;

export interface CatchUpStatus {
  running: boolean;
  /** Papers stored by this catch-up so far (new ones). */
  papers: number;
  /** What it is doing: "Hugging Face, 2026-12-03", "arXiv cs.LG cs.CL", "GitHub". */
  step: string | null;
}

export interface CatchUpReport {
  papers: number;
  days: string[];
  problems: string[];
}

export interface CatchUpDeps {
  db: Db;
  papers: PapersService;
  hfDaily: HfDailyService;
  arxivRss: ArxivRssService;
  /** Missed arXiv days come over OAI-PMH: the daily listings hold today's papers only. */
  arxivOai: ArxivOaiService;
  refreshGithub: () => Promise<{ refreshed: number; failed: number }>;
  ingestRuns: IngestRuns;
  categories: readonly string[];
  log: (message: string) => void;
}

export function createCatchUpService(deps: CatchUpDeps) {
  let status: CatchUpStatus | null = null;
  let current: Promise<CatchUpReport> | null = null;
  const waiters = new Set<(brought: boolean) => void>();

  const settle = (brought: boolean) => {
    for (const wake of waiters) wake(brought);
    waiters.clear();
  };
  const stored = (count: number) => {
    if (!status || count <= 0) return;
    status.papers += count;
    settle(true);
  };

  /**
   * The days to ask Hugging Face for, newest first: today and yesterday always (their lists still grow and their
   * upvotes move), an older day of the week only until it was fetched once.
   */
  async function hfDaysToFetch(now: Date): Promise<string[]> {
    const latest = today(now);
    const days: string[] = [];
    for (let back = 0; back < CATCH_UP_DAYS; back += 1) {
      const day = addDays(latest, -back);
      if (back >= 2 && (await findCheckpoint(deps.db, HF_DAY_CHECKPOINT, day))) continue;
      days.push(day);
    }
    return days;
  }

  /** Hugging Face's missed days. Stops at the first that does not answer: the next hour tries again. */
  async function catchUpHuggingFace(now: Date, report: CatchUpReport): Promise<void> {
    for (const day of await hfDaysToFetch(now)) {
      if (status) status.step = `Hugging Face, ${day}`;
      try {
        const result = await deps.ingestRuns.record('huggingface', { date: day, catchUp: true }, () => deps.hfDaily.fetchDay(day, now));
        await saveCheckpoint(deps.db, {
          source: HF_DAY_CHECKPOINT, set_spec: day, window_from: day, window_until: day,
          resumption_token: null, last_datestamp: null, completed_until: day, updated_at: new Date().toISOString(),
        });
        report.days.push(day);
        stored(result.counts.imported);
        deps.log(`catch-up: Hugging Face ${day}: ${result.featured} papers (${result.counts.imported} new)`);
      } catch (error) {
        report.problems.push(`Hugging Face ${day}: ${(error as Error).message}`);
        deps.log(`catch-up: Hugging Face ${day} failed: ${(error as Error).message}`);
        if (error instanceof FetchError) return;
      }
    }
  }

  async function catchUpArxiv(now: Date, report: CatchUpReport): Promise<void> {
    if (deps.categories.length === 0) return;
    if (status) status.step = `arXiv ${deps.categories.join(' ')}`;
    try {
      const result = await deps.ingestRuns.record('arxiv-rss', { categories: deps.categories, catchUp: true }, () => deps.arxivRss.ingestToday(deps.categories, now));
      stored(result.counts.imported);
      deps.log(`catch-up: arXiv ${deps.categories.join(' ')}: ${result.announced} announced today (${result.counts.imported} new)`);
    } catch (error) {
      report.problems.push(`arXiv: ${(error as Error).message}`);
      deps.log(`catch-up: arXiv listings failed: ${(error as Error).message}`);
    }
  }

  /**
   * The arXiv days since the last listing or harvest that succeeded, when it is older than yesterday (the server was
   * down, or arXiv did not answer): harvested over OAI-PMH in the followed categories' archives, papers outside the
   * categories left out, each listed on its first version's day. At most CATCH_UP_DAYS back; a success covers them,
   * so each missed day is fetched once.
   */
  async function catchUpArxivMissed(now: Date, report: CatchUpReport): Promise<void> {
    if (deps.categories.length === 0) return;
    const covered = await deps.ingestRuns.lastSucceeded(ARXIV_SOURCES);
    const latest = today(now);
    if (!covered || covered.slice(0, 10) >= addDays(latest, -1)) return;
    const from = [covered.slice(0, 10), addDays(latest, -CATCH_UP_DAYS)].sort().at(-1) as string;
    const followed = new Set(deps.categories);
    const keep = (paper: { categories: string[] }) => paper.categories.some((c) => followed.has(c));
    for (const set of [...new Set(deps.categories.map(oaiSetOf))]) {
      if (status) status.step = `arXiv ${set}, ${from} to ${latest}`;
      try {
        const result = await deps.ingestRuns.record('arxiv-oai', { from, until: latest, set, missed: true }, () =>
          deps.arxivOai.harvest({ from, until: latest, set, now, keep }),
        );
        stored(result.counts.imported);
        report.days.push(`arXiv ${set} ${from}..${latest}`);
        deps.log(`catch-up: arXiv ${set} missed since ${from}: ${result.counts.imported} new, ${result.counts.updated} updated`);
      } catch (error) {
        report.problems.push(`arXiv ${set} since ${from}: ${(error as Error).message}`);
        deps.log(`catch-up: arXiv ${set} since ${from} failed: ${(error as Error).message}`);
        return;
      }
    }
  }

  async function catchUpGithub(report: CatchUpReport): Promise<void> {
    if (status) status.step = 'GitHub';
    try {
      const github = await deps.refreshGithub();
      deps.log(`catch-up: GitHub: ${github.refreshed} repositories counted${github.failed ? `, ${github.failed} failed` : ''}`);
    } catch (error) {
      report.problems.push(`GitHub: ${(error as Error).message}`);
      deps.log(`catch-up: GitHub failed: ${(error as Error).message}`);
    }
  }

  return {
    /** While a catch-up runs: how far it got (the front page's "catching up" note); null otherwise. */
    status(): Readonly<CatchUpStatus> | null {
      return status?.running ? { ...status } : null;
    },

    /**
     * Runs a catch-up: Hugging Face's missed days, with `arxiv` today's arXiv listings, with `arxivMissed` the arXiv
     * days missed since the last success, then GitHub when papers came. One at a time: a second call while one runs
     * waits for it and reports nothing new.
     */
    async run(options: { arxiv?: boolean; arxivMissed?: boolean; now?: Date } = {}): Promise<CatchUpReport> {
      const report: CatchUpReport = { papers: 0, days: [], problems: [] };
      if (current) {
        await current.catch(() => undefined);
        return report;
      }
      const now = options.now ?? new Date();
      status = { running: true, papers: 0, step: null };
      const work = (async () => {
        await catchUpHuggingFace(now, report);
        if (options.arxivMissed) await catchUpArxivMissed(now, report);
        if (options.arxiv) await catchUpArxiv(now, report);
        if ((status?.papers ?? 0) > 0) await catchUpGithub(report);
        report.papers = status?.papers ?? 0;
        return report;
      })();
      current = work;
      try {
        return await work;
      } finally {
        current = null;
        if (status) status.running = false;
        settle((status?.papers ?? 0) > 0);
      }
    },

    /**
     * Whether the running catch-up brings a paper within `ms`: true at the first one stored, false when it ends
     * without any or the time is up (the demo's cue on a fresh install).
     */
    bringsPapers(ms: number): Promise<boolean> {
      if (!status?.running) return Promise.resolve((status?.papers ?? 0) > 0);
      if (status.papers > 0) return Promise.resolve(true);
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          waiters.delete(done);
          resolve(false);
        }, ms);
        const done = (brought: boolean) => {
          clearTimeout(timer);
          resolve(brought);
        };
        waiters.add(done);
      });
    },
  };
}

export type CatchUpService = ReturnType<typeof createCatchUpService>;
