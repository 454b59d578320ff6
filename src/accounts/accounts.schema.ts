// What the account routes accept.
import { rowId } from '../request-limits.ts';
import { z } from 'zod';

/** What a visitor was doing when asked to sign in (http/sign-in-path.ts): read leniently, judged by intentFrom. */
const intentFields = { do: z.string().max(40).optional(), paper: z.string().max(200).optional(), next: z.string().max(2000).optional() };
export const loginQuery = z.object(intentFields);
export const loginBody = z.object({ email: z.string().max(1000).default(''), ...intentFields });
export const tokenQuery = z.object({ token: z.string().max(200).default(''), intent: z.string().max(2000).optional() });
export const tokenBody = z.object({ token: z.string().max(200).default(''), intent: z.string().max(2000).optional() });
export const profileBody = z.object({
  username: z.string().max(200).default(''),
  displayName: z.string().max(500).default(''),
  // An unchecked checkbox sends nothing.
  showUpvotes: z.literal('on').optional().transform((v) => v === 'on'),
});
export const tokenNameBody = z.object({ name: z.string().max(500).default('') });
export const tokenIdParams = z.object({ id: rowId('a token id') });
