// All SQL on papers and their versions. Writes of many papers run as prepared statements in one transaction.
import type { Selectable } from 'kysely';
import type BetterSqlite3 from 'better-sqlite3';
import { prepared, type Db } from '../db/database.ts';
import type { PapersTable } from '../db/schema.ts';
import { DEFAULT_TRENDING_WEIGHTS, trendingInterest, trendingScore, type TrendingInputs, type TrendingWeights } from '../feed/trending.ts';
import { facetWords, HAS_CODE_WORD } from '../search/facets.ts';
import type { ExternalSignal, ListingReason, Paper, PaperInput, PaperVersion } from './paper.ts';

export type PaperRow = Selectable<PapersTable>;

// Every new paper is written here, and indexed for keyword search in the same transaction;
// search/keyword-index.repository.ts reads that index.
export type UpsertOutcome = 'imported' | 'updated' | 'unchanged';

export interface UpsertOptions {
  /** Which day a paper is listed on, and why; null lists nothing. */
  listing: { reason: ListingReason; dayOf: (paper: PaperInput) => string | null } | null;
  isDemo: boolean;
  now: string;
}

export function paperFromRow(row: PaperRow): Paper {
  const categories = row.categories ? row.categories.split(' ') : [];
  return {
    id: row.id,
    version: row.version,
    title: row.title,
    abstract: row.abstract,
    authors: JSON.parse(row.authors) as Paper['authors'],
    categories,
    primaryCategory: row.primary_category,
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
    doi: row.doi,
    journalRef: row.journal_ref,
    comments: row.comments,
    isDemo: row.is_demo === 1,
    firstSeenAt: row.first_seen_at,
    upvotes: row.upvotes,
    numComments: row.num_comments,
    commenters: row.commenters,
    trending: row.trending,
    projectPage: row.project_page,
    hasCode: row.facets.split(' ').includes(HAS_CODE_WORD),
    codeStars: row.code_stars,
    codeStarsPerDay: row.code_stars_per_day,
    hfUpvotes: row.hf_upvotes,
  };
}

type ContentColumns = Omit<PaperRow, 'pk' | 'is_demo' | 'first_seen_at' | 'upvotes' | 'num_comments' | 'commenters' | 'trending' | 'interest' | 'project_page' | 'code_stars' | 'code_stars_per_day' | 'hf_upvotes'>;

function contentOf(input: PaperInput): ContentColumns {
  const primary = input.primaryCategory ?? input.categories[0] ?? null;
  const categories = primary ? [primary, ...input.categories.filter((c) => c !== primary)] : input.categories;
  return {
    id: input.id,
    version: input.version,
    title: input.title,
    abstract: input.abstract,
    authors: JSON.stringify(input.authors.map((a) => (a.affiliations?.length ? { name: a.name, affiliations: a.affiliations } : { name: a.name }))),
    author_names: input.authors.map((a) => a.name).join(', '),
    categories: categories.join(' '),
    primary_category: primary,
    published_at: input.publishedAt,
    facets: facetWords(categories, input.publishedAt),
    updated_at: input.updatedAt,
    doi: input.doi,
    journal_ref: input.journalRef,
    comments: input.comments,
  };
}

const CONTENT_KEYS = [
  'version', 'title', 'abstract', 'authors', 'author_names', 'categories', 'primary_category',
  'published_at', 'facets', 'updated_at', 'doi', 'journal_ref', 'comments',
] as const satisfies ReadonlyArray<keyof ContentColumns>;

/** A newer or equal version fills in what it knows; what it leaves out keeps its stored value. */
function merge(stored: PaperRow, incoming: ContentColumns): ContentColumns {
  const merged: ContentColumns = { ...stored };
  if (incoming.version < stored.version) return merged;
  for (const key of CONTENT_KEYS) {
    const value = incoming[key];
    const empty = value === null || value === '' || value === '[]';
    if (!empty) (merged as Record<string, unknown>)[key] = value;
  }
  // Derived from the merged categories and date (and the code mark the code capability set), never merged on its own.
  merged.facets = facetWords(merged.categories ? merged.categories.split(' ') : [], merged.published_at, stored.facets.split(' ').includes(HAS_CODE_WORD));
  return merged;
}

interface Statements {
  select: BetterSqlite3.Statement<[string], PaperRow>;
  insert: BetterSqlite3.Statement<unknown[]>;
  index: BetterSqlite3.Statement<[number, string, string, string, string]>;
  update: BetterSqlite3.Statement<[Record<string, unknown>]>;
  insertVersion: BetterSqlite3.Statement<[number, number, string | null]>;
  insertListing: BetterSqlite3.Statement<[string, number, string, string]>;
  trendingInputs: BetterSqlite3.Statement<[number], TrendingInputs>;
  /** What the signals from elsewhere weigh in the score: set once per connection by the papers service. */
  weights: TrendingWeights;
  setTrending: BetterSqlite3.Statement<[number, number, number]>;
  keyOf: BetterSqlite3.Statement<[string], { pk: number }>;
}

