// Opens the database named by the configuration (a SQLite file or a PostgreSQL server) and brings its schema up to
// date. Both engines sit behind one handle: repositories write Kysely (its builder, or `sql` for what the builder
// cannot say), and the few places where the engines differ go through small adapters (db/dialect.ts, the engine
// branches of a repository), never through two copies of a repository.
import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type KyselyPlugin, type Migration, type SqliteDatabase, type Transaction } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../config.ts';
import { migrations as sqliteMigrations } from './migrations/index.ts';
import { postgresMigrations } from './migrations/postgres/index.ts';
import { sharedDataVersion, type SharedDataVersion } from './data-version.ts';
import type { Database } from './schema.ts';
import { loadSharedSecret } from './session-secret.ts';

interface DbBase {
  /**
   * Where a repository sends its query: the transaction open in this async context (see `transaction`), else the
   * whole database. A getter, so a service that calls another service's repository inside a transaction joins it.
   */
  readonly kysely: Kysely<Database>;
  /**
   * Runs `work` in one transaction: every query any repository makes inside it (in this async context) belongs to it,
   * and it commits or rolls back as a whole. A transaction already open here is joined, not nested.
   */
  transaction<T>(work: () => Promise<T>): Promise<T>;
  /** Runs `work` outside any open transaction: for work a transaction only schedules (it may outlive the commit). */
  outside<T>(work: () => T): T;
  /**
   * A value that changes whenever stored data changes, here or in another process: what page caches key on.
   * Synchronous and cheap (every request asks).
   */
  dataVersion(): string;
  close(): Promise<void>;
}

export interface SqliteDb extends DbBase {
  engine: 'sqlite';
  file: string;
  /** The raw driver, for the SQLite adapters only (bulk writes, FTS5); reach it through `withSqlite`. */
  sqlite: BetterSqlite3.Database;
}

export interface PostgresDb extends DbBase {
  engine: 'postgres';
  pool: pg.Pool;
}

export type Db = SqliteDb | PostgresDb;

/** What an open transaction leaves in its async context; `open` is false once its work is done. */
interface OpenTransaction {
  trx: Transaction<Database>;
  open: boolean;
}

function transactions(root: Kysely<Database>) {
  const context = new AsyncLocalStorage<OpenTransaction>();
  return {
    current(): Kysely<Database> {
      const open = context.getStore();
      return open?.open ? open.trx : root;
    },
    async run<T>(work: () => Promise<T>): Promise<T> {
      const open = context.getStore();
      if (open?.open) return work();
      const failure: { error?: unknown } = {};
      try {
        return await root.transaction().execute(async (trx) => {
          const state: OpenTransaction = { trx, open: true };
          try {
            return await context.run(state, work);
          } catch (error) {
            failure.error = error;
            throw error;
          } finally {
            // Anything the work scheduled and that runs later goes to the database, not to a finished transaction.
            state.open = false;
          }
        });
      } catch (error) {
        // SQLite ends a transaction itself on some errors (a full disk, an I/O error): Kysely's ROLLBACK then fails with
        // "cannot rollback - no transaction is active", which would hide why. The work's own error is the one to tell.
        if ('error' in failure && error !== failure.error) throw failure.error;
        throw error;
      }
    },
    outside<T>(work: () => T): T {
      return context.exit(work);
    },
  };
}

export async function openDatabase(config: DatabaseConfig): Promise<Db> {
  if (config.engine === 'sqlite') return openSqlite(config.file);
  const db = await openPostgres(config.url);
  await loadSharedSecret(db, config);
  return db;
}

async function openSqlite(file: string): Promise<SqliteDb> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL'); // WAL keeps commits atomic; fsync only at checkpoints.
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('cache_size = -131072'); // 128 MiB: FTS merges and the papers b-tree stay in memory.
  sqlite.pragma('temp_store = MEMORY');
  const db = sqliteHandle(file, sqlite);
  await migrate(db.kysely, sqliteMigrations);
  return db;
}

