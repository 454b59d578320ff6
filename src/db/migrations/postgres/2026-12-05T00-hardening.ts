// The second hardening pass (issue 20), the same statements on both engines:
// - repositories: a failing repository's state (failures in a row, when to try again, the last error), so one
//   repository's failure is recorded on it and the refresh goes on; and a claim, so two instances never refresh the
//   same repository at once (the second would do it again without If-None-Match);
// - code_links: a member's link counts toward trending only once confirmed (by a moderator, or by another source
//   naming the same repository); until then it shows as suggested. Existing member links start unconfirmed;
// - mail_requests: the client network that asked (IPv4 address, IPv6 /64) and whether the address had signed in
//   before, so strangers are limited per network and part of the hour's budget stays for returning members.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE repositories ADD COLUMN failures INTEGER NOT NULL DEFAULT 0`.execute(db);
  await sql`ALTER TABLE repositories ADD COLUMN retry_at TEXT`.execute(db);
  await sql`ALTER TABLE repositories ADD COLUMN last_error TEXT`.execute(db);
  await sql`ALTER TABLE repositories ADD COLUMN claimed_until TEXT`.execute(db);
  await sql`ALTER TABLE code_links ADD COLUMN confirmed_at TEXT`.execute(db);
  await sql`ALTER TABLE code_links ADD COLUMN confirmed_by INTEGER`.execute(db);
  await sql`UPDATE code_links SET confirmed_at = created_at WHERE source != 'member'`.execute(db);
  await sql`ALTER TABLE mail_requests ADD COLUMN client_key TEXT`.execute(db);
  await sql`ALTER TABLE mail_requests ADD COLUMN known_address INTEGER NOT NULL DEFAULT 0`.execute(db);
  await sql`CREATE INDEX mail_requests_client ON mail_requests (client_key, requested_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX mail_requests_client`.execute(db);
  for (const column of ['client_key', 'known_address']) await sql`ALTER TABLE mail_requests DROP COLUMN ${sql.ref(column)}`.execute(db);
  for (const column of ['confirmed_at', 'confirmed_by']) await sql`ALTER TABLE code_links DROP COLUMN ${sql.ref(column)}`.execute(db);
  for (const column of ['failures', 'retry_at', 'last_error', 'claimed_until']) await sql`ALTER TABLE repositories DROP COLUMN ${sql.ref(column)}`.execute(db);
}