const statementCache = new WeakMap<BetterSqlite3.Database, Statements>();

function statements(sqlite: BetterSqlite3.Database): Statements {
  let cached = statementCache.get(sqlite);
  if (!cached) {
    const columns = ['id', ...CONTENT_KEYS, 'is_demo', 'first_seen_at', 'trending', 'interest'];
    cached = {
      select: sqlite.prepare('SELECT * FROM papers WHERE id = ?'),
      // Insert first: in a bulk import almost every paper is new, so the lookup is only paid on conflict.
      insert: sqlite.prepare(
        `INSERT OR IGNORE INTO papers (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      ),
      // The keyword index of a new row (see the migration for why this is not a trigger).
      index: sqlite.prepare('INSERT INTO papers_fts (rowid, title, abstract, author_names, facets) VALUES (?, ?, ?, ?, ?)'),
      update: sqlite.prepare(
        `UPDATE papers SET ${[...CONTENT_KEYS, 'is_demo'].map((c) => `${c} = @${c}`).join(', ')} WHERE pk = @pk`,
      ),
      insertVersion: sqlite.prepare(
        'INSERT OR IGNORE INTO paper_versions (paper_pk, version, created_at) VALUES (?, ?, ?)',
      ),
      insertListing: sqlite.prepare(
        'INSERT OR IGNORE INTO daily_listings (day, paper_pk, reason, listed_at) VALUES (?, ?, ?, ?)',
      ),
      trendingInputs: sqlite.prepare(
        `SELECT upvotes, commenters, hf_upvotes AS hfUpvotes, code_stars_per_day AS starsPerDay,
                (SELECT max(day) FROM daily_listings WHERE paper_pk = papers.pk) AS listedDay
         FROM papers WHERE pk = ?`,
      ),
      weights: DEFAULT_TRENDING_WEIGHTS,
      setTrending: sqlite.prepare('UPDATE papers SET trending = ?, interest = ? WHERE pk = ?'),
      keyOf: sqlite.prepare('SELECT pk FROM papers WHERE id = ?'),
    };
    statementCache.set(sqlite, cached);
  }
  return cached;
}

/** A paper's score and interest from its stored inputs (0 and 0 for a paper that is gone). */
function scoreOf(s: Statements, pk: number): { score: number; interest: number } {
  const inputs: TrendingInputs | undefined = s.trendingInputs.get(pk);
  return inputs ? { score: trendingScore(inputs, s.weights), interest: trendingInterest(inputs, s.weights) } : { score: 0, interest: 0 };
}

function refreshTrendingWith(s: Statements, pk: number): number {
  const { score, interest } = scoreOf(s, pk);
  s.setTrending.run(score, interest, pk);
  return score;
}

function upsertOne(s: Statements, input: PaperInput, options: UpsertOptions): UpsertOutcome {
  const incoming = contentOf(input);
  const day = options.listing?.dayOf(input) ?? null;
  // A new paper has no votes yet: its score is its listing day's, written with the row.
  const initialTrending = trendingScore({ upvotes: 0, commenters: 0, listedDay: day });
  const inserted = s.insert.run(
    incoming.id, ...CONTENT_KEYS.map((key) => incoming[key]), options.isDemo ? 1 : 0, options.now, initialTrending, 0,
  );
  let pk: number;
  let outcome: UpsertOutcome;
  if (inserted.changes === 1) {
    pk = Number(inserted.lastInsertRowid);
    s.index.run(pk, incoming.title, incoming.abstract, incoming.author_names, incoming.facets);
    outcome = 'imported';
  } else {
    const stored = s.select.get(input.id) as PaperRow;
    pk = stored.pk;
    const merged = merge(stored, incoming);
    // A paper stays "demo" only while nothing but the demo loader has brought it.
    const isDemo = stored.is_demo === 1 && options.isDemo ? 1 : 0;
    const changed = CONTENT_KEYS.some((key) => merged[key] !== stored[key]) || isDemo !== stored.is_demo;
    if (changed) s.update.run({ ...merged, is_demo: isDemo, pk });
    outcome = changed ? 'updated' : 'unchanged';
  }
  for (const v of input.versions) s.insertVersion.run(pk, v.version, v.createdAt);
  if (options.listing && day) {
    const listed = s.insertListing.run(day, pk, options.listing.reason, options.now).changes === 1;
    if (listed && outcome !== 'imported') refreshTrendingWith(s, pk);
  }
  return outcome;
}

/** Stores many papers in one transaction: new ids are inserted, newer versions update, the rest is left alone. */
export function upsertPapers(db: Db, inputs: readonly PaperInput[], options: UpsertOptions): UpsertOutcome[] {
  const s = statements(db.sqlite);
  const run = db.sqlite.transaction((batch: readonly PaperInput[]) => batch.map((p) => upsertOne(s, p, options)));
  return run(inputs);
}

export async function findPaperRow(db: Db, id: string): Promise<PaperRow | undefined> {
  return db.kysely.selectFrom('papers').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Papers by integer key. */
export async function findPapersByPks(db: Db, pks: readonly number[]): Promise<Map<number, PaperRow>> {
  if (pks.length === 0) return new Map();
  const rows = await db.kysely.selectFrom('papers').selectAll().where('pk', 'in', [...pks]).execute();
  return new Map(rows.map((row) => [row.pk, row]));
}

export async function findVersions(db: Db, pk: number): Promise<PaperVersion[]> {
  const rows = await db.kysely
    .selectFrom('paper_versions')
    .select(['version', 'created_at'])
    .where('paper_pk', '=', pk)
    .orderBy('version')
    .execute();
  return rows.map((r) => ({ version: r.version, createdAt: r.created_at }));
}

export async function countPapers(db: Db): Promise<number> {
  const row = await db.kysely.selectFrom('papers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Removes every paper that only the demo loader brought, with its listings and versions. */
export async function deleteDemoPapers(db: Db): Promise<{ papers: number; listings: number }> {
  return db.kysely.transaction().execute(async (trx) => {
    const listings = await trx.deleteFrom('daily_listings').where('reason', '=', 'demo').executeTakeFirst();
    const papers = await trx.deleteFrom('papers').where('is_demo', '=', 1).executeTakeFirst();
    return { papers: Number(papers.numDeletedRows), listings: Number(listings.numDeletedRows) };
  });
}

/** Keeps the latest external signals of stored papers (by id); papers not stored are skipped. */
export function saveExternalSignals(db: Db, signals: readonly ExternalSignal[], now: string): void {
  const statement = db.sqlite.prepare(
    `INSERT INTO external_signals (paper_pk, source, upvotes, comments, updated_at)
     SELECT pk, @source, @upvotes, @comments, @now FROM papers WHERE id = @id
     ON CONFLICT (paper_pk, source) DO UPDATE SET
       upvotes = excluded.upvotes, comments = excluded.comments, updated_at = excluded.updated_at`,
  );
  // Hugging Face's upvotes are a trending input too: kept on the paper, which is scored again.
  const onPaper = db.sqlite.prepare(`UPDATE papers SET hf_upvotes = @upvotes WHERE id = @id AND hf_upvotes != @upvotes RETURNING pk`);
  db.sqlite.transaction(() => {
    for (const s of signals) {
      statement.run({ ...s, now });
      if (s.source !== 'huggingface') continue;
      const changed = onPaper.get(s) as { pk: number } | undefined;
      if (changed) refreshTrending(db, changed.pk);
    }
  })();
}

export async function findExternalSignals(db: Db, pk: number): Promise<Omit<ExternalSignal, 'id'>[]> {
  return db.kysely
    .selectFrom('external_signals')
    .select(['source', 'upvotes', 'comments'])
    .where('paper_pk', '=', pk)
    .orderBy('source')
    .execute();
}

/** The integer key of a paper id, for other tables' references; synchronous, for use inside transactions. */
export function keyOf(db: Db, id: string): number | null {
  const row = statements(db.sqlite).keyOf.get(id);
  return row?.pk ?? null;
}

/** Integer keys of many ids at once (the stored ones), and the reverse: what lists of cards need. */
export function keysOf(db: Db, ids: readonly string[]): Map<string, number> {
  if (ids.length === 0) return new Map();
  const rows = prepared(db, 'SELECT id, pk FROM papers WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)) as Array<{ id: string; pk: number }>;
  return new Map(rows.map((r) => [r.id, r.pk]));
}

export function idsOf(db: Db, pks: readonly number[]): Map<number, string> {
  if (pks.length === 0) return new Map();
  const rows = db.sqlite.prepare(`SELECT pk, id FROM papers WHERE pk IN (${pks.map(() => '?').join(', ')})`).all(...pks) as Array<{ id: string; pk: number }>;
  return new Map(rows.map((r) => [r.pk, r.id]));
}

/** Moves the upvote counter and the trending score with it; returns the new count. Synchronous: it shares the vote's transaction. */
export function adjustUpvotes(db: Db, pk: number, delta: number): number {
  if (delta === 0) {
    const row = db.sqlite.prepare('SELECT upvotes FROM papers WHERE pk = ?').get(pk) as { upvotes: number } | undefined;
    return row?.upvotes ?? 0;
  }
  const row = db.sqlite.prepare('UPDATE papers SET upvotes = max(0, upvotes + ?) WHERE pk = ? RETURNING upvotes').get(delta, pk) as { upvotes: number } | undefined;
  refreshTrending(db, pk);
  return row?.upvotes ?? 0;
}

/** Lists a paper on a day; synchronous, for use inside a transaction. False when it was listed already. */
export function listPaper(db: Db, pk: number, day: string, reason: ListingReason, now: string): boolean {
  const s = statements(db.sqlite);
  const listed = s.insertListing.run(day, pk, reason, now).changes === 1;
  if (listed) refreshTrendingWith(s, pk);
  return listed;
}

/** Sets what the signals from elsewhere weigh in this connection's trending scores (TRENDING_*_WEIGHT). */
export function setTrendingWeights(db: Db, weights: TrendingWeights): void {
  statements(db.sqlite).weights = weights;
}

/**
 * A paper's code signals (its main repository's stars, and their growth a day) and whether it has code at all (the
 * `has:code` facet word), and its score with them; synchronous. The index row is rewritten only when the mark changes.
 */
export function setCodeSignals(db: Db, pk: number, signals: { stars: number; starsPerDay: number; hasCode: boolean }): void {
  const row = prepared(db, 'SELECT facets FROM papers WHERE pk = ?').get(pk) as { facets: string } | undefined;
  if (!row) return;
  const words = row.facets.split(' ').filter((w) => w && w !== HAS_CODE_WORD);
  const facets = (signals.hasCode ? [HAS_CODE_WORD, ...words] : words).join(' ');
  prepared(db, 'UPDATE papers SET code_stars = ?, code_stars_per_day = ? WHERE pk = ?').run(signals.stars, signals.starsPerDay, pk);
  if (facets !== row.facets) prepared(db, 'UPDATE papers SET facets = ? WHERE pk = ?').run(facets, pk);
  refreshTrending(db, pk);
}

/** Where the paper says its project page is; the first one found stays. */
export function setProjectPage(db: Db, pk: number, url: string): void {
  prepared(db, 'UPDATE papers SET project_page = ? WHERE pk = ? AND project_page IS NULL').run(url, pk);
}

/** Recomputes a paper's stored trending score from its counters and listings; synchronous. */
export function refreshTrending(db: Db, pk: number): number {
  return refreshTrendingWith(statements(db.sqlite), pk);
}

/**
 * Re-scores the papers after `afterPk` (up to `limit`, ascending), writing only the scores that changed (after the
 * trending weights change) or whose interest was never stored (papers from before it was). Returns the last key
 * visited (null when there are no more) and how many changed.
 */
export function rescoreAfter(db: Db, afterPk: number, limit: number): { lastPk: number | null; changed: number } {
  const s = statements(db.sqlite);
  const rows = prepared(db, 'SELECT pk, trending, interest FROM papers WHERE pk > ? ORDER BY pk LIMIT ?').all(afterPk, limit) as Array<{ pk: number; trending: number; interest: number | null }>;
  let changed = 0;
  for (const row of rows) {
    const { score, interest } = scoreOf(s, row.pk);
    if (row.interest === null || Math.abs(score - row.trending) > 1e-9 || Math.abs(interest - row.interest) > 1e-9) {
      s.setTrending.run(score, interest, row.pk);
      changed += 1;
    }
  }
  return { lastPk: rows.at(-1)?.pk ?? null, changed };
}

/** Sets the comment counters (visible comments, distinct commenters); synchronous. */
export function setCommentCounts(db: Db, pk: number, counts: { comments: number; commenters: number }): void {
  db.sqlite.prepare('UPDATE papers SET num_comments = ?, commenters = ? WHERE pk = ?').run(counts.comments, counts.commenters, pk);
}

/** Integer keys after `afterPk`, ascending, a page at a time: for walking every paper (embedding). */
export function keysAfter(db: Db, afterPk: number, limit: number): number[] {
  return db.sqlite.prepare('SELECT pk FROM papers WHERE pk > ? ORDER BY pk LIMIT ?').pluck().all(afterPk, limit) as number[];
}

/** The newest papers' keys (highest first). */
export function newestKeys(db: Db, limit: number): number[] {
  return db.sqlite.prepare('SELECT pk FROM papers ORDER BY pk DESC LIMIT ?').pluck().all(limit) as number[];
}