/** Statements kept per connection; past this many distinct texts the cache starts again (texts are few in practice). */
const MAX_CACHED_STATEMENTS = 1_000;

const statementsOf = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();

/**
 * A statement prepared once per connection: preparing costs more than running the small indexed reads and writes
 * most requests make. Kysely's queries go through it too (its SQLite dialect prepares every query anew: imports with
 * code links ran at 2,228 papers/s without it, 2,526 with it). Safe because better-sqlite3 runs one statement at a
 * time and nothing here streams.
 */
function preparedOn(sqlite: BetterSqlite3.Database, text: string): BetterSqlite3.Statement {
  let statements = statementsOf.get(sqlite);
  if (!statements) {
    statements = new Map();
    statementsOf.set(sqlite, statements);
  }
  let statement = statements.get(text);
  if (!statement) {
    if (statements.size >= MAX_CACHED_STATEMENTS) statements.clear();
    statement = sqlite.prepare(text);
    statements.set(text, statement);
  }
  return statement;
}

/** The connection as Kysely's SQLite dialect sees it: statements prepared once. */
function preparingOnce(sqlite: BetterSqlite3.Database): SqliteDatabase {
  return { close: () => sqlite.close(), prepare: (text: string) => preparedOn(sqlite, text) };
}

/** The handle over a better-sqlite3 connection: Kysely on it, and its transactions. */
function sqliteHandle(file: string, sqlite: BetterSqlite3.Database): SqliteDb {
  const root = new Kysely<Database>({ dialect: new SqliteDialect({ database: preparingOnce(sqlite) }) });
  const tx = transactions(root);
  return {
    engine: 'sqlite',
    file,
    sqlite,
    get kysely() {
      return tx.current();
    },
    transaction: tx.run,
    outside: tx.outside,
    dataVersion: () => sqliteDataVersion(sqlite),
    async close() {
      await root.destroy(); // closes the better-sqlite3 handle too
    },
  };
}

/** Counts (int8) and sums come back as numbers, as they do from SQLite; no count here nears 2^53. */
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));

async function openPostgres(url: string): Promise<PostgresDb> {
  const shared = await sharedDataVersion(url);
  const pool = new pg.Pool({ connectionString: url, max: 10, idleTimeoutMillis: 30_000 });
  // An idle client that loses its server emits here; without a listener that would end the process.
  pool.on('error', () => undefined);
  const root = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [countWrites(shared)] });
  try {
    await migrate(root, postgresMigrations);
  } catch (error) {
    await shared.close();
    await root.destroy();
    throw error;
  }
  const tx = transactions(root);
  return {
    engine: 'postgres',
    pool,
    get kysely() {
      return tx.current();
    },
    async transaction<T>(work: () => Promise<T>): Promise<T> {
      const result = await tx.run(work);
      shared.bump(); // counted again at commit: a page built from the open transaction's reads is not kept under it
      return result;
    },
    outside: tx.outside,
    dataVersion: () => shared.current(),
    async close() {
      await shared.close();
      await root.destroy(); // ends the pool
    },
  };
}

/** Every statement that changed rows moves this instance's data version at once (read-your-writes). */
function countWrites(shared: SharedDataVersion): KyselyPlugin {
  return {
    transformQuery: (args) => args.node,
    async transformResult(args) {
      if ((args.result.numAffectedRows ?? 0n) > 0n) shared.bump();
      return args.result;
    },
  };
}

/**
 * A second connection to a SQLite file another connection opened (and migrated), that only reads: what a worker
 * thread holds. `query_only` makes any write an error, so a bug cannot write from there.
 */
export function openReader(file: string): SqliteDb {
  const sqlite = new BetterSqlite3(file, { fileMustExist: true });
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('cache_size = -65536'); // 64 MiB: the postings and rows a search touches
  sqlite.pragma('query_only = ON');
  return sqliteHandle(file, sqlite);
}

