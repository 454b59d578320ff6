// Signing in by email link, sessions, and profiles. A link works once, for 15 minutes; neither links nor
// session ids are stored, only their hashes. Asking for a link answers the same for any address.
import type { Db } from '../db/database.ts';
import { openIntent, sealIntent, type SignInIntent } from './sign-in-intent.ts';
import { AppError, badRequest } from '../errors.ts';
import type { Mailer } from '../mail/mail.transport.ts';
import type { MailBudget } from '../mail/mail-budget.service.ts';
import { renderMail } from '../mail/mail-layout.view.tsx';
import {
  API_TOKEN_PREFIX, BLOCKED_MESSAGE, displayNameSchema, emailSchema, hashSecret, newSecret, SESSION_DAYS, SIGN_IN_LINK_MINUTES,
  tokenNameSchema, usernameFromEmail, usernameSchema, type ApiToken, type Role, type User,
} from './account.ts';
import * as repo from './accounts.repository.ts';
import type { Member, Person } from './account.ts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** last_seen_at is written at most this often per session: reads stay reads. */
const TOUCH_EVERY = 60 * MINUTE;

const memberFromRow = (row: repo.UserRow): Member => ({ ...repo.userFromRow(row), blockedAt: row.blocked_at });

function validEmail(input: string): string {
  const parsed = emailSchema.safeParse(input);
  if (!parsed.success) throw badRequest(`email: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}

export function createAccountsService(deps: { db: Db; mailer: Mailer; mailBudget: MailBudget; publicUrl: string; secret: string }) {
  const { db } = deps;

  async function freeUsername(wanted: string): Promise<string> {
    for (let n = 1; ; n += 1) {
      const candidate = n === 1 ? wanted : `${wanted.slice(0, 26)}-${n}`;
      if (!(await repo.findUserByUsername(db, candidate))) return candidate;
    }
  }

  async function userFor(email: string, now: Date, role: Role = 'user'): Promise<repo.UserRow> {
    const existing = await repo.findUserByEmail(db, email);
    if (existing) return existing;
    const username = await freeUsername(usernameFromEmail(email, role));
    return repo.insertUser(db, { email, username, displayName: username, role, now: now.toISOString() });
  }

  return {
    /** Mails a sign-in link. Known or not, the caller learns nothing about the address. */
    async requestSignIn(emailInput: string, now: Date = new Date(), client: { ip: string | null } = { ip: null }, intent: SignInIntent | null = null): Promise<void> {
      const email = validEmail(emailInput);
      // An address that has signed in before draws on the part of the hour's budget kept for members.
      const known = await repo.findUserByEmail(db, email);
      const knownAddress = known !== undefined;
      await deps.mailBudget.spend('sign-in', email, now, { ip: client.ip, knownAddress });
      if (known?.blocked_at) {
        // The page says the same for every address; the mail tells the owner of this one why no link came.
        const mail = renderMail({
          preheader: 'Your Paperboard account is blocked.',
          heading: 'Your account is blocked',
          paragraphs: [`Someone, hopefully you, asked to sign in to Paperboard with ${email}.`, BLOCKED_MESSAGE],
          footer: `Sent by Paperboard at ${deps.publicUrl}.`,
        });
        await deps.mailer.send({ to: email, subject: 'Your Paperboard account is blocked', ...mail });
        return;
      }
      const token = newSecret();
      await repo.deleteExpiredTokens(db, now.toISOString());
      await repo.insertSignInToken(db, {
        hash: hashSecret(token),
        email,
        now: now.toISOString(),
        expiresAt: new Date(now.getTime() + SIGN_IN_LINK_MINUTES * MINUTE).toISOString(),
      });
      // What the visitor was doing travels in the link, sealed to its token (sign-in-intent.ts).
      const sealed = intent ? `&intent=${encodeURIComponent(sealIntent(intent, token, deps.secret))}` : '';
      const url = `${deps.publicUrl}/login/verify?token=${encodeURIComponent(token)}${sealed}`;
      const mail = renderMail({
        preheader: `Your link to sign in to Paperboard, valid for ${SIGN_IN_LINK_MINUTES} minutes.`,
        heading: 'Sign in to Paperboard',
        paragraphs: [
          `Someone, hopefully you, asked to sign in to Paperboard with ${email}.`,
          `The link below works once, for ${SIGN_IN_LINK_MINUTES} minutes. If it was not you, ignore this mail: nothing happens without the link.`,
        ],
        action: { label: 'Sign in', url },
        footer: `Sent by Paperboard at ${deps.publicUrl}.`,
      });
      await deps.mailer.send({ to: email, subject: 'Your Paperboard sign-in link', ...mail });
    },

    /** Whether a link can still be used, without using it (the confirm page). */
    async peekSignIn(token: string, now: Date = new Date()): Promise<{ email: string } | null> {
      return (await repo.findUsableToken(db, hashSecret(token), now.toISOString())) ?? null;
    },

    /** Uses a link: returns a new session's id (for the cookie) and its user, or null when the link is spent. */
    async completeSignIn(token: string, context: { userAgent: string | null; now?: Date; intent?: string }): Promise<{ sessionId: string; user: User; intent: SignInIntent | null } | null> {
      const now = context.now ?? new Date();
      const email = await repo.useToken(db, hashSecret(token), now.toISOString());
      if (!email) return null;
      const user = await userFor(email, now);
      if (user.blocked_at) throw new AppError('forbidden', BLOCKED_MESSAGE);
      const sessionId = newSecret();
      await repo.insertSession(db, {
        hash: hashSecret(sessionId), userId: user.id, now: now.toISOString(),
        expiresAt: new Date(now.getTime() + SESSION_DAYS * DAY).toISOString(), userAgent: context.userAgent?.slice(0, 300) ?? null,
      });
      // Opened only with the token just used: an intent from another link, or changed, is none.
      return { sessionId, user: repo.userFromRow(user), intent: context.intent ? openIntent(context.intent, token, deps.secret) : null };
    },

    async userForSession(sessionId: string, now: Date = new Date()): Promise<User | null> {
      const hash = hashSecret(sessionId);
      const row = await repo.findSessionUser(db, hash, now.toISOString());
      if (!row) return null;
      if (now.getTime() - Date.parse(row.last_seen_at) > TOUCH_EVERY) await repo.touchSession(db, hash, now.toISOString());
      return repo.userFromRow(row);
    },

    signOut(sessionId: string): Promise<void> {
      return repo.deleteSession(db, hashSecret(sessionId));
    },

    /** Ends every session of the user, on every device. */
    signOutEverywhere(userId: number): Promise<number> {
      return repo.deleteUserSessions(db, userId);
    },

    async updateProfile(userId: number, input: { username: string; displayName: string; showUpvotes: boolean }): Promise<void> {
      const username = usernameSchema.safeParse(input.username);
      if (!username.success) throw badRequest(`username: ${username.error.issues[0]?.message}`);
      const displayName = displayNameSchema.safeParse(input.displayName);
      if (!displayName.success) throw badRequest(`display name: ${displayName.error.issues[0]?.message}`);
      const taken = await repo.findUserByUsername(db, username.data.toLowerCase());
      if (taken && taken.id !== userId) throw new AppError('conflict', `username: "${username.data}" is taken`);
      await repo.updateUser(db, userId, { username: username.data.toLowerCase(), displayName: displayName.data, showUpvotes: input.showUpvotes });
    },

    /** Makes a personal API token; the returned token is the only time it is seen. */
    async createApiToken(userId: number, nameInput: string, now: Date = new Date()): Promise<{ token: string; id: number }> {
      const name = tokenNameSchema.safeParse(nameInput);
      if (!name.success) throw badRequest(`name: ${name.error.issues[0]?.message}`);
      const token = API_TOKEN_PREFIX + newSecret();
      const id = await repo.insertApiToken(db, { userId, name: name.data, hash: hashSecret(token), now: now.toISOString() });
      return { token, id };
    },

    /** `paperboard token create EMAIL`: a token for an existing account, found by its address. */
    async createApiTokenFor(emailInput: string, name: string): Promise<{ token: string; user: User }> {
      const row = await repo.findUserByEmail(db, validEmail(emailInput));
      if (!row) throw new AppError('not_found', `no account has the address ${emailInput.trim()}; add it with "paperboard user add"`);
      const { token } = await this.createApiToken(row.id, name);
      return { token, user: repo.userFromRow(row) };
    },

    async userForApiToken(token: string, now: Date = new Date()): Promise<User | null> {
      if (!token.startsWith(API_TOKEN_PREFIX)) return null;
      const row = await repo.findTokenUser(db, hashSecret(token));
      if (!row) return null;
      if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) > TOUCH_EVERY) await repo.touchApiToken(db, row.token_id, now.toISOString());
      return repo.userFromRow(row);
    },

    apiTokens(userId: number): Promise<ApiToken[]> {
      return repo.listApiTokens(db, userId);
    },

    revokeApiToken(userId: number, tokenId: number): Promise<boolean> {
      return repo.deleteApiToken(db, userId, tokenId);
    },

    async usernames(ids: readonly number[]): Promise<Map<number, string>> {
      const people = await repo.peopleOf(db, ids);
      return new Map([...people].map(([id, person]) => [id, person.username]));
    },

    /** Usernames and display names, for bylines. */
    people(ids: readonly number[]): Promise<Map<number, Person>> {
      return repo.peopleOf(db, ids);
    },

    /** A member by username (case-insensitive: usernames are stored lower-cased); null when none. */
    async findByUsername(username: string): Promise<User | null> {
      const row = await repo.findUserByUsername(db, username.toLowerCase());
      return row ? repo.userFromRow(row) : null;
    },

    /** Members for the admin page, newest first; those whose email or username holds `query` when one is given. */
    async members(query: string, limit: number): Promise<Member[]> {
      return (await repo.listMembers(db, query.trim().slice(0, 254), limit)).map(memberFromRow);
    },

    /** A member by username or email; null when none. */
    async findMember(reference: string): Promise<Member | null> {
      const name = reference.trim().toLowerCase();
      const row = name.includes('@') ? await repo.findUserByEmail(db, name) : await repo.findUserByUsername(db, name);
      return row ? memberFromRow(row) : null;
    },

    /** Gives a member a role; the last admin keeps theirs (someone must be able to give roles). */
    async setRole(member: Member, role: Role): Promise<void> {
      if (member.role === 'admin' && role !== 'admin' && (await repo.countAdmins(db)) <= 1) {
        throw new AppError('conflict', `${member.username} is the only admin: make another member admin first.`);
      }
      await repo.updateUser(db, member.id, { role });
    },

    /**
     * Blocks a member (their sessions end, sign-in and API tokens are refused) or lifts the block. Returns the instant
     * of the block (the caller hides what they wrote as of it), or null when it was lifted. The last admin is never blocked.
     */
    async setBlocked(member: Member, blocked: boolean, now: Date = new Date()): Promise<string | null> {
      if (!blocked) {
        await repo.setBlocked(db, member.id, null);
        return null;
      }
      if (member.role === 'admin' && (await repo.countAdmins(db)) <= 1) throw new AppError('conflict', `${member.username} is the only admin and cannot be blocked.`);
      const at = now.toISOString();
      await db.transaction(async () => {
        await repo.setBlocked(db, member.id, at);
        await repo.deleteUserSessions(db, member.id);
      });
      return at;
    },

    /** `paperboard user add`: creates the account, or gives an existing one the role. */
    async addUser(emailInput: string, role: Role, now: Date = new Date()): Promise<{ user: User; created: boolean }> {
      const email = validEmail(emailInput);
      const existing = await repo.findUserByEmail(db, email);
      if (existing) {
        await repo.updateUser(db, existing.id, { role });
        return { user: repo.userFromRow({ ...existing, role }), created: false };
      }
      return { user: repo.userFromRow(await userFor(email, now, role)), created: true };
    },
  };
}

export type AccountsService = ReturnType<typeof createAccountsService>;
