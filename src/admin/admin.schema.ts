// What the admin page's forms accept: a paper to hide or feature, a member to give a role or block.
import { z } from 'zod';
import { roles } from '../accounts/account.ts';
import { moderationActions } from '../community/moderation.ts';

const note = z.string().trim().max(500, 'a note has at most 500 characters').optional().transform((text) => text || null);

export const paperActionForm = z.object({
  paper: z.string({ error: 'say which paper: an arXiv id or URL' }).trim().min(1, 'say which paper: an arXiv id or URL').max(300),
  action: z.enum(['hide', 'restore', 'feature', 'unfeature'], { error: 'action is hide, restore, feature or unfeature' }),
  note,
});

export const memberActionForm = z.object({
  member: z.string({ error: 'say which member: a username or an email address' }).trim().min(1, 'say which member: a username or an email address').max(254),
  action: z.enum(['role', 'block', 'unblock'], { error: 'action is role, block or unblock' }),
  role: z.enum(roles).optional(),
  note,
});

export const adminQuery = z.object({
  /** Members whose username or email holds this. */
  member: z.string().max(254).default(''),
  /** What was just done, said back to the one who did it. */
  done: z.enum(moderationActions).optional(),
  subject: z.string().max(300).optional(),
  /** What a refused form was refused for, said back. */
  unchanged: z.string().max(300).optional(),
});
