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
  const loaded = loadConfig();
  // A command has no event loop to keep free for others: its searches run on its own thread.
  const config = Object.freeze({ ...loaded, search: { workers: 0 } });
  const db = await openDatabase(config.database);
  const services = createServices(db, config);
  try {
    return await run({ config, db, services });
  } finally {
    await services.close();
    await db.close();
  }
}
