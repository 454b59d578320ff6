// All SQL on the daily listings: which paper appears on which day, and why.
import { sql, type ExpressionBuilder } from 'kysely';
import { TRENDING_EPOCH } from './trending.ts';
import type { Db } from '../db/database.ts';
import { daysBetween } from '../db/dialect.ts';
import type { Database, PapersTable } from '../db/schema.ts';
import type { ListingReason } from './paper.ts';
import type { PaperRow } from './papers.repository.ts';

export interface DayRange {
  from: string;
  to: string;
}

export type ListingOrder = 'publishedAt' | 'trending';

export interface ListedRow extends PaperRow {
  reason: string;
  day: string;
  /** The latest day the paper was listed, anywhere: what its trending score counts from. */
  listed_day: string;
}

/** The keys of hidden papers, as a subquery: it reads a partial index of those few, once a query. */
function hiddenKeys(db: Db) {
  return db.kysely.selectFrom('papers as hidden').select('hidden.pk').where('hidden.hidden_at', 'is not', null);
}

export async function latestListingDay(db: Db, onOrBefore?: string): Promise<string | null> {
  let query = db.kysely.selectFrom('daily_listings').select((eb) => eb.fn.max('day').as('day'));
  if (onOrBefore) query = query.where('day', '<=', onOrBefore);
  const row = await query.executeTakeFirst();
  return row?.day ?? null;
}

/** The nearest days before and after a range that have papers: the feed's previous/next links. */
export async function neighbourDays(db: Db, range: DayRange): Promise<{ previous: string | null; next: string | null }> {
  const previous = await db.kysely
    .selectFrom('daily_listings')
    .select((eb) => eb.fn.max('day').as('day'))
    .where('day', '<', range.from)
    .executeTakeFirst();
  const next = await db.kysely
    .selectFrom('daily_listings')
    .select((eb) => eb.fn.min('day').as('day'))
    .where('day', '>', range.to)
    .executeTakeFirst();
  return { previous: previous?.day ?? null, next: next?.day ?? null };
}

