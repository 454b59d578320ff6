// All SQL on papers and their versions. Many papers are written in one transaction, through one loop (upsertOne) over
// a small set of statements that each engine provides: prepared better-sqlite3 statements on SQLite (a bulk import
// runs at the speed of the raw driver), Kysely queries on PostgreSQL.
import { sql, type Selectable } from 'kysely';
import type BetterSqlite3 from 'better-sqlite3';
import type { Db, SqliteDb } from '../db/database.ts';
import { greatest, keyIn } from '../db/dialect.ts';
import type { PapersTable } from '../db/schema.ts';
import { trendingInterest, trendingScore, type TrendingInputs, type TrendingWeights } from './trending.ts';
import type { ExternalSignal, IndexablePaper, ListingReason, Paper, PaperInput, PaperText, PaperVersion, SourceSummary } from './paper.ts';

export type PaperRow = Selectable<PapersTable>;

// Every paper is written here. What search indexes of it (PaperText) is returned to the service, which tells the
// keyword index in the same transaction: the index owns its tables, and nothing here knows how it is kept.
export type UpsertOutcome = 'imported' | 'updated' | 'unchanged';

/** What storing one paper did, its key, and its searchable text when that is new or changed. */
export interface Upserted {
  outcome: UpsertOutcome;
  pk: number;
  text: IndexablePaper | null;
}

export interface UpsertOptions {
  /** Which day a paper is listed on, and why; null lists nothing. */
  listing: { reason: ListingReason; dayOf: (paper: PaperInput) => string | null } | null;
  isDemo: boolean;
  now: string;
  /** What the signals from elsewhere weigh in the trending score (TRENDING_*_WEIGHT). */
  weights: TrendingWeights;
}

export function paperFromRow(row: PaperRow): Paper {
  const categories = row.categories ? row.categories.split(' ') : [];
  return {
    pk: row.pk,
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
    hasCode: row.has_code === 1,
    codeStars: row.code_stars,
    codeStarsPerDay: row.code_stars_per_day,
    hfUpvotes: row.hf_upvotes,
    hiddenAt: row.hidden_at,
    featuredAt: row.featured_at,
  };
}

type ContentColumns = Omit<
  PaperRow,
  'pk' | 'is_demo' | 'first_seen_at' | 'upvotes' | 'num_comments' | 'commenters' | 'trending' | 'interest' | 'project_page' | 'code_stars' | 'code_stars_per_day' | 'hf_upvotes' | 'has_code' | 'hidden_at' | 'featured_at'
>;

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
    updated_at: input.updatedAt,
    doi: input.doi,
    journal_ref: input.journalRef,
    comments: input.comments,
  };
}

const CONTENT_KEYS = [
  'version', 'title', 'abstract', 'authors', 'author_names', 'categories', 'primary_category',
  'published_at', 'updated_at', 'doi', 'journal_ref', 'comments',
] as const satisfies ReadonlyArray<keyof ContentColumns>;

/** The columns search reads: a change to any of them is a change the keyword index is told of. */
const SEARCHED_KEYS = ['title', 'abstract', 'author_names', 'categories', 'published_at'] as const satisfies ReadonlyArray<keyof ContentColumns>;

type TextColumns = Pick<PaperRow, 'pk' | 'id' | 'title' | 'abstract' | 'author_names' | 'categories' | 'published_at' | 'has_code'>;

function textFromRow(row: TextColumns): IndexablePaper {
  return {
    pk: row.pk,
    id: row.id,
    title: row.title,
    abstract: row.abstract,
    authorNames: row.author_names,
    categories: row.categories ? row.categories.split(' ') : [],
    publishedAt: row.published_at,
    hasCode: row.has_code === 1,
  };
}

/** A newer or equal version fills in what it knows; what it leaves out keeps its stored value. */
function merge(stored: PaperRow, incoming: ContentColumns): ContentColumns {
  const merged: ContentColumns = { ...stored };
  if (incoming.version < stored.version) return merged;
  for (const key of CONTENT_KEYS) {
    const value = incoming[key];
    const empty = value === null || value === '' || value === '[]';
    if (!empty) (merged as Record<string, unknown>)[key] = value;
  }
  return merged;
}

