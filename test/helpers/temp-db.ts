// A real SQLite database in a fresh temporary folder, built by the migrations.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../src/config.ts';
import { openDatabase, type Db } from '../../src/db/database.ts';
import { createServices, type Services } from '../../src/app/services.ts';

export interface TempDatabase {
  dir: string;
  file: string;
  config: Readonly<Config>;
  db: Db;
  services: Services;
  cleanup(): Promise<void>;
}

export function tempDir(prefix = 'paperboard-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function testConfig(file: string, env: NodeJS.ProcessEnv = {}): Readonly<Config> {
  return loadConfig({ PAPERBOARD_DB: file, LOG_LEVEL: 'silent', DEMO_DATA: 'off', ...env });
}

export async function tempDatabase(env: NodeJS.ProcessEnv = {}): Promise<TempDatabase> {
  const dir = tempDir();
  const file = path.join(dir, 'paperboard.db');
  const config = testConfig(file, env);
  const db = await openDatabase(config.database);
  const services = createServices(db, config);
  return {
    dir,
    file,
    config,
    db,
    services,
    async cleanup() {
      await services.close();
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
