// What the author routes accept and answer.
import { z } from 'zod';
import { paperJsonSchema } from '../papers/papers.schema.ts';

export const authorParams = z.object({
  name: z.string().trim().min(1, 'give an author name').max(300, 'an author name has at most 300 characters'),
});

export const authorResponseSchema = z.object({
  name: z.string().describe('the name as the papers write it most often'),
  papers: z.array(paperJsonSchema).describe('newest first, 100 at most'),
  coAuthors: z.array(z.object({ name: z.string(), papers: z.number().int() })).describe('by shared papers, most first'),
});

export type AuthorResponse = z.infer<typeof authorResponseSchema>;
