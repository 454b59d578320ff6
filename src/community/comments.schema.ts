// What the comment routes accept. Bodies are checked again by the service's rules (comment.ts).
import { rowId } from '../request-limits.ts';
import { z } from 'zod';
import type { Same } from '../schema-check.ts';
import type { CommentJson } from './comment.ts';

export const commentForm = z.object({
  body: z.string().max(20_000).default(''),
  parentId: rowId('parentId').optional().or(z.literal('').transform(() => undefined)),
});

export const commentJsonBody = z.object({
  body: z.string({ error: 'body is required: the comment, in Markdown' }).max(20_000),
  parentId: z.number().int().positive().max(2_147_483_647, 'no comment id is that large').nullable().optional(),
});

export const commentIdParams = z.object({ id: rowId('a comment id') });

/** A page of a paper's discussion (COMMENTS_PER_PAGE comments a page). */
export const commentsPageQuery = z.object({ p: z.coerce.number().int().min(1, 'must be 1 or more').max(10_000).default(1) });

export const flagForm = z.object({ reason: z.string().max(40).default('') });

export const editForm = z.object({ body: z.string().max(20_000).default('') });

export const commentJsonSchema = z.object({
  id: z.number().int(),
  paperId: z.string(),
  parentId: z.number().int().nullable(),
  author: z.object({ username: z.string(), displayName: z.string() }),
  body: z.string().nullable().describe('Markdown as written; null once deleted or hidden'),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  state: z.enum(['visible', 'deleted', 'hidden']),
});
export const commentJsonMatchesType: Same<z.infer<typeof commentJsonSchema>, CommentJson> = true;
