// The composition root: every capability's service, built once from one database handle.
import { createAccountsService } from '../accounts/accounts.service.ts';
import { createCommunityService } from '../community/community.service.ts';
import { createCommentsService } from '../community/comments.service.ts';
import { createHubRefresh } from '../code/hub-refresh.service.ts';
import { createModerationService } from '../community/moderation.service.ts';
import path from 'node:path';
import type { Config } from '../config.ts';
import { isCorruption, probeDatabase, storageTrouble, type Db } from '../db/database.ts';
import { createFeedService } from '../feed/feed.service.ts';
import { createJobRuns } from '../jobs/jobs.service.ts';
import { createArxivApiService } from '../ingest/arxiv-api.service.ts';
import { createArxivOaiService } from '../ingest/arxiv-oai.service.ts';
import { createArxivRssService } from '../ingest/arxiv-rss.service.ts';
import { createDemoService } from './demo.service.ts';
import { createCatchUpService } from '../ingest/catch-up.service.ts';
import { createThumbnailsService } from '../thumbnails/thumbnails.service.ts';
import { createHfDailyService } from '../ingest/hf-daily.service.ts';
import { createIngestRuns } from '../ingest/ingest-runs.service.ts';
import { createPoliteHttp, userAgentFor } from '../net/polite-http.ts';
import { createImportService } from '../ingest/import.service.ts';
import { createMailer } from '../mail/mail.transport.ts';
import { createMailBudget } from '../mail/mail-budget.service.ts';
import { createPapersService } from '../papers/papers.service.ts';
import { createSearchService } from '../search/search.service.ts';
import { createSemanticService } from '../search/semantic.service.ts';
import { createCodeService } from '../code/code.service.ts';
import { createAuthorsService } from '../authors/authors.service.ts';
import { createGithubClient } from '../code/github.client.ts';
import { inProcessRanker, workerPoolRanker } from '../search/keyword-pool.service.ts';
import { postgresKeywordIndex } from '../search/keyword-index-postgres.adapter.ts';
import { sqliteKeywordIndex } from '../search/keyword-index-sqlite.adapter.ts';
import { createKeywordIndexer } from '../search/keyword-indexer.service.ts';
import { createForYouService } from '../search/for-you.service.ts';
import { createDigestService } from '../digest/digest.service.ts';
import { createSubscriptionsService } from '../digest/subscriptions.service.ts';
import { sessionSecret } from '../db/session-secret.ts';

/** Between two requests to GitHub: well under its authenticated budget of 5,000 an hour. */
const GITHUB_INTERVAL_MS = 750;

/** Where services report what they did outside the process (mail written to a file, say). */
export type ServiceLog = (message: string) => void;

/** How long /healthz reports a full disk after a write last failed for it (a write succeeding again does not say so). */
const FULL_DISK_MEMORY_MS = 60_000;
/** How long one database probe answers /healthz. */
const HEALTH_PROBE_MS = 1_000;

