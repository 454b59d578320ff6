// The one configuration object: read from the environment once, validated, frozen.
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

const optionalString = z.string().min(1).optional();

const envSchema = z.object({
  PAPERBOARD_DB: z.string().min(1).default('./data/paperboard.db'),
  DATA_DIR: optionalString,
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.url().optional(),
  SMTP_URL: z.url().optional(),
  MAIL_FROM: optionalString,
  MAIL_HOURLY_LIMIT: z.coerce.number().int().min(1).default(500),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  ARXIV_API_URL: z.url().default('https://export.arxiv.org/api/query'),
  ARXIV_OAI_URL: z.url().default('https://oaipmh.arxiv.org/oai'),
  ARXIV_RSS_URL: z.url().default('https://rss.arxiv.org/atom'),
  ARXIV_PDF_URL: z.url().default('https://arxiv.org/pdf'),
  THUMBNAILS: z.enum(['pdf', 'cards'], { error: 'is pdf or cards' }).default('pdf'),
  HF_API_URL: z.url().default('https://huggingface.co/api'),
  DEMO_DATA: z.enum(['auto', 'off']).default('auto'),
  CATCH_UP: z.enum(['auto', 'off'], { error: 'is auto or off' }).default('auto'),
  HF_SCHEDULE: z.string().default('20 * * * *'),
  FRONT_PAGE: z.enum(['trending', 'stars', 'day'], { error: 'is trending, stars or day' }).default('day'),
  OPERATOR_CONTACT: optionalString,
  INGEST_MIN_INTERVAL_SECONDS: z.coerce.number().min(0).default(3),
  INGEST_TIME_SCALE: z.coerce.number().min(0).max(1).default(1),
  INGEST_CATEGORIES: z.string().default('cs.AI cs.CL cs.CV cs.LG'),
  SUBMIT_MAX_AGE_DAYS: z.coerce.number().int().min(1).default(30),
  SUBMIT_DAILY_CAP: z.coerce.number().int().min(1).default(10),
  PAGE_CACHE_SECONDS: z.coerce.number().min(0).max(3600).default(10),
  PAGE_CACHE_MB: z.coerce.number().min(1).max(4096).default(64),
  INGEST_SCHEDULE: z.string().default('0 2 * * *'),
  SCHEDULER_TICK_SECONDS: z.coerce.number().min(0.1).max(3600).default(30),
  INGEST_TIMEZONE: z.string().default('UTC'),
  DIGEST_DAILY_SCHEDULE: z.string().default('0 7 * * 1-5'),
  DIGEST_WEEKLY_SCHEDULE: z.string().default('0 7 * * *'),
  DIGEST_TIMEZONE: z.string().default('UTC'),
  DIGEST_SEND_RATE: z.coerce.number().positive().default(20),
  DIGEST_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  DIGEST_RETRY_SECONDS: z.coerce.number().positive().default(60),
  DIGEST_LEASE_SECONDS: z.coerce.number().positive().default(120),
  SEMANTIC_DIMENSIONS: z.coerce.number().int().min(8).max(1024).default(128),
  SEMANTIC_FIT_DOCUMENTS: z.coerce.number().int().min(100).default(50_000),
  EMBEDDING_MODEL_DIR: optionalString,
  // One core is left to the event loop: with every core searching, /healthz waited up to 86 ms (30 ms with one spare).
  TRENDING_HF_WEIGHT: z.coerce.number().min(0).max(10).default(0.5),
  TRENDING_STARS_WEIGHT: z.coerce.number().min(0).max(10).default(0.2),
  GITHUB_API_URL: z.url().default('https://api.github.com'),
  GITHUB_TOKEN: optionalString,
  GITHUB_SCHEDULE: z.string().default('15 * * * *'),
  SEARCH_WORKERS: z.coerce.number().int().min(0).max(16).default(Math.max(1, os.availableParallelism() - 1)),
  TRUST_PROXY: z
    .string()
    // `true` believes every X-Forwarded-For hop, so any client could choose its address (and its rate limits, its mail
    // budget): refused, with what to say instead.
    .refine((value) => value !== 'true', 'true would let any client choose its address: give the number of proxies in front of Paperboard (1 for one nginx) or their addresses')
    .refine((value) => /^(true|false|\d+|[\d.:a-fA-F/]+(,\s*[\d.:a-fA-F/]+)*)$/.test(value), 'is false, a number of proxies, or addresses (CIDR) separated by commas')
    .default('false'),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  RATE_LIMIT_READS: z.coerce.number().int().min(0).default(600),
  RATE_LIMIT_SEARCHES: z.coerce.number().int().min(0).default(60),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['pretty', 'json'], { error: 'is pretty or json' }).optional(),
});

