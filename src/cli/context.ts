// Opens the configured database and services for one command, and closes them after.
import { loadConfig, type Config } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { createServices, type Services } from '../app/services.ts';
import type { Db } from '../db/database.ts';

export interface CommandContext {
  config: Readonly<Config>;
  db: Db;
  services: Services;
}

export async function withContext<T>(run: (context: CommandContext) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const db = await openDatabase(config.database);
  try {
    return await run({ config, db, services: createServices(db, config) });
  } finally {
    await db.close();
  }
}