/** The statements one paper's upsert needs; each engine provides them (SQLite synchronously, which `await` accepts). */
interface PaperStatements {
  /** Before a batch: PostgreSQL inserts its new papers in multi-row statements (one round trip per thousand), and `insert` then only looks them up. */
  begin?(rows: ReadonlyArray<readonly unknown[]>): Promise<void>;
  /** After a batch: what `begin` and the loop left buffered (versions, new papers' listings). */
  flush?(): Promise<void>;
  /** Inserts a new paper; its key, or null when the id is stored already. */
  insert(values: readonly unknown[]): number | null | Promise<number | null>;
  select(id: string): PaperRow | undefined | Promise<PaperRow | undefined>;
  update(row: ContentColumns & { is_demo: number; pk: number }): void | Promise<void>;
  insertVersion(pk: number, version: number, createdAt: string | null): void | Promise<void>;
  /** True when the listing is new. */
  insertListing(day: string, pk: number, reason: ListingReason, now: string): boolean | Promise<boolean>;
  trendingInputs(pk: number): TrendingInputs | undefined | Promise<TrendingInputs | undefined>;
  setTrending(pk: number, score: number, interest: number): void | Promise<void>;
}

const INSERT_COLUMNS = ['id', ...CONTENT_KEYS, 'is_demo', 'first_seen_at', 'trending', 'interest'] as const;

/** The latest day a paper was listed on (its score's freshness counts from it), as a column of a query on papers. */
const LISTED_DAY = '(SELECT max(day) FROM daily_listings WHERE paper_pk = papers.pk) AS "listedDay"';

const TRENDING_INPUTS = `SELECT upvotes, commenters, hf_upvotes AS "hfUpvotes", code_stars_per_day AS "starsPerDay", ${LISTED_DAY} FROM papers WHERE pk = `;

const sqliteStatementCache = new WeakMap<BetterSqlite3.Database, PaperStatements>();

function sqliteStatements(db: SqliteDb): PaperStatements {
  const cached = sqliteStatementCache.get(db.sqlite);
  if (cached) return cached;
  const sqlite = db.sqlite;
  // Insert first: in a bulk import almost every paper is new, so the lookup is only paid on conflict.
  const insert = sqlite.prepare(`INSERT OR IGNORE INTO papers (${INSERT_COLUMNS.join(', ')}) VALUES (${INSERT_COLUMNS.map(() => '?').join(', ')})`);
  const select = sqlite.prepare('SELECT * FROM papers WHERE id = ?');
  const update = sqlite.prepare(`UPDATE papers SET ${[...CONTENT_KEYS, 'is_demo'].map((c) => `${c} = @${c}`).join(', ')} WHERE pk = @pk`);
  const insertVersion = sqlite.prepare('INSERT OR IGNORE INTO paper_versions (paper_pk, version, created_at) VALUES (?, ?, ?)');
  const insertListing = sqlite.prepare('INSERT OR IGNORE INTO daily_listings (day, paper_pk, reason, listed_at) VALUES (?, ?, ?, ?)');
  const trendingInputs = sqlite.prepare(`${TRENDING_INPUTS} ?`);
  const setTrending = sqlite.prepare('UPDATE papers SET trending = ?, interest = ? WHERE pk = ?');
  const statements: PaperStatements = {
    insert(values) {
      const result = insert.run(...values);
      return result.changes === 1 ? Number(result.lastInsertRowid) : null;
    },
    select: (id) => select.get(id) as PaperRow | undefined,
    update(row) {
      update.run(row);
    },
    insertVersion(pk, version, createdAt) {
      insertVersion.run(pk, version, createdAt);
    },
    insertListing: (day, pk, reason, now) => insertListing.run(day, pk, reason, now).changes === 1,
    trendingInputs: (pk) => trendingInputs.get(pk) as TrendingInputs | undefined,
    setTrending(pk, score, interest) {
      setTrending.run(score, interest, pk);
    },
  };
  sqliteStatementCache.set(sqlite, statements);
  return statements;
}

/** Rows per multi-row insert: papers have 17 inserted columns, within PostgreSQL's 65,535 bound values. */
const PAPERS_PER_INSERT = 1_000;

/**
 * The same statements as Kysely queries, for PostgreSQL: a batch's new papers are inserted together first (a round
 * trip per statement is what bounds an import there), their versions and listings buffered and written together last.
 */
