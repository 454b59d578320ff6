// The `/api/daily_papers` item, shaped like Hugging Face's daily papers API so its clients work unchanged.
import type { Paper, PaperSignals } from '../papers/paper.ts';
import { noSignals } from '../papers/paper.ts';

export interface DailyPaperJson {
  paper: {
    id: string;
    title: string;
    summary: string;
    authors: Array<{ name: string }>;
    publishedAt: string | null;
    upvotes: number;
  };
  /** When the paper was listed (the listing day, midnight UTC). */
  publishedAt: string;
  title: string;
  summary: string;
  numComments: number;
  submittedBy: string | null;
}

export function toDailyPaperJson(paper: Paper, day: string, signals: PaperSignals = noSignals): DailyPaperJson {
  return {
    paper: {
      id: paper.id,
      title: paper.title,
      summary: paper.abstract,
      authors: paper.authors.map((a) => ({ name: a.name })),
      publishedAt: paper.publishedAt,
      upvotes: paper.upvotes,
    },
    publishedAt: `${day}T00:00:00.000Z`,
    title: paper.title,
    summary: paper.abstract,
    numComments: paper.numComments,
    submittedBy: signals.submittedBy,
  };
}
