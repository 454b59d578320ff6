// Mail people can make the site send (sign-in links, digest confirmations): one row each, so the site can bound how
// many go to one address, however many clients ask, and how many go out in all (mail/mail-budget.service.ts).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE mail_requests (
    id INTEGER PRIMARY KEY,
    address_key TEXT NOT NULL,
    kind TEXT NOT NULL,
    requested_at TEXT NOT NULL
  )`.execute(db);
  await sql`CREATE INDEX mail_requests_address ON mail_requests (address_key, requested_at)`.execute(db);
  await sql`CREATE INDEX mail_requests_time ON mail_requests (requested_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS mail_requests`.execute(db);
}