function kyselyStatements(db: Db): PaperStatements {
  const rowOf = (values: readonly unknown[]) => Object.fromEntries(INSERT_COLUMNS.map((column, i) => [column, values[i]])) as unknown as PaperRow;
  /** Papers `begin` inserted, by id; taken by the loop (a second copy of an id in one batch finds it stored). */
  const inserted = new Map<string, number>();
  const versions: Array<{ paper_pk: number; version: number; created_at: string | null }> = [];
  const listings: Array<{ day: string; paper_pk: number; reason: ListingReason; listed_at: string }> = [];
  const newKeys = new Set<number>();
  return {
    async begin(rows) {
      for (let start = 0; start < rows.length; start += PAPERS_PER_INSERT) {
        const chunk = rows.slice(start, start + PAPERS_PER_INSERT).map(rowOf);
        const unique = [...new Map(chunk.map((row) => [row.id, row])).values()]; // one statement may not touch a row twice
        const added = await db.kysely.insertInto('papers').values(unique).onConflict((oc) => oc.column('id').doNothing()).returning(['pk', 'id']).execute();
        for (const row of added) {
          inserted.set(row.id, row.pk);
          newKeys.add(row.pk);
        }
      }
    },
    async flush() {
      for (let start = 0; start < versions.length; start += 5_000) {
        await db.kysely.insertInto('paper_versions').values(versions.slice(start, start + 5_000)).onConflict((oc) => oc.doNothing()).execute();
      }
      for (let start = 0; start < listings.length; start += 5_000) {
        await db.kysely.insertInto('daily_listings').values(listings.slice(start, start + 5_000)).onConflict((oc) => oc.doNothing()).execute();
      }
      versions.length = 0;
      listings.length = 0;
      inserted.clear();
      newKeys.clear();
    },
    // `begin` inserted every paper of the batch that was new: any other is stored already.
    async insert(values) {
      const id = values[0] as string;
      const pk = inserted.get(id) ?? null;
      inserted.delete(id);
      return pk;
    },
    select: (id) => db.kysely.selectFrom('papers').selectAll().where('id', '=', id).executeTakeFirst(),
    async update({ pk, ...row }) {
      await db.kysely.updateTable('papers').set(row).where('pk', '=', pk).execute();
    },
    async insertVersion(pk, version, createdAt) {
      versions.push({ paper_pk: pk, version, created_at: createdAt });
    },
    async insertListing(day, pk, reason, now) {
      // A paper new in this batch has no listing yet, and needs no score refresh: buffered, written by flush.
      if (newKeys.has(pk)) {
        listings.push({ day, paper_pk: pk, reason, listed_at: now });
        return true;
      }
      const result = await db.kysely.insertInto('daily_listings').values({ day, paper_pk: pk, reason, listed_at: now }).onConflict((oc) => oc.doNothing()).executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },
    async trendingInputs(pk) {
      const { rows } = await sql<TrendingInputs>`${sql.raw(TRENDING_INPUTS)}${pk}`.execute(db.kysely);
      return rows[0];
    },
    async setTrending(pk, score, interest) {
      await db.kysely.updateTable('papers').set({ trending: score, interest }).where('pk', '=', pk).execute();
    },
  };
}

/** The statements for this database, for use inside a transaction (SQLite's raw ones: withSqlite's rule; PostgreSQL's: `begin` first). */
function statementsOf(db: Db): PaperStatements {
  return db.engine === 'sqlite' ? sqliteStatements(db) : kyselyStatements(db);
}

/** A paper's score and interest from its stored inputs (0 and 0 for a paper that is gone). */
async function scoreOf(s: PaperStatements, pk: number, weights: TrendingWeights): Promise<{ score: number; interest: number }> {
  const inputs = await s.trendingInputs(pk);
  return inputs ? { score: trendingScore(inputs, weights), interest: trendingInterest(inputs, weights) } : { score: 0, interest: 0 };
}

async function refreshTrendingWith(s: PaperStatements, pk: number, weights: TrendingWeights): Promise<number> {
  const { score, interest } = await scoreOf(s, pk, weights);
  await s.setTrending(pk, score, interest);
  return score;
}

/** A new paper's row, in INSERT_COLUMNS order. A new paper has no votes yet: its score is its listing day's. */
function insertValues(incoming: ContentColumns, input: PaperInput, options: UpsertOptions): unknown[] {
  const day = options.listing?.dayOf(input) ?? null;
  const initialTrending = trendingScore({ upvotes: 0, commenters: 0, listedDay: day });
  return [incoming.id, ...CONTENT_KEYS.map((key) => incoming[key]), options.isDemo ? 1 : 0, options.now, initialTrending, 0];
}

