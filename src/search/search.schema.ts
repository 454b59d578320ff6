// What the search routes accept.
import { z } from 'zod';
import { MAX_SEARCH_PAGE } from './query.ts';

const page = z.coerce.number().int().min(1, 'must be 1 or more').max(MAX_SEARCH_PAGE, `at most ${MAX_SEARCH_PAGE}`).default(1);

export const searchPageQuery = z.object({
  q: z.string().max(1000, 'at most 1000 characters').default(''),
  p: page,
});

export const searchApiQuery = z.object({
  q: z.string({ error: 'q is required' }).max(1000, 'at most 1000 characters'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  p: page,
});