export type DatabaseConfig =
  | { engine: 'sqlite'; file: string }
  | { engine: 'postgres'; url: string };

export interface Config {
  database: DatabaseConfig;
  /** The folder beside the database: mail files, secrets and indexes live here. */
  dataDir: string;
  http: {
    host: string;
    port: number;
    /** Where people reach the site: PUBLIC_URL, or http://HOST:PORT until `serve` knows the port it listens on. */
    publicUrl: string;
    /** PUBLIC_URL was set: links in mail may be written by any process, commands included. */
    publicUrlGiven: boolean;
    pageCacheSeconds: number;
    /** The most each page cache (visitors', members' shared pages) may hold, in bytes. */
    pageCacheBytes: number;
    /**
     * Which proxies' X-Forwarded-For to believe (Fastify's trustProxy): false, true, a number of hops, or addresses.
     * Behind a reverse proxy, without it every client looks like the proxy to the rate limits and /metrics.
     */
    trustProxy: false | number | string[];
    /** A bearer token that opens /metrics to other hosts; unset, only loopback clients may read it. */
    metricsToken: string | undefined;
    /** Requests a client may make a minute (pages, feeds, JSON; 0: no limit), and searches of any kind among them. */
    readsPerMinute: number;
    searchesPerMinute: number;
  };
  /** `hourlyLimit`: sign-in links and confirmations the site sends an hour at most, to anyone (digests aside). */
  mail: { smtpUrl: string | undefined; from: string; hourlyLimit: number };
  sessionSecret: string | undefined;
  sources: { arxivApiUrl: string; arxivOaiUrl: string; arxivRssUrl: string; arxivPdfUrl: string; hfApiUrl: string };
  /** `pdf`: a paper's picture is its first PDF page, fetched on first view; `cards`: title cards only, nothing fetched. */
  thumbnails: 'pdf' | 'cards';
  ingest: {
    /** Who runs this instance, named in the User-Agent of every fetch (arXiv asks for a contact). */
    contact: string | undefined;
    /** At least this long between two requests to one host. */
    minIntervalMs: number;
    /** Multiplies every wait (spacing, Retry-After, backoff): 1 in production; tests scale time down. */
    timeScale: number;
    /** The arXiv categories the daily ingest follows. */
    categories: string[];
    /** When `serve` runs the daily ingest: a cron expression in `timezone`. */
    schedule: string;
    timezone: string;
    /** How often the scheduler looks for due jobs. */
    tickMs: number;
  };
  community: {
    /** Papers first published longer ago than this cannot be submitted. */
    submitMaxAgeDays: number;
    /** Submissions per person per day (UTC). */
    submitDailyCap: number;
  };
  digest: {
    dailySchedule: string;
    weeklySchedule: string;
    timezone: string;
    sendRate: number;
    maxAttempts: number;
    retryBaseMs: number;
    leaseMs: number;
  };
  semantic: { dimensions: number; fitDocuments: number; modelDir: string | undefined };
  /** What a Hugging Face upvote and a star a day on a paper's code count against one upvote here (docs/ranking.md). */
  trending: { hfUpvote: number; starPerDay: number };
  /** GitHub's REST API: where, with which token (optional: 60 requests an hour without, 5,000 with), and when `serve` refreshes. */
  github: { apiUrl: string; token: string | undefined; schedule: string };
  /** Threads that run keyword searches beside the server's event loop; 0 runs them on it (what commands do). */
  search: { workers: number };
  demoData: 'auto' | 'off';
  /**
   * `auto`: `serve` catches up at start (Hugging Face's last week, today's arXiv listings, GitHub) and fetches
   * Hugging Face's days on `hfSchedule`; `off`: neither (tests, and machines that must not reach out).
   */
  catchUp: 'auto' | 'off';
  hfSchedule: string;
  /** What `/` shows: the latest day (default), trending by interest, or trending by the stars of the papers' code. */
  frontPage: 'trending' | 'stars' | 'day';
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  /** `pretty`: a readable line an event (the default on a terminal); `json`: pino's lines (the default otherwise). */
  logFormat: 'pretty' | 'json' | undefined;
}