async function upsertOne(s: PaperStatements, input: PaperInput, options: UpsertOptions): Promise<Upserted> {
  const incoming = contentOf(input);
  const day = options.listing?.dayOf(input) ?? null;
  const insertedPk = await s.insert(insertValues(incoming, input, options));
  let pk: number;
  let outcome: UpsertOutcome;
  let text: IndexablePaper | null = null;
  if (insertedPk !== null) {
    pk = insertedPk;
    outcome = 'imported';
    text = textFromRow({ ...incoming, pk, has_code: 0 });
  } else {
    const stored = (await s.select(input.id)) as PaperRow;
    pk = stored.pk;
    const merged = merge(stored, incoming);
    // A paper stays "demo" only while nothing but the demo loader has brought it.
    const isDemo = stored.is_demo === 1 && options.isDemo ? 1 : 0;
    const changed = CONTENT_KEYS.some((key) => merged[key] !== stored[key]) || isDemo !== stored.is_demo;
    if (changed) await s.update({ ...merged, is_demo: isDemo, pk });
    outcome = changed ? 'updated' : 'unchanged';
    if (SEARCHED_KEYS.some((key) => merged[key] !== stored[key])) text = textFromRow({ ...merged, pk, has_code: stored.has_code });
  }
  for (const v of input.versions) await s.insertVersion(pk, v.version, v.createdAt);
  if (options.listing && day) {
    const listed = await s.insertListing(day, pk, options.listing.reason, options.now);
    if (listed && outcome !== 'imported') await refreshTrendingWith(s, pk, options.weights);
  }
  return { outcome, pk, text };
}

/** Stores many papers in one transaction: new ids are inserted, newer versions update, the rest is left alone. */
export async function upsertPapers(db: Db, inputs: readonly PaperInput[], options: UpsertOptions): Promise<Upserted[]> {
  return db.transaction(async () => {
    const s = statementsOf(db);
    await s.begin?.(inputs.map((input) => insertValues(contentOf(input), input, options)));
    const outcomes: Upserted[] = [];
    for (const input of inputs) outcomes.push(await upsertOne(s, input, options));
    await s.flush?.();
    return outcomes;
  });
}

