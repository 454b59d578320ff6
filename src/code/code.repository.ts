// All SQL of the code capability: repositories, the links from papers to them, and star counts by day. Link writes
// are synchronous (better-sqlite3): text links are written in the transaction that stores the papers.
import type { Selectable } from 'kysely';
import { prepared, type Db } from '../db/database.ts';
import type { CodeLinksTable, RepositoriesTable } from '../db/schema.ts';
import type { CodeLink, CodeSource, Repository, StarSample } from './code.ts';
import type { RepositoryFacts } from './github.ts';
import type { RepositoryRef } from './repository-url.ts';

type RepositoryRow = Selectable<RepositoriesTable>;

export function repositoryFromRow(row: RepositoryRow): Repository {
  return {
    id: row.id, host: row.host, kind: row.kind, owner: row.owner, name: row.name, url: row.url, status: row.status,
    stars: row.stars, starsPerDay: row.stars_per_day, forks: row.forks, language: row.language, license: row.license,
    topics: JSON.parse(row.topics) as string[], description: row.description, archived: row.archived === 1,
    pushedAt: row.pushed_at, fetchedAt: row.fetched_at,
  };
}

/** The repository's row id, created when new (one row per URL, whatever the case of its owner). */
export function ensureRepository(db: Db, ref: RepositoryRef, now: string, isDemo = false): number {
  prepared(
    db,
    `INSERT INTO repositories (host, kind, owner, name, url, url_key, is_demo, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (url_key) DO NOTHING`,
  ).run(ref.host, ref.kind, ref.owner, ref.name, ref.url, ref.url.toLowerCase(), isDemo ? 1 : 0, now);
  return (prepared(db, 'SELECT id FROM repositories WHERE url_key = ?').get(ref.url.toLowerCase()) as { id: number }).id;
}

/**
 * Links a paper to a repository. A link that exists keeps its source unless a member's word or an official claim is
 * stronger; a link a moderator removed stays removed, whatever brings it again. True when a link was added.
 */
