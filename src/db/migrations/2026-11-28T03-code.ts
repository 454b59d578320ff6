// Papers with code: repositories (one row each, whatever links to them), the links from papers to them (from the text,
// Hugging Face, the Papers with Code archive, members), one star count per repository and day, and a paper's project
// page. The paper's own code signals (stars now, stars a day over the last week) are kept on papers for the trending
// score and the listings, as upvotes are.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE repositories (
    id INTEGER PRIMARY KEY,
    host TEXT NOT NULL CHECK (host IN ('github', 'gitlab', 'codeberg', 'huggingface')),
    kind TEXT NOT NULL CHECK (kind IN ('repository', 'model', 'dataset', 'space')),
    owner TEXT NOT NULL,
    name TEXT NOT NULL,
    url TEXT NOT NULL,
    url_key TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL DEFAULT 'unknown' CHECK (status IN ('unknown', 'ok', 'gone')),
    stars INTEGER,
    stars_per_day REAL NOT NULL DEFAULT 0,
    forks INTEGER,
    language TEXT,
    license TEXT,
    topics TEXT NOT NULL DEFAULT '[]',
    description TEXT,
    archived INTEGER NOT NULL DEFAULT 0,
    pushed_at TEXT,
    github_id INTEGER,
    etag TEXT,
    fetched_at TEXT,
    history_loaded INTEGER NOT NULL DEFAULT 0,
    is_demo INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
  )`.execute(db);
  await sql`CREATE INDEX repositories_fetch ON repositories (host, fetched_at)`.execute(db);

  await sql`CREATE TABLE code_links (
    paper_pk INTEGER NOT NULL REFERENCES papers (pk) ON DELETE CASCADE,
    repository_id INTEGER NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    source TEXT NOT NULL CHECK (source IN ('text', 'huggingface', 'pwc', 'member')),
    official INTEGER NOT NULL DEFAULT 0,
    framework TEXT,
    added_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    removed_at TEXT,
    removed_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    PRIMARY KEY (paper_pk, repository_id)
  ) WITHOUT ROWID`.execute(db);
  await sql`CREATE INDEX code_links_repository ON code_links (repository_id)`.execute(db);

  await sql`CREATE TABLE repository_stars (
    repository_id INTEGER NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    day TEXT NOT NULL,
    stars INTEGER NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('github', 'history', 'huggingface', 'demo')),
    counted_at TEXT NOT NULL,
    PRIMARY KEY (repository_id, day)
  ) WITHOUT ROWID`.execute(db);

  await sql`ALTER TABLE papers ADD COLUMN project_page TEXT`.execute(db);
  await sql`ALTER TABLE papers ADD COLUMN code_stars INTEGER NOT NULL DEFAULT 0`.execute(db);
  await sql`ALTER TABLE papers ADD COLUMN code_stars_per_day REAL NOT NULL DEFAULT 0`.execute(db);
  await sql`ALTER TABLE papers ADD COLUMN hf_upvotes INTEGER NOT NULL DEFAULT 0`.execute(db);
  // Trending by code: papers with repositories, by their star growth (a partial index: most papers have no code).
  await sql`CREATE INDEX papers_code_trending ON papers (code_stars_per_day DESC, pk DESC) WHERE code_stars > 0`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS papers_code_trending`.execute(db);
  for (const column of ['hf_upvotes', 'code_stars_per_day', 'code_stars', 'project_page']) {
    await sql`ALTER TABLE papers DROP COLUMN ${sql.id(column)}`.execute(db);
  }
  for (const table of ['repository_stars', 'code_links', 'repositories']) await sql`DROP TABLE IF EXISTS ${sql.id(table)}`.execute(db);
}
