// Comments' rules: what a comment is, who may do what with it and when.
import { z } from 'zod';
import { holdsControlCharacters } from '../control-characters.ts';
import type { Person, User } from '../accounts/account.ts';
import { isModerator } from '../accounts/account.ts';

export const EDIT_WINDOW_MINUTES = 10;
export const MAX_COMMENT_LENGTH = 5000;

export const commentBodySchema = z
  .string({ error: 'write a comment first' })
  .trim()
  .min(1, 'write a comment first')
  .max(MAX_COMMENT_LENGTH, `a comment has at most ${MAX_COMMENT_LENGTH.toLocaleString('en')} characters`)
  .refine((text) => !holdsControlCharacters(text), 'a comment cannot hold control characters or text-direction overrides');

export const flagReasons = ['spam', 'abuse', 'off-topic', 'other'] as const;
export type FlagReason = (typeof flagReasons)[number];

export interface Comment {
  id: number;
  paperId: string;
  author: Person;
  /** Replies are one level deep: the parent is always a top-level comment. */
  parentId: number | null;
  body: string;
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
  hiddenAt: string | null;
  flagCount: number;
}

export interface CommentThread {
  comment: Comment;
  replies: Comment[];
  /** The thread began on an earlier page: its first comment is shown again for context. */
  continued?: boolean;
}

/** Comments on a page of a discussion (threads and replies together): a paper with 5,000 made a 3.3 MB page. */
export const COMMENTS_PER_PAGE = 100;

export interface DiscussionPage {
  threads: CommentThread[];
  page: number;
  pages: number;
  total: number;
}

export function isVisible(comment: Pick<Comment, 'deletedAt' | 'hiddenAt'>): boolean {
  return comment.deletedAt === null && comment.hiddenAt === null;
}

export function canEdit(comment: Comment, user: User | null, now: Date): boolean {
  return (
    user !== null &&
    user.id === comment.author.id &&
    isVisible(comment) &&
    now.getTime() - Date.parse(comment.createdAt) <= EDIT_WINDOW_MINUTES * 60_000
  );
}

export function canDelete(comment: Comment, user: User | null): boolean {
  return user !== null && user.id === comment.author.id && comment.deletedAt === null;
}

export function canModerate(user: User | null): boolean {
  return isModerator(user);
}

/**
 * What a reader sees of a comment: its text, or a placeholder that keeps the thread readable.
 * Moderators still read hidden text (to restore it); nobody reads deleted text.
 */
export function shownText(comment: Comment, viewer: User | null): { body: string | null; note: string | null } {
  if (comment.deletedAt) return { body: null, note: 'Deleted by its author.' };
  if (comment.hiddenAt) return { body: canModerate(viewer) ? comment.body : null, note: 'Hidden by a moderator.' };
  return { body: comment.body, note: null };
}

/** Threads as readers see them: a removed comment stays as a placeholder only while it has replies to hold. */
export function visibleThreads(threads: CommentThread[], viewer: User | null): CommentThread[] {
  const keep = (c: Comment) => isVisible(c) || (canModerate(viewer) && c.deletedAt === null);
  return threads
    .map((t) => ({ comment: t.comment, replies: t.replies.filter(keep) }))
    .filter((t) => keep(t.comment) || t.replies.length > 0);
}

/** The public JSON shape of a comment; removed comments keep their place but not their text. */
export interface CommentJson {
  id: number;
  paperId: string;
  parentId: number | null;
  author: { username: string; displayName: string };
  body: string | null;
  createdAt: string;
  editedAt: string | null;
  state: 'visible' | 'deleted' | 'hidden';
}

export function commentToJson(comment: Comment): CommentJson {
  const state = comment.deletedAt ? 'deleted' : comment.hiddenAt ? 'hidden' : 'visible';
  return {
    id: comment.id,
    paperId: comment.paperId,
    parentId: comment.parentId,
    author: { username: comment.author.username, displayName: comment.author.displayName },
    body: state === 'visible' ? comment.body : null,
    createdAt: comment.createdAt,
    editedAt: comment.editedAt,
    state,
  };
}
