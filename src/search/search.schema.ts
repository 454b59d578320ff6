// What the search routes accept.
import { z } from 'zod';
import { paperJsonSchema } from '../papers/papers.schema.ts';
import { MAX_SEARCH_PAGE, searchModes } from './query.ts';

const page = z.coerce.number().int().min(1, 'must be 1 or more').max(MAX_SEARCH_PAGE, `at most ${MAX_SEARCH_PAGE}`).default(1);

const mode = z.enum(searchModes, { error: 'mode is keyword, semantic or hybrid' }).default('hybrid');
/** `spell=off`: the words as typed, never corrected ("Search instead for …"). */
const spell = z.enum(['off'], { error: 'spell is off, or absent' }).optional();

export const searchPageQuery = z.object({
  q: z.string().max(5000, 'at most 5000 characters').default(''),
  mode,
  p: page,
  spell,
});

export const searchApiQuery = z.object({
  q: z.string({ error: 'q is required' }).max(5000, 'at most 5000 characters'),
  mode,
  limit: z.coerce.number().int().min(1).max(100).default(20),
  p: page,
  spell,
});

export const searchResponseSchema = z.object({
  query: z.string(),
  mode: z.enum(searchModes).describe('the mode that answered: semantic and hybrid fall back to keyword until `paperboard reindex` has fitted a model'),
  page: z.number().int(),
  limit: z.number().int(),
  hasMore: z.boolean(),
  loosened: z.boolean().describe('no paper had every word; these have any of them'),
  matches: z.number().int().nullable().describe('papers with every word (exact up to 500, then `bounded`); listed first, before papers related by meaning; null when words played no part'),
  bounded: z.boolean().describe('more papers have the words than the 500 ranked'),
  didYouMean: z.string().nullable().describe("the query with unknown words corrected from this corpus's vocabulary (one edit), when one was"),
  correctedFrom: z.string().nullable().describe('set when nothing had the words as typed: the results are for `didYouMean`, and this is what was typed (`spell=off` searches it as typed)'),
  redirect: z.string().optional().describe("the query is one pasted paper reference (an arXiv id or URL, arXiv's DOI, a Hugging Face or alphaXiv papers URL): that paper's page, stored here or not"),
  items: z.array(
    z.object({
      paper: paperJsonSchema,
      score: z.number().describe('higher is better: BM25 (keyword), cosine similarity (semantic), both blended, each scaled by the best of its list, 0 to 1 (hybrid)'),
      snippet: z.string().describe('plain text'),
      highlight: z.object({ title: z.string(), snippet: z.string() }).describe('HTML-escaped text with <mark> around hits'),
      related: z.boolean().describe('near in meaning without every word: after the papers that have them'),
    }),
  ),
});

export type SearchResponse = z.infer<typeof searchResponseSchema>;

export const similarQuery = z.object({ limit: z.coerce.number().int().min(1).max(50).default(10) });

export const similarResponseSchema = z.object({
  id: z.string(),
  items: z.array(z.object({ paper: paperJsonSchema, similarity: z.number().describe('cosine similarity of the embeddings, 1 = same direction') })),
});

export const suggestQuery = z.object({ q: z.string().max(200, 'at most 200 characters').default('') });
export const suggestionsSchema = z.array(z.object({ id: z.string(), title: z.string() }));
