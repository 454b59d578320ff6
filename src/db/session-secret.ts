// The secret that signs cookies and mailed links: SESSION_SECRET when set; else generated once and kept beside the
// SQLite file, or, on PostgreSQL, in the database's settings table, so every instance signs with the same one.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config, DatabaseConfig } from '../config.ts';
import type { PostgresDb } from './database.ts';

/** Secrets read from a PostgreSQL database when it was opened, by its configuration. */
const sharedSecrets = new WeakMap<DatabaseConfig, string>();

const generate = () => crypto.randomBytes(48).toString('base64url');

/** The generated secret of a PostgreSQL database: the first instance's, kept in settings; later ones read it. */
export async function loadSharedSecret(db: PostgresDb, database: DatabaseConfig): Promise<void> {
  await db.kysely.insertInto('settings').values({ name: 'session_secret', value: generate() }).onConflict((oc) => oc.column('name').doNothing()).execute();
  const row = await db.kysely.selectFrom('settings').select('value').where('name', '=', 'session_secret').executeTakeFirstOrThrow();
  sharedSecrets.set(database, row.value);
}

export function sessionSecret(config: Readonly<Config>): string {
  if (config.sessionSecret) return config.sessionSecret;
  const shared = sharedSecrets.get(config.database);
  if (shared) return shared;
  if (config.database.engine === 'postgres') throw new Error('the database was not opened before its session secret was asked for');
  const file = path.join(config.dataDir, 'session-secret');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  fs.mkdirSync(config.dataDir, { recursive: true });
  const secret = generate();
  // 'wx': if two instances start at once, one writes and the other reads what it wrote.
  try {
    fs.writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
    return secret;
  } catch {
    return fs.readFileSync(file, 'utf8').trim();
  }
}
