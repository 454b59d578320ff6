// Opens the database named by the configuration and brings its schema up to date.
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import type { DatabaseConfig } from '../config.ts';
import { migrations } from './migrations/index.ts';
import type { Database } from './schema.ts';

/**
 * The handle every repository takes first. `sqlite` is the raw driver, used where
 * Kysely's per-query overhead matters (bulk import runs one prepared statement per row).
 */
export interface Db {
  engine: 'sqlite';
  kysely: Kysely<Database>;
  sqlite: BetterSqlite3.Database;
  close(): Promise<void>;
}

export async function openDatabase(config: DatabaseConfig): Promise<Db> {
  if (config.engine !== 'sqlite') {
    throw new Error('PostgreSQL (PAPERBOARD_DB=postgres://…) is not supported by this version yet; use a SQLite file path.');
  }
  fs.mkdirSync(path.dirname(config.file), { recursive: true });
  const sqlite = new BetterSqlite3(config.file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL'); // WAL keeps commits atomic; fsync only at checkpoints.
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('cache_size = -131072'); // 128 MiB: FTS merges and the papers b-tree stay in memory.
  sqlite.pragma('temp_store = MEMORY');
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  await migrate(kysely);
  return {
    engine: 'sqlite',
    kysely,
    sqlite,
    async close() {
      await kysely.destroy(); // closes the better-sqlite3 handle too
    },
  };
}

/**
 * A second connection to a database another connection opened (and migrated), that only reads: what a worker
 * thread holds. `query_only` makes any write an error, so a bug cannot write from there.
 */
export function openReader(file: string): Db {
  const sqlite = new BetterSqlite3(file, { fileMustExist: true });
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('cache_size = -65536'); // 64 MiB: the postings and rows a search touches
  sqlite.pragma('query_only = ON');
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return {
    engine: 'sqlite',
    kysely,
    sqlite,
    async close() {
      await kysely.destroy();
    },
  };
}

async function migrate(kysely: Kysely<Database>): Promise<void> {
  const migrator = new Migrator({ db: kysely, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
}

/**
 * What /healthz asks of the database: the schema, and the first and last rows of the tables every page reads (the
 * root and edge pages of their b-trees), so a damaged file answers with its error instead of "ok". A cheap probe, not
 * an integrity check: damage deep inside a table shows when a request reads it (services.ts remembers that).
 */
export function probeDatabase(db: Db): string | null {
  try {
    prepared(db, 'SELECT count(*) FROM sqlite_schema').get();
    prepared(db, 'SELECT (SELECT max(pk) FROM papers), (SELECT min(pk) FROM papers), (SELECT max(day) FROM daily_listings)').get();
    prepared(db, 'SELECT (SELECT max(id) FROM users), (SELECT id_hash FROM sessions ORDER BY id_hash DESC LIMIT 1)').get();
    prepared(db, "SELECT rowid FROM papers_fts WHERE papers_fts MATCH 'paper' ORDER BY rowid DESC LIMIT 1").get();
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/** SQLite's words for a file that is damaged or not a database at all. */
export function isCorruption(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || (typeof code === 'string' && code.startsWith('SQLITE_CORRUPT'));
}

const preparedBySql = new WeakMap<Db['sqlite'], Map<string, BetterSqlite3.Statement>>();

/**
 * A statement prepared once per connection, for the reads every request makes: preparing costs more than running
 * a small indexed read. Callers pass constant SQL (lists go in as JSON through json_each), so the map stays small.
 */
export function prepared(db: Db, sql: string): BetterSqlite3.Statement {
  let statements = preparedBySql.get(db.sqlite);
  if (!statements) {
    statements = new Map();
    preparedBySql.set(db.sqlite, statements);
  }
  let statement = statements.get(sql);
  if (!statement) {
    statement = db.sqlite.prepare(sql);
    statements.set(sql, statement);
  }
  return statement;
}

/**
 * A number that changes whenever anything in the database changes: rows this connection wrote
 * (total_changes) and commits by any other connection or process (data_version). Cheap: one prepared statement.
 */
export function dataVersion(db: Db): string {
  const statement = prepared(db, 'SELECT total_changes() AS own, (SELECT data_version FROM pragma_data_version) AS other');
  const { own, other } = statement.get() as { own: number; other: number };
  return `${own}:${other}`;
}

/** A consistent copy of the live database, taken while it keeps serving. */
export async function backupDatabase(db: Db, file: string): Promise<void> {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  await db.sqlite.backup(file);
}

/**
 * Runs synchronous work in one transaction (a savepoint when already inside one): what several
 * repositories write together, such as a harvested page and its checkpoint, commits or fails together.
 */
export function inTransaction<T>(db: Db, work: () => T): T {
  return db.sqlite.transaction(work)();
}
