// Likes and downloads of the models, datasets and Spaces papers name, from the Hugging Face Hub's API, through the
// polite client: each at most once a day, failures backed off, a gone repository marked gone. Run beside GitHub's
// refresh (jobs.service.ts) and by `paperboard ingest hf-hub`.
import type { Db } from '../db/database.ts';
import { FetchError, type PoliteHttp } from '../net/polite-http.ts';
import * as repo from './code.repository.ts';
import { hubFacts, hubPath } from './huggingface-hub.ts';

/** The most read of one Hub answer: a model card's metadata is a few KB, a big one with siblings far less than this. */
const HUB_MAX_BYTES = 2 * 1024 * 1024;
/** A repository asked at most once a day; a failing one again after this. */
const DAY_MS = 86_400_000;
const RETRY_MS = 6 * 3_600_000;

export interface HubRefreshReport {
  refreshed: number;
  gone: number;
  failed: number;
  counts: { imported: number; updated: number; unchanged: number; rejected: number };
}

export function createHubRefresh(deps: { db: Db; http: PoliteHttp; hfApiUrl: string }) {
  const { db } = deps;
  return {
    /** Asks the Hub of up to `limit` due repositories; returns what came of it. */
    async refresh(options: { limit?: number; now?: Date } = {}): Promise<HubRefreshReport> {
      const now = options.now ?? new Date();
      const report: HubRefreshReport = { refreshed: 0, gone: 0, failed: 0, counts: { imported: 0, updated: 0, unchanged: 0, rejected: 0 } };
      const due = await repo.hubRepositoriesDue(db, { staleBefore: new Date(now.getTime() - DAY_MS).toISOString(), now: now.toISOString(), limit: options.limit ?? 500 });
      for (const item of due) {
        const at = new Date().toISOString();
        const fail = async (message: string) => {
          report.failed += 1;
          await repo.markFailed(db, item.id, { error: message, retryAt: new Date(Date.now() + RETRY_MS).toISOString() });
        };
        const path = hubPath(item.kind, item.owner, item.name);
        if (!path) {
          await fail(`"${item.owner}/${item.name}" is not a Hugging Face name`);
          continue;
        }
        try {
          const response = await deps.http.get(`${deps.hfApiUrl}${path}`, { maxBytes: HUB_MAX_BYTES, headers: { accept: 'application/json' } });
          // The Hub answers 401 for a repository that does not exist (or is private): gone, as GitHub's 404.
          if (response.status === 404 || response.status === 401) {
            await repo.markGone(db, item.id, at);
            report.gone += 1;
            continue;
          }
          const facts = response.status === 200 ? hubFacts(response.body) : null;
          if (!facts) {
            await fail(response.status === 200 ? 'the answer holds no likes count' : `HTTP ${response.status}`);
            continue;
          }
          await repo.saveHubFacts(db, item.id, facts, at);
          report.refreshed += 1;
        } catch (error) {
          if (!(error instanceof FetchError)) throw error;
          await fail(error.message);
        }
      }
      report.counts = { imported: 0, updated: report.refreshed, unchanged: 0, rejected: report.failed };
      return report;
    },
  };
}

export type HubRefresh = ReturnType<typeof createHubRefresh>;