export function createServices(db: Db, config: Readonly<Config>, log?: ServiceLog) {
  let damage: string | null = null;
  let diskFullAt = 0;
  // One database probe answers every health check for a second: a load balancer asking often, or a monitor beside
  // 100 busy connections, then costs no round trip to PostgreSQL each (bench/hostile.ts, postgres part).
  let lastProbe: { at: number; answer: Promise<string | null> } | null = null;
  const probe = (): Promise<string | null> => {
    if (lastProbe && Date.now() - lastProbe.at < HEALTH_PROBE_MS) return lastProbe.answer;
    lastProbe = { at: Date.now(), answer: probeDatabase(db) };
    return lastProbe.answer;
  };
  const report: ServiceLog = log ?? (config.logLevel === 'silent' ? () => undefined : (message) => console.error(message));
  const papers = createPapersService(db, { trendingWeights: config.trending });
  const http = createPoliteHttp({
    userAgent: userAgentFor(config.http.publicUrl, config.ingest.contact),
    minIntervalMs: config.ingest.minIntervalMs,
    timeScale: config.ingest.timeScale,
  });
  const mailer = createMailer({
    smtpUrl: config.mail.smtpUrl,
    from: config.mail.from,
    mailDir: path.join(config.dataDir, 'mail'),
    log: report,
  });
  // Hugging Face names a featured paper's code: the code service (made below, once search exists) links it.
  const hfDaily = createHfDailyService({ db, papers, http, hfApiUrl: config.sources.hfApiUrl, onCode: (items) => code.linkFromHuggingFace(items) });
  const importer = createImportService(papers, hfDaily);
  const arxivApi = createArxivApiService({ papers, http, apiUrl: config.sources.arxivApiUrl });
  const mailBudget = createMailBudget(db, { perHour: config.mail.hourlyLimit });
  const accounts = createAccountsService({ db, mailer, mailBudget, publicUrl: config.http.publicUrl, secret: sessionSecret(config) });
  const semantic = createSemanticService({ db, papers, dataDir: config.dataDir, settings: config.semantic, log: report });
  // SQLite's searches block the thread that runs them: a server gives them worker threads. PostgreSQL's run on the server.
  const ranker = db.engine === 'postgres'
    ? inProcessRanker(postgresKeywordIndex(db, papers), papers)
    : config.search.workers > 0
      ? workerPoolRanker(db.file, { workers: config.search.workers, queueLimit: 64, waitMs: 5_000, runMs: 10_000 })
      : inProcessRanker(sqliteKeywordIndex(db, papers), papers);
  // The keyword index is written as papers are, in the same transaction (it keeps no text of its own to go stale).
  const keywordIndexer = createKeywordIndexer(db, papers);
  papers.onTextChange((change) => keywordIndexer.apply(change));
  const search = createSearchService(papers, semantic, ranker, keywordIndexer);
  const github = createGithubClient({
    // Its own spacing: GitHub allows far more than arXiv asks for (the hour's budget is what bounds a run).
    // One repository's worst case stays under two minutes (a body that never ends: 30 s × 3 tries and the back-off).
    http: createPoliteHttp({ userAgent: userAgentFor(config.http.publicUrl, config.ingest.contact), minIntervalMs: GITHUB_INTERVAL_MS, timeScale: config.ingest.timeScale, timeoutMs: 30_000, maxRetries: 2 }),
    apiUrl: config.github.apiUrl,
    token: config.github.token,
  });
  const code = createCodeService({ db, papers, search, github, usernames: (ids) => accounts.usernames(ids) });
  // Code links in a paper's own text are found as it is stored, in the same transaction (import, ingest, submission).
  papers.onArrival(async ({ texts }) => {
    await code.linkFromText(texts);
  });
  // Papers join semantic search as they arrive (a submission's page shows similar papers at once), and a revised
  // paper is embedded again; the embed job catches up what other processes stored.
  papers.onArrival(({ revised }) => db.outside(() => semantic.embedSoon((error) => report(`embedding new papers failed: ${String(error)}`), revised)));
  const subscriptions = createSubscriptionsService({
    db, mailer, mailBudget, publicUrl: config.http.publicUrl, secret: sessionSecret(config), mailFrom: config.mail.from,
  });
  const ingestRuns = createIngestRuns(db);
  const arxivRss = createArxivRssService({ papers, http, arxivApi, rssUrl: config.sources.arxivRssUrl });
  // The catch-up is impatient: on a machine with no network it learns so in seconds (one retry, 20 s a request), not
  // after the daily ingest's minutes of back-off; the demo loads meanwhile (cli/serve.command.ts).
  const impatient = createPoliteHttp({
    userAgent: userAgentFor(config.http.publicUrl, config.ingest.contact), minIntervalMs: config.ingest.minIntervalMs,
    timeScale: config.ingest.timeScale, timeoutMs: 20_000, maxRetries: 1, maxWaitMs: 10_000,
  });
  const impatientArxivApi = createArxivApiService({ papers, http: impatient, apiUrl: config.sources.arxivApiUrl });
  const arxivOai = createArxivOaiService({ db, papers, http, oaiUrl: config.sources.arxivOaiUrl });
  const catchUp = createCatchUpService({
    db, papers, ingestRuns, categories: config.ingest.categories, log: report,
    hfDaily: createHfDailyService({ db, papers, http: impatient, hfApiUrl: config.sources.hfApiUrl, onCode: (items) => code.linkFromHuggingFace(items) }),
    arxivRss: createArxivRssService({ papers, http: impatient, arxivApi: impatientArxivApi, rssUrl: config.sources.arxivRssUrl }),
    arxivOai,
    refreshGithub: () => ingestRuns.record('github', { catchUp: true }, async () => {
      const github = await code.refreshGithub({ reserve: 5 });
      return { ...github, counts: { imported: 0, updated: github.refreshed, unchanged: github.unchanged, rejected: github.failed } };
    }),
  });
  const hubRefresh = createHubRefresh({ db, http, hfApiUrl: config.sources.hfApiUrl });
  const thumbnails = createThumbnailsService({ db, papers, http }, { mode: config.thumbnails, pdfUrl: config.sources.arxivPdfUrl, log: report });
  const comments = createCommentsService({ db, papers, accounts });
  const community = createCommunityService({ db, papers, accounts, arxivApi, limits: config.community, dataVersion: () => db.dataVersion() });
  return {
    papers,
    importer,
    mailer,
    mailBudget,
    accounts,
    community,
    forYou: createForYouService({
      db, papers, semantic, community,
      topicsOf: async (user) => {
        const subscription = await subscriptions.forUser(user);
        return subscription && subscription.status !== 'unsubscribed' ? subscription.topics : [];
      },
    }),
    comments,
    moderation: createModerationService({ db, papers, accounts, comments }),
    ingestRuns,
    catchUp,
    thumbnails,
    jobRuns: createJobRuns(db),
    arxivApi,
    hfDaily,
    arxivRss,
    arxivOai,
    demo: createDemoService(papers, importer, code),
    feed: createFeedService(papers, () => db.dataVersion(), config.trending),
    search,
    authors: createAuthorsService({ search }),
    code,
    hubRefresh,
    subscriptions,
    digest: createDigestService({ db, papers, search, code, subscriptions, mailer, publicUrl: config.http.publicUrl, settings: config.digest, log: report }),
    /** Changes whenever stored data changes (here or in another process): what cached pages are checked against. */
    dataVersion(): string {
      return db.dataVersion();
    },
    /** Stops what runs beside the event loop (search workers); the database is closed by whoever opened it. */
    close(): Promise<void> {
      return search.close();
    },
    /**
     * What is wrong with the storage, or null: a probe of the tables every page reads, and any sign of a damaged file
     * an earlier request ran into (kept until the process restarts: a damaged file does not heal).
     */
    async storageProblem(): Promise<string | null> {
      if (damage) return damage;
      if (Date.now() - diskFullAt < FULL_DISK_MEMORY_MS) return 'the disk is full: writes fail until space is freed';
      return probe();
    },
    /**
     * Called with every unexpected error: a damaged database (also as a search worker saw it) is remembered, and a full
     * disk for a minute after it was last met, for /healthz.
     */
    noticeError(error: unknown): void {
      if (isCorruption(error)) damage ??= `the database file is damaged: ${(error as Error).message}`;
      if (storageTrouble(error) === 'full') diskFullAt = Date.now();
    },
  };
}

export type Services = ReturnType<typeof createServices>;
