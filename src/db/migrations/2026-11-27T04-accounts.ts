// Accounts without passwords: users, single-use sign-in links (only their hashes), and sessions (hashed ids).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL DEFAULT 'user' CHECK (role IN ('user', 'moderator', 'admin')),
    created_at TEXT NOT NULL
  )`.execute(db);
  await sql`CREATE TABLE sign_in_tokens (
    token_hash TEXT PRIMARY KEY,
    email TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT
  ) WITHOUT ROWID`.execute(db);
  await sql`CREATE INDEX sign_in_tokens_expiry ON sign_in_tokens (expires_at)`.execute(db);
  await sql`CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    user_agent TEXT
  ) WITHOUT ROWID`.execute(db);
  await sql`CREATE INDEX sessions_user ON sessions (user_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS sessions`.execute(db);
  await sql`DROP TABLE IF EXISTS sign_in_tokens`.execute(db);
  await sql`DROP TABLE IF EXISTS users`.execute(db);
}
