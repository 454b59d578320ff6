// One item of Hugging Face's /api/daily_papers response: the paper, the day it was featured, its HF signals.
import { z } from 'zod';
import { parseArxivId } from '../../papers/paper-id.ts';
import { foldWhitespace, normalizeAbstract } from '../../papers/paper-text.ts';
import { dayOf, type PaperInput } from '../../papers/paper.ts';
import { MAX_UPSTREAM_COUNT } from '../../papers/paper-limits.ts';
import { withoutControlCharacters } from '../../control-characters.ts';
import { describeIssue, isoDate } from './record.ts';

// A count past MAX_UPSTREAM_COUNT is clamped: one absurd item (2^31 upvotes) made PostgreSQL refuse, and roll back, its whole day.
const count = z.number().int().nonnegative().transform((n) => Math.min(n, MAX_UPSTREAM_COUNT)).nullish();

export const hfDailyItemSchema = z.object({
  paper: z.object({
    id: z.string({ error: 'missing paper.id' }),
    title: z.string({ error: 'missing paper.title' }),
    summary: z.string().nullish(),
    authors: z.array(z.object({ name: z.string() })).nullish(),
    publishedAt: z.string().nullish(),
    upvotes: count,
    githubRepo: z.string().max(500).nullish(),
    githubStars: count,
    projectPage: z.string().max(500).nullish(),
    // Hugging Face's own one-sentence summary and keywords: kept as its words, bounded, never required.
    ai_summary: z.string().max(2_000).nullish().catch(null),
    ai_keywords: z.array(z.string().max(100)).max(50).nullish().catch(null),
  }, { error: 'missing paper' }),
  /** When Hugging Face featured it. */
  publishedAt: z.string().nullish(),
  numComments: count,
});

export interface HfDailyItem {
  paper: PaperInput;
  /** The day it was featured, when the item says. */
  featuredDay: string | null;
  upvotes: number;
  comments: number;
  /** The code Hugging Face knows of: its repository, that repository's stars, the project page (code capability). */
  githubRepo: string | null;
  githubStars: number | null;
  projectPage: string | null;
  /** Hugging Face's one-sentence summary of the paper, and its keywords. */
  aiSummary: string | null;
  aiKeywords: string[];
}

export function parseHfDailyItem(value: unknown): { ok: true; item: HfDailyItem } | { ok: false; reason: string } {
  const parsed = hfDailyItemSchema.safeParse(value);
  if (!parsed.success) return { ok: false, reason: describeIssue(parsed.error) };
  const { paper, publishedAt, numComments } = parsed.data;
  const ref = parseArxivId(paper.id);
  if (!ref) return { ok: false, reason: `paper.id "${paper.id}" is not an arXiv id` };
  const title = foldWhitespace(paper.title);
  if (!title) return { ok: false, reason: 'missing paper.title' };
  const published = isoDate(paper.publishedAt);
  const featured = isoDate(publishedAt);
  return {
    ok: true,
    item: {
      // Hugging Face names no version: as version 1 it fills gaps but never overrides what arXiv sent.
      paper: {
        id: ref.id, version: 1, title, abstract: normalizeAbstract(paper.summary ?? ''),
        authors: (paper.authors ?? []).map((a) => ({ name: foldWhitespace(a.name) })).filter((a) => a.name),
        categories: [], primaryCategory: null, publishedAt: published, updatedAt: published,
        doi: null, journalRef: null, comments: null, versions: [{ version: 1, createdAt: published }],
      },
      featuredDay: featured ? dayOf(featured) : null,
      upvotes: paper.upvotes ?? 0,
      comments: numComments ?? 0,
      githubRepo: paper.githubRepo?.trim() || null,
      githubStars: paper.githubStars ?? null,
      projectPage: paper.projectPage?.trim() || null,
      aiSummary: foldWhitespace(withoutControlCharacters(paper.ai_summary ?? '')) || null,
      aiKeywords: [...new Set((paper.ai_keywords ?? []).map((k) => foldWhitespace(withoutControlCharacters(k))).filter(Boolean))].slice(0, 20),
    },
  };
}
