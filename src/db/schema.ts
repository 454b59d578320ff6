// The tables as Kysely sees them: the one typed description of what the migrations build.
import type { Generated } from 'kysely';

export interface PapersTable {
  /** Integer key (SQLite rowid): compact joins, and the keyword index's row. */
  pk: Generated<number>;
  /** arXiv id without version (`2401.01234`, `hep-th/9901001`) or a local id (`local-…`). */
  id: string;
  version: number;
  title: string;
  abstract: string;
  /** JSON array of `{ name }` in the paper's order. */
  authors: string;
  /** The names joined by ", ": what the keyword index and the cards read. */
  author_names: string;
  /** Space-separated arXiv categories, primary first. */
  categories: string;
  primary_category: string | null;
  published_at: string | null;
  updated_at: string | null;
  doi: string | null;
  journal_ref: string | null;
  comments: string | null;
  is_demo: number;
  first_seen_at: string;
  /** On-site upvotes, kept in step with the votes table by the community capability. */
  upvotes: Generated<number>;
  /** Visible comments, and the distinct people who wrote them: kept by the community capability. */
  num_comments: Generated<number>;
  commenters: Generated<number>;
  /** The stored trending score (papers/trending.ts); indexed, so /trending reads it without scanning. */
  trending: Generated<number>;
  /** The score without its freshness term, log2(1 + points): what a period's listing sorts by. NULL until next scored. */
  interest: number | null;
  /** Where the paper says its project page is (code/repository-url.ts). */
  project_page: string | null;
  /** The paper's code signals, kept by the code capability: its main repository's stars, and stars a day this week. */
  code_stars: Generated<number>;
  code_stars_per_day: Generated<number>;
  /** Hugging Face's upvotes, a trending input (weighted, never added to this site's own). */
  hf_upvotes: Generated<number>;
  /** 1 when it links to code (any repository, any source): set by the code capability, what `has:code` finds. */
  has_code: Generated<number>;
  /** When a moderator hid it (gone from listings, search, feeds and the API; restorable); null when shown. */
  hidden_at: string | null;
  /** When a moderator featured it on the front page; null when not featured. */
  featured_at: string | null;
}

export interface PaperVersionsTable {
  paper_pk: number;
  version: number;
  created_at: string | null;
}

export interface DailyListingsTable {
  /** The listing day, `YYYY-MM-DD` (UTC). */
  day: string;
  paper_pk: number;
  reason: string;
  listed_at: string;
}

export interface IngestRunsTable {
  id: Generated<number>;
  /** arxiv-api, arxiv-oai, arxiv-rss, hf-daily, … */
  source: string;
  /** JSON of the run's arguments. */
  params: string;
  started_at: string;
  finished_at: string | null;
  status: 'running' | 'succeeded' | 'failed';
  imported: Generated<number>;
  updated: Generated<number>;
  unchanged: Generated<number>;
  rejected: Generated<number>;
  error: string | null;
}

export interface HarvestCheckpointsTable {
  source: string;
  /** The OAI set harvested, '' for all. */
  set_spec: string;
  window_from: string;
  window_until: string;
  /** The token of the next page to fetch; null when no window is in progress. */
  resumption_token: string | null;
  last_datestamp: string | null;
  /** The end of the last window harvested to its last page: where the next harvest starts. */
  completed_until: string | null;
  updated_at: string;
}

export interface JobRunsTable {
  job: string;
  /** The occurrence, as an ISO instant: the key that makes each occurrence run once. */
  scheduled_for: string;
  /** The instance running it. */
  holder: string;
  status: 'running' | 'succeeded' | 'failed' | 'missed';
  started_at: string;
  /** Past this instant, a run still marked running is taken to be dead and may be taken over. */
  lease_until: string;
  finished_at: string | null;
  error: string | null;
}

/** What a moderator or admin did (community/moderation.service.ts): who, which action, on what, when. */
export interface ModerationLogTable {
  id: Generated<number>;
  /** Null when the account is gone, or the CLI acted. */
  actor_id: number | null;
  /** hide-paper, restore-paper, feature-paper, unfeature-paper, set-role, block, unblock. */
  action: string;
  /** The paper's id or the member's username. */
  subject: string;
  note: string | null;
  created_at: string;
}

/** A paper's rendered first page (thumbnails/), or a failed attempt's record (no image, retry_at). */
export interface ThumbnailsTable {
  paper_pk: number;
  content_type: string | null;
  image: Uint8Array | null;
  created_at: string;
  failures: Generated<number>;
  retry_at: string | null;
  last_error: string | null;
}

