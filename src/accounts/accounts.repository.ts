// All SQL on users, sign-in tokens and sessions.
import { sql, type Selectable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { UsersTable } from '../db/schema.ts';
import type { ApiToken, Person, Role, User } from './account.ts';

export type UserRow = Selectable<UsersTable>;

export function userFromRow(row: UserRow): User {
  return {
    id: row.id, email: row.email, username: row.username, displayName: row.display_name, role: row.role, createdAt: row.created_at,
    showUpvotes: row.show_upvotes === 1,
  };
}

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return db.kysely.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function findUserByUsername(db: Db, username: string): Promise<UserRow | undefined> {
  return db.kysely.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function insertUser(db: Db, user: { email: string; username: string; displayName: string; role: Role; now: string }): Promise<UserRow> {
  return db.kysely
    .insertInto('users')
    .values({ email: user.email, username: user.username, display_name: user.displayName, role: user.role, created_at: user.now })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateUser(db: Db, id: number, changes: { username?: string; displayName?: string; role?: Role; showUpvotes?: boolean }): Promise<void> {
  await db.kysely
    .updateTable('users')
    .set({
      ...(changes.username ? { username: changes.username } : {}),
      ...(changes.displayName ? { display_name: changes.displayName } : {}),
      ...(changes.role ? { role: changes.role } : {}),
      ...(changes.showUpvotes === undefined ? {} : { show_upvotes: changes.showUpvotes ? 1 : 0 }),
    })
    .where('id', '=', id)
    .execute();
}

export async function insertSignInToken(db: Db, token: { hash: string; email: string; now: string; expiresAt: string }): Promise<void> {
  await db.kysely
    .insertInto('sign_in_tokens')
    .values({ token_hash: token.hash, email: token.email, created_at: token.now, expires_at: token.expiresAt })
    .execute();
}

export async function findUsableToken(db: Db, hash: string, now: string): Promise<{ email: string } | undefined> {
  return db.kysely
    .selectFrom('sign_in_tokens')
    .select('email')
    .where('token_hash', '=', hash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

/** Marks a token used; true only for the one request that used it (single use, even under races). */
export async function useToken(db: Db, hash: string, now: string): Promise<string | null> {
  const row = await db.kysely
    .updateTable('sign_in_tokens')
    .set({ used_at: now })
    .where('token_hash', '=', hash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('email')
    .executeTakeFirst();
  return row?.email ?? null;
}

export async function deleteExpiredTokens(db: Db, now: string): Promise<void> {
  await db.kysely.deleteFrom('sign_in_tokens').where('expires_at', '<', now).execute();
}

export async function insertSession(db: Db, session: { hash: string; userId: number; now: string; expiresAt: string; userAgent: string | null }): Promise<void> {
  await db.kysely
    .insertInto('sessions')
    .values({ id_hash: session.hash, user_id: session.userId, created_at: session.now, last_seen_at: session.now, expires_at: session.expiresAt, user_agent: session.userAgent })
    .execute();
}

export async function findSessionUser(db: Db, hash: string, now: string): Promise<(UserRow & { last_seen_at: string }) | undefined> {
  return db.kysely
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .selectAll('u')
    .select('s.last_seen_at')
    .where('s.id_hash', '=', hash)
    .where('s.expires_at', '>', now)
    .where('u.blocked_at', 'is', null)
    .executeTakeFirst();
}

export async function touchSession(db: Db, hash: string, now: string): Promise<void> {
  await db.kysely.updateTable('sessions').set({ last_seen_at: now }).where('id_hash', '=', hash).execute();
}

export async function deleteSession(db: Db, hash: string): Promise<void> {
  await db.kysely.deleteFrom('sessions').where('id_hash', '=', hash).execute();
}

export async function deleteUserSessions(db: Db, userId: number): Promise<number> {
  const result = await db.kysely.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function insertApiToken(db: Db, token: { userId: number; name: string; hash: string; now: string }): Promise<number> {
  const row = await db.kysely
    .insertInto('api_tokens')
    .values({ user_id: token.userId, name: token.name, token_hash: token.hash, created_at: token.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findTokenUser(db: Db, hash: string): Promise<(UserRow & { token_id: number; last_used_at: string | null }) | undefined> {
  return db.kysely
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .selectAll('u')
    .select(['t.id as token_id', 't.last_used_at'])
    .where('t.token_hash', '=', hash)
    .where('u.blocked_at', 'is', null)
    .executeTakeFirst();
}

export async function touchApiToken(db: Db, id: number, now: string): Promise<void> {
  await db.kysely.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', id).execute();
}

export async function listApiTokens(db: Db, userId: number): Promise<ApiToken[]> {
  const rows = await db.kysely.selectFrom('api_tokens').select(['id', 'name', 'created_at', 'last_used_at']).where('user_id', '=', userId).orderBy('id', 'desc').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at, lastUsedAt: r.last_used_at }));
}

export async function deleteApiToken(db: Db, userId: number, id: number): Promise<boolean> {
  const result = await db.kysely.deleteFrom('api_tokens').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export async function peopleOf(db: Db, ids: readonly number[]): Promise<Map<number, Person>> {
  if (ids.length === 0) return new Map();
  const rows = await db.kysely.selectFrom('users').select(['id', 'username', 'display_name']).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((r) => [r.id, { id: r.id, username: r.username, displayName: r.display_name }]));
}

/** Blocks a member (`at` an instant) or lifts the block (null). */
export async function setBlocked(db: Db, id: number, at: string | null): Promise<void> {
  await db.kysely.updateTable('users').set({ blocked_at: at }).where('id', '=', id).execute();
}

export async function findUserById(db: Db, id: number): Promise<UserRow | undefined> {
  return db.kysely.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Members for the admin page, newest first: all, or those whose email or username holds `query`
 * (case-insensitive: both are stored lower-cased).
 */
export async function listMembers(db: Db, query: string, limit: number): Promise<UserRow[]> {
  let select = db.kysely.selectFrom('users').selectAll();
  if (query) {
    const pattern = `%${query.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    select = select.where((eb) => eb.or([eb('email', 'like', sql<string>`${pattern} ESCAPE '\\'`), eb('username', 'like', sql<string>`${pattern} ESCAPE '\\'`)]));
  }
  return select.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

export async function countAdmins(db: Db): Promise<number> {
  const row = await db.kysely.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).where('role', '=', 'admin').where('blocked_at', 'is', null).executeTakeFirst();
  return Number(row?.n ?? 0);
}