function parseTrustProxy(value: string): false | number | string[] {
  if (value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value.split(',').map((address) => address.trim());
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Reads the configuration; throws a ConfigError naming every problem at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Readonly<Config> {
  // An empty variable means "unset", as it does in most shells' `VAR= cmd` habits.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const e = parsed.data;
  const database: DatabaseConfig = /^postgres(ql)?:\/\//.test(e.PAPERBOARD_DB)
    ? { engine: 'postgres', url: e.PAPERBOARD_DB }
    : { engine: 'sqlite', file: path.resolve(e.PAPERBOARD_DB) };
  // Mail files and the vector index file are each instance's own: beside the SQLite file, or ./data on PostgreSQL.
  const dataDir = e.DATA_DIR ? path.resolve(e.DATA_DIR) : database.engine === 'sqlite' ? path.dirname(database.file) : path.resolve('data');
  const publicUrl = (e.PUBLIC_URL ?? `http://${e.HOST}:${e.PORT}`).replace(/\/+$/, '');
  return Object.freeze({
    database,
    dataDir,
    http: {
      host: e.HOST,
      port: e.PORT,
      publicUrl,
      publicUrlGiven: e.PUBLIC_URL !== undefined,
      pageCacheSeconds: e.PAGE_CACHE_SECONDS,
      pageCacheBytes: e.PAGE_CACHE_MB * 2 ** 20,
      trustProxy: parseTrustProxy(e.TRUST_PROXY),
      metricsToken: e.METRICS_TOKEN,
      readsPerMinute: e.RATE_LIMIT_READS,
      searchesPerMinute: e.RATE_LIMIT_SEARCHES,
    },
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM ?? 'Paperboard <paperboard@localhost>', hourlyLimit: e.MAIL_HOURLY_LIMIT },
    sessionSecret: e.SESSION_SECRET,
    sources: {
      arxivApiUrl: e.ARXIV_API_URL,
      arxivOaiUrl: e.ARXIV_OAI_URL,
      arxivRssUrl: e.ARXIV_RSS_URL,
      arxivPdfUrl: e.ARXIV_PDF_URL,
      hfApiUrl: e.HF_API_URL,
    },
    ingest: {
      contact: e.OPERATOR_CONTACT,
      minIntervalMs: e.INGEST_MIN_INTERVAL_SECONDS * 1000,
      timeScale: e.INGEST_TIME_SCALE,
      categories: e.INGEST_CATEGORIES.split(/[\s,]+/).filter(Boolean),
      schedule: e.INGEST_SCHEDULE,
      timezone: e.INGEST_TIMEZONE,
      tickMs: e.SCHEDULER_TICK_SECONDS * 1000,
    },
    community: { submitMaxAgeDays: e.SUBMIT_MAX_AGE_DAYS, submitDailyCap: e.SUBMIT_DAILY_CAP },
    digest: {
      dailySchedule: e.DIGEST_DAILY_SCHEDULE,
      weeklySchedule: e.DIGEST_WEEKLY_SCHEDULE,
      timezone: e.DIGEST_TIMEZONE,
      sendRate: e.DIGEST_SEND_RATE,
      maxAttempts: e.DIGEST_MAX_ATTEMPTS,
      retryBaseMs: e.DIGEST_RETRY_SECONDS * 1000,
      leaseMs: e.DIGEST_LEASE_SECONDS * 1000,
    },
    semantic: { dimensions: e.SEMANTIC_DIMENSIONS, fitDocuments: e.SEMANTIC_FIT_DOCUMENTS, modelDir: e.EMBEDDING_MODEL_DIR },
    search: { workers: e.SEARCH_WORKERS },
    trending: { hfUpvote: e.TRENDING_HF_WEIGHT, starPerDay: e.TRENDING_STARS_WEIGHT },
    github: { apiUrl: e.GITHUB_API_URL.replace(/\/+$/, ''), token: e.GITHUB_TOKEN, schedule: e.GITHUB_SCHEDULE },
    demoData: e.DEMO_DATA,
    catchUp: e.CATCH_UP,
    thumbnails: e.THUMBNAILS,
    hfSchedule: e.HF_SCHEDULE,
    frontPage: e.FRONT_PAGE,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
  });
}