export interface ExternalSignalsTable {
  paper_pk: number;
  /** Where the signal comes from: 'huggingface'. */
  source: string;
  upvotes: number;
  comments: number;
  updated_at: string;
  /** Hugging Face's one-sentence summary of the paper (its `ai_summary`), when it wrote one. */
  summary: string | null;
  /** Its `ai_keywords`, a JSON array of strings. */
  keywords: string | null;
}

export interface UsersTable {
  id: Generated<number>;
  /** Lower-cased. */
  email: string;
  username: string;
  display_name: string;
  role: Generated<'user' | 'moderator' | 'admin'>;
  created_at: string;
  /** 1 when the member lists their upvoted papers on their profile. */
  show_upvotes: Generated<number>;
  /** When an admin blocked the member (sign-in refused, their comments hidden); null when not blocked. */
  blocked_at: string | null;
}

export interface SignInTokensTable {
  /** SHA-256 of the token in the link: the link itself is never stored. */
  token_hash: string;
  email: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface SessionsTable {
  /** SHA-256 of the session cookie's value. */
  id_hash: string;
  user_id: number;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  /** SHA-256 of the token: the token is shown once, when made. */
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
}

export interface VotesTable {
  paper_pk: number;
  user_id: number;
  created_at: string;
}

export interface SubmissionsTable {
  id: Generated<number>;
  paper_pk: number;
  user_id: number;
  day: string;
  created_at: string;
}

export interface CommentsTable {
  id: Generated<number>;
  paper_pk: number;
  user_id: number;
  /** Replies are one level deep: a reply's parent is always a top-level comment. */
  parent_id: number | null;
  /** Markdown as written; rendered through the safe subset on display. */
  body: string;
  created_at: string;
  edited_at: string | null;
  deleted_at: string | null;
  hidden_at: string | null;
  hidden_by: number | null;
  flag_count: Generated<number>;
}

export interface CommentFlagsTable {
  comment_id: number;
  user_id: number;
  reason: string;
  created_at: string;
}

export interface SubscriptionsTable {
  id: Generated<number>;
  /** Lower-cased. */
  email: string;
  user_id: number | null;
  status: 'pending' | 'active' | 'paused' | 'unsubscribed' | 'suspended';
  frequency: 'daily' | 'weekly';
  /** ISO weekday of the weekly digest, 1 = Monday. */
  weekly_day: Generated<number>;
  paper_count: Generated<number>;
  /** 1: no digest when nothing passes the trending cut-off ("skip days with nothing notable"). */
  skip_quiet: Generated<number>;
  /** JSON array of saved searches. */
  topics: Generated<string>;
  /** SHA-256 of the token in the confirmation link, until confirmed. */
  confirm_token_hash: string | null;
  suspended_reason: string | null;
  created_at: string;
  confirmed_at: string | null;
  updated_at: string;
}

export interface DigestOutboxTable {
  id: Generated<number>;
  subscription_id: number;
  /** `daily:2026-11-27` or `weekly:2026-W48`: one digest per subscription and period. */
  period: string;
  status: 'queued' | 'sent' | 'failed';
  subject: string;
  html: string;
  text: string;
  attempts: Generated<number>;
  next_attempt_at: string;
  lease_holder: string | null;
  lease_until: string | null;
  message_id: string | null;
  error: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface DigestPapersTable {
  subscription_id: number;
  paper_pk: number;
  outbox_id: number;
}

export interface DigestRunsTable {
  id: Generated<number>;
  period: string;
  started_at: string;
  finished_at: string | null;
  status: 'running' | 'succeeded' | 'failed';
  composed: Generated<number>;
  nothing_new: Generated<number>;
  sent: Generated<number>;
  failed: Generated<number>;
  error: string | null;
}

export interface SemanticModelsTable {
  name: string;
  dimensions: number;
  /** JSON array of stems. */
  vocabulary: string;
  idf: Buffer;
  projection: Buffer;
  documents: number;
  fitted_at: string;
  /** Papers in the corpus at fit time. */
  corpus_papers: Generated<number>;
}

export interface PaperVectorsTable {
  paper_pk: number;
  model: string;
  /** Float32, unit length. */
  vector: Buffer;
}

export interface NotInterestedTable {
  user_id: number;
  paper_pk: number;
  created_at: string;
}

export interface MailRequestsTable {
  id: Generated<number>;
  /** The address as mail reaches it: lower case, without a +tag (mail-budget.ts). */
  address_key: string;
  kind: string;
  requested_at: string;
  /** The client network that asked (IPv4 address, IPv6 /64); null for mail no visitor asked for. */
  client_key: string | null;
  /** 1 when the address had signed in before: those draw on the part of the budget kept for members. */
  known_address: Generated<number>;
}

export interface RepositoriesTable {
  id: Generated<number>;
  host: 'github' | 'gitlab' | 'codeberg' | 'huggingface';
  kind: 'repository' | 'model' | 'dataset' | 'space';
  owner: string;
  name: string;
  url: string;
  /** The URL lower-cased: one row however a link writes the owner's case. */
  url_key: string;
  status: Generated<'unknown' | 'ok' | 'gone'>;
  stars: number | null;
  stars_per_day: Generated<number>;
  forks: number | null;
  language: string | null;
  license: string | null;
  /** JSON array of topics. */
  topics: Generated<string>;
  description: string | null;
  archived: Generated<number>;
  pushed_at: string | null;
  github_id: number | null;
  /** The ETag of the last 200: sent back as If-None-Match (a 304 costs no rate limit). */
  etag: string | null;
  fetched_at: string | null;
  /** The star history was read once, when the repository was first fetched. */
  history_loaded: Generated<number>;
  is_demo: Generated<number>;
  created_at: string;
  /** Failed refreshes in a row; reset by an answer. */
  failures: Generated<number>;
  /** A failing repository is not asked again before this time (backing off). */
  retry_at: string | null;
  last_error: string | null;
  /** An instance is refreshing it until this time: another leaves it alone. */
  claimed_until: string | null;
  /** Hugging Face's likes of a model, dataset or Space; null until fetched (code/hub-refresh.service.ts). */
  likes: number | null;
  /** Hugging Face's downloads of a model or dataset in the last 30 days; null for Spaces and until fetched. */
  downloads: number | null;
}

export interface CodeLinksTable {
  paper_pk: number;
  repository_id: number;
  source: 'text' | 'huggingface' | 'pwc' | 'member';
  official: Generated<number>;
  framework: string | null;
  added_by: number | null;
  created_at: string;
  /** A moderator removed the link: kept, so no source adds it again. */
  removed_at: string | null;
  removed_by: number | null;
  /** A member's link counts toward trending once confirmed (by a moderator or another source); other sources' are confirmed. */
  confirmed_at: string | null;
  confirmed_by: number | null;
}

export interface RepositoryStarsTable {
  repository_id: number;
  day: string;
  stars: number;
  source: 'github' | 'history' | 'huggingface' | 'demo';
  /** When the count was taken (the response's Date header for GitHub). */
  counted_at: string;
}

/** PostgreSQL only: the keyword index, the search capability's own (SQLite's is the FTS5 table keyword_fts). */
export interface PaperSearchTable {
  paper_pk: number;
  /** A tsvector, built by the database (paperboard_search_document) from what search/keyword-indexer.service.ts gives it. */
  document: string;
}

/** PostgreSQL only: values several instances must share (a generated session secret). */
export interface SettingsTable {
  name: string;
  value: string;
}

export interface Database {
  paper_search: PaperSearchTable;
  settings: SettingsTable;
  repositories: RepositoriesTable;
  code_links: CodeLinksTable;
  repository_stars: RepositoryStarsTable;
  mail_requests: MailRequestsTable;
  papers: PapersTable;
  paper_versions: PaperVersionsTable;
  daily_listings: DailyListingsTable;
  ingest_runs: IngestRunsTable;
  harvest_checkpoints: HarvestCheckpointsTable;
  job_runs: JobRunsTable;
  external_signals: ExternalSignalsTable;
  thumbnails: ThumbnailsTable;
  moderation_log: ModerationLogTable;
  users: UsersTable;
  sign_in_tokens: SignInTokensTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  votes: VotesTable;
  submissions: SubmissionsTable;
  comments: CommentsTable;
  comment_flags: CommentFlagsTable;
  subscriptions: SubscriptionsTable;
  digest_outbox: DigestOutboxTable;
  digest_papers: DigestPapersTable;
  digest_runs: DigestRunsTable;
  semantic_models: SemanticModelsTable;
  paper_vectors: PaperVectorsTable;
  not_interested: NotInterestedTable;
}
