// What the papers routes accept, and the paper JSON they answer with (the OpenAPI document reads both).
import { z } from 'zod';
import type { Same } from '../schema-check.ts';
import type { PaperJson } from './paper.ts';

export const paperParams = z.object({ id: z.string().min(1).max(200) });
/** A paper page's query: which page of its discussion. */
export const paperPageQuery = z.object({
  p: z.coerce.number().int().min(1, 'must be 1 or more').max(10_000).default(1),
  /** The comment just flagged: the page thanks the flagger there. */
  flagged: z.coerce.number().int().positive().max(2 ** 31).optional(),
});
export const oldStyleParams = z.object({ archive: z.string().min(1).max(40), number: z.string().min(1).max(40) });

const nullableText = z.string().nullable();

/** One repository of a paper (DESIGN: Papers, `code`). */
export const codeJsonSchema = z.object({
  url: z.string(),
  host: z.enum(['github', 'gitlab', 'codeberg', 'huggingface']),
  owner: z.string(),
  name: z.string(),
  official: z.boolean().describe('the authors\' own, as Papers with Code or Hugging Face say'),
  framework: nullableText,
  stars: z.number().int().nullable().describe('the latest count'),
  starsPerDay: z.number().describe('stars gained a day over the last 7 days'),
  source: z.enum(['text', 'huggingface', 'pwc', 'member']).describe("where the link came from: the paper's text, Hugging Face, the Papers with Code archive, a member"),
});

/** DESIGN's paper JSON shape. */
export const paperJsonSchema = z.object({
  id: z.string().describe('arXiv id without version (2401.01234, hep-th/9901001) or a local id'),
  version: z.number().int(),
  title: z.string(),
  abstract: z.string(),
  authors: z.array(z.object({ name: z.string() })),
  categories: z.array(z.string()),
  primaryCategory: nullableText,
  publishedAt: nullableText.describe('first version, ISO 8601'),
  updatedAt: nullableText.describe('latest version, ISO 8601'),
  doi: nullableText,
  journalRef: nullableText,
  comments: nullableText,
  links: z.object({ abs: nullableText, pdf: nullableText }),
  upvotes: z.number().int().describe('on-site upvotes'),
  numComments: z.number().int(),
  submittedBy: nullableText,
  code: z.array(codeJsonSchema).describe('repositories, best first'),
  projectPage: nullableText,
});

// The schema and the type the code builds must not drift apart: this fails to compile if they do.
export const paperJsonMatchesType: Same<z.infer<typeof paperJsonSchema>, PaperJson> = true;
