// Paperboard's own JSONL: one paper a line in the API's JSON shape (DESIGN: Papers), as exports write it.
import { z } from 'zod';
import { parsePaperRef } from '../../papers/paper-id.ts';
import { foldWhitespace, normalizeAbstract } from '../../papers/paper-text.ts';
import { blankToNull, describeIssue, isoDate, reject, type ParsedRecord } from './record.ts';

const author = z.union([z.string(), z.object({ name: z.string() })]).transform((a) => (typeof a === 'string' ? a : a.name));
const date = z.string().nullish().refine((text) => !text || isoDate(text) !== null, 'not a date');

export const paperJsonSchema = z.object({
  id: z.string({ error: 'missing id' }).min(1, 'missing id'),
  version: z.number().int().positive().nullish(),
  title: z.string({ error: 'missing title' }),
  abstract: z.string().nullish(),
  authors: z.array(author).nullish(),
  categories: z.array(z.string()).nullish(),
  primaryCategory: z.string().nullish(),
  publishedAt: date,
  updatedAt: date,
  doi: z.string().nullish(),
  journalRef: z.string().nullish(),
  comments: z.string().nullish(),
});

export function parsePaperJson(value: unknown): ParsedRecord {
  const parsed = paperJsonSchema.safeParse(value);
  if (!parsed.success) return reject(describeIssue(parsed.error));
  const record = parsed.data;
  const ref = parsePaperRef(record.id);
  if (!ref) return reject(`id "${record.id}" is neither an arXiv id nor a local id`);
  const title = foldWhitespace(record.title);
  if (!title) return reject('missing title');
  const version = record.version ?? ref.version ?? 1;
  const publishedAt = isoDate(record.publishedAt);
  const categories = record.categories ?? [];
  return {
    ok: true,
    paper: {
      id: ref.id,
      version,
      title,
      abstract: normalizeAbstract(record.abstract ?? ''),
      authors: (record.authors ?? []).map(foldWhitespace).filter(Boolean).map((name) => ({ name })),
      categories,
      primaryCategory: record.primaryCategory ?? categories[0] ?? null,
      publishedAt,
      updatedAt: isoDate(record.updatedAt) ?? publishedAt,
      doi: blankToNull(record.doi),
      journalRef: blankToNull(record.journalRef),
      comments: blankToNull(record.comments),
      versions: [{ version, createdAt: version === 1 ? publishedAt : isoDate(record.updatedAt) }],
    },
  };
}

/** Paperboard's shape has camelCase dates or authors as a list; the snapshot has neither. */
export function looksLikePaperJson(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  return Array.isArray((value as { authors?: unknown }).authors) || 'publishedAt' in value || 'primaryCategory' in value;
}
