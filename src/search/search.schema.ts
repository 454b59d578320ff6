// What the search routes accept.
import { z } from 'zod';
import { paperJsonSchema } from '../papers/papers.schema.ts';
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

export const searchResponseSchema = z.object({
  query: z.string(),
  mode: z.literal('keyword'),
  page: z.number().int(),
  limit: z.number().int(),
  hasMore: z.boolean(),
  loosened: z.boolean().describe('no paper had every word; these have any of them'),
  items: z.array(
    z.object({
      paper: paperJsonSchema,
      score: z.number().describe('BM25, higher is better'),
      snippet: z.string().describe('plain text'),
      highlight: z.object({ title: z.string(), snippet: z.string() }).describe('HTML-escaped text with <mark> around hits'),
    }),
  ),
});

export type SearchResponse = z.infer<typeof searchResponseSchema>;