export async function countListed(db: Db, range: DayRange, category?: string): Promise<number> {
  let query = db.kysely
    .selectFrom('daily_listings as l')
    .select((eb) => eb.fn.count<number>('l.paper_pk').distinct().as('n'))
    .where('l.day', '>=', range.from)
    .where('l.day', '<=', range.to)
    .where('l.paper_pk', 'not in', hiddenKeys(db));
  if (category) {
    query = query.innerJoin('papers as p', 'p.pk', 'l.paper_pk').where(sql<boolean>`(' ' || p.categories || ' ') LIKE ${`% ${category} %`}`);
  }
  const row = await query.executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function listPapers(
  db: Db,
  range: DayRange,
  page: { order: ListingOrder; limit: number; offset: number; category?: string | undefined },
): Promise<ListedRow[]> {
  // A paper listed on two days of a week appears once, on its first day there. Two steps: the period's keys are sorted
  // with their sort keys alone, then the page's papers are read whole. Sorting whole rows (abstracts and all), and
  // looking up each paper's latest listing to order by, cost more (a month of 2,567 listings, with its count:
  // 29 → 20.5 ms for the two steps → 13.7 ms with the stored interest).
  let keys = db.kysely
    .selectFrom('daily_listings as l')
    .innerJoin('papers as p', 'p.pk', 'l.paper_pk')
    .select((eb) => ['p.pk', eb.fn.min('l.day').as('day'), eb.fn.min('l.reason').as('reason')])
    .where('l.day', '>=', range.from)
    .where('l.day', '<=', range.to)
    .where('p.hidden_at', 'is', null)
    .groupBy('p.pk');
  if (page.category) keys = keys.where(sql<boolean>`(' ' || p.categories || ' ') LIKE ${`% ${page.category} %`}`);
  // The period's best: by interest (the score without its freshness term, stored beside it), so a week is not page
  // after page of its last day, and a paper listed again later keeps its place in the earlier week. A paper scored
  // before interest was stored has none yet: it is worked out from its latest listing (COALESCE reads that only then).
  const latestDay = sql<string | null>`(SELECT max(x.day) FROM daily_listings x WHERE x.paper_pk = p.pk)`;
  const interest = sql`coalesce(p.interest, p.trending - ${daysBetween(db, sql.lit(TRENDING_EPOCH), latestDay)})`;
  if (page.order === 'trending') keys = keys.orderBy(interest, 'desc').orderBy('p.trending', 'desc');
  const chosen = await keys.orderBy('p.published_at', 'desc').orderBy('p.pk', 'desc').limit(page.limit).offset(page.offset).execute();
  if (chosen.length === 0) return [];
  const rows = await db.kysely
    .selectFrom('papers as p')
    .selectAll('p')
    .select((eb) => [latestListingOf(eb)])
    .where('p.pk', 'in', chosen.map((k) => k.pk))
    .execute();
  const byPk = new Map(rows.map((row) => [row.pk, row]));
  return chosen.flatMap((k) => {
    const row = byPk.get(k.pk);
    return row ? [{ ...row, day: k.day, reason: k.reason, listed_day: row.listed_day ?? k.day } as ListedRow] : [];
  });
}

function latestListingOf(eb: ExpressionBuilder<Database & { p: PapersTable }, 'p'>) {
  return eb
    .selectFrom('daily_listings as latest')
    .select((inner) => inner.fn.max('latest.day').as('d'))
    .whereRef('latest.paper_pk', '=', 'p.pk')
    .as('listed_day');
}

/** The highest trending scores of all listed papers: an index walk, not a scan. */
export async function listTrending(db: Db, page: { limit: number; offset: number }): Promise<ListedRow[]> {
  const rows = await db.kysely
    .selectFrom('papers as p')
    .selectAll('p')
    .select((eb) => [latestListingOf(eb)])
    .where('p.trending', '>', 0)
    .where('p.hidden_at', 'is', null)
    .orderBy('p.trending', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map((row) => ({ ...row, day: row.listed_day ?? '', reason: 'trending', listed_day: row.listed_day ?? '' }));
}

/**
 * Trending by code: papers with a repository, by its stars gained a day this week, highest first (then by stars).
 * A walk of a partial index (papers with code only).
 */
export async function listTrendingByStars(db: Db, page: { limit: number; offset: number }): Promise<ListedRow[]> {
  const rows = await db.kysely
    .selectFrom('papers as p')
    .selectAll('p')
    .select((eb) => [latestListingOf(eb)])
    .where('p.code_stars', '>', 0)
    .where('p.hidden_at', 'is', null)
    .orderBy('p.code_stars_per_day', 'desc')
    .orderBy('p.pk', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map((row) => ({ ...row, day: row.listed_day ?? '', reason: 'trending', listed_day: row.listed_day ?? '' }));
}

export async function listingsOfPaper(db: Db, pk: number): Promise<Array<{ day: string; reason: ListingReason }>> {
  const rows = await db.kysely
    .selectFrom('daily_listings')
    .select(['day', 'reason'])
    .where('paper_pk', '=', pk)
    .orderBy('day', 'desc')
    .execute();
  return rows.map((r) => ({ day: r.day, reason: r.reason as ListingReason }));
}

/** Lists stored papers (by id) on a day for a reason; papers already listed that day keep their listing. */
export async function addListings(db: Db, ids: readonly string[], day: string, reason: ListingReason, now: string): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await db.kysely
    .insertInto('daily_listings')
    .columns(['day', 'paper_pk', 'reason', 'listed_at'])
    .expression((eb) =>
      eb
        .selectFrom('papers')
        .select([eb.val(day).as('day'), 'pk', eb.val(reason).as('reason'), eb.val(now).as('listed_at')])
        .where('id', 'in', [...ids]),
    )
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

/** The ids of every paper listed in a range of days (what a digest may hold). */
export async function listedIds(db: Db, range: DayRange): Promise<Set<string>> {
  const rows = await db.kysely
    .selectFrom('daily_listings as l')
    .innerJoin('papers as p', 'p.pk', 'l.paper_pk')
    .select('p.id')
    .distinct()
    .where('p.hidden_at', 'is', null)
    .where('l.day', '>=', range.from)
    .where('l.day', '<=', range.to)
    .execute();
  return new Set(rows.map((r) => r.id));
}
