// What a paper is, how its links are built, and the JSON shape every API and export speaks (DESIGN: Papers).
import { isLocalId } from './paper-id.ts';

export interface Author {
  name: string;
  /** As the source gives them (arXiv API, OAI-PMH); absent when unknown. */
  affiliations?: string[];
}

export interface PaperVersion {
  version: number;
  createdAt: string | null;
}

/** What is known of a paper: the fields every shape of it shares. */
export interface PaperMetadata {
  id: string;
  version: number;
  title: string;
  abstract: string;
  authors: Author[];
  categories: string[];
  primaryCategory: string | null;
  publishedAt: string | null;
  updatedAt: string | null;
  doi: string | null;
  journalRef: string | null;
  comments: string | null;
}

/** A paper as a source delivers it, already validated and normalised. */
export interface PaperInput extends PaperMetadata {
  versions: PaperVersion[];
}

/** A stored paper. */
export interface Paper extends PaperMetadata {
  /** The internal key other tables reference it by (never shown: the id is what people and APIs use). */
  pk: number;
  isDemo: boolean;
  firstSeenAt: string;
  /** On-site upvotes. */
  upvotes: number;
  /** Visible comments, and the distinct people who wrote them. */
  numComments: number;
  commenters: number;
  /** The stored trending score (papers/trending.ts). */
  trending: number;
  /** Where the paper says its project page is; null when it names none. */
  projectPage: string | null;
  /** Its main repository's stars, and their growth a day this week (code capability); 0 without code. */
  codeStars: number;
  codeStarsPerDay: number;
  /** Upvotes on Hugging Face's daily papers. */
  hfUpvotes: number;
  /** It links to code (a repository, any source): what `has:code` finds. */
  hasCode: boolean;
  /** When a moderator hid it: only moderators see it then (and may restore it). */
  hiddenAt: string | null;
  /** When a moderator featured it on the front page. */
  featuredAt: string | null;
}

/** A stored paper as other capabilities name it: its id, and the key their tables reference it by. */
export type PaperRef = Pick<Paper, 'id' | 'pk'>;

/** A paper's searchable text: what keyword search scores and highlights. */
export interface PaperText {
  pk: number;
  id: string;
  title: string;
  abstract: string;
  /** The names joined by ", ". */
  authorNames: string;
}

/** What the keyword index is written from: the text, and the facts its filters ask for. */
export interface IndexablePaper extends PaperText {
  categories: string[];
  publishedAt: string | null;
  hasCode: boolean;
}

/** Papers whose searchable text was written or removed: told to listeners inside the writing transaction. */
export interface TextChange {
  /** Papers stored for the first time. */
  added: IndexablePaper[];
  /** Stored papers whose text, categories, date or code mark changed. */
  revised: IndexablePaper[];
  removed: number[];
}

/** What another site says of a paper (Hugging Face's upvotes): shown beside, never added to, on-site votes. */
export interface ExternalSignal {
  id: string;
  source: string;
  upvotes: number;
  comments: number;
  /** What the source writes of the paper in a sentence (Hugging Face's `ai_summary`), and its keywords. */
  summary?: string | null;
  keywords?: readonly string[] | null;
}

/** What Hugging Face wrote of a paper: its one-sentence summary and keywords. */
export interface SourceSummary {
  summary: string | null;
  keywords: string[];
}

export type ListingReason = 'imported' | 'harvested' | 'submitted' | 'featured' | 'demo';

export interface PaperLinks {
  abs: string | null;
  pdf: string | null;
}

/** The public JSON shape of a paper (DESIGN: Papers). */
export interface PaperJson extends PaperMetadata {
  links: PaperLinks;
  upvotes: number;
  numComments: number;
  submittedBy: string | null;
  code: CodeJson[];
  projectPage: string | null;
}

export function paperLinks(id: string, version?: number): PaperLinks {
  if (isLocalId(id)) return { abs: null, pdf: null };
  const versioned = version ? `${id}v${version}` : id;
  return { abs: `https://arxiv.org/abs/${versioned}`, pdf: `https://arxiv.org/pdf/${versioned}` };
}

/**
 * DESIGN's `code` entry of the paper JSON: one repository of the paper's code, as the code capability builds it
 * (code/code.ts codeToJson; a host or source it adds must be added here, or that function stops compiling).
 */
export interface CodeJson {
  url: string;
  host: 'github' | 'gitlab' | 'codeberg' | 'huggingface';
  owner: string;
  name: string;
  official: boolean;
  framework: string | null;
  stars: number | null;
  starsPerDay: number;
  source: 'text' | 'huggingface' | 'pwc' | 'member';
}

/** What the community and the code capability added to a paper beyond its stored counters. */
export interface PaperSignals {
  /** Username of whoever submitted it most recently. */
  submittedBy: string | null;
  /** Its repositories, best first (code/code.ts). */
  code?: CodeJson[];
}

export const noSignals: PaperSignals = { submittedBy: null };

export function paperToJson(paper: Paper, signals: PaperSignals = noSignals): PaperJson {
  return {
    id: paper.id,
    version: paper.version,
    title: paper.title,
    abstract: paper.abstract,
    authors: paper.authors.map((a) => ({ name: a.name })),
    categories: paper.categories,
    primaryCategory: paper.primaryCategory,
    publishedAt: paper.publishedAt,
    updatedAt: paper.updatedAt,
    doi: paper.doi,
    journalRef: paper.journalRef,
    comments: paper.comments,
    links: paperLinks(paper.id),
    upvotes: paper.upvotes,
    numComments: paper.numComments,
    submittedBy: signals.submittedBy,
    code: signals.code ?? [],
    projectPage: paper.projectPage,
  };
}

/** The day (UTC) a timestamp falls on, `YYYY-MM-DD`. */
export function dayOf(timestamp: string): string {
  return timestamp.slice(0, 10);
}
