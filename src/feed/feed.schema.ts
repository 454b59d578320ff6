// What the feed routes accept, and the daily papers JSON they answer with.
import { z } from 'zod';
import type { Same } from '../schema-check.ts';
import type { DailyPaperJson } from './daily-papers.ts';

const page = z.coerce.number().int().min(1, 'must be 1 or more').max(1000).default(1);

export const feedPageQuery = z.object({ p: page });

export const dailyPapersQuery = z
  .object({
    date: z.string().optional(),
    week: z.string().optional(),
    month: z.string().optional(),
    sort: z.enum(['publishedAt']).default('publishedAt'),
    limit: z.coerce.number().int().min(1).max(100).default(50),
    p: page,
  })
  .refine((q) => [q.date, q.week, q.month].filter(Boolean).length <= 1, 'give one of date, week or month');

export const jumpQuery = z.object({ d: z.string().optional() });

/** An item of /api/daily_papers, in Hugging Face's shape. */
export const dailyPaperJsonSchema = z.object({
  paper: z.object({
    id: z.string(),
    title: z.string(),
    summary: z.string(),
    authors: z.array(z.object({ name: z.string() })),
    publishedAt: z.string().nullable(),
    upvotes: z.number().int(),
  }),
  publishedAt: z.string().describe('the listing day, midnight UTC'),
  title: z.string(),
  summary: z.string(),
  numComments: z.number().int(),
  submittedBy: z.string().nullable(),
});

export const dailyPaperJsonMatchesType: Same<z.infer<typeof dailyPaperJsonSchema>, DailyPaperJson> = true;
