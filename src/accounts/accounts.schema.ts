// What the account routes accept.
import { rowId } from '../request-limits.ts';
import { z } from 'zod';

export const loginBody = z.object({ email: z.string().max(1000).default('') });
export const tokenQuery = z.object({ token: z.string().max(200).default('') });
export const tokenBody = z.object({ token: z.string().max(200).default('') });
export const profileBody = z.object({
  username: z.string().max(200).default(''),
  displayName: z.string().max(500).default(''),
  // An unchecked checkbox sends nothing.
  showUpvotes: z.literal('on').optional().transform((v) => v === 'on'),
});
export const tokenNameBody = z.object({ name: z.string().max(500).default('') });
export const tokenIdParams = z.object({ id: rowId('a token id') });