export function linkCode(
  db: Db,
  link: { paperPk: number; repositoryId: number; source: CodeSource; official: boolean; framework: string | null; addedBy: number | null; now: string },
): boolean {
  const existing = prepared(db, 'SELECT removed_at FROM code_links WHERE paper_pk = ? AND repository_id = ?').get(link.paperPk, link.repositoryId) as
    | { removed_at: string | null }
    | undefined;
  if (existing) {
    if (existing.removed_at === null) {
      prepared(db, 'UPDATE code_links SET official = max(official, ?), framework = coalesce(framework, ?) WHERE paper_pk = ? AND repository_id = ?')
        .run(link.official ? 1 : 0, link.framework, link.paperPk, link.repositoryId);
    }
    return false;
  }
  prepared(db, 'INSERT INTO code_links (paper_pk, repository_id, source, official, framework, added_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(link.paperPk, link.repositoryId, link.source, link.official ? 1 : 0, link.framework, link.addedBy, link.now);
  return true;
}

/** A moderator's removal: kept as a mark, so no source adds the link again. True when a live link was removed. */
export function removeLink(db: Db, paperPk: number, repositoryId: number, by: number, now: string): boolean {
  return prepared(db, 'UPDATE code_links SET removed_at = ?, removed_by = ? WHERE paper_pk = ? AND repository_id = ? AND removed_at IS NULL')
    .run(now, by, paperPk, repositoryId).changes === 1;
}

/** The live links of many papers at once, with their repositories. */
export function linksOfPapers(db: Db, paperPks: readonly number[]): Map<number, CodeLink[]> {
  const out = new Map<number, CodeLink[]>();
  if (paperPks.length === 0) return out;
  const rows = prepared(
    db,
    `SELECT l.paper_pk, l.source, l.official, l.framework, u.username AS added_by_name, r.*
       FROM code_links l JOIN repositories r ON r.id = l.repository_id LEFT JOIN users u ON u.id = l.added_by
      WHERE l.paper_pk IN (SELECT value FROM json_each(?)) AND l.removed_at IS NULL
      ORDER BY l.official DESC, r.stars DESC, r.id`,
  ).all(JSON.stringify(paperPks)) as Array<RepositoryRow & Pick<Selectable<CodeLinksTable>, 'paper_pk' | 'source' | 'official' | 'framework'> & { added_by_name: string | null }>;
  for (const row of rows) {
    const links = out.get(row.paper_pk) ?? [];
    links.push({ repository: repositoryFromRow(row), source: row.source, official: row.official === 1, framework: row.framework, addedBy: row.added_by_name });
    out.set(row.paper_pk, links);
  }
  return out;
}

export function findRepository(db: Db, id: number): Repository | null {
  const row = prepared(db, 'SELECT * FROM repositories WHERE id = ?').get(id) as RepositoryRow | undefined;
  return row ? repositoryFromRow(row) : null;
}

/** What a conditional request sends back, and whether the history was read yet. */
export function fetchState(db: Db, id: number): { etag: string | null; historyLoaded: boolean } {
  const row = prepared(db, 'SELECT etag, history_loaded FROM repositories WHERE id = ?').get(id) as { etag: string | null; history_loaded: number } | undefined;
  return { etag: row?.etag ?? null, historyLoaded: row?.history_loaded === 1 };
}

/** A 200's facts, its ETag and the time; a rename moves the row to the new name (merging into a row already there). Returns the id that holds them. */
export function saveFacts(db: Db, id: number, facts: RepositoryFacts, fetch: { etag: string | null; at: string | null }): number {
  const current = findRepository(db, id);
  let target = id;
  if (current && (current.owner !== facts.owner || current.name !== facts.name)) target = rename(db, id, `https://github.com/${facts.owner}/${facts.name}`, facts);
  prepared(
    db,
    `UPDATE repositories SET status = 'ok', stars = ?, forks = ?, language = ?, license = ?, topics = ?, description = ?, archived = ?,
       pushed_at = ?, github_id = ?, etag = ?, fetched_at = ? WHERE id = ?`,
  ).run(facts.stars, facts.forks, facts.language, facts.license, JSON.stringify(facts.topics), facts.description, facts.archived ? 1 : 0,
    facts.pushedAt, facts.githubId, fetch.etag, fetch.at, target);
  return target;
}

/** The repository under its new name: the row renamed, or, when the new name has a row already, the links moved there. */
function rename(db: Db, id: number, url: string, facts: RepositoryFacts): number {
  const existing = prepared(db, 'SELECT id FROM repositories WHERE url_key = ?').get(url.toLowerCase()) as { id: number } | undefined;
  if (!existing) {
    prepared(db, 'UPDATE repositories SET owner = ?, name = ?, url = ?, url_key = ? WHERE id = ?').run(facts.owner, facts.name, url, url.toLowerCase(), id);
    return id;
  }
  prepared(db, `INSERT OR IGNORE INTO code_links SELECT paper_pk, ?, source, official, framework, added_by, created_at, removed_at, removed_by FROM code_links WHERE repository_id = ?`).run(existing.id, id);
  prepared(db, `INSERT OR IGNORE INTO repository_stars SELECT ?, day, stars, source, counted_at FROM repository_stars WHERE repository_id = ?`).run(existing.id, id);
  prepared(db, 'DELETE FROM repositories WHERE id = ?').run(id);
  return existing.id;
}

/** A 304: nothing changed since the ETag; the fetch time moves on. */
export function markUnchanged(db: Db, id: number, at: string): void {
  prepared(db, "UPDATE repositories SET status = 'ok', fetched_at = ? WHERE id = ?").run(at, id);
}

/** A 404: the repository is gone; shown as such, never deleted. */
export function markGone(db: Db, id: number, at: string): void {
  prepared(db, "UPDATE repositories SET status = 'gone', fetched_at = ? WHERE id = ?").run(at, id);
}

export function markHistoryLoaded(db: Db, id: number): void {
  prepared(db, 'UPDATE repositories SET history_loaded = 1 WHERE id = ?').run(id);
}

/**
 * One count a day per repository. An observed count (a repository response) wins over a rebuilt one (the history)
 * for the same day; the latest of two observations wins.
 */
export function saveStars(db: Db, repositoryId: number, samples: readonly StarSample[], source: 'github' | 'history' | 'huggingface' | 'demo', countedAt: string): void {
  const statement = prepared(
    db,
    `INSERT INTO repository_stars (repository_id, day, stars, source, counted_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (repository_id, day) DO UPDATE SET stars = excluded.stars, source = excluded.source, counted_at = excluded.counted_at
     WHERE excluded.source != 'history' OR repository_stars.source = 'history'`,
  );
  for (const sample of samples) statement.run(repositoryId, sample.day, sample.stars, source, countedAt);
}

/** Daily counts since a day, oldest first. */
export function starsSince(db: Db, repositoryId: number, sinceDay: string): StarSample[] {
  return prepared(db, 'SELECT day, stars FROM repository_stars WHERE repository_id = ? AND day >= ? ORDER BY day').all(repositoryId, sinceDay) as StarSample[];
}

/** The latest count and the growth a day, as the listings and cards read them. */
export function setRepositoryGrowth(db: Db, id: number, growth: { stars: number | null; starsPerDay: number }): void {
  prepared(db, 'UPDATE repositories SET stars = coalesce(?, stars), stars_per_day = ? WHERE id = ?').run(growth.stars, growth.starsPerDay, id);
}

/** The papers a repository's signals count for (live links). */
export function papersOfRepository(db: Db, repositoryId: number): number[] {
  return prepared(db, 'SELECT paper_pk FROM code_links WHERE repository_id = ? AND removed_at IS NULL').pluck().all(repositoryId) as number[];
}

/** A paper's code signals: whether it has live code at all, its best repository's stars and growth (the main one decides, not a sum of many). */
export function paperCodeSignals(db: Db, paperPk: number): { stars: number; starsPerDay: number; hasCode: boolean } {
  const row = prepared(
    db,
    `SELECT count(*) AS links,
            coalesce(max(CASE WHEN r.status != 'gone' THEN r.stars END), 0) AS stars,
            coalesce(max(CASE WHEN r.status != 'gone' THEN r.stars_per_day END), 0) AS starsPerDay
       FROM code_links l JOIN repositories r ON r.id = l.repository_id
      WHERE l.paper_pk = ? AND l.removed_at IS NULL`,
  ).get(paperPk) as { links: number; stars: number; starsPerDay: number };
  return { stars: row.stars, starsPerDay: row.starsPerDay, hasCode: row.links > 0 };
}

/**
 * GitHub repositories to refresh, most valuable first: those of papers listed in the last weeks, then by the
 * papers' trending score, then the rest; without `all`, only those not fetched since `staleBefore`.
 */
export function repositoriesToRefresh(db: Db, options: { recentDay: string; staleBefore: string; all: boolean; limit: number }): Array<{ id: number; owner: string; name: string }> {
  return prepared(
    db,
    `SELECT r.id, r.owner, r.name,
            max(CASE WHEN (SELECT max(day) FROM daily_listings d WHERE d.paper_pk = l.paper_pk) >= @recentDay THEN 1 ELSE 0 END) AS recent,
            max(p.trending) AS trending
       FROM repositories r JOIN code_links l ON l.repository_id = r.id AND l.removed_at IS NULL JOIN papers p ON p.pk = l.paper_pk
      WHERE r.host = 'github' AND r.kind = 'repository' AND (@all = 1 OR r.fetched_at IS NULL OR r.fetched_at < @staleBefore)
      GROUP BY r.id
      ORDER BY recent DESC, trending DESC, r.id
      LIMIT @limit`,
  ).all({ recentDay: options.recentDay, staleBefore: options.staleBefore, all: options.all ? 1 : 0, limit: options.limit }) as Array<{ id: number; owner: string; name: string }>;
}

export function countRepositories(db: Db): { repositories: number; links: number } {
  return prepared(db, 'SELECT (SELECT count(*) FROM repositories) AS repositories, (SELECT count(*) FROM code_links WHERE removed_at IS NULL) AS links').get() as {
    repositories: number;
    links: number;
  };
}

/** The demo's star counts go, and the repositories no paper links to any more (those of the demo papers). */
export function deleteDemoCode(db: Db): { repositories: number; recount: number[] } {
  const recount = (prepared(db, "SELECT DISTINCT repository_id AS id FROM repository_stars WHERE source = 'demo'").all() as Array<{ id: number }>).map((r) => r.id);
  prepared(db, "DELETE FROM repository_stars WHERE source = 'demo'").run();
  const orphans = prepared(db, 'DELETE FROM repositories WHERE NOT EXISTS (SELECT 1 FROM code_links l WHERE l.repository_id = repositories.id)').run();
  return { repositories: orphans.changes, recount };
}
