// The `/api/daily_papers` item, shaped like Hugging Face's daily papers API so its clients work unchanged: HF's keys,
// with HF's types, wherever Paperboard knows the value, and absent where it does not (as HF leaves out `githubRepo`
// for a paper without code). test/feed/hf-contract.test.ts reads the recorded HF sample and these items with one schema.
import type { Paper, PaperSignals } from '../papers/paper.ts';
import { noSignals } from '../papers/paper.ts';

/** What other capabilities know of a listed paper that HF's item carries: its code and HF's own words. */
export interface DailyPaperExtras {
  /** The paper's main GitHub repository and its stars. */
  githubRepo: string | null;
  githubStars: number | null;
  aiSummary: string | null;
  aiKeywords: readonly string[];
}

export const noExtras: DailyPaperExtras = { githubRepo: null, githubStars: null, aiSummary: null, aiKeywords: [] };

export interface DailyPaperJson {
  paper: {
    id: string;
    title: string;
    summary: string;
    authors: Array<{ name: string }>;
    publishedAt: string | null;
    upvotes: number;
    githubRepo?: string;
    githubStars?: number;
    projectPage?: string;
    ai_summary?: string;
    ai_keywords?: string[];
  };
  /** When the paper was listed (the listing day, midnight UTC). */
  publishedAt: string;
  title: string;
  summary: string;
  numComments: number;
  /** The member who submitted it, as HF names its submitter: an object with the name. */
  submittedBy?: { name: string };
}

export function toDailyPaperJson(paper: Paper, day: string, signals: PaperSignals = noSignals, extras: DailyPaperExtras = noExtras): DailyPaperJson {
  return {
    paper: {
      id: paper.id,
      title: paper.title,
      summary: paper.abstract,
      authors: paper.authors.map((a) => ({ name: a.name })),
      publishedAt: paper.publishedAt,
      upvotes: paper.upvotes,
      ...(extras.githubRepo ? { githubRepo: extras.githubRepo } : {}),
      ...(extras.githubRepo && extras.githubStars !== null ? { githubStars: extras.githubStars } : {}),
      ...(paper.projectPage ? { projectPage: paper.projectPage } : {}),
      ...(extras.aiSummary ? { ai_summary: extras.aiSummary } : {}),
      ...(extras.aiKeywords.length > 0 ? { ai_keywords: [...extras.aiKeywords] } : {}),
    },
    publishedAt: `${day}T00:00:00.000Z`,
    title: paper.title,
    summary: paper.abstract,
    numComments: paper.numComments,
    ...(signals.submittedBy ? { submittedBy: { name: signals.submittedBy } } : {}),
  };
}
