// Accounts' rules: roles, email and username forms, secrets and their hashes, how long things last.
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { holdsControlCharacters } from '../control-characters.ts';
import type { Viewer } from '../http/viewer.ts';
import type { Same } from '../schema-check.ts';

export const roles = ['user', 'moderator', 'admin'] as const;
export type Role = (typeof roles)[number];

export interface User {
  id: number;
  email: string;
  username: string;
  displayName: string;
  role: Role;
  createdAt: string;
  /** Whether the profile page lists the papers this member upvoted. */
  showUpvotes: boolean;
}

/** A member as the admin page lists them: with when they were blocked, if they are. */
export interface Member extends User {
  blockedAt: string | null;
}

export const BLOCKED_MESSAGE = "This account is blocked by the site's admins. If you think that is a mistake, write to them.";

/** The web kit's viewer is a member: one shape, checked here (http/ knows no capability, so it declares its own). */
export const userIsTheViewer: Same<User, Viewer> = true;

/** What others see of a member next to what they wrote. */
export interface Person {
  id: number;
  username: string;
  displayName: string;
}

export function isModerator(user: Pick<User, 'role'> | null): boolean {
  return user?.role === 'moderator' || user?.role === 'admin';
}

export const SIGN_IN_LINK_MINUTES = 15;
export const SESSION_DAYS = 30;

export const emailSchema = z
  .string({ error: 'enter an email address' })
  .trim()
  .toLowerCase()
  .max(254, 'that email address is too long')
  .pipe(z.email({ error: 'enter an email address like name@example.org' }));

/** Names that would read as the site or its staff speaking: no member takes one, by choice or from their address. */
const RESERVED_NAMES = new Set([
  'admin', 'administrator', 'admins', 'moderator', 'moderators', 'mod', 'mods', 'root', 'system', 'staff', 'support',
  'security', 'official', 'paperboard', 'team', 'owner', 'anonymous', 'deleted', 'null', 'undefined', 'api', 'help',
  'arxiv', 'huggingface', 'github', 'webmaster', 'postmaster', 'abuse', 'noreply', 'no-reply',
]);
/** A role in brackets, "(moderator)" or "[admin]", makes a display name read as staff. */
const ROLE_IN_BRACKETS = /[([{<]\s*(admin|administrator|moderator|mod|staff|official|team|paperboard|support)\s*[)\]}>]/i;

export const isReservedName = (name: string) => RESERVED_NAMES.has(name.trim().toLowerCase().replace(/[-_]+/g, '-'));

export const usernameSchema = z
  .string()
  .trim()
  .min(2, 'a username has at least 2 characters')
  .max(30, 'a username has at most 30 characters')
  .regex(/^[a-z0-9][a-z0-9_-]*$/i, 'a username uses letters, digits, - and _, and starts with a letter or digit')
  .refine((name) => !isReservedName(name), 'that username is kept for the site itself: choose another');

export const displayNameSchema = z
  .string()
  .trim()
  .min(1, 'a display name cannot be empty')
  .max(60, 'a display name has at most 60 characters')
  .refine((text) => !holdsControlCharacters(text), 'a display name cannot hold control characters or text-direction overrides')
  .refine((text) => !isReservedName(text) && !ROLE_IN_BRACKETS.test(text), 'a display name cannot read as the site or a role (admin, moderator, …)');

/** A secret for a link or a cookie: 32 random bytes, URL-safe. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** What is stored instead of a secret: a leaked table opens no account. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** A first username from the email's local part: "Ada.Lovelace+papers@x" → "ada-lovelace"; "admin@x" → "reader-admin" for a member. */
export function usernameFromEmail(email: string, role: Role = 'user'): string {
  const local = (email.split('@')[0] ?? '').split('+')[0] ?? '';
  const cleaned = local.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^[-_]+|[-_]+$/g, '').slice(0, 24);
  // A reserved name goes to staff the operator makes (`paperboard user add admin@… --role admin`), never to a member.
  return cleaned.length >= 2 && (role !== 'user' || !isReservedName(cleaned)) ? cleaned : `reader-${cleaned || 'x'}`;
}

export interface ApiToken {
  id: number;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

/** API tokens say what they are ("pb_…"), so a leaked one is easy to recognise in logs and scanners. */
export const API_TOKEN_PREFIX = 'pb_';

export const tokenNameSchema = z.string().trim().min(1, 'name the token (where it is used)').max(60, 'a token name has at most 60 characters');
