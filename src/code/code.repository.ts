// All SQL of the code capability: repositories, the links from papers to them, and star counts by day. Text links are
// written in the transaction that stores the papers.
import { sql, type Selectable } from 'kysely';
import type { Db } from '../db/database.ts';
import { greatest } from '../db/dialect.ts';
import type { RepositoriesTable } from '../db/schema.ts';
import type { CodeLink, CodeSource, RefreshCandidate, Repository, StarSample } from './code.ts';
import type { RepositoryFacts } from './github.ts';
import type { RepositoryRef } from './repository-url.ts';

type RepositoryRow = Selectable<RepositoriesTable>;

export function repositoryFromRow(row: RepositoryRow): Repository {
  return {
    id: row.id, host: row.host, kind: row.kind, owner: row.owner, name: row.name, url: row.url, status: row.status,
    stars: row.stars, starsPerDay: row.stars_per_day, forks: row.forks, language: row.language, license: row.license,
    topics: JSON.parse(row.topics) as string[], description: row.description, archived: row.archived === 1,
    pushedAt: row.pushed_at, fetchedAt: row.fetched_at, likes: row.likes, downloads: row.downloads,
  };
}

/** The repository's row id, created when new (one row per URL, whatever the case of its owner). */
export async function ensureRepository(db: Db, ref: RepositoryRef, now: string, isDemo = false): Promise<number> {
  const urlKey = ref.url.toLowerCase();
  await db.kysely
    .insertInto('repositories')
    .values({ host: ref.host, kind: ref.kind, owner: ref.owner, name: ref.name, url: ref.url, url_key: urlKey, is_demo: isDemo ? 1 : 0, created_at: now })
    .onConflict((oc) => oc.column('url_key').doNothing())
    .execute();
  const row = await db.kysely.selectFrom('repositories').select('id').where('url_key', '=', urlKey).executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Links a paper to a repository. A link that exists keeps its source unless a member's word or an official claim is
 * stronger; a link a moderator removed stays removed, whatever brings it again. True when a link was added.
 */
export async function linkCode(
  db: Db,
  link: { paperPk: number; repositoryId: number; source: CodeSource; official: boolean; framework: string | null; addedBy: number | null; now: string },
): Promise<boolean> {
  const existing = await db.kysely
    .selectFrom('code_links')
    .select('removed_at')
    .where('paper_pk', '=', link.paperPk)
    .where('repository_id', '=', link.repositoryId)
    .executeTakeFirst();
  if (existing) {
    if (existing.removed_at === null) {
      await db.kysely
        .updateTable('code_links')
        .set((eb) => ({
          official: greatest(db, eb.ref('official'), eb.val(link.official ? 1 : 0)),
          framework: eb.fn.coalesce('framework', eb.val(link.framework)),
          // Another source naming the repository a member suggested confirms it.
          ...(link.source === 'member' ? {} : { confirmed_at: eb.fn.coalesce('confirmed_at', eb.val(link.now)) }),
        }))
        .where('paper_pk', '=', link.paperPk)
        .where('repository_id', '=', link.repositoryId)
        .execute();
    }
    return false;
  }
  await db.kysely
    .insertInto('code_links')
    .values({
      paper_pk: link.paperPk, repository_id: link.repositoryId, source: link.source, official: link.official ? 1 : 0,
      framework: link.framework, added_by: link.addedBy, created_at: link.now,
      confirmed_at: link.source === 'member' ? null : link.now,
    })
    .execute();
  return true;
}

/** A moderator confirms a member's link: from now on it counts toward trending. True when an unconfirmed live link was confirmed. */
export async function confirmLink(db: Db, paperPk: number, repositoryId: number, by: number, now: string): Promise<boolean> {
  const result = await db.kysely
    .updateTable('code_links')
    .set({ confirmed_at: now, confirmed_by: by })
    .where('paper_pk', '=', paperPk)
    .where('repository_id', '=', repositoryId)
    .where('removed_at', 'is', null)
    .where('confirmed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A moderator's removal: kept as a mark, so no source adds the link again. True when a live link was removed. */
export async function removeLink(db: Db, paperPk: number, repositoryId: number, by: number, now: string): Promise<boolean> {
  const result = await db.kysely
    .updateTable('code_links')
    .set({ removed_at: now, removed_by: by })
    .where('paper_pk', '=', paperPk)
    .where('repository_id', '=', repositoryId)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A stored link: who added it by account id (the service asks accounts for their names; users is not this table). */
export interface StoredLink extends Omit<CodeLink, 'addedBy'> {
  addedById: number | null;
}

/** The live links of many papers at once, with their repositories. */
export async function linksOfPapers(db: Db, paperPks: readonly number[]): Promise<Map<number, StoredLink[]>> {
  const out = new Map<number, StoredLink[]>();
  if (paperPks.length === 0) return out;
  const rows = await db.kysely
    .selectFrom('code_links as l')
    .innerJoin('repositories as r', 'r.id', 'l.repository_id')
    .selectAll('r')
    .select(['l.paper_pk', 'l.source', 'l.official', 'l.framework', 'l.confirmed_at', 'l.added_by'])
    .where('l.paper_pk', 'in', [...paperPks])
    .where('l.removed_at', 'is', null)
    .orderBy('l.official', 'desc')
    .orderBy('r.stars', 'desc')
    .orderBy('r.id')
    .execute();
  for (const row of rows) {
    const links = out.get(row.paper_pk) ?? [];
    links.push({
      repository: repositoryFromRow(row), source: row.source, official: row.official === 1, framework: row.framework, addedById: row.added_by,
      confirmed: row.confirmed_at !== null,
    });
    out.set(row.paper_pk, links);
  }
  return out;
}

export async function findRepository(db: Db, id: number): Promise<Repository | null> {
  const row = await db.kysely.selectFrom('repositories').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? repositoryFromRow(row) : null;
}

/** What a conditional request sends back, whether the history was read yet, and failures in a row. */
export async function fetchState(db: Db, id: number): Promise<{ etag: string | null; historyLoaded: boolean; failures: number }> {
  const row = await db.kysely.selectFrom('repositories').select(['etag', 'history_loaded', 'failures']).where('id', '=', id).executeTakeFirst();
  return { etag: row?.etag ?? null, historyLoaded: row?.history_loaded === 1, failures: row?.failures ?? 0 };
}

/**
 * Claims a repository for one refresh: false when another run holds it, or let it go after this run started (it has
 * just been refreshed; asking again would cost a request, without the ETag the other run stored). `claimed_until` is
 * when the claim lapses (an instance that died) or, once released, when it was let go.
 */
export async function claimForRefresh(db: Db, id: number, runStartedAt: string, until: string): Promise<boolean> {
  const result = await db.kysely
    .updateTable('repositories')
    .set({ claimed_until: until })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', runStartedAt)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function releaseClaim(db: Db, id: number, at: string): Promise<void> {
  await db.kysely.updateTable('repositories').set({ claimed_until: at }).where('id', '=', id).execute();
}

/** A failed refresh, recorded on the repository: it is not asked again before `retryAt`. */
export async function markFailed(db: Db, id: number, failure: { error: string; retryAt: string }): Promise<void> {
  await db.kysely
    .updateTable('repositories')
    .set((eb) => ({ failures: eb('failures', '+', 1), retry_at: failure.retryAt, last_error: failure.error.slice(0, 500) }))
    .where('id', '=', id)
    .execute();
}

const answered = { failures: 0, retry_at: null, last_error: null } as const;

/**
 * A 200's facts, its ETag and the time; a rename moves the row to the new name (merging into a row already there).
 * Returns the id that holds them. Call it inside a transaction.
 */
export async function saveFacts(db: Db, id: number, facts: RepositoryFacts, fetch: { etag: string | null; at: string | null }): Promise<number> {
  const current = await findRepository(db, id);
  let target = id;
  if (current && (current.owner !== facts.owner || current.name !== facts.name)) target = await rename(db, id, `https://github.com/${facts.owner}/${facts.name}`, facts);
  await db.kysely
    .updateTable('repositories')
    .set({
      ...answered,
      status: 'ok', stars: facts.stars, forks: facts.forks, language: facts.language, license: facts.license,
      topics: JSON.stringify(facts.topics), description: facts.description, archived: facts.archived ? 1 : 0,
      pushed_at: facts.pushedAt, github_id: facts.githubId, etag: fetch.etag, fetched_at: fetch.at,
    })
    .where('id', '=', target)
    .execute();
  return target;
}

/**
 * The repository under its new name: the row renamed, or, when the new name has another row already, the links moved
 * there. A change of case alone (`openai/clip` → `openai/CLIP`) finds this very row by its lower-cased key: renamed.
 */
async function rename(db: Db, id: number, url: string, facts: RepositoryFacts): Promise<number> {
  const existing = await db.kysely.selectFrom('repositories').select('id').where('url_key', '=', url.toLowerCase()).executeTakeFirst();
  if (!existing || existing.id === id) {
    await db.kysely.updateTable('repositories').set({ owner: facts.owner, name: facts.name, url, url_key: url.toLowerCase() }).where('id', '=', id).execute();
    return id;
  }
  await sql`INSERT INTO code_links (paper_pk, repository_id, source, official, framework, added_by, created_at, removed_at, removed_by)
    SELECT paper_pk, ${existing.id}, source, official, framework, added_by, created_at, removed_at, removed_by FROM code_links WHERE repository_id = ${id}
    ON CONFLICT DO NOTHING`.execute(db.kysely);
  await sql`INSERT INTO repository_stars (repository_id, day, stars, source, counted_at)
    SELECT ${existing.id}, day, stars, source, counted_at FROM repository_stars WHERE repository_id = ${id}
    ON CONFLICT DO NOTHING`.execute(db.kysely);
  await db.kysely.deleteFrom('repositories').where('id', '=', id).execute();
  return existing.id;
}

/** A 304: nothing changed since the ETag; the fetch time moves on. */
export async function markUnchanged(db: Db, id: number, at: string): Promise<void> {
  await db.kysely.updateTable('repositories').set({ ...answered, status: 'ok', fetched_at: at }).where('id', '=', id).execute();
}

/** A 404: the repository is gone; shown as such, never deleted. */
export async function markGone(db: Db, id: number, at: string): Promise<void> {
  await db.kysely.updateTable('repositories').set({ ...answered, status: 'gone', fetched_at: at }).where('id', '=', id).execute();
}

export async function markHistoryLoaded(db: Db, id: number): Promise<void> {
  await db.kysely.updateTable('repositories').set({ history_loaded: 1 }).where('id', '=', id).execute();
}

/**
 * One count a day per repository. An observed count (a repository response) wins over a rebuilt one (the history)
 * for the same day; the latest of two observations wins.
 */
export async function saveStars(db: Db, repositoryId: number, samples: readonly StarSample[], source: 'github' | 'history' | 'huggingface' | 'demo', countedAt: string): Promise<void> {
  // A year of history is 366 rows of 5 values: one statement, within either engine's limit on bound values.
  for (let start = 0; start < samples.length; start += 1_000) {
    const rows = samples.slice(start, start + 1_000).map((sample) => ({ repository_id: repositoryId, day: sample.day, stars: sample.stars, source, counted_at: countedAt }));
    await db.kysely
      .insertInto('repository_stars')
      .values(rows)
      .onConflict((oc) =>
        oc
          .columns(['repository_id', 'day'])
          .doUpdateSet((eb) => ({ stars: eb.ref('excluded.stars'), source: eb.ref('excluded.source'), counted_at: eb.ref('excluded.counted_at') }))
          .where((eb) => eb.or([eb('excluded.source', '!=', 'history'), eb('repository_stars.source', '=', 'history')])),
      )
      .execute();
  }
}

/** Daily counts since a day, oldest first. */
export async function starsSince(db: Db, repositoryId: number, sinceDay: string): Promise<StarSample[]> {
  return db.kysely
    .selectFrom('repository_stars')
    .select(['day', 'stars'])
    .where('repository_id', '=', repositoryId)
    .where('day', '>=', sinceDay)
    .orderBy('day')
    .execute();
}

/** The latest count and the growth a day, as the listings and cards read them. */
export async function setRepositoryGrowth(db: Db, id: number, growth: { stars: number | null; starsPerDay: number }): Promise<void> {
  await db.kysely
    .updateTable('repositories')
    .set((eb) => ({ stars: eb.fn.coalesce(eb.val(growth.stars), 'stars'), stars_per_day: growth.starsPerDay }))
    .where('id', '=', id)
    .execute();
}

/** The papers a repository's signals count for (live links). */
export async function papersOfRepository(db: Db, repositoryId: number): Promise<number[]> {
  const rows = await db.kysely.selectFrom('code_links').select('paper_pk').where('repository_id', '=', repositoryId).where('removed_at', 'is', null).execute();
  return rows.map((r) => r.paper_pk);
}

/**
 * A paper's code signals: whether it has live code at all, its best repository's stars and growth (the main one
 * decides, not a sum of many). A member's link counts once confirmed: else any member could lift a paper to the top of
 * trending by code by linking it to a fast-growing repository.
 */
export async function paperCodeSignals(db: Db, paperPk: number): Promise<{ stars: number; starsPerDay: number; hasCode: boolean }> {
  const { rows } = await sql<{ links: number; stars: number; starsPerDay: number }>`
    SELECT count(*) AS links,
           coalesce(max(CASE WHEN r.status != 'gone' THEN r.stars END), 0) AS stars,
           coalesce(max(CASE WHEN r.status != 'gone' THEN r.stars_per_day END), 0) AS "starsPerDay"
      FROM code_links l JOIN repositories r ON r.id = l.repository_id
     WHERE l.paper_pk = ${paperPk} AND l.removed_at IS NULL AND l.confirmed_at IS NOT NULL`.execute(db.kysely);
  const row = rows[0] ?? { links: 0, stars: 0, starsPerDay: 0 };
  return { stars: Number(row.stars), starsPerDay: Number(row.starsPerDay), hasCode: Number(row.links) > 0 };
}

/**
 * GitHub repositories to refresh, with the papers that link to them (live links), by id; without `all`, only those not
 * fetched since `staleBefore`. The refresh orders them by what the papers service says of those papers.
 */
export async function githubRepositoriesToRefresh(db: Db, options: { staleBefore: string; all: boolean; now: string }): Promise<RefreshCandidate[]> {
  const { rows } = await sql<{ id: number; owner: string; name: string; paper_pk: number }>`
    SELECT r.id, r.owner, r.name, l.paper_pk
      FROM repositories r JOIN code_links l ON l.repository_id = r.id AND l.removed_at IS NULL
     WHERE r.host = 'github' AND r.kind = 'repository' AND (${options.all ? 1 : 0} = 1 OR r.fetched_at IS NULL OR r.fetched_at < ${options.staleBefore})
       AND (${options.all ? 1 : 0} = 1 OR r.retry_at IS NULL OR r.retry_at <= ${options.now})
     ORDER BY r.id`.execute(db.kysely);
  const byId = new Map<number, RefreshCandidate>();
  for (const row of rows) {
    const candidate = byId.get(row.id) ?? { id: row.id, owner: row.owner, name: row.name, paperPks: [] };
    candidate.paperPks.push(row.paper_pk);
    byId.set(row.id, candidate);
  }
  return [...byId.values()];
}

export async function countRepositories(db: Db): Promise<{ repositories: number; links: number }> {
  const { rows } = await sql<{ repositories: number; links: number }>`
    SELECT (SELECT count(*) FROM repositories) AS repositories, (SELECT count(*) FROM code_links WHERE removed_at IS NULL) AS links`.execute(db.kysely);
  return { repositories: Number(rows[0]?.repositories ?? 0), links: Number(rows[0]?.links ?? 0) };
}

/** The demo's star counts go, and the repositories no paper links to any more (those of the demo papers). */
export async function deleteDemoCode(db: Db): Promise<{ repositories: number; recount: number[] }> {
  const recount = await db.kysely.selectFrom('repository_stars').select('repository_id').distinct().where('source', '=', 'demo').execute();
  await db.kysely.deleteFrom('repository_stars').where('source', '=', 'demo').execute();
  const orphans = await db.kysely
    .deleteFrom('repositories')
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('code_links as l').select('l.paper_pk').whereRef('l.repository_id', '=', 'repositories.id'))))
    .executeTakeFirst();
  return { repositories: Number(orphans.numDeletedRows), recount: recount.map((r) => r.repository_id) };
}

/** A Hugging Face model, dataset or Space a live link names, due for its facts (never fetched, or not since `staleBefore`). */
export async function hubRepositoriesDue(db: Db, options: { staleBefore: string; now: string; limit: number }): Promise<Array<{ id: number; kind: 'model' | 'dataset' | 'space'; owner: string; name: string }>> {
  const rows = await db.kysely
    .selectFrom('repositories as r')
    .select(['r.id', 'r.kind', 'r.owner', 'r.name'])
    .where('r.host', '=', 'huggingface')
    .where('r.kind', 'in', ['model', 'dataset', 'space'])
    .where((eb) => eb.or([eb('r.fetched_at', 'is', null), eb('r.fetched_at', '<', options.staleBefore)]))
    .where((eb) => eb.or([eb('r.retry_at', 'is', null), eb('r.retry_at', '<=', options.now)]))
    .where(({ exists, selectFrom }) => exists(selectFrom('code_links as l').select('l.paper_pk').whereRef('l.repository_id', '=', 'r.id').where('l.removed_at', 'is', null)))
    // Never fetched first (false sorts before true on both engines; NULLs alone would not), then the stalest.
    .orderBy(sql`r.fetched_at IS NOT NULL`)
    .orderBy('r.fetched_at')
    .orderBy('r.id')
    .limit(options.limit)
    .execute();
  return rows.map((row) => ({ ...row, kind: row.kind as 'model' | 'dataset' | 'space' }));
}

/** What the Hub said of a model, dataset or Space. */
export async function saveHubFacts(db: Db, id: number, facts: { likes: number; downloads: number | null }, at: string): Promise<void> {
  await db.kysely.updateTable('repositories').set({ ...answered, status: 'ok', likes: facts.likes, downloads: facts.downloads, fetched_at: at }).where('id', '=', id).execute();
}
