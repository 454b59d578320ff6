// What is known of a paper's code, and the rules on it: where a link came from, star counts over time and the growth
// they show, the JSON shape (DESIGN: Papers, `code`). Pure: no I/O.
import type { CodeHost, RepositoryRef } from './repository-url.ts';
import type { CodeJson } from '../papers/paper.ts';

/** Where a code link came from, strongest claim last: a member's word is shown as theirs. */
export const codeSources = ['text', 'huggingface', 'pwc', 'member'] as const;
export type CodeSource = (typeof codeSources)[number];

/** What GitHub says of a repository besides its stars. */
export interface RepositoryDetails {
  forks: number | null;
  language: string | null;
  license: string | null;
  topics: string[];
  description: string | null;
  archived: boolean;
  pushedAt: string | null;
}

export interface Repository extends RepositoryRef, RepositoryDetails {
  id: number;
  /** `gone`: the host answered 404 (shown, not deleted); `unknown`: never fetched. */
  status: 'unknown' | 'ok' | 'gone';
  stars: number | null;
  starsPerDay: number;
  fetchedAt: string | null;
  /** Hugging Face's likes and 30-day downloads of a model, dataset or Space: null when not known (GitHub's repositories). */
  likes: number | null;
  downloads: number | null;
}

export interface CodeLink {
  repository: Repository;
  source: CodeSource;
  official: boolean;
  framework: string | null;
  /** The member who added it (source `member`). */
  addedBy: string | null;
  /** Counts toward trending: any source's link but a member's, and a member's once a moderator or another source confirmed it. */
  confirmed: boolean;
}

/** One star count on one day: from a repository response, the history endpoint, or Hugging Face. */
export interface StarSample {
  day: string;
  stars: number;
}

const DAY_MS = 86_400_000;
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
/** The window star growth is measured over. */
export const GROWTH_WINDOW_DAYS = 7;

/**
 * Stars gained a day over the last week of samples: from the latest count back to the last one at least a week
 * older (or the oldest inside the week), per day between them. Never negative (unstarring is not anti-interest),
 * 0 with fewer than two counts.
 */
export function starsPerDay(samples: readonly StarSample[]): number {
  if (samples.length < 2) return 0;
  const sorted = [...samples].sort((a, b) => a.day.localeCompare(b.day));
  const latest = sorted.at(-1) as StarSample;
  const edge = dayNumber(latest.day) - GROWTH_WINDOW_DAYS;
  const before = sorted.filter((s) => dayNumber(s.day) <= edge).at(-1);
  const base = before ?? sorted.find((s) => s.day !== latest.day);
  if (!base) return 0;
  const days = dayNumber(latest.day) - dayNumber(base.day);
  return days > 0 ? Math.max(0, (latest.stars - base.stars) / days) : 0;
}

/** The main repository of a paper: an official one first, then the most starred, then the first linked. */
export function mainLink(links: readonly CodeLink[]): CodeLink | null {
  const rank = (l: CodeLink) => (l.confirmed ? 1 : 0) * 1e13 + (l.official ? 1 : 0) * 1e12 + (l.repository.stars ?? -1);
  return [...links].filter(isCode).sort((a, b) => rank(b) - rank(a))[0] ?? null;
}

/**
 * Code is a repository of source (GitHub, GitLab, Codeberg); a Hugging Face model, dataset or Space is not: the paper
 * page lists those apart, under "Models and datasets", and a card's code mark never names one.
 */
export function isCode(link: Pick<CodeLink, 'repository'>): boolean {
  return link.repository.host !== 'huggingface';
}

/** DESIGN's `code` entry of the paper JSON: the paper's shape owns it (papers/paper.ts); built here. */
export type { CodeJson } from '../papers/paper.ts';

export function codeToJson(link: CodeLink): CodeJson {
  const r = link.repository;
  return {
    url: r.url, host: r.host, owner: r.owner, name: r.name, official: link.official, framework: link.framework,
    stars: r.stars, starsPerDay: Math.round(r.starsPerDay * 100) / 100, source: link.source,
  };
}

/** A GitHub repository due for a refresh, and the papers that link to it. */
export interface RefreshCandidate {
  id: number;
  owner: string;
  name: string;
  paperPks: number[];
}

/**
 * The refresh's order, most valuable first: repositories of papers listed since `recentDay`, then by their papers'
 * best trending score, then by id; at most `limit`. `facts` holds what the papers service says of each paper.
 */
export function refreshOrder(
  candidates: readonly RefreshCandidate[],
  facts: ReadonlyMap<number, { trending: number; listedDay: string | null }>,
  recentDay: string,
  limit: number,
): RefreshCandidate[] {
  const ranked = candidates.map((candidate) => {
    let recent = false;
    let trending = Number.NEGATIVE_INFINITY;
    for (const pk of candidate.paperPks) {
      const fact = facts.get(pk);
      if (!fact) continue;
      if (fact.listedDay !== null && fact.listedDay >= recentDay) recent = true;
      trending = Math.max(trending, fact.trending);
    }
    return { candidate, recent, trending };
  });
  ranked.sort((a, b) => Number(b.recent) - Number(a.recent) || b.trending - a.trending || a.candidate.id - b.candidate.id);
  return ranked.slice(0, limit).map((r) => r.candidate);
}
