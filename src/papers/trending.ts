// The trending score (docs/ranking.md): the interest a paper draws, discounted by how long ago it was listed.
//
//   points = upvotes + ½ × commenters + w_hf × Hugging Face upvotes + w_stars × stars a day (its code, this week)
//   score  = log2(1 + points) + (days from 1991-01-01 to the paper's latest listing day)
//
// This site's members come first: an upvote here counts 1; another community's upvote w_hf (½ by default), a star a
// day on the paper's code w_stars (⅕: a repository gaining 50 stars a day is worth 10 upvotes). A fresh install, with
// no members yet, is ordered by the signals from elsewhere.
//
// The log-plus-linear form is Reddit's "hot": one doubling of (1 + points) is worth one day of freshness.
// Its point is that the order of two papers never changes while nothing happens to them, so the score is
// computed once per event (a vote, a comment, a listing), stored in an indexed column, and no job has to
// re-score the corpus as time passes — unlike Hacker News' (P − 1) / (T + 2)^1.8, which moves every minute.

import { dayOf } from './paper.ts';

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
  /** Upvotes on Hugging Face's daily papers (0 when it never featured the paper). */
  hfUpvotes?: number;
  /** Stars a day over the last week on the paper's main repository (code/code.ts). */
  starsPerDay?: number;
  /** The latest day the paper was listed here (`YYYY-MM-DD`); null for a paper never listed. */
  listedDay: string | null;
  /** A demo paper: its upvotes from elsewhere are the demo's, and are named so. */
  demo?: boolean;
}

/** How much a signal from elsewhere counts against one upvote here (TRENDING_HF_WEIGHT, TRENDING_STARS_WEIGHT). */
export interface TrendingWeights {
  hfUpvote: number;
  starPerDay: number;
}

export const DEFAULT_TRENDING_WEIGHTS: TrendingWeights = { hfUpvote: 0.5, starPerDay: 0.2 };

/** Each signal's points, in the order the "why" line names them. */
function contributions(inputs: TrendingInputs, weights: TrendingWeights) {
  return {
    upvotes: Math.max(0, inputs.upvotes),
    commenters: COMMENTER_WEIGHT * Math.max(0, inputs.commenters),
    hfUpvotes: weights.hfUpvote * Math.max(0, inputs.hfUpvotes ?? 0),
    stars: weights.starPerDay * Math.max(0, inputs.starsPerDay ?? 0),
  };
}

export function trendingPoints(inputs: TrendingInputs, weights: TrendingWeights = DEFAULT_TRENDING_WEIGHTS): number {
  const c = contributions(inputs, weights);
  return c.upvotes + c.commenters + c.hfUpvotes + c.stars;
}

function daysSinceEpoch(day: string): number {
  return (Date.parse(`${day}T00:00:00Z`) - Date.parse(`${TRENDING_EPOCH}T00:00:00Z`)) / DAY_MS;
}

/** The score without its freshness term: how much interest, in days. A period's listing is ordered by it. */
export function trendingInterest(inputs: TrendingInputs, weights: TrendingWeights = DEFAULT_TRENDING_WEIGHTS): number {
  return Math.log2(1 + trendingPoints(inputs, weights)) * DOUBLING_DAYS;
}

export function trendingScore(inputs: TrendingInputs, weights: TrendingWeights = DEFAULT_TRENDING_WEIGHTS): number {
  const interest = trendingInterest(inputs, weights);
  return inputs.listedDay ? interest + daysSinceEpoch(inputs.listedDay) : interest;
}

export interface TrendingExplanation {
  points: number;
  /** log2(1 + points): the days of freshness the interest is worth. */
  interestDays: number;
  /** Whole days between the listing and `now`. */
  ageDays: number | null;
  /** The formula with its numbers: each signal, its weight and share. */
  text: string;
  /** The same in a reader's words: "+1,750 ★ this week · 3 upvotes · listed 2 days ago". */
  plain: string;
}

const share = (part: number, whole: number) => `${Math.round((part / whole) * 100)}%`;

/** Why a paper ranks where it does, in words a reader follows: each signal, what it counts, its share. */
export function explainTrending(inputs: TrendingInputs, now: Date, weights: TrendingWeights = DEFAULT_TRENDING_WEIGHTS): TrendingExplanation {
  const c = contributions(inputs, weights);
  const points = c.upvotes + c.commenters + c.hfUpvotes + c.stars;
  const interestDays = Math.log2(1 + points) * DOUBLING_DAYS;
  const ageDays = inputs.listedDay ? Math.max(0, Math.round(daysSinceEpoch(dayOf(now.toISOString())) - daysSinceEpoch(inputs.listedDay))) : null;
  const of = (part: number) => (points > 0 && part < points ? ` [${share(part, points)}]` : '');
  const parts = [`${inputs.upvotes} ${inputs.upvotes === 1 ? 'upvote' : 'upvotes'}${of(c.upvotes)}`];
  if (inputs.commenters > 0) parts.push(`${inputs.commenters} ${inputs.commenters === 1 ? 'commenter' : 'commenters'} (½ each)${of(c.commenters)}`);
  const elsewhere = inputs.demo ? 'demo' : 'Hugging Face';
  if ((inputs.hfUpvotes ?? 0) > 0) parts.push(`${inputs.hfUpvotes} ${elsewhere} upvotes (${formatNumber(weights.hfUpvote)} each)${of(c.hfUpvotes)}`);
  if ((inputs.starsPerDay ?? 0) > 0) parts.push(`${formatNumber(inputs.starsPerDay ?? 0)} stars a day on its code (${formatNumber(weights.starPerDay)} each)${of(c.stars)}`);
  const age = ageDays === null ? 'never listed' : ageDays === 0 ? 'listed today' : `listed ${ageDays} ${ageDays === 1 ? 'day' : 'days'} ago`;
  const text = `${parts.join(' + ')} = ${formatNumber(points)} ${points === 1 ? 'point' : 'points'}, worth ${formatNumber(interestDays)} ${interestDays === 1 ? 'day' : 'days'} of freshness; ${age}.`;
  return { points, interestDays, ageDays, text, plain: plainWhy(inputs, elsewhere, age) };
}

const count = (n: number, one: string, many: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** The signals a reader weighs at a glance, biggest news first; the formula stays one click away. */
function plainWhy(inputs: TrendingInputs, elsewhere: string, age: string): string {
  const parts: string[] = [];
  const weekStars = Math.round(Math.max(0, inputs.starsPerDay ?? 0) * 7);
  if (weekStars > 0) parts.push(`+${weekStars.toLocaleString('en-US')} ★ this week`);
  // Signals at zero say nothing: "+120 ★ this week · listed today", not "0 upvotes · …".
  if (inputs.upvotes > 0) parts.push(count(inputs.upvotes, 'upvote', 'upvotes'));
  if ((inputs.hfUpvotes ?? 0) > 0) parts.push(count(inputs.hfUpvotes ?? 0, `${elsewhere} upvote`, `${elsewhere} upvotes`));
  if (inputs.commenters > 0) parts.push(count(inputs.commenters, 'commenter', 'commenters'));
  parts.push(age);
  return parts.join(' · ');
}

function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2);
}
