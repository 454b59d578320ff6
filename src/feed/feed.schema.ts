// What the feed routes accept.
import { z } from 'zod';

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