export async function findPaperRow(db: Db, id: string): Promise<PaperRow | undefined> {
  return db.kysely.selectFrom('papers').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Papers by integer key. */
export async function findPapersByPks(db: Db, pks: readonly number[]): Promise<Map<number, PaperRow>> {
  if (pks.length === 0) return new Map();
  const rows = await db.kysely.selectFrom('papers').selectAll().where(keyIn(db, 'pk', pks)).execute();
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

/** Papers only the demo loader brought (what `demo remove` would take away). */
export async function countDemoPapers(db: Db): Promise<number> {
  const row = await db.kysely.selectFrom('papers').select((eb) => eb.fn.countAll<number>().as('n')).where('is_demo', '=', 1).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Removes every paper that only the demo loader brought, with its listings and versions; returns their keys. */
export async function deleteDemoPapers(db: Db): Promise<{ papers: number[]; listings: number; rescore: number[] }> {
  return db.transaction(async () => {
    const listings = await db.kysely.deleteFrom('daily_listings').where('reason', '=', 'demo').executeTakeFirst();
    const papers = await db.kysely.deleteFrom('papers').where('is_demo', '=', 1).returning('pk').execute();
    // A demo paper that a real source brought too stays, without the demo's upvotes (rescored by the caller).
    const kept = await db.kysely.deleteFrom('external_signals').where('source', '=', 'demo').returning('paper_pk').execute();
    if (kept.length > 0) {
      await db.kysely.updateTable('papers').set({ hf_upvotes: 0 }).where('pk', 'in', kept.map((row) => row.paper_pk)).execute();
    }
    const removed = new Set(papers.map((row) => row.pk));
    return { papers: [...removed], listings: Number(listings.numDeletedRows), rescore: kept.map((row) => row.paper_pk).filter((pk) => !removed.has(pk)) };
  });
}

const TEXT_COLUMNS = ['pk', 'id', 'title', 'abstract', 'author_names', 'categories', 'published_at', 'has_code'] as const;

/** Papers' searchable text by key (the ones stored): what keyword ranking scores, 500 candidates at a time. */
export async function findTexts(db: Db, pks: readonly number[]): Promise<PaperText[]> {
  if (pks.length === 0) return [];
  // Only the columns scored: the others cost a third more on this hot path.
  return db.kysely
    .selectFrom('papers')
    .select(['pk', 'id', 'title', 'abstract', 'author_names as authorNames'])
    .where(keyIn(db, 'pk', pks))
    .execute();
}

/** Each paper's trending score and the latest day it was listed, by key: what other capabilities order their work by. */
export async function trendingFacts(db: Db, pks: readonly number[]): Promise<Map<number, { trending: number; listedDay: string | null }>> {
  const facts = new Map<number, { trending: number; listedDay: string | null }>();
  for (let start = 0; start < pks.length; start += 10_000) {
    const { rows } = await sql<{ pk: number; trending: number; listedDay: string | null }>`
      SELECT pk, trending, ${sql.raw(LISTED_DAY)} FROM papers WHERE ${keyIn(db, 'pk', pks.slice(start, start + 10_000))}`.execute(db.kysely);
    for (const row of rows) facts.set(row.pk, { trending: row.trending, listedDay: row.listedDay ?? null });
  }
  return facts;
}

/** Papers' searchable text and facts after `afterPk`, ascending, a page at a time: for building the keyword index anew. */
export async function textsAfter(db: Db, afterPk: number, limit: number): Promise<IndexablePaper[]> {
  const rows = await db.kysely
    .selectFrom('papers')
    .select(TEXT_COLUMNS)
    .where('pk', '>', afterPk)
    .where('hidden_at', 'is', null)
    .orderBy('pk')
    .limit(limit)
    .execute();
  return rows.map(textFromRow);
}

/** The searchable text of one paper (a restored paper goes back into the index), or undefined. */
export async function findIndexable(db: Db, pk: number): Promise<IndexablePaper | undefined> {
  const row = await db.kysely.selectFrom('papers').select(TEXT_COLUMNS).where('pk', '=', pk).executeTakeFirst();
  return row && textFromRow(row);
}

/** Keys of every hidden paper: a walk of a partial index that holds only them (a moderator hides few). */
export async function hiddenKeys(db: Db): Promise<Set<number>> {
  const rows = await db.kysely.selectFrom('papers').select('pk').where('hidden_at', 'is not', null).execute();
  return new Set(rows.map((row) => row.pk));
}

/** Hides a paper (`at` an instant) or shows it again (null); false when it already was so. */
export async function setHidden(db: Db, pk: number, at: string | null): Promise<boolean> {
  const result = await db.kysely
    .updateTable('papers')
    .set({ hidden_at: at, ...(at ? { featured_at: null } : {}) })
    .where('pk', '=', pk)
    .where('hidden_at', at ? 'is' : 'is not', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Features a paper on the front page (`at` an instant) or stops (null); false when it already was so. */
export async function setFeatured(db: Db, pk: number, at: string | null): Promise<boolean> {
  const result = await db.kysely
    .updateTable('papers')
    .set({ featured_at: at })
    .where('pk', '=', pk)
    .where('featured_at', at ? 'is' : 'is not', null)
    .where('hidden_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Featured papers, most recently featured first (a partial index of them alone). */
export async function listFeatured(db: Db, limit: number): Promise<PaperRow[]> {
  return db.kysely.selectFrom('papers').selectAll().where('featured_at', 'is not', null).where('hidden_at', 'is', null).orderBy('featured_at', 'desc').limit(limit).execute();
}

/** Hidden papers, most recently hidden first. */
export async function listHidden(db: Db, limit: number): Promise<PaperRow[]> {
  return db.kysely.selectFrom('papers').selectAll().where('hidden_at', 'is not', null).orderBy('hidden_at', 'desc').limit(limit).execute();
}

/** The first and last publication dates (null when no paper has one): two index seeks. */
export async function publicationBounds(db: Db): Promise<{ first: string | null; last: string | null }> {
  // Two subqueries: SQLite answers a lone min() or max() from the index, but scans the table for both in one.
  const { rows } = await sql<{ first: string | null; last: string | null }>`
    SELECT (SELECT min(published_at) FROM papers) AS first, (SELECT max(published_at) FROM papers) AS last`.execute(db.kysely);
  return rows[0] ?? { first: null, last: null };
}

/** Keeps the latest external signals of stored papers (by id); papers not stored are skipped. */
/** The sources whose upvotes count toward trending (papers.hf_upvotes): `demo` only on demo papers. */
const OUTSIDE_UPVOTES: ReadonlySet<string> = new Set(['huggingface', 'demo']);

export async function saveExternalSignals(db: Db, signals: readonly ExternalSignal[], now: string, weights: TrendingWeights): Promise<void> {
  await db.transaction(async () => {
    for (const signal of signals) {
      const pk = await keyOf(db, signal.id);
      if (pk === null) continue;
      const values = {
        upvotes: signal.upvotes, comments: signal.comments, updated_at: now,
        // A day that says nothing of the summary keeps the one known.
        ...(signal.summary ? { summary: signal.summary } : {}),
        ...(signal.keywords?.length ? { keywords: JSON.stringify(signal.keywords) } : {}),
      };
      await db.kysely
        .insertInto('external_signals')
        .values({ paper_pk: pk, source: signal.source, ...values })
        .onConflict((oc) => oc.columns(['paper_pk', 'source']).doUpdateSet(values))
        .execute();
      // Upvotes elsewhere (Hugging Face's, or the demo's on a demo paper) are a trending input too: kept on the
      // paper, which is scored again.
      if (!OUTSIDE_UPVOTES.has(signal.source)) continue;
      const changed = await db.kysely
        .updateTable('papers')
        .set({ hf_upvotes: signal.upvotes })
        .where('pk', '=', pk)
        .where('hf_upvotes', '!=', signal.upvotes)
        .executeTakeFirst();
      if (Number(changed.numUpdatedRows) > 0) await refreshTrending(db, pk, weights);
    }
  });
}

export async function findExternalSignals(db: Db, pk: number): Promise<Omit<ExternalSignal, 'id'>[]> {
  return db.kysely
    .selectFrom('external_signals')
    .select(['source', 'upvotes', 'comments'])
    .where('paper_pk', '=', pk)
    .orderBy('source')
    .execute();
}

/** What a source wrote of papers (their summary and keywords), by key, for those it wrote anything of. */
export async function sourceSummaries(db: Db, pks: readonly number[], source: string): Promise<Map<number, SourceSummary>> {
  if (pks.length === 0) return new Map();
  const rows = await db.kysely
    .selectFrom('external_signals')
    .select(['paper_pk', 'summary', 'keywords'])
    .where('paper_pk', 'in', [...pks])
    .where('source', '=', source)
    .where((eb) => eb.or([eb('summary', 'is not', null), eb('keywords', 'is not', null)]))
    .execute();
  return new Map(rows.map((row) => [row.paper_pk, { summary: row.summary, keywords: row.keywords ? (JSON.parse(row.keywords) as string[]) : [] }]));
}

/** The integer key of a paper id, for other tables' references. */
export async function keyOf(db: Db, id: string): Promise<number | null> {
  const row = await db.kysely.selectFrom('papers').select('pk').where('id', '=', id).executeTakeFirst();
  return row?.pk ?? null;
}

/** Integer keys of many ids at once (the stored ones), and the reverse: what lists of cards need. */
export async function keysOf(db: Db, ids: readonly string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db.kysely.selectFrom('papers').select(['id', 'pk']).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((r) => [r.id, r.pk]));
}

export async function idsOf(db: Db, pks: readonly number[]): Promise<Map<number, string>> {
  if (pks.length === 0) return new Map();
  const rows = await db.kysely.selectFrom('papers').select(['id', 'pk']).where(keyIn(db, 'pk', pks)).execute();
  return new Map(rows.map((r) => [r.pk, r.id]));
}

/** Moves the upvote counter and the trending score with it; returns the new count. Call it inside the vote's transaction. */
export async function adjustUpvotes(db: Db, pk: number, delta: number, weights: TrendingWeights): Promise<number> {
  if (delta === 0) {
    const row = await db.kysely.selectFrom('papers').select('upvotes').where('pk', '=', pk).executeTakeFirst();
    return row?.upvotes ?? 0;
  }
  const row = await db.kysely
    .updateTable('papers')
    .set((eb) => ({ upvotes: greatest(db, eb.val(0), eb('upvotes', '+', delta)) }))
    .where('pk', '=', pk)
    .returning('upvotes')
    .executeTakeFirst();
  await refreshTrending(db, pk, weights);
  return row?.upvotes ?? 0;
}

/** Lists a paper on a day, and scores it again. False when it was listed already. */
export async function listPaper(db: Db, pk: number, day: string, reason: ListingReason, now: string, weights: TrendingWeights): Promise<boolean> {
  return db.transaction(async () => {
    const s = statementsOf(db);
    const listed = await s.insertListing(day, pk, reason, now);
    if (listed) await refreshTrendingWith(s, pk, weights);
    return listed;
  });
}

/**
 * A paper's code signals (its main repository's stars, and their growth a day) and whether it has code at all (what
 * `has:code` finds), and its score with them. Returns the paper's searchable text when its code mark changed.
 */
export async function setCodeSignals(
  db: Db,
  pk: number,
  signals: { stars: number; starsPerDay: number; hasCode: boolean },
  weights: TrendingWeights,
): Promise<IndexablePaper | null> {
  return db.transaction(async () => {
    const row = await db.kysely.selectFrom('papers').select('has_code').where('pk', '=', pk).executeTakeFirst();
    if (!row) return null;
    const hasCode = signals.hasCode ? 1 : 0;
    await db.kysely
      .updateTable('papers')
      .set({ code_stars: signals.stars, code_stars_per_day: signals.starsPerDay, has_code: hasCode })
      .where('pk', '=', pk)
      .execute();
    await refreshTrending(db, pk, weights);
    // The text is read only when the mark moved: a refresh of star counts leaves the index alone.
    if (hasCode === row.has_code) return null;
    const text = await db.kysely.selectFrom('papers').select(TEXT_COLUMNS).where('pk', '=', pk).executeTakeFirstOrThrow();
    return textFromRow(text);
  });
}

/** Where the paper says its project page is; the first one found stays. */
export async function setProjectPage(db: Db, pk: number, url: string): Promise<void> {
  await db.kysely.updateTable('papers').set({ project_page: url }).where('pk', '=', pk).where('project_page', 'is', null).execute();
}

/** Recomputes a paper's stored trending score from its counters and listings. */
export async function refreshTrending(db: Db, pk: number, weights: TrendingWeights): Promise<number> {
  return db.transaction(async () => refreshTrendingWith(statementsOf(db), pk, weights));
}

/**
 * Re-scores the papers after `afterPk` (up to `limit`, ascending), writing only the scores that changed (after the
 * trending weights change) or whose interest was never stored (papers from before it was). Returns the last key
 * visited (null when there are no more) and how many changed.
 */
export async function rescoreAfter(db: Db, afterPk: number, limit: number, weights: TrendingWeights): Promise<{ lastPk: number | null; changed: number }> {
  return db.transaction(async () => {
    const s = statementsOf(db);
    const rows = await db.kysely.selectFrom('papers').select(['pk', 'trending', 'interest']).where('pk', '>', afterPk).orderBy('pk').limit(limit).execute();
    let changed = 0;
    for (const row of rows) {
      const { score, interest } = await scoreOf(s, row.pk, weights);
      if (row.interest === null || Math.abs(score - row.trending) > 1e-9 || Math.abs(interest - row.interest) > 1e-9) {
        await s.setTrending(row.pk, score, interest);
        changed += 1;
      }
    }
    return { lastPk: rows.at(-1)?.pk ?? null, changed };
  });
}

/** Sets the comment counters (visible comments, distinct commenters). */
export async function setCommentCounts(db: Db, pk: number, counts: { comments: number; commenters: number }): Promise<void> {
  await db.kysely.updateTable('papers').set({ num_comments: counts.comments, commenters: counts.commenters }).where('pk', '=', pk).execute();
}

/** Integer keys after `afterPk`, ascending, a page at a time: for walking every paper (embedding). */
export async function keysAfter(db: Db, afterPk: number, limit: number): Promise<number[]> {
  const rows = await db.kysely.selectFrom('papers').select('pk').where('pk', '>', afterPk).orderBy('pk').limit(limit).execute();
  return rows.map((r) => r.pk);
}

/** The newest papers' keys (highest first). */
export async function newestKeys(db: Db, limit: number): Promise<number[]> {
  const rows = await db.kysely.selectFrom('papers').select('pk').orderBy('pk', 'desc').limit(limit).execute();
  return rows.map((r) => r.pk);
}