async function migrate(kysely: Kysely<Database>, migrations: Record<string, Migration>): Promise<void> {
  const migrator = new Migrator({ db: kysely, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
}

/**
 * Runs synchronous work on SQLite's raw driver, for the adapters whose speed needs prepared statements (bulk
 * writes, FTS5), always inside a transaction (the open one, joined, or its own): holding Kysely's connection, it can
 * never slip into a transaction another request has open on the same connection.
 */
export async function withSqlite<T>(db: SqliteDb, work: (sqlite: BetterSqlite3.Database) => T): Promise<T> {
  return db.transaction(async () => work(db.sqlite));
}

/**
 * What /healthz asks of the database: the schema, and the first and last rows of the tables every page reads (the
 * root and edge pages of their b-trees), so a damaged file answers with its error instead of "ok". A cheap probe, not
 * an integrity check: damage deep inside a table shows when a request reads it (services.ts remembers that).
 */
export async function probeDatabase(db: Db): Promise<string | null> {
  try {
    if (db.engine === 'postgres') {
      await db.kysely.selectFrom('papers').select('pk').orderBy('pk', 'desc').limit(1).execute();
      return null;
    }
    prepared(db, 'SELECT count(*) FROM sqlite_schema').get();
    prepared(db, 'SELECT (SELECT max(pk) FROM papers), (SELECT min(pk) FROM papers), (SELECT max(day) FROM daily_listings)').get();
    prepared(db, 'SELECT (SELECT max(id) FROM users), (SELECT id_hash FROM sessions ORDER BY id_hash DESC LIMIT 1)').get();
    prepared(db, "SELECT rowid FROM keyword_fts WHERE keyword_fts MATCH 'paper' ORDER BY rowid DESC LIMIT 1").get();
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * What an error says of the storage, on either engine: `full` (SQLite's SQLITE_FULL, PostgreSQL's 53100), `unavailable`
 * (the server refuses or lost the connection, too many connections, a locked or unreadable file), `refused-character`
 * (PostgreSQL refused a NUL in text), or null for any other error. Pages answer these with 503 and Retry-After instead of 500.
 */
export function storageTrouble(error: unknown): 'full' | 'unavailable' | 'refused-character' | null {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : '';
  if (code === 'SQLITE_FULL' || code === '53100') return 'full';
  // PostgreSQL keeps no NUL in text (SQLite does): a field that holds one is the request's fault, not the server's.
  if (code === '22021' || code === '22P05') return 'refused-character';
  if (typeof code === 'string' && (/^SQLITE_(BUSY|LOCKED|IOERR|CANTOPEN)/.test(code) || /^(08\d{3}|57P0[123]|53300)$/.test(code) || ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE'].includes(code))) return 'unavailable';
  if (/Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|not currently accepting connections|the database system is (starting up|shutting down|in recovery mode)/i.test(message)) return 'unavailable';
  return null;
}

/** SQLite's words for a file that is damaged or not a database at all. */
export function isCorruption(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || (typeof code === 'string' && code.startsWith('SQLITE_CORRUPT'));
}

/** A SQLite adapter's statement, prepared once per connection (callers pass constant SQL, so the cache stays small). */
export function prepared(db: SqliteDb, sql: string): BetterSqlite3.Statement {
  return preparedOn(db.sqlite, sql);
}

/**
 * On SQLite: rows this connection wrote (total_changes) and commits by any other connection or process
 * (data_version). Cheap: one prepared statement.
 */
function sqliteDataVersion(sqlite: BetterSqlite3.Database): string {
  const statement = preparedOn(sqlite, 'SELECT total_changes() AS own, (SELECT data_version FROM pragma_data_version) AS other');
  const { own, other } = statement.get() as { own: number; other: number };
  return `${own}:${other}`;
}

/** A consistent copy of the live database, taken while it keeps serving. */
export async function backupDatabase(db: Db, file: string): Promise<void> {
  if (db.engine === 'postgres') {
    throw new Error('backup copies a SQLite file; back a PostgreSQL database up with pg_dump (see docs/deploy.md).');
  }
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  await db.sqlite.backup(file);
}
