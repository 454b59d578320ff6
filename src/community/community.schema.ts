// What the community routes accept.
import { z } from 'zod';
import type { Same } from '../schema-check.ts';
import type { VoteState } from './community.service.ts';

export const submitBody = z.object({ id: z.string({ error: 'id is required: an arXiv id or URL' }).max(300) });
export const profileQuery = z.object({ p: z.coerce.number().int().min(1, 'must be 1 or more').max(1000).default(1) });

export const submitForm = z.object({ reference: z.string().max(300).default('') });

export const submittedSchema = z.object({
  id: z.string(),
  day: z.string().describe('the listing day it entered, YYYY-MM-DD'),
  submittedBy: z.string(),
  links: z.object({ page: z.string() }),
});

export const voteStateSchema = z.object({ id: z.string(), upvoted: z.boolean(), upvotes: z.number().int() });
export const voteStateMatchesType: Same<z.infer<typeof voteStateSchema>, VoteState> = true;
