// What the feed routes accept, and the daily papers JSON they answer with.
import { CATEGORY_PATTERN } from '../papers/paper-limits.ts';
import { z } from 'zod';
import type { Same } from '../schema-check.ts';
import type { DailyPaperJson } from './daily-papers.ts';

const page = z.coerce.number().int().min(1, 'must be 1 or more').max(1000).default(1);

/** How a listing is sorted: in URLs "newest" (people's word), in the API "publishedAt" (Hugging Face's). */
export const feedPageQuery = z.object({
  p: page,
  sort: z.enum(['trending', 'newest'], { error: 'sort is trending or newest' }).default('trending'),
});

export const trendingQuery = z.object({
  p: page,
  limit: z.coerce.number().int().min(1).max(100).default(30),
  by: z.enum(['score', 'stars'], { error: 'by is score or stars' }).default('score').describe('stars: trending by code, the star growth of the papers\' repositories'),
});

export const dailyPapersQuery = z
  .object({
    date: z.string().optional(),
    week: z.string().optional(),
    month: z.string().optional(),
    sort: z.enum(['trending', 'publishedAt'], { error: 'sort is trending or publishedAt' }).default('publishedAt'),
    limit: z.coerce.number().int().min(1).max(100).default(50),
    p: page,
  })
  .refine((q) => [q.date, q.week, q.month].filter(Boolean).length <= 1, 'give one of date, week or month');

export const jumpQuery = z.object({ d: z.string().optional() });

/** An arXiv category as arXiv writes it: an archive (`hep-th`, `cs`) and, for most, a subject (`cs.LG`, `math.AG`). */
export const categoryParams = z.object({
  cat: z.string().regex(CATEGORY_PATTERN, 'is not an arXiv category (cs.LG, hep-th, …)'),
});

/** A category's page: one day (`d`), week or month; the latest day by default. */
export const categoryPageQuery = z
  .object({ d: z.string().optional(), week: z.string().optional(), month: z.string().optional(), p: page, sort: feedPageQuery.shape.sort })
  .refine((q) => [q.d, q.week, q.month].filter(Boolean).length <= 1, 'give one of d, week or month');

export const categoryApiQuery = z
  .object({ date: z.string().optional(), week: z.string().optional(), month: z.string().optional(), p: page, limit: z.coerce.number().int().min(1).max(100).default(30), sort: z.enum(['trending', 'publishedAt'], { error: 'sort is trending or publishedAt' }).default('trending') })
  .refine((q) => [q.date, q.week, q.month].filter(Boolean).length <= 1, 'give one of date, week or month');

/** An item of /api/daily_papers, in Hugging Face's shape. */
export const dailyPaperJsonSchema = z.object({
  paper: z.object({
    id: z.string(),
    title: z.string(),
    summary: z.string(),
    authors: z.array(z.object({ name: z.string() })),
    publishedAt: z.string().nullable(),
    upvotes: z.number().int(),
    githubRepo: z.string().optional().describe("the paper's main GitHub repository (absent without one)"),
    githubStars: z.number().int().optional().describe("that repository's stars, when counted"),
    projectPage: z.string().optional(),
    ai_summary: z.string().optional().describe("Hugging Face's one-sentence summary, when it featured the paper"),
    ai_keywords: z.array(z.string()).optional(),
  }),
  publishedAt: z.string().describe('the listing day, midnight UTC'),
  title: z.string(),
  summary: z.string(),
  numComments: z.number().int(),
  submittedBy: z.object({ name: z.string() }).optional().describe('the member who submitted it'),
});

export const dailyPaperJsonMatchesType: Same<z.infer<typeof dailyPaperJsonSchema>, DailyPaperJson> = true;

/** An item of /api/trending: the daily papers item, with the score and what it is made of. */
export const trendingJsonSchema = dailyPaperJsonSchema.extend({
  trending: z.object({
    score: z.number().describe('log2(1 + points) + days from 1991-01-01 to the latest listing day (docs/ranking.md)'),
    points: z.number().describe('upvotes + ½ × distinct commenters + the weighted Hugging Face upvotes and stars a day (docs/ranking.md)'),
    listedDay: z.string().nullable(),
    explanation: z.string(),
    stars: z.number().describe("the paper's main repository's stars (0 without code)"),
    starsPerDay: z.number().describe('the stars it gained a day over the last week: what trending by code orders by'),
  }),
});
