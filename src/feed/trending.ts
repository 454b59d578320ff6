// The trending score (docs/ranking.md): what the community did with a paper, discounted by how long ago it was listed.
//
//   points = upvotes + ½ × commenters
//   score  = log2(1 + points) + (days from 1991-01-01 to the paper's latest listing day)
//
// The log-plus-linear form is Reddit's "hot": one doubling of (1 + points) is worth one day of freshness.
// Its point is that the order of two papers never changes while nothing happens to them, so the score is
// computed once per event (a vote, a comment, a listing), stored in an indexed column, and no job has to
// re-score the corpus as time passes — unlike Hacker News' (P − 1) / (T + 2)^1.8, which moves every minute.

import { dayOf } from '../papers/paper.ts';

/** Before arXiv's first paper (August 1991), so every listing day counts positive. */
export const TRENDING_EPOCH = '1991-01-01';
/** A comment counts half an upvote, and only once per person: discussion is interest, a long argument is not. */
export const COMMENTER_WEIGHT = 0.5;
/** How much freshness one doubling of interest buys. */
export const DOUBLING_DAYS = 1;

const DAY_MS = 86_400_000;

export interface TrendingInputs {
  upvotes: number;
  /** Distinct people with a visible comment on the paper. */
  commenters: number;
  /** The latest day the paper was listed here (`YYYY-MM-DD`); null for a paper never listed. */
  listedDay: string | null;
}

export function trendingPoints({ upvotes, commenters }: TrendingInputs): number {
  return Math.max(0, upvotes) + COMMENTER_WEIGHT * Math.max(0, commenters);
}

function daysSinceEpoch(day: string): number {
  return (Date.parse(`${day}T00:00:00Z`) - Date.parse(`${TRENDING_EPOCH}T00:00:00Z`)) / DAY_MS;
}

export function trendingScore(inputs: TrendingInputs): number {
  const interest = Math.log2(1 + trendingPoints(inputs)) * DOUBLING_DAYS;
  return inputs.listedDay ? interest + daysSinceEpoch(inputs.listedDay) : interest;
}

export interface TrendingExplanation {
  points: number;
  /** log2(1 + points): the days of freshness the interest is worth. */
  interestDays: number;
  /** Whole days between the listing and `now`. */
  ageDays: number | null;
  text: string;
}

/** Why a paper ranks where it does, in words a reader follows. */
export function explainTrending(inputs: TrendingInputs, now: Date): TrendingExplanation {
  const points = trendingPoints(inputs);
  const interestDays = Math.log2(1 + points) * DOUBLING_DAYS;
  const ageDays = inputs.listedDay ? Math.max(0, Math.round(daysSinceEpoch(dayOf(now.toISOString())) - daysSinceEpoch(inputs.listedDay))) : null;
  const parts = [`${inputs.upvotes} ${inputs.upvotes === 1 ? 'upvote' : 'upvotes'}`];
  if (inputs.commenters > 0) parts.push(`${inputs.commenters} ${inputs.commenters === 1 ? 'commenter' : 'commenters'} (½ each)`);
  const age = ageDays === null ? 'never listed' : ageDays === 0 ? 'listed today' : `listed ${ageDays} ${ageDays === 1 ? 'day' : 'days'} ago`;
  const text = `${parts.join(' + ')} = ${formatNumber(points)} points, worth ${formatNumber(interestDays)} ${interestDays === 1 ? 'day' : 'days'} of freshness; ${age}.`;
  return { points, interestDays, ageDays, text };
}

function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2);
}
