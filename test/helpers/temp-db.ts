// A real SQLite database in a fresh temporary folder, built by the migrations.
import type BetterSqlite3 from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../src/config.ts';
import { openDatabase, type Db, type SqliteDb } from '../../src/db/database.ts';
import { createServices, type Services } from '../../src/app/services.ts';
import { tempPostgres, type Engine } from './postgres.ts';

export interface TempDatabase {
  dir: string;
  /** A SQLite test database's file (on PostgreSQL: unused). */
  file: string;
  /** What another process (a CLI command, a second server) needs to open the same database and folder. */
  processEnv: { PAPERBOARD_DB: string; DATA_DIR: string };
  config: Readonly<Config>;
  db: Db;
  services: Services;
  cleanup(): Promise<void>;
}

export function tempDir(prefix = 'paperboard-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function testConfig(file: string, env: NodeJS.ProcessEnv = {}): Readonly<Config> {
  return loadConfig({ PAPERBOARD_DB: file, LOG_LEVEL: 'silent', DEMO_DATA: 'off', CATCH_UP: 'off', THUMBNAILS: 'cards', ...env });
}

/**
 * A fresh database with every service on it: a SQLite file in a temporary folder, or (engine 'postgres') a database of
 * its own on the test cluster, with the same folder for what each instance keeps on disk (mail files, vector index).
 */
export async function tempDatabase(env: NodeJS.ProcessEnv = {}, engine: Engine = 'sqlite'): Promise<TempDatabase> {
  const dir = tempDir();
  const file = path.join(dir, 'paperboard.db');
  const server = engine === 'postgres' ? await tempPostgres() : null;
  const config = testConfig(server ? server.url : file, { DATA_DIR: dir, ...env });
  const db = await openDatabase(config.database);
  const services = createServices(db, config);
  return {
    dir,
    file,
    processEnv: { PAPERBOARD_DB: server ? server.url : file, DATA_DIR: dir },
    config,
    db,
    services,
    async cleanup() {
      await services.close();
      await db.close();
      await server?.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A test database as SQLite, for tests of SQLite's own adapters (FTS5); fails on PostgreSQL. */
export function sqliteDbOf(db: Db): SqliteDb {
  if (db.engine !== 'sqlite') throw new Error('this test reads SQLite itself');
  return db;
}

/** Its raw better-sqlite3 handle. */
export function sqliteOf(db: Db): BetterSqlite3.Database {
  return sqliteDbOf(db).sqlite;
}
